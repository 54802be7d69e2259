"""Writing the plan through its services: what a programme must satisfy, and who may write when."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from masterplan.models import Dimension, Element, Plan, Programme, ProgrammeBudget, ReviewComment
from masterplan.services.authoring import (
    ProgrammeInvalid,
    plan_update,
    programme_delete,
    programme_save,
    strategies_save,
)
from masterplan.services.workflow import WorkflowError, plan_submit
from tests.masterplan.helpers import full_plan

pytestmark = pytest.mark.django_db


def values(plan, **changes):
    dimension = Dimension.objects.get(code=changes.pop("dimension_code", "governance"))
    result = {
        "name": "Mal Pelayanan Publik Digital",
        "description": "Satu pintu layanan perizinan.",
        "dimension": dimension,
        "element": dimension.elements.first(),
        "start_year": plan.start_year,
        "end_year": plan.start_year + 2,
        "funding_source": Programme.Funding.APBD,
        "agency": "DPMPTSP",
        "kpi": "Izin terbit daring",
        "kpi_unit": "persen",
        "kpi_baseline": Decimal("10"),
        "kpi_target": Decimal("90"),
        "is_quick_win": False,
    }
    result.update(changes)
    return result


def quick_win(**changes):
    result = {
        "is_quick_win": True,
        "quick_win_months": 9,
        "quick_win_impact": "Izin terbit dalam satu hari.",
        "quick_win_service": "Perizinan",
    }
    result.update(changes)
    return result


@pytest.fixture
def plan(world):
    return full_plan(world)


def saved_budgets(programme):
    return dict(ProgrammeBudget.objects.filter(programme=programme).values_list("year", "amount"))


def test_a_programme_is_saved_with_its_budget_per_year(world, plan):
    y = plan.start_year
    programme = programme_save(
        plan=plan,
        by=world.official,
        values=values(plan),
        budgets={y: 1_000_000, y + 1: None, y + 2: 2_500_000},
    )
    assert programme.plan == plan and programme.name == "Mal Pelayanan Publik Digital"
    assert saved_budgets(programme) == {y: 1_000_000, y + 2: 2_500_000}


def test_editing_a_programme_replaces_its_budgets(world, plan):
    y = plan.start_year
    programme = programme_save(
        plan=plan, by=world.official, values=values(plan), budgets={y: 1, y + 1: 2}
    )
    programme_save(
        plan=plan,
        by=world.official,
        values=values(plan, name="MPP Digital"),
        budgets={y + 1: 5, y + 2: 7},
        programme=programme,
    )
    programme.refresh_from_db()
    assert programme.name == "MPP Digital"
    assert saved_budgets(programme) == {y + 1: 5, y + 2: 7}


def refused(plan, by, problem, **kwargs):
    count = Programme.objects.count()
    with pytest.raises(ProgrammeInvalid) as caught:
        programme_save(plan=plan, by=by, **kwargs)
    assert any(problem in message for message in caught.value.problems), caught.value.problems
    assert Programme.objects.count() == count
    return caught.value


def test_a_programme_must_lie_inside_the_plans_horizon(world, plan):
    refused(
        plan,
        world.official,
        "di dalam jangka waktu masterplan",
        values=values(plan, end_year=plan.end_year + 1),
        budgets={},
    )
    refused(
        plan,
        world.official,
        "di dalam jangka waktu masterplan",
        values=values(plan, start_year=plan.start_year - 1),
        budgets={},
    )


def test_a_programme_cannot_end_before_it_starts(world, plan):
    refused(
        plan,
        world.official,
        "Tahun selesai tidak boleh sebelum tahun mulai",
        values=values(plan, start_year=plan.start_year + 2, end_year=plan.start_year + 1),
        budgets={},
    )


def test_a_budget_cannot_be_negative(world, plan):
    refused(
        plan,
        world.official,
        "tidak boleh negatif",
        values=values(plan),
        budgets={plan.start_year: -1},
    )


def test_a_budget_must_fall_in_the_programmes_own_years(world, plan):
    error = refused(
        plan,
        world.official,
        f"Anggaran tahun {plan.start_year + 3} di luar tahun pelaksanaan program",
        values=values(plan),
        budgets={plan.start_year: 1, plan.start_year + 3: 1},
    )
    assert len(error.problems) == 1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"quick_win_months": None}, "6 sampai 12 bulan"),
        ({"quick_win_months": 13}, "6 sampai 12 bulan"),
        ({"quick_win_months": 3}, "6 sampai 12 bulan"),
        ({"quick_win_impact": ""}, "dampak yang diharapkan"),
        ({"quick_win_service": ""}, "layanan yang dipertajam"),
    ],
)
def test_a_quick_win_needs_a_short_timeline_an_impact_and_a_service(world, plan, changes, problem):
    refused(
        plan,
        world.official,
        problem,
        values=values(plan, **quick_win(**changes)),
        budgets={},
    )


def test_a_programme_that_is_no_quick_win_keeps_no_quick_win_timeline(world, plan):
    programme = programme_save(
        plan=plan,
        by=world.official,
        values=values(plan, quick_win_months=9),
        budgets={},
    )
    assert programme.quick_win_months is None and not programme.is_quick_win


def test_a_complete_quick_win_is_saved(world, plan):
    programme = programme_save(
        plan=plan, by=world.official, values=values(plan, **quick_win()), budgets={}
    )
    assert programme.is_quick_win and programme.quick_win_months == 9


def test_an_element_must_belong_to_the_chosen_dimension(world, plan):
    elsewhere = Element.objects.exclude(dimension__code="governance").first()
    refused(
        plan,
        world.official,
        "Elemen tidak termasuk dimensi",
        values=values(plan, element=elsewhere),
        budgets={},
    )


def submitted(world, plan):
    return plan_submit(plan=plan, by=world.official)


def test_nothing_is_written_once_the_plan_is_submitted(world, plan):
    plan = submitted(world, plan)
    programme = plan.programmes.first()
    with pytest.raises(WorkflowError, match="tidak dapat diubah"):
        programme_save(plan=plan, by=world.official, values=values(plan), budgets={})
    with pytest.raises(WorkflowError, match="tidak dapat diubah"):
        programme_delete(plan=plan, by=world.official, programme=programme)
    with pytest.raises(WorkflowError, match="tidak dapat diubah"):
        plan_update(plan=plan, by=world.official, vision="Visi baru.")
    with pytest.raises(WorkflowError, match="tidak dapat diubah"):
        strategies_save(plan=plan, by=world.official, texts={programme.dimension_id: "Baru."})
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert Plan.objects.get(pk=plan.pk).vision == "Isi vision."


@pytest.mark.parametrize("who", ["other_official", "mentor", "other_mentor", "staff", "partner"])
def test_only_the_regions_official_writes(world, plan, who):
    user = getattr(world, who)
    with pytest.raises(WorkflowError, match="Hanya pejabat daerah ini"):
        programme_save(plan=plan, by=user, values=values(plan), budgets={})
    with pytest.raises(WorkflowError, match="Hanya pejabat daerah ini"):
        plan_update(plan=plan, by=user, vision="Visi lain.")
    with pytest.raises(WorkflowError, match="Hanya pejabat daerah ini"):
        programme_delete(plan=plan, by=user, programme=plan.programmes.first())
    assert plan.programmes.count() == 6


def test_a_programme_of_another_plan_is_not_touched(world, plan):
    other = full_plan(world, region=world.other_region)
    foreign = other.programmes.first()
    with pytest.raises(WorkflowError, match="bukan bagian"):
        programme_save(
            plan=plan, by=world.official, values=values(plan), budgets={}, programme=foreign
        )
    with pytest.raises(WorkflowError, match="bukan bagian"):
        programme_delete(plan=plan, by=world.official, programme=foreign)
    assert Programme.objects.filter(pk=foreign.pk).exists()


def test_the_header_and_text_sections_are_saved(world, plan):
    plan_update(
        plan=plan,
        by=world.official,
        title="Sukoharjo Makmur Cerdas",
        horizon_years=7,
        vision="Sukoharjo cerdas 2030.",
    )
    plan.refresh_from_db()
    assert (plan.title, plan.horizon_years, plan.vision) == (
        "Sukoharjo Makmur Cerdas",
        7,
        "Sukoharjo cerdas 2030.",
    )
    assert plan.updated_by == world.official


def test_a_horizon_outside_5_to_10_years_is_refused(world, plan):
    with pytest.raises(ValidationError):
        plan_update(plan=plan, by=world.official, horizon_years=11)
    assert Plan.objects.get(pk=plan.pk).horizon_years == 5


def test_strategies_are_saved_per_dimension(world, plan):
    dimension = Dimension.objects.get(code="economy")
    strategies_save(plan=plan, by=world.official, texts={dimension.pk: "  Ekonomi digital.  "})
    assert plan.strategies.get(dimension=dimension).text == "Ekonomi digital."


def test_a_removed_programme_leaves_its_name_on_review_comments(world, plan):
    programme = plan.programmes.first()
    comment = ReviewComment.objects.create(
        plan=plan, programme=programme, author=world.mentor, body="Perjelas KPI."
    )
    programme_delete(plan=plan, by=world.official, programme=programme)
    comment.refresh_from_db()
    assert comment.programme is None and comment.programme_name == programme.name
