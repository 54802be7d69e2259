"""The demo master plans: what a visitor of `make run` finds on the plan pages.

The earlier stages' seeders (accounts, cohorts, screening, assessment, partners) take most of the
time, so they run once for this module, inside a transaction rolled back at its end; each test
then runs in its own savepoint, as usual.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from candidates.models import Candidate
from masterplan.demo import seed_masterplans
from masterplan.models import (
    Plan,
    PlanEvent,
    PlanVersion,
    Programme,
    ProgrammeBudget,
    QuickWinUpdate,
    ReviewComment,
)
from masterplan.snapshot import diff, plan_problems, plan_snapshot
from partners.models import MentorAssignment
from portal.demo import SEEDERS


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("private")
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": root}}
    storages = {**settings.STORAGES, "private": private}
    earlier = SEEDERS[: [s.__name__ for s in SEEDERS].index("seed_masterplans")]
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=root, STORAGES=storages),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for seeder in earlier:
                seeder()
            seed_masterplans()
            yield root
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def plan_of(code: str, year: int = 2018) -> Plan:
    return Plan.objects.select_related("candidate__region", "candidate__cohort").get(
        candidate__region__code=code, candidate__cohort__year=year
    )


def test_bandung_is_enacted_by_perwal_with_its_regulation_stored(demo, db):
    plan = plan_of("32.73", 2017)

    assert plan.status == Plan.Status.ENACTED
    assert plan.regulation_type == Plan.Regulation.PERWAL
    assert plan.regulation_number and plan.regulation_date
    assert (demo / plan.regulation_file).read_bytes().startswith(b"%PDF-")
    assert plan.approved_at.date() < plan.regulation_date
    assert list(plan.events.values_list("new", flat=True)) == [
        "submitted",
        "revision",
        "resubmitted",
        "endorsed",
        "approved",
        "enacted",
    ]
    assert plan.candidate.status == Candidate.Status.PARTICIPANT
    assert (
        MentorAssignment.objects.active()
        .filter(candidate=plan.candidate, mentor__username="mentor-ui")
        .exists()
    )


def test_bandung_reports_quick_win_progress_mostly_on_track_and_one_late(demo, db):
    plan = plan_of("32.73", 2017)
    updates = QuickWinUpdate.objects.filter(programme__plan=plan)

    assert plan.programmes.filter(is_quick_win=True).count() >= 3
    assert updates.filter(status=QuickWinUpdate.Status.ON_TRACK).count() >= 2
    assert updates.filter(status=QuickWinUpdate.Status.LATE).values("programme").distinct().count()
    assert all(u.created_at > plan.approved_at for u in updates)
    assert all(u.programme.quick_win_start > plan.approved_at.date() for u in updates)


def test_sukoharjo_is_resubmitted_with_two_versions_under_mentor_itb(demo, db):
    plan = plan_of("33.11")

    assert plan.status == Plan.Status.RESUBMITTED
    assert plan.version_count == 2
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]
    assert plan.programmes.count() >= 38
    revision = plan.events.get(new=Plan.Status.REVISION)
    assert revision.by.username == "mentor-itb" and revision.note
    assert (
        MentorAssignment.objects.active()
        .filter(candidate=plan.candidate, mentor__username="mentor-itb")
        .exists()
    )


def test_sukoharjo_has_open_comments_blocking_on_a_programme_and_a_mentor_note(demo, db):
    plan = plan_of("33.11")
    open_comments = ReviewComment.objects.filter(
        plan=plan, parent__isnull=True, status=ReviewComment.Status.OPEN
    )

    assert open_comments.filter(blocking=True, author__username="mentor-itb").exists()
    assert open_comments.filter(programme__plan=plan).exists()
    assert open_comments.filter(mentor_only=True).exists()
    assert ReviewComment.objects.filter(plan=plan, author__username="pemda-3311").exists()


def test_sukoharjo_versions_differ_by_added_changed_and_removed_programmes(demo, db):
    v1, v2 = plan_of("33.11").versions.order_by("number")

    changes = diff(v1.data, v2.data)

    assert len(changes.added) == 3
    assert [p["name"] for p in changes.removed] == ["Parkir Elektronik (e-Parking)"]
    assert len(changes.changed) >= 3
    assert changes.sections and changes.strategies


def test_other_2018_regions_show_the_remaining_states(demo, db):
    by_region = dict(
        Plan.objects.filter(candidate__cohort__year=2018)
        .exclude(candidate__region__code="33.11")
        .values_list("candidate__region__code", "status")
    )

    assert {"draft", "submitted", "revision", "endorsed", "approved"} <= set(by_region.values()), (
        by_region
    )


def test_every_demo_plan_is_valid_and_covers_all_six_dimensions(demo, db):
    plans = list(Plan.objects.select_related("candidate__region", "candidate__cohort"))

    assert len(plans) >= 6
    for plan in plans:
        data = plan_snapshot(plan)
        assert not [p.message for p in plan_problems(data) if p.is_error], plan
        assert len({p["dimension"] for p in data["programmes"]}) == 6, plan
        assert sum(p["is_quick_win"] for p in data["programmes"]) >= 3, plan
        assert len(data["programmes"]) >= 12, plan
        assert all(p["budgets"] for p in data["programmes"]), plan
    assert plan_of("32.73", 2017).programmes.count() >= 45


def test_seeding_again_changes_nothing(demo, db):
    models = [
        Plan,
        Programme,
        ProgrammeBudget,
        PlanVersion,
        PlanEvent,
        ReviewComment,
        QuickWinUpdate,
        MentorAssignment,
    ]
    before = [m.objects.count() for m in models]
    statuses = dict(Plan.objects.values_list("pk", "status"))

    seed_masterplans()

    assert [m.objects.count() for m in models] == before
    assert dict(Plan.objects.values_list("pk", "status")) == statuses


def test_every_demo_budget_is_a_whole_round_amount(demo, db):
    step = 50_000_000  # Rp 50.000.000: estimates, never Rp 5.168.333.333
    amounts = list(ProgrammeBudget.objects.values_list("amount", flat=True))
    frozen = [
        amount
        for data in PlanVersion.objects.values_list("data", flat=True)
        for programme in data["programmes"]
        for amount in programme["budgets"].values()
    ]

    assert len(amounts) > 400 and frozen
    assert [a for a in amounts + frozen if int(a) <= 0 or int(a) % step] == []


def test_sukoharjos_versions_carry_its_forewords_legal_basis_profile_and_types(demo, db):
    for version in plan_of("33.11").versions.order_by("number"):
        data = version.data
        assert data["front_matter"]["foreword_head"].startswith("Puji syukur")
        assert data["front_matter"]["foreword_team"]
        assert any("Sukoharjo" in line for line in data["front_matter"]["legal_basis"])
        assert any("Nomor 95 Tahun 2018" in line for line in data["front_matter"]["legal_basis"])
        assert data["profile"]["economy"] and data["profile"]["sectors"]
        assert data["profile"]["population"] == 916_472
        assert data["back_matter"]["closing"]
        assert {
            "abbr": "Disbudpar",
            "name": "Dinas Kebudayaan, Pariwisata, Pemuda dan Olahraga",
        } in (
            data["back_matter"]["glossary"]
        ) or version.number == 1  # Disbudpar's programme comes with the revision
        assert all(p["programme_type"] for p in data["programmes"])
        assert len({p["programme_type"] for p in data["programmes"]}) >= 4


def test_every_demo_programme_has_a_type(demo, db):
    assert Programme.objects.count() > 100
    assert not Programme.objects.filter(programme_type__isnull=True).exists()
