"""Plans for master-plan tests: a full plan for the world's region, with its mentor assigned.

`full_plan(world)` gives Sukoharjo (the world's `region`) a plan that passes every check: all
six dimensions covered, budgets on every year, three quick wins, vision, mission, readiness and
strategies filled in. `world.mentor` is assigned to it; `world.other_mentor` is not.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from candidates.models import Candidate
from masterplan.models import Dimension, DimensionStrategy, Plan, Programme, ProgrammeBudget
from masterplan.services.workflow import plan_approve
from masterplan.snapshot import TEXT_KEYS
from partners.models import MentorAssignment
from tests.factories import CandidateFactory


def participant(world, region=None):
    """The region's candidacy in the world's cohort, in the programme."""
    return CandidateFactory(
        cohort=world.cohort, region=region or world.region, status=Candidate.Status.PARTICIPANT
    )


def assign(world, candidate, mentor=None):
    return MentorAssignment.objects.create(
        candidate=candidate, mentor=mentor or world.mentor, assigned_by=world.staff
    )


def add_programme(plan, dimension=None, *, name=None, quick_win=False, budget=100_000_000, **kw):
    """One programme over the plan's first two years, with a budget on each."""
    dimension = dimension or Dimension.objects.first()
    element = dimension.elements.first()
    values = {
        "name": name or f"Program {dimension.code} {plan.programmes.count() + 1}",
        "description": "Deskripsi program.",
        "dimension": dimension,
        "element": element,
        "start_year": plan.start_year,
        "end_year": plan.start_year + 1,
        "funding_source": Programme.Funding.APBD,
        "agency": "Diskominfo",
        "kpi": "Layanan daring",
        "kpi_unit": "layanan",
        "kpi_baseline": Decimal("2"),
        "kpi_target": Decimal("20"),
        "order": plan.programmes.count(),
    }
    if quick_win:
        values.update(
            is_quick_win=True,
            quick_win_months=9,
            quick_win_impact="Waktu layanan turun dari 5 hari menjadi 1 hari.",
            quick_win_service="Perizinan",
        )
    values.update(kw)
    programme = Programme.objects.create(plan=plan, **values)
    ProgrammeBudget.objects.bulk_create(
        ProgrammeBudget(programme=programme, year=year, amount=budget)
        for year in range(programme.start_year, programme.end_year + 1)
    )
    return programme


def full_plan(world, *, region=None, mentor=None, programmes_per_dimension=1) -> Plan:
    """A complete draft plan (see the module docstring), its mentor assigned."""
    candidate = participant(world, region)
    assign(world, candidate, mentor)
    plan = Plan.objects.create(
        candidate=candidate,
        start_year=world.cohort.year + 1,
        horizon_years=5,
        title="Masterplan Smart City",
        **{key: f"Isi {key}." for key in TEXT_KEYS},
    )
    quick_wins = 0
    for dimension in Dimension.objects.all():
        DimensionStrategy.objects.create(plan=plan, dimension=dimension, text="Strategi.")
        for _ in range(programmes_per_dimension):
            add_programme(plan, dimension, quick_win=quick_wins < 3)
            quick_wins += 1
    return Plan.objects.select_related("candidate__region", "candidate__cohort").get(pk=plan.pk)


LETTER_NUMBER = "B-1187/M.KOMINFO/AI.01.02/12/2026"


def approve(plan, by, *, number=LETTER_NUMBER, on=None) -> Plan:
    """Approve an endorsed plan as the ministry does: with its letter, dated today by default."""
    return plan_approve(
        plan=plan, by=by, letter_number=number, letter_date=on or timezone.localdate()
    )
