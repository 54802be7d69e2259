"""The plan as data: the snapshot's shape, totals that are computed, checks and progress."""

import copy

import pytest

from masterplan.models import Dimension, Plan
from masterplan.snapshot import (
    plan_problems,
    plan_snapshot,
    progress,
    snapshot_sha256,
    totals,
)
from tests.masterplan.helpers import add_programme, full_plan

pytestmark = pytest.mark.django_db


def messages(problems, level):
    return [p.message for p in problems if p.level == level]


def test_a_full_plan_has_no_errors_and_every_section_done(world):
    data = plan_snapshot(full_plan(world))
    assert messages(plan_problems(data), "error") == []
    assert all(section.done for section in progress(data)) is False  # no Dewan/Tim yet
    assert [s.key for s in progress(data) if not s.done] == ["governance"]
    assert len(data["programmes"]) == 6
    assert {p["dimension"] for p in data["programmes"]} == {d.code for d in Dimension.objects.all()}


def test_the_snapshot_is_read_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    small = full_plan(world)
    big = full_plan(world, region=world.other_region, programmes_per_dimension=20)
    # dimensions, programme types, strategies, programmes with dimension, element and type,
    # their budgets, the region's bodies, their members (none here, so prefetching it costs
    # nothing); the regional profile is read from the committed file
    for plan in (small, big):
        with django_assert_num_queries(6):
            data = plan_snapshot(plan)
    assert len(data["programmes"]) == 120


def test_totals_add_up_by_year_source_and_dimension(world):
    plan = full_plan(world)
    governance = Dimension.objects.get(code="governance")
    add_programme(plan, governance, funding_source="kpbu", budget=1_250_000)
    data = plan_snapshot(plan)
    result = totals(data)
    # Six programmes of 100 million on each of the first two years, plus 1.25 million twice.
    assert result.by_year[plan.start_year] == 600_000_000 + 1_250_000
    assert result.by_year[plan.start_year + 2] == 0
    assert result.years == list(plan.years)
    assert result.by_source == {"apbd": 1_200_000_000, "kpbu": 2_500_000}
    assert result.by_dimension["governance"] == 200_000_000 + 2_500_000
    assert result.total == sum(result.by_year.values()) == 1_202_500_000


def test_fewer_than_three_quick_wins_is_an_error(world):
    plan = full_plan(world)
    plan.programmes.filter(is_quick_win=True).exclude(
        pk=plan.programmes.filter(is_quick_win=True).first().pk
    ).update(is_quick_win=False)
    errors = messages(plan_problems(plan_snapshot(plan)), "error")
    assert errors == ["Perlu sedikitnya 3 quick win sebelum diajukan (sekarang 1)."]


def test_a_dimension_without_programmes_is_a_warning_not_an_error(world):
    plan = full_plan(world)
    plan.programmes.filter(dimension__code="society").delete()
    problems = plan_problems(plan_snapshot(plan))
    assert messages(problems, "error") == []
    assert "Belum ada program untuk Smart Society." in messages(problems, "warning")


def test_programme_years_outside_the_horizon_are_errors(world):
    plan = full_plan(world)
    add_programme(plan, name="Terlalu jauh", start_year=plan.end_year, end_year=plan.end_year + 1)
    errors = messages(plan_problems(plan_snapshot(plan)), "error")
    assert errors == [
        f"Terlalu jauh: Tahun program harus di dalam jangka waktu masterplan "
        f"({plan.start_year}–{plan.end_year})."
    ]


def test_missing_vision_and_mission_are_errors(world):
    plan = full_plan(world)
    Plan.objects.filter(pk=plan.pk).update(vision="", mission=" ")
    plan.refresh_from_db()
    errors = messages(plan_problems(plan_snapshot(plan)), "error")
    assert errors == ["Visi belum diisi.", "Misi belum diisi."]


def test_the_checksum_follows_the_data_not_the_key_order(world):
    data = plan_snapshot(full_plan(world))
    reordered = copy.deepcopy(dict(reversed(list(data.items()))))
    assert snapshot_sha256(reordered) == snapshot_sha256(data)
    data["sections"]["vision"] += "!"
    assert snapshot_sha256(data) != snapshot_sha256(reordered)
