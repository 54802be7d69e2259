"""Views of the master plan: pdf (filled in by its feature)."""

urlpatterns = []
