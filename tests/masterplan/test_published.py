"""The publication rule (`masterplan.published`): only approved or enacted versions, as frozen."""

import pytest

from masterplan.models import Plan, Programme, QuickWinUpdate
from masterplan.published import (
    participants,
    published_plan,
    published_plans,
    published_programmes,
    published_stamp,
)
from masterplan.services.workflow import plan_endorse, plan_submit
from partners.models import BodyMember, SmartCityBody
from tests.masterplan.helpers import approve, full_plan

pytestmark = pytest.mark.django_db


def approved_plan(world):
    plan = full_plan(world)
    body = SmartCityBody.objects.create(
        region=plan.candidate.region, kind="dewan", decree_number="SK 1", decree_date="2026-01-05"
    )
    BodyMember.objects.create(
        body=body, name="Budi Santoso", position="Sekda", agency="Setda", role="Ketua"
    )
    plan = plan_submit(plan=plan, by=world.official)
    plan = plan_endorse(plan=plan, by=world.mentor)
    return approve(plan, world.staff)


def test_a_draft_or_submitted_plan_publishes_nothing(world):
    plan = full_plan(world)
    assert published_plans() == []
    plan_submit(plan=plan, by=world.official)
    assert published_plans() == []
    assert published_plan(world.region.code) is None
    assert published_programmes() == []


def test_an_approved_plan_publishes_its_frozen_version_not_the_live_rows(world):
    plan = approved_plan(world)
    Programme.objects.filter(plan=plan).update(name="Diubah setelah disahkan")
    published = published_plan(world.region.code)
    assert published.plan_id == plan.pk
    assert published.version_number == plan.version_count
    names = {p["name"] for p in published.data["programmes"]}
    assert "Diubah setelah disahkan" not in names
    assert len(names) == Programme.objects.filter(plan=plan).count()


def test_people_named_in_the_governance_bodies_are_not_published(world):
    approved_plan(world)
    published = published_plan(world.region.code)
    assert published.data["governance"][0]["decree_number"] == "SK 1"
    assert "members" not in published.data["governance"][0]
    assert "Budi Santoso" not in repr(published.data)


def test_quick_wins_carry_their_latest_progress_without_note_or_evidence(world):
    plan = approved_plan(world)
    quick_win = Programme.objects.filter(plan=plan, is_quick_win=True).first()
    QuickWinUpdate.objects.create(
        programme=quick_win, percent=20, status="on_track", created_by=world.official
    )
    QuickWinUpdate.objects.create(
        programme=quick_win, percent=45, status="late", note="rahasia", created_by=world.official
    )
    rows = {r.programme["id"]: r for r in published_programmes(quick_wins_only=True)}
    assert len(rows) == 3
    progress = rows[quick_win.pk].progress
    assert (progress.percent, progress.status) == (45, "late")
    assert not hasattr(progress, "note")


def test_participants_list_the_regions_in_the_programme_with_their_plan_state(world):
    approved_plan(world)
    rows = participants()
    assert [(r.region_code, r.plan_status) for r in rows] == [(world.region.code, "published")]


def test_the_stamp_changes_when_a_plan_is_approved_and_when_progress_is_reported(world):
    plan = full_plan(world)
    plan = plan_endorse(plan=plan_submit(plan=plan, by=world.official), by=world.mentor)
    before = published_stamp()
    assert published_stamp() == before
    plan = approve(plan, world.staff)
    after = published_stamp()
    assert after.key != before.key
    assert after.modified is not None
    quick_win = Programme.objects.filter(plan=plan, is_quick_win=True).first()
    QuickWinUpdate.objects.create(
        programme=quick_win, percent=10, status="on_track", created_by=world.official
    )
    assert published_stamp().key != after.key


def test_reading_every_published_programme_takes_two_queries(world, django_assert_num_queries):
    approved_plan(world)
    with django_assert_num_queries(2):  # the versions with their plan and region; progress
        published_programmes()
    with django_assert_num_queries(1):  # one UNION of six aggregates
        published_stamp()
    assert Plan.objects.get().status == Plan.Status.APPROVED
