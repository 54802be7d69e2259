"""Master plans, their versions, reviews and PDFs (see the master-plan issue)."""
