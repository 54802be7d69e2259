"""Money: the budgets of approved (or enacted) plans only, by dimension, year and source, per
inhabitant, and the largest programmes."""

import pytest

from dashboard.money import money
from dashboard.regions import Scope, places
from masterplan.models import Dimension
from smartcity.profile import population_of
from tests.dashboard.builders import Expected, build_cohort

pytestmark = pytest.mark.django_db


def test_only_approved_and_enacted_plans_count(world):
    build_cohort(world.staff)
    found = money(scope=Scope(), places=places())
    assert found.total == Expected().money_total  # the submitted plan's 2 × 999 M is left out
    assert found.plan_count == 2


def test_budgets_by_dimension_year_and_source(world):
    build_cohort(world.staff)
    found = money(scope=Scope(), places=places())
    first, second = Dimension.objects.order_by("order")[:2]
    by_dimension = {d.pk: amount for d, amount in found.by_dimension}
    assert by_dimension[first.pk] == 2 * 100_000_000 + 2 * 30_000_000
    assert by_dimension[second.pk] == 2 * 50_000_000
    assert len(found.by_dimension) == 6  # every dimension, with zero where nothing is planned
    assert found.by_year == [(2019, 180_000_000), (2020, 180_000_000)]
    assert [(key, amount) for key, _label, amount in found.by_source] == [
        ("apbd", 200_000_000),
        ("apbn", 0),
        ("kpbu", 100_000_000),
        ("csr", 60_000_000),
        ("other", 0),
    ]


def test_per_inhabitant_divides_by_the_people_of_the_regions_counted(world):
    built = build_cohort(world.staff)
    found = money(scope=Scope(), places=places())
    people = sum(
        population_of(built.plans[state].candidate.region.code) for state in ("approved", "enacted")
    )
    assert found.population == people
    assert found.per_inhabitant == Expected().money_total / people
    region = {r.place.code: r for r in found.regions}[built.plans["approved"].candidate.region.code]
    assert region.total == 300_000_000


def test_the_largest_programmes_come_first(world):
    build_cohort(world.staff)
    found = money(scope=Scope(), places=places())
    assert [(p.name, p.total) for p in found.top] == [
        ("Program A", 200_000_000),
        ("Program B", 100_000_000),
        ("Program C", 60_000_000),
    ]


def test_a_province_and_a_cohort_narrow_the_money(world):
    build_cohort(world.staff)
    assert money(scope=Scope(province="73"), places=places()).total == 0
    assert money(scope=Scope(province="33"), places=places()).total == Expected().money_total
    assert money(scope=Scope(cohort_year=2017), places=places()).total == 0
