"""The plan's two decisions that ask for more than a click, through the services: every assigned
mentor endorses before the plan goes to the ministry, and the ministry approves with its letter.
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from masterplan.models import Plan, PlanEndorsement, PlanEvent
from masterplan.services.workflow import (
    WorkflowError,
    endorsements_of,
    plan_approve,
    plan_endorse,
    plan_move,
    plan_submit,
    waiting_message,
)
from partners.models import MentorAssignment
from tests.factories import UserFactory
from tests.masterplan.helpers import LETTER_NUMBER, approve, assign, full_plan

pytestmark = pytest.mark.django_db

S = Plan.Status


@pytest.fixture
def second_mentor(world):
    return UserFactory(username="mentor-c", mentor=True, first_name="Sari", last_name="Dewi")


@pytest.fixture
def team_plan(world, second_mentor):
    """Sukoharjo's plan, submitted, with two mentors assigned: `world.mentor` first."""
    plan = full_plan(world)
    assign(world, plan.candidate, second_mentor)
    return plan_submit(plan=plan, by=world.official)


def fresh(plan):
    return Plan.objects.select_related("candidate").get(pk=plan.pk)


# --- endorsement ----------------------------------------------------------------------------


def test_one_mentor_of_two_endorses_and_the_plan_waits_for_the_second(world, team_plan):
    plan = plan_endorse(plan=team_plan, by=world.mentor)

    assert plan.status == S.SUBMITTED
    state = endorsements_of(plan)
    assert [m.username for m, _ in state.done] == ["mentor-a"]
    assert [m.username for m in state.missing] == ["mentor-c"]
    assert waiting_message(state) == "Menunggu persetujuan mentor kedua: Sari Dewi."
    assert not PlanEvent.objects.filter(plan=plan, new=S.ENDORSED).exists()


def test_the_last_mentors_endorsement_sends_the_plan_to_the_ministry(
    world, team_plan, second_mentor
):
    plan = plan_endorse(plan=team_plan, by=world.mentor, note="Sudah baik.")
    plan = plan_endorse(plan=fresh(plan), by=second_mentor)

    assert plan.status == S.ENDORSED
    event = PlanEvent.objects.get(plan=plan, new=S.ENDORSED)
    assert event.by == second_mentor
    assert list(
        PlanEndorsement.objects.filter(plan=plan).values_list("mentor__username", "note")
    ) == [("mentor-a", "Sudah baik."), ("mentor-c", "")]
    assert endorsements_of(plan).complete


def test_a_single_move_to_endorsed_is_refused_while_another_mentor_has_not_endorsed(
    world, team_plan
):
    with pytest.raises(WorkflowError, match="Menunggu persetujuan mentor kedua: Sari Dewi"):
        plan_move(plan=team_plan, to=S.ENDORSED, by=world.mentor)
    assert fresh(team_plan).status == S.SUBMITTED
    assert not PlanEndorsement.objects.exists()


def test_endorsing_the_same_version_twice_says_whom_the_plan_waits_for(world, team_plan):
    plan_endorse(plan=team_plan, by=world.mentor)
    with pytest.raises(WorkflowError, match="sudah menyetujui versi 1.*mentor kedua: Sari Dewi"):
        plan_endorse(plan=fresh(team_plan), by=world.mentor)
    assert PlanEndorsement.objects.count() == 1


def test_a_resubmission_needs_every_mentor_again(world, team_plan, second_mentor):
    plan_endorse(plan=team_plan, by=world.mentor)
    plan = plan_move(plan=fresh(team_plan), to=S.REVISION, by=second_mentor, note="KPI.")
    plan = plan_submit(plan=plan, by=world.official)

    state = endorsements_of(plan)
    assert state.version_number == 2
    assert [m.username for m in state.missing] == ["mentor-a", "mentor-c"]
    plan = plan_endorse(plan=plan, by=second_mentor)
    assert plan.status == S.RESUBMITTED
    assert plan_endorse(plan=fresh(plan), by=world.mentor).status == S.ENDORSED


def test_a_mentor_whose_assignment_ended_is_no_longer_waited_for(world, team_plan, second_mentor):
    plan_endorse(plan=team_plan, by=world.mentor)
    MentorAssignment.objects.filter(mentor=second_mentor).update(ended_at=timezone.now())

    assert endorsements_of(fresh(team_plan)).complete
    # The mentor who already endorsed sends it on with one more click.
    assert plan_endorse(plan=fresh(team_plan), by=world.mentor).status == S.ENDORSED


def test_a_mentor_whose_assignment_ended_cannot_endorse(world, team_plan, second_mentor):
    MentorAssignment.objects.filter(mentor=second_mentor).update(ended_at=timezone.now())
    with pytest.raises(WorkflowError, match="mentor yang ditugaskan"):
        plan_endorse(plan=team_plan, by=second_mentor)
    assert not PlanEndorsement.objects.exists()


