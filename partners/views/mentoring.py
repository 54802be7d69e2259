"""Placeholder: being written."""

urlpatterns = []
