"""What each page of the national dashboard shows for one scope, each built in a fixed number
of queries whatever the number of regions and cohorts (pinned in
tests/dashboard/test_dashboard_queries.py).

The dashboard has three pages sharing one filter: the summary (the staff home: the funnel, the
quick wins, what needs attention, and the headline of the other two), pemerataan, and money.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Sum

from candidates.models import Cohort
from masterplan.models import ProgrammeBudget
from masterplan.services.followup import quick_wins_visible_to

from . import attention, funnel, money, pemerataan
from .regions import Place, Scope


def cohorts() -> dict[int, attention.CohortDates]:
    """Every cohort by year, oldest first, with its questionnaire deadline and whether its
    selection is decided. One query."""
    rows = Cohort.objects.order_by("year").values_list(
        "year", "questionnaire_deadline", "selection__id"
    )
    return {
        year: attention.CohortDates(year, deadline, selection is not None)
        for year, deadline, selection in rows
    }


@dataclass
class Progress:
    """The funnel and the quick wins: what the summary's first section and its tables show."""

    scope: Scope
    cohort_years: list[int]  # every cohort, oldest first
    tracks: list[funnel.Track]
    steps: list[funnel.Step]
    quick_wins: list[funnel.QuickWin]

    @property
    def shown_years(self) -> list[int]:
        """The cohorts that get a column of their own: all of them when none is chosen."""
        return self.cohort_years if self.scope.cohort_year is None else []

    @property
    def quick_win_counts(self) -> dict[funnel.QuickWinState, int]:
        return funnel.quick_win_counts(self.quick_wins)


def progress(user, *, scope: Scope, years: list[int], places: dict[str, Place]) -> Progress:
    """The funnel and quick wins of `scope`. Eight queries for the funnel, one for quick wins."""
    tracks = funnel.tracks(places=places, scope=scope)
    return Progress(
        scope=scope,
        cohort_years=years,
        tracks=tracks,
        steps=funnel.funnel(tracks, cohort_years=years if scope.cohort_year is None else []),
        quick_wins=funnel.quick_wins(quick_wins_visible_to(user), places=places, scope=scope),
    )


@dataclass
class Summary:
    """The staff home: progress, the worklist, and the headlines of the other pages."""

    progress: Progress
    worklists: list[attention.Worklist]
    spread: pemerataan.Spread
    budget_total: int
    extra: dict = field(default_factory=dict)

    @property
    def attention_count(self) -> int:
        return sum(len(w.items) for w in self.worklists)


def summary(
    user,
    *,
    scope: Scope,
    cohorts: dict[int, attention.CohortDates],
    places: dict[str, Place],
    now=None,
):
    """The staff home for `scope`. Queries: funnel 8, quick wins 1, failed PDFs 1, budget 1."""
    found = progress(user, scope=scope, years=list(cohorts), places=places)
    base = [place for place in places.values() if scope.admits(place)]
    return Summary(
        progress=found,
        worklists=attention.worklists(
            tracks=found.tracks,
            cohorts=cohorts,
            quick_wins=found.quick_wins,
            scope=scope,
            places=places,
            now=now,
        ),
        spread=pemerataan.spread(base=base, tracks=found.tracks),
        budget_total=ProgrammeBudget.objects.filter(
            programme__plan__in=money.approved_plans(scope, places)
        ).aggregate(total=Sum("amount"))["total"]
        or 0,
    )


def spread(*, scope: Scope, places: dict[str, Place]) -> pemerataan.Spread:
    """The pemerataan page for `scope`: the funnel's tracks (eight queries) spread over the
    kab/kota of the scope."""
    base = [place for place in places.values() if scope.admits(place)]
    return pemerataan.spread(base=base, tracks=funnel.tracks(places=places, scope=scope))