def test_an_endorsement_of_a_version_resubmitted_meanwhile_is_refused(
    world, team_plan, second_mentor
):
    plan = plan_move(plan=team_plan, to=S.REVISION, by=second_mentor, note="KPI.")
    plan = plan_submit(plan=plan, by=world.official)
    with pytest.raises(WorkflowError, match="diajukan ulang \\(versi 2\\)"):
        plan_endorse(plan=plan, by=world.mentor, version_number=1)
    assert not PlanEndorsement.objects.exists()


@pytest.mark.parametrize("who", ["official", "other_mentor", "staff", "partner"])
def test_only_an_assigned_mentor_endorses(world, team_plan, who):
    with pytest.raises(WorkflowError):
        plan_endorse(plan=team_plan, by=getattr(world, who))
    assert not PlanEndorsement.objects.exists()


def test_two_mentors_endorsing_at_the_same_moment_endorse_the_plan_once(
    transactional_db, world, second_mentor
):
    plan = full_plan(world)
    assign(world, plan.candidate, second_mentor)
    plan = plan_submit(plan=plan, by=world.official)
    barrier = threading.Barrier(2)
    errors = []

    def endorse(mentor):
        try:
            barrier.wait()
            plan_endorse(plan=fresh(plan), by=mentor)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=endorse, args=(m,)) for m in (world.mentor, second_mentor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    # Without the plan's row lock each would see only its own endorsement and both would wait.
    assert errors == []
    assert fresh(plan).status == S.ENDORSED
    assert PlanEvent.objects.filter(plan=plan, new=S.ENDORSED).count() == 1
    assert PlanEndorsement.objects.filter(plan=plan).count() == 2


def test_three_mentors_waiting_for_two_are_named(world, team_plan, second_mentor):
    third = UserFactory(username="mentor-d", mentor=True, first_name="Budi")
    assign(world, team_plan.candidate, third)
    plan_endorse(plan=team_plan, by=world.mentor)
    assert waiting_message(endorsements_of(team_plan)) == (
        "Menunggu persetujuan 2 mentor lagi: Sari Dewi, Budi."
    )


# --- approval -------------------------------------------------------------------------------


@pytest.fixture
def endorsed(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    return plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)


def test_approval_records_the_letter_on_the_plan_and_in_its_history(world, endorsed):
    today = timezone.localdate()
    plan = plan_approve(
        plan=endorsed, by=world.staff, letter_number=f" {LETTER_NUMBER} ", letter_date=today
    )

    assert plan.status == S.APPROVED and plan.approved_at is not None
    assert (plan.approval_letter_number, plan.approval_letter_date) == (LETTER_NUMBER, today)
    event = PlanEvent.objects.get(plan=plan, new=S.APPROVED)
    assert LETTER_NUMBER in event.note and "tanggal" in event.note


def test_a_letter_dated_in_the_future_is_refused_and_nothing_changes(world, endorsed):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        approve(endorsed, world.staff, on=tomorrow)
    assert "tidak boleh setelah hari ini" in caught.value.message_dict["letter_date"][0]
    assert fresh(endorsed).status == S.ENDORSED


def test_a_letter_dated_before_the_submission_is_refused(world, endorsed):
    submitted_on = timezone.localdate(endorsed.versions.get().created_at)
    with pytest.raises(ValidationError) as caught:
        approve(endorsed, world.staff, on=submitted_on - datetime.timedelta(days=1))
    message = caught.value.message_dict["letter_date"][0]
    assert message.startswith("Tanggal surat tidak boleh sebelum masterplan versi 1 diajukan")
    assert fresh(endorsed).status == S.ENDORSED


def test_a_letter_without_a_number_is_refused(world, endorsed):
    with pytest.raises(ValidationError) as caught:
        approve(endorsed, world.staff, number="   ")
    assert caught.value.message_dict == {"letter_number": ["Isi nomor surat pengesahan."]}


def test_a_move_to_approved_without_a_letter_is_refused(world, endorsed):
    with pytest.raises(WorkflowError, match="nomor dan tanggal surat pengesahan"):
        plan_move(plan=endorsed, to=S.APPROVED, by=world.staff)
    assert fresh(endorsed).status == S.ENDORSED


@pytest.mark.parametrize("who", ["official", "mentor", "partner"])
def test_only_staff_approve_whatever_the_letter(world, endorsed, who):
    with pytest.raises(WorkflowError, match="Hanya Kominfo"):
        approve(endorsed, getattr(world, who), number="")
    assert fresh(endorsed).status == S.ENDORSED
