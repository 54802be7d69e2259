"""A cohort with the shape of the real 2018 one, in small: a screened pool, invitations,
questionnaires, panels with their sheets, the selection, MoUs, mentors, plans in several states
and quick wins in each state. The records are written as each stage writes them (candidate
moves through `candidate_move`, with their history rows), so the dashboard reads what it
would read in production.

`build_cohort(staff, year=2018, regions=…)` with the defaults gives, for 20 regions:
pool 20 → invited 12 → questionnaires 10 → assessed 10 → selected 5 → MoU signed 4, mentors on
the 5 selected, plans: one draft, one submitted, one approved (three quick wins: on track,
lagging, done), one enacted. The numbers are in `Expected`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from assessment.models import PanelMember, Questionnaire, ScoreSheet, Selection
from candidates.models import Candidate
from candidates.services import screening_round_for_cohort, screening_run, shortlist_confirm
from candidates.services.candidacy import candidate_move
from masterplan.models import Dimension, Plan, PlanEvent, PlanVersion, QuickWinUpdate
from partners.models import MentorAssignment, MoU
from tests.candidates.helpers import indicators_for
from tests.factories import CohortFactory, RegionFactory, UserFactory
from tests.masterplan.helpers import add_programme

Status = Candidate.Status


def regions_in(province: str, n: int, *, first: int = 1, city: bool = False):
    """`n` kab/kota with real Kemendagri codes of `province`, `33.01`, `33.02`… (`first` on),
    so their island group and 2025 population are the real ones; kota with `city`."""
    kind = "Kota" if city else "Kabupaten"
    return [
        RegionFactory(
            code=f"{province}.{first + i:02d}",
            name=f"{kind} Uji {province}.{first + i:02d}",
            city=city,
        )
        for i in range(n)
    ]


@dataclass
class Built:
    cohort: object
    candidates: list = field(default_factory=list)  # invited, in ranking order
    selected: list = field(default_factory=list)
    signed: list = field(default_factory=list)
    plans: dict = field(default_factory=dict)  # state name → Plan
    quick_wins: dict = field(default_factory=dict)  # state slug → Programme


def _move(candidate, to, staff):
    return candidate_move(candidate=candidate, to=to, by=staff, reason="uji")


def _version(plan, staff, number):
    return PlanVersion.objects.create(
        plan=plan, number=number, data={}, sha256=f"{plan.pk:032d}{number:032d}", created_by=staff
    )


def _plan(candidate, staff, status, *, events=(), versions=0, approved_days_ago=None):
    """A plan in `status`, with `versions` submitted versions and an event for each move."""
    now = timezone.now()
    plan = Plan.objects.create(
        candidate=candidate,
        start_year=candidate.cohort.year + 1,
        title="Masterplan uji",
        status=status,
        version_count=versions,
        status_changed_at=now - timedelta(days=30),
        updated_by=staff,
        approved_at=now - timedelta(days=approved_days_ago) if approved_days_ago else None,
    )
    for number in range(1, versions + 1):
        _version(plan, staff, number)
    old = ""
    for new in events:
        PlanEvent.objects.create(plan=plan, old=old, new=new, by=staff)
        old = new
    return plan


def _quick_win(plan, name, *, percent=None, status=None, started_days_ago=120):
    programme = add_programme(
        plan,
        Dimension.objects.first(),
        name=name,
        quick_win=True,
        quick_win_start=timezone.localdate() - timedelta(days=started_days_ago),
        budget=0,
    )
    if percent is not None:
        QuickWinUpdate.objects.create(
            programme=programme, percent=percent, status=status, created_by=plan.updated_by
        )
    return programme


def build_cohort(
    staff,
    *,
    year: int = 2018,
    regions=None,
    invited: int = 12,
    questionnaires: int = 10,
    assessed: int = 10,
    selected: int = 5,
    signed: int = 4,
) -> Built:
    """See the module docstring. `regions` (default: 10 in Jawa Tengah, 33, then 10 in
    Sulawesi Selatan, 73) are screened; the best `invited` are invited, and so on down."""
    if regions is None:
        regions = regions_in("33", 10) + regions_in("73", 10)
    cohort = CohortFactory(
        year=year, quota_invited=invited, quota_assessed=invited, quota_selected=selected
    )
    # Indicators ranking the regions in the order given.
    indicators_for(
        {region: (2.0 - i / 1000, 3.0, 50) for i, region in enumerate(regions)}, year=year
    )
    round_ = screening_round_for_cohort(cohort=cohort)
    round_.quota = invited
    round_.save()
    shortlist_confirm(run=screening_run(round_=round_, by=staff), by=staff)
    candidates = list(
        Candidate.objects.filter(cohort=cohort).select_related("region").order_by("region__code")
    )
    built = Built(cohort=cohort, candidates=candidates)
    now = timezone.now()
    assessors = [UserFactory(assessor=True), UserFactory(assessor=True)]
    for i, candidate in enumerate(candidates):
        if i < questionnaires:
            Questionnaire.objects.create(
                candidate=candidate, status=Questionnaire.Status.SUBMITTED, submitted_at=now
            )
        seats = [
            PanelMember.objects.create(candidate=candidate, assessor=a, assigned_by=staff)
            for a in assessors
        ]
        for j, seat in enumerate(seats):
            # The first `assessed` get every sheet; the next one is missing its second sheet.
            done = i < assessed or (i == assessed and j == 0)
            ScoreSheet.objects.create(
                seat=seat,
                status=ScoreSheet.Status.SUBMITTED if done else ScoreSheet.Status.DRAFT,
                submitted_at=now if done else None,
            )
        if i < assessed:
            _move(candidate, Status.ASSESSED, staff)
    Selection.objects.create(
        cohort=cohort,
        letter_number="B-1/UJI",
        letter_date=timezone.localdate(),
        decided_by=staff,
        ranking=[c.pk for c in candidates[:assessed]],
    )
    for i, candidate in enumerate(candidates):
        _move(candidate, Status.SELECTED if i < selected else Status.NOT_SELECTED, staff)
    built.selected = candidates[:selected]
    mentor = UserFactory(mentor=True)
    for i, candidate in enumerate(built.selected):
        MentorAssignment.objects.create(candidate=candidate, mentor=mentor, assigned_by=staff)
        mou = MoU.objects.create(candidate=candidate)
        if i < signed:
            MoU.objects.filter(pk=mou.pk).update(
                status=MoU.Status.SIGNED, signing_date=timezone.localdate()
            )
            _move(candidate, Status.PARTICIPANT, staff)
            built.signed.append(candidate)
    p = Plan.Status
    draft, submitted, approved, enacted = built.signed[:4]
    built.plans = {
        "draft": _plan(draft, staff, p.DRAFT),
        "submitted": _plan(submitted, staff, p.SUBMITTED, events=[p.SUBMITTED], versions=1),
        "approved": _plan(
            approved,
            staff,
            p.APPROVED,
            events=[p.SUBMITTED, p.ENDORSED, p.APPROVED],
            versions=1,
            approved_days_ago=150,
        ),
        "enacted": _plan(
            enacted,
            staff,
            p.ENACTED,
            events=[p.SUBMITTED, p.ENDORSED, p.APPROVED, p.ENACTED],
            versions=2,
            approved_days_ago=200,
        ),
    }
    # Budgets (whole years): only the approved and the enacted plan's count as money.
    dimensions = list(Dimension.objects.order_by("order"))
    plan = built.plans["approved"]
    add_programme(plan, dimensions[0], name="Program A", budget=100_000_000)
    add_programme(plan, dimensions[1], name="Program B", budget=50_000_000, funding_source="kpbu")
    add_programme(
        built.plans["enacted"],
        dimensions[0],
        name="Program C",
        budget=30_000_000,
        funding_source="csr",
    )
    add_programme(built.plans["submitted"], dimensions[0], name="Program D", budget=999_000_000)
    built.quick_wins = {
        "sesuai-jadwal": _quick_win(plan, "Quick win sesuai jadwal", percent=80, status="on_track"),
        "tertinggal": _quick_win(plan, "Quick win terlambat", percent=20, status="late"),
        "selesai": _quick_win(plan, "Quick win selesai", percent=100, status="on_track"),
    }
    return built


@dataclass(frozen=True)
class Expected:
    """The funnel of `build_cohort` with its defaults."""

    screened: int = 20
    invited: int = 12
    questionnaire: int = 10
    assessed: int = 10
    selected: int = 5
    mou: int = 4
    mentored: int = 5
    plan_submitted: int = 3
    endorsed: int = 2
    approved: int = 2
    enacted: int = 1
    # Money: A 2 × 100 M (APBD), B 2 × 50 M (KPBU) on the approved plan, C 2 × 30 M (CSR) on
    # the enacted one, in the plans' first two years; the submitted plan's D does not count.
    money_total: int = 360_000_000


__all__ = ["Built", "Expected", "build_cohort", "regions_in"]
