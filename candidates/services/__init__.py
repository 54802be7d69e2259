"""Writes of the candidates app: regions, indicator imports and screening (one module each)."""

from .indicators import ImportSummary, IndicatorImportError, ReplaceRequired, indicators_import
from .screening import (
    ScreeningError,
    ScreeningInputs,
    WhatIf,
    round_weights,
    screening_inputs,
    screening_round_for_cohort,
    screening_round_update,
    screening_run,
    screening_what_if,
    shortlist_confirm,
)

__all__ = [
    "ImportSummary",
    "IndicatorImportError",
    "ReplaceRequired",
    "ScreeningError",
    "ScreeningInputs",
    "WhatIf",
    "indicators_import",
    "round_weights",
    "screening_inputs",
    "screening_round_for_cohort",
    "screening_round_update",
    "screening_run",
    "screening_what_if",
    "shortlist_confirm",
]
