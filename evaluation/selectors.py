"""Reads of evaluation results for pages and exports, in a fixed number of queries.

Every function takes the queryset of results the reader may see (`access.results_visible_to`
or `published.published_results`), so the change against the previous year never compares
with a cycle the reader may not see."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery

from . import method
from .models import Result

BANDS = ((0, 1), (1, 2), (2, 3), (3, 4), (4, 5))


def with_previous(results, visible):
    """`results` annotated with `previous_index` and `previous_year`: the same region's result
    in the latest earlier cycle among `visible`."""
    earlier = visible.filter(
        region_id=OuterRef("region_id"), cycle__year__lt=OuterRef("cycle__year")
    ).order_by("-cycle__year")
    return results.annotate(
        previous_index=Subquery(earlier.values("index")[:1]),
        previous_year=Subquery(earlier.values("cycle__year")[:1]),
    )


def cycle_results(cycle, visible) -> list[Result]:
    """A cycle's results in rank order, each with its previous index and `change`. One query."""
    rows = list(
        with_previous(visible.filter(cycle=cycle), visible).order_by(
            "rank_national", "region__code"
        )
    )
    for r in rows:
        r.change = method.change(r.index, r.previous_index)
    return rows


def award_candidates(results: list[Result], n: int) -> list[tuple[str, list[tuple]]]:
    """Per dimension (label, [(result, its score)] of the top `n` by that dimension's
    score), no query."""
    from .models import Dimension

    by_pk = {r.pk: r for r in results}
    chosen = method.award_candidates(((r.pk, r.dimensions) for r in results), n)
    return [
        (Dimension(dim).label, [(by_pk[pk], by_pk[pk].dimensions[dim]) for pk in chosen[dim]])
        for dim in method.DIMENSIONS
    ]


@dataclass
class RankCounts:
    national: int
    province: int
    cohort: int


def rank_counts(result: Result) -> RankCounts:
    """Out of how many each rank of `result` is. One query."""
    counts = Result.objects.filter(cycle_id=result.cycle_id).aggregate(
        national=Count("pk"),
        province=Count("pk", filter=Q(region__province_id=result.region.province_id)),
        cohort=Count("pk", filter=Q(cohort_id=result.cohort_id))
        if result.cohort_id
        else Count(None),
    )
    return RankCounts(**counts)


def region_history(region, visible) -> list[Result]:
    """The region's results across years, oldest first, each with `change`. One query."""
    rows = list(visible.filter(region=region).order_by("cycle__year"))
    previous = None
    for r in rows:
        r.change = method.change(r.index, previous)
        previous = r.index
    return rows


@dataclass
class YearSpread:
    year: int
    status: str
    count: int
    minimum: Decimal | None
    median: Decimal | None
    mean: Decimal | None
    maximum: Decimal | None
    bands: list[int]


def distribution(visible) -> list[YearSpread]:
    """The national distribution of the index per year: count, min, median, mean, max and the
    count in each one-point band (4–5 includes 5). One query."""
    by_year: dict[int, list[Decimal]] = {}
    status: dict[int, str] = {}
    for year, cycle_status, value in visible.order_by("cycle__year").values_list(
        "cycle__year", "cycle__status", "index"
    ):
        by_year.setdefault(year, []).append(value)
        status[year] = cycle_status
    spreads = []
    for year, values in by_year.items():
        bands = [
            sum(1 for v in values if low <= v < high or (high == 5 and v == 5))
            for low, high in BANDS
        ]
        spreads.append(
            YearSpread(
                year=year,
                status=status[year],
                count=len(values),
                minimum=min(values),
                median=statistics.median(values),
                mean=method.keep(sum(values) / len(values)),
                maximum=max(values),
                bands=bands,
            )
        )
    return spreads
