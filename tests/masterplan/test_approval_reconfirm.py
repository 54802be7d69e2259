"""Approving a plan asks staff to confirm who they are when they last did so long ago."""

import pytest
from django.urls import reverse
from django.utils import timezone

from masterplan.models import Plan
from masterplan.services.workflow import plan_move, plan_submit
from smartcity.accounts import CONFIRMED_AT_SESSION_KEY
from tests.conftest import staff_device, totp_code
from tests.factories import TEST_PASSWORD
from tests.masterplan.helpers import full_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def endorsed(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    return plan_move(plan=plan, to=Plan.Status.ENDORSED, by=world.mentor)


def confirmed_minutes_ago(client, minutes):
    session = client.session
    session[CONFIRMED_AT_SESSION_KEY] -= minutes * 60
    session.save()


def status_of(plan):
    return Plan.objects.get(pk=plan.pk).status


def approval(plan):
    return {
        "letter_number": "B-1187/M.KOMINFO/AI.01.02/12/2026",
        "letter_date": timezone.localdate().isoformat(),
        "version": plan.version_count,
        "confirm": "1",
    }


def test_staff_who_signed_in_recently_approve_at_once(client, world, endorsed):
    client.force_login(world.staff)
    confirmed_minutes_ago(client, 14)
    client.post(reverse("plan_approve", args=[endorsed.pk]), approval(endorsed))
    assert status_of(endorsed) == Plan.Status.APPROVED


def test_a_stale_confirmation_asks_again_then_returns_to_the_approval_form(client, world, endorsed):
    client.force_login(world.staff)
    confirmed_minutes_ago(client, 16)

    response = client.post(reverse("plan_approve", args=[endorsed.pk]), approval(endorsed))

    assert status_of(endorsed) == Plan.Status.ENDORSED
    assert response.status_code == 302
    assert response.url.startswith(reverse("reconfirm") + "?next=")
    page = client.get(response.url)
    assert "Konfirmasi ulang" in page.content.decode()

    back = client.post(response.url, {"secret": TEST_PASSWORD})
    assert back.status_code == 302
    # Back to the approval form: the letter is typed after confirming, so nothing is lost.
    assert back.url == reverse("plan_approve", args=[endorsed.pk])
    client.post(reverse("plan_approve", args=[endorsed.pk]), approval(endorsed))
    assert status_of(endorsed) == Plan.Status.APPROVED


def test_the_authenticators_code_confirms_too(client, world, endorsed):
    client.force_login(world.staff)
    confirmed_minutes_ago(client, 16)
    code = totp_code(staff_device(world.staff))

    assert client.post(reverse("reconfirm"), {"secret": code}).status_code == 302
    client.post(reverse("plan_approve", args=[endorsed.pk]), approval(endorsed))
    assert status_of(endorsed) == Plan.Status.APPROVED


def test_a_wrong_password_confirms_nothing(client, world, endorsed):
    client.force_login(world.staff)
    confirmed_minutes_ago(client, 16)

    response = client.post(reverse("reconfirm"), {"secret": "bukan-kata-sandinya"})

    assert response.status_code == 400
    assert client.post(
        reverse("plan_approve", args=[endorsed.pk]), approval(endorsed)
    ).url.startswith(reverse("reconfirm"))
    assert status_of(endorsed) == Plan.Status.ENDORSED
