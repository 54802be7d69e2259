"""Views of the master plan: authoring (filled in by its feature)."""

urlpatterns = []
