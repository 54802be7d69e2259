"""Writes of the candidates app: regions, indicator imports, screening and the candidacy's
status (one module each)."""

from .candidacy import CandidateMoveError, candidate_move, candidates_invite, candidates_move
from .indicators import ImportSummary, IndicatorImportError, ReplaceRequired, indicators_import
from .screening import (
    ScreeningError,
    ScreeningInputs,
    WhatIf,
    round_ensure_open,
    round_weights,
    screening_inputs,
    screening_round_for_cohort,
    screening_round_update,
    screening_run,
    screening_what_if,
    shortlist_confirm,
    shortlist_confirmation,
    shortlist_may_confirm,
)

__all__ = [
    "CandidateMoveError",
    "ImportSummary",
    "IndicatorImportError",
    "ReplaceRequired",
    "ScreeningError",
    "ScreeningInputs",
    "WhatIf",
    "candidate_move",
    "candidates_invite",
    "candidates_move",
    "indicators_import",
    "round_ensure_open",
    "round_weights",
    "screening_inputs",
    "screening_round_for_cohort",
    "screening_round_update",
    "screening_run",
    "screening_what_if",
    "shortlist_confirm",
    "shortlist_confirmation",
    "shortlist_may_confirm",
]
