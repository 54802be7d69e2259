"""Reads of the screening across cohorts, for the pages above the stages (the national
dashboard). Not permission-aware: callers are staff pages that checked the role already."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import OuterRef, Subquery

from .models import ScreeningResult, ScreeningRound, ScreeningRun


class ScreeningLine(NamedTuple):
    """A region's line in the screening of record of one cohort."""

    region_code: str
    cohort_year: int
    run_id: int
    status: str  # ScreeningResult.Status
    rank: int | None
    composite_score: float | None
    confirmed: bool  # from the run whose shortlist was confirmed (what was published)

    @property
    def status_label(self) -> str:
        return ScreeningResult.Status(self.status).label


def runs_of_record(*, cohort_years=None) -> dict[int, tuple[int, bool]]:
    """Each cohort's screening as it stands, as `{run id: (cohort year, confirmed)}`: the run
    whose shortlist was confirmed, or while none is, the latest run. One query."""
    latest = ScreeningRun.objects.filter(round=OuterRef("pk")).order_by("-number").values("pk")
    rounds = ScreeningRound.objects.annotate(latest_run=Subquery(latest[:1]))
    if cohort_years is not None:
        rounds = rounds.filter(cohort__year__in=cohort_years)
    runs = {}
    for year, confirmed, latest_run in rounds.values_list(
        "cohort__year", "confirmed_run_id", "latest_run"
    ):
        if confirmed or latest_run:
            runs[confirmed or latest_run] = (year, confirmed is not None)
    return runs


def screening_lines(*, cohort_years=None, region=None) -> list[ScreeningLine]:
    """Every region's line in each cohort's screening of record (see `runs_of_record`), oldest
    cohort first; only `region`'s when given. Two queries however many regions and cohorts."""
    runs = runs_of_record(cohort_years=cohort_years)
    if not runs:
        return []
    results = ScreeningResult.objects.filter(run_id__in=runs).order_by()
    if region is not None:
        results = results.filter(region=region)
    lines = [
        ScreeningLine(code, runs[run_id][0], run_id, status, rank, score, runs[run_id][1])
        for code, run_id, status, rank, score in results.values_list(
            "region__code", "run_id", "status", "rank", "composite_score"
        )
    ]
    lines.sort(key=lambda line: (line.cohort_year, line.region_code))
    return lines
