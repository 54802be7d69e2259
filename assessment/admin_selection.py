"""Admin for selection decisions: read-only records."""
