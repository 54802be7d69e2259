"""Reads of the assessment across cohorts, for the pages above the stages (the national
dashboard). Not permission-aware: callers are staff pages that checked the role already.
A cohort's full results page is `services.results.cohort_results`; this gives the panel means
of many cohorts at once, by the same method (`aggregation.aggregate`, counted sheets only)."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from . import aggregation
from .models import Criterion, Score, ScoreSheet


class PanelScore(NamedTuple):
    """A candidate's raw panel mean (0–100) and its rank in its cohort (1 = best)."""

    candidate_id: int
    cohort_id: int
    mean: float
    rank: int


def panel_scores(*, cohort_ids=None) -> dict[int, PanelScore]:
    """The ranked candidates of the given cohorts (every cohort when None) by candidate id.

    Candidates without a counted sheet are absent. Two queries whatever the number of cohorts
    and candidates: every rubric's criteria, and every counted score as a plain tuple.
    """
    criteria_rows = Criterion.objects.order_by()
    scores = Score.objects.filter(sheet__status=ScoreSheet.Status.SUBMITTED)
    if cohort_ids is not None:
        criteria_rows = criteria_rows.filter(rubric__cohort_id__in=cohort_ids)
        scores = scores.filter(sheet__seat__candidate__cohort_id__in=cohort_ids)
    criteria: dict[int, dict[int, aggregation.Criterion]] = defaultdict(dict)
    margins: dict[int, float] = {}
    for cohort_id, pk, weight, margin in criteria_rows.values_list(
        "rubric__cohort_id", "id", "weight", "rubric__disagreement_margin"
    ):
        criteria[cohort_id][pk] = aggregation.Criterion(pk, weight)
        margins[cohort_id] = margin
    by_cohort: dict[int, list[aggregation.Score]] = defaultdict(list)
    for cohort_id, candidate_id, assessor_id, criterion_id, value in scores.values_list(
        "sheet__seat__candidate__cohort_id",
        "sheet__seat__candidate_id",
        "sheet__seat__assessor_id",
        "criterion_id",
        "value",
    ):
        # Only the cohort's own rubric counts, as on its results page.
        if criterion_id in criteria[cohort_id]:
            by_cohort[cohort_id].append(
                aggregation.Score(candidate_id, assessor_id, criterion_id, value)
            )
    result = {}
    for cohort_id, cohort_scores in by_cohort.items():
        for row in aggregation.aggregate(
            cohort_scores, criteria[cohort_id], margin=margins[cohort_id]
        ):
            if row.rank is not None:
                result[row.candidate_id] = PanelScore(
                    row.candidate_id, cohort_id, row.mean, row.rank
                )
    return result
