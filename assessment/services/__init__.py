"""Writes of the assessment stage, one module per part: rubric, questionnaire, panels and
scoring, selection."""
