"""Admin of the assessment stage (rubric, sessions, panels, conflict register)."""

from . import admin_selection  # noqa: F401 — registers the selection admin
