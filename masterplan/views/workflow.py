"""Views of the master plan: workflow (filled in by its feature)."""

urlpatterns = []
