"""Money: the planned budgets of approved master plans (approved by Kominfo or enacted), by
dimension, by year and by funding source, per inhabitant, with the largest programmes.

An approved plan can no longer be edited (`Plan.EDITABLE`), so its programmes are the approved
version's. Budgets are whole Rupiah, summed by the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from masterplan.models import Dimension, Plan, Programme, ProgrammeBudget

from .regions import Place, Scope

TOP_PROGRAMMES = 10


@dataclass
class RegionBudget:
    place: Place
    plan_id: int
    total: int = 0

    @property
    def per_inhabitant(self) -> float | None:
        return self.total / self.place.population if self.place.population else None


@dataclass
class Money:
    by_dimension: list[tuple[Dimension, int]]
    by_year: list[tuple[int, int]]
    by_source: list[tuple[str, str, int]]  # (funding key, label, amount)
    regions: list[RegionBudget]
    top: list = field(default_factory=list)  # Programme with `total`, region and dimension

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.by_year)

    @property
    def population(self) -> int:
        """People living in the regions whose plans are counted (those the profile knows)."""
        return sum(r.place.population or 0 for r in self.regions)

    @property
    def per_inhabitant(self) -> float | None:
        return self.total / self.population if self.population else None

    @property
    def plan_count(self) -> int:
        return len(self.regions)


def approved_plans(scope: Scope, places: dict[str, Place]):
    """The approved (or enacted) plans of `scope`, as a queryset."""
    plans = Plan.objects.filter(status__in=Plan.APPROVED_STATES)
    if scope.cohort_year is not None:
        plans = plans.filter(candidate__cohort__year=scope.cohort_year)
    if scope.regional:
        codes = [code for code, place in places.items() if scope.admits(place)]
        plans = plans.filter(candidate__region__code__in=codes)
    return plans


def money(*, scope: Scope, places: dict[str, Place]) -> Money:
    """The budgets of the approved plans in `scope`. Three queries: the budgets summed by
    region, dimension, source and year; the dimensions; the largest programmes."""
    plans = approved_plans(scope, places)
    sums = (
        ProgrammeBudget.objects.filter(programme__plan__in=plans)
        .values_list(
            "programme__plan__candidate__region__code",
            "programme__plan_id",
            "programme__dimension_id",
            "programme__funding_source",
            "year",
        )
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    by_dimension: dict[int, int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    by_source: dict[str, int] = defaultdict(int)
    regions: dict[str, RegionBudget] = {}
    for code, plan_id, dimension_id, source, year, amount in sums:
        by_dimension[dimension_id] += amount
        by_year[year] += amount
        by_source[source] += amount
        place = places.get(code)
        if place is not None:
            region = regions.setdefault(code, RegionBudget(place, plan_id))
            region.total += amount
    top = list(
        Programme.objects.filter(plan__in=plans)
        .annotate(total=Sum("budgets__amount"))
        .filter(total__gt=0)
        .select_related("plan__candidate__region", "plan__candidate__cohort", "dimension")
        .only(
            "pk",
            "name",
            "funding_source",
            "plan__candidate__region__code",
            "plan__candidate__region__name",
            "plan__candidate__cohort__year",
            "dimension__name",
        )
        .order_by("-total", "pk")[:TOP_PROGRAMMES]
    )
    return Money(
        by_dimension=[(d, by_dimension.get(d.pk, 0)) for d in Dimension.objects.order_by("order")],
        # Every year from the first to the last, a year without budget included: a time axis.
        by_year=[(y, by_year.get(y, 0)) for y in range(min(by_year), max(by_year) + 1)]
        if by_year
        else [],
        by_source=[(key, label, by_source.get(key, 0)) for key, label in Programme.Funding.choices],
        regions=sorted(regions.values(), key=lambda r: (-r.total, r.place.code)),
        top=top,
    )
