"""Everything the national dashboard shows for one scope, built in a fixed number of queries
whatever the number of regions and cohorts (pinned in tests/dashboard/test_dashboard_queries)."""

from __future__ import annotations

from dataclasses import dataclass

from candidates.models import Cohort
from masterplan.services.followup import quick_wins_visible_to

from . import attention, funnel, money, pemerataan
from .regions import Place, Scope, places


@dataclass
class Overview:
    scope: Scope
    cohort_years: list[int]  # every cohort, oldest first
    places: dict[str, Place]
    tracks: list[funnel.Track]
    steps: list[funnel.Step]
    quick_wins: list[funnel.QuickWin]
    spread: pemerataan.Spread
    money: money.Money
    worklists: list[attention.Worklist]

    @property
    def shown_years(self) -> list[int]:
        """The cohorts that get a column of their own: all of them when none is chosen."""
        return self.cohort_years if self.scope.cohort_year is None else []

    @property
    def quick_win_counts(self) -> dict[funnel.QuickWinState, int]:
        return funnel.quick_win_counts(self.quick_wins)

    @property
    def attention_count(self) -> int:
        return sum(len(w.items) for w in self.worklists)


def cohort_years() -> list[int]:
    return sorted(Cohort.objects.values_list("year", flat=True))


def overview(user, *, scope: Scope, years: list[int], all_places=None, now=None) -> Overview:
    """The dashboard for `scope`, as `user` (ministry staff) reads it. `years` are every
    cohort's (`cohort_years`); `all_places` the kab/kota (`regions.places`), when already read.

    Queries: regions 1, funnel 3, quick wins 1, budgets 3, worklist 7.
    """
    all_places = all_places if all_places is not None else places()
    tracks = funnel.tracks(places=all_places, scope=scope)
    quick_wins = funnel.quick_wins(quick_wins_visible_to(user), places=all_places, scope=scope)
    base = [place for place in all_places.values() if scope.admits(place)]
    return Overview(
        scope=scope,
        cohort_years=years,
        places=all_places,
        tracks=tracks,
        steps=funnel.funnel(tracks, cohort_years=years if scope.cohort_year is None else []),
        quick_wins=quick_wins,
        spread=pemerataan.spread(base=base, tracks=tracks),
        money=money.money(scope=scope, places=all_places),
        worklists=attention.worklists(
            scope=scope, places=all_places, quick_wins=quick_wins, now=now
        ),
    )
