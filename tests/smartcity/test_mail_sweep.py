"""The mail sweep: an e-mail task whose message was lost (Redis restarted before a worker took
it) or that gave up retrying is sent again, once, by `sweep_unsent_mail` (beat, every 5 min).

In these tests the on-commit hooks that queue the e-mail never run, which is exactly a lost
message: the record says "not sent" and nothing is queued.
"""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from assessment.models import Selection
from assessment.tasks import send_selection_letters
from candidates.models import Candidate
from candidates.tasks import send_invitations
from masterplan.models import PlanEvent
from masterplan.services.workflow import plan_submit
from masterplan.tasks import notify_plan_event
from portal.tasks import MAIL_SWEEP_AFTER, MAIL_SWEEP_WINDOW, sweep_unsent_mail
from tests.assessment.builders_results import small_cohort
from tests.candidates.helpers import screened_world
from tests.factories import CandidateFactory, CohortFactory
from tests.masterplan.helpers import full_plan


@pytest.fixture
def queued(monkeypatch):
    """What the sweep queues, per task, instead of sending it to the broker."""
    calls = {"invitations": [], "letters": [], "events": []}
    monkeypatch.setattr(send_invitations, "delay", lambda ids: calls["invitations"].append(ids))
    monkeypatch.setattr(send_selection_letters, "delay", lambda pk: calls["letters"].append(pk))
    monkeypatch.setattr(notify_plan_event, "delay", lambda pk: calls["events"].append(pk))
    return calls


def age(queryset, field, by):
    queryset.update(**{field: timezone.now() - by})


LOST = MAIL_SWEEP_AFTER + timedelta(minutes=1)


def test_a_lost_invitation_is_sent_again_once(world, queued):
    screened_world(world, quota=1)  # Sukoharjo invited; its e-mail was never sent
    invited = Candidate.objects.get(region=world.region)
    age(Candidate.objects.all(), "created_at", LOST)

    assert sweep_unsent_mail() == {"invitations": 1, "selections": 0, "events": 0}
    assert queued["invitations"] == [[invited.pk]]

    send_invitations(*queued["invitations"][0:1])  # what the worker then does
    assert [m.to for m in mail.outbox] == [[world.official.email]]
    assert sweep_unsent_mail()["invitations"] == 0


def test_an_invitation_is_left_to_its_own_task_for_a_while_and_forgotten_after_a_week(
    world, queued
):
    screened_world(world, quota=1)
    just_now = sweep_unsent_mail()["invitations"]
    age(Candidate.objects.all(), "created_at", MAIL_SWEEP_WINDOW + timedelta(hours=1))
    too_old = sweep_unsent_mail()["invitations"]

    assert (just_now, too_old) == (0, 0)
    assert queued["invitations"] == []


def test_candidates_not_invited_by_a_shortlist_get_no_invitation(world, queued):
    # History (the 2017 cohort) and regions added by hand were never invited by e-mail.
    CandidateFactory(cohort=CohortFactory(year=2017), region=world.region, status="participant")
    age(Candidate.objects.all(), "created_at", LOST)

    assert sweep_unsent_mail()["invitations"] == 0


def test_selection_letters_that_did_not_all_go_out_are_sent_again(world, queued):
    _, (x, y, _), _ = small_cohort(world, quota=2)
    from assessment.services.selection import selection_make

    selection = selection_make(
        cohort=world.cohort,
        selected_ids={x.pk, y.pk},
        letter_number="B-1/DJAI/2018",
        letter_date=timezone.localdate(),
        reasons={},
        by=world.staff,
    )
    age(Selection.objects.all(), "decided_at", LOST)

    assert sweep_unsent_mail()["selections"] == 1
    assert queued["letters"] == [selection.pk]

    send_selection_letters(selection.pk)
    assert Selection.objects.get().letters_sent_at is not None
    assert sweep_unsent_mail()["selections"] == 0


def test_a_plan_move_whose_notice_was_lost_is_notified_again(world, queued):
    plan = full_plan(world)
    plan_submit(plan=plan, by=world.official)
    event = PlanEvent.objects.get()
    age(PlanEvent.objects.all(), "at", LOST)

    assert sweep_unsent_mail()["events"] == 1
    assert queued["events"] == [event.pk]

    assert notify_plan_event(event.pk) is True
    assert world.mentor.email in mail.outbox[0].to
    assert sweep_unsent_mail()["events"] == 0


@pytest.mark.worker
@pytest.mark.xdist_group("worker")
def test_a_real_worker_sends_a_lost_invitation_when_beat_runs_the_sweep(
    world, celery_worker_process, monkeypatch
):
    with monkeypatch.context() as lost:  # the invitation's message never reaches Redis
        lost.setattr(send_invitations, "delay", lambda ids: None)
        screened_world(world, quota=1)
    age(Candidate.objects.all(), "created_at", LOST)
    time.sleep(1)
    assert Candidate.objects.get(region=world.region).invitation_sent_at is None

    sweep_unsent_mail.delay()  # what beat does every five minutes

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if Candidate.objects.filter(invitation_sent_at__isnull=False).exists():
            break
        time.sleep(0.2)
    assert Candidate.objects.get(region=world.region).invitation_sent_at is not None
