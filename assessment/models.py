"""Readiness assessment and selection (see the assessment issue)."""
