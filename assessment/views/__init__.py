"""Assessment pages, one module per part: questionnaire (regions), scoring (assessors),
results and selection (ministry staff)."""
