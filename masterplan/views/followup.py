"""Views of the master plan: followup (filled in by its feature)."""

urlpatterns = []
