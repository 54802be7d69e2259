"""A write that loses a race only the database sees (a unique row created twice at once, or
SQLite locked past its busy timeout) answers with a clear refusal in the portal's layout, not
a server error (#12.3); nothing of the losing request is stored."""

import pytest
from django.db import IntegrityError, OperationalError
from django.urls import reverse

from industry.models import PartnerInput
from industry.services import inputs
from masterplan.services.workflow import plan_submit
from tests.masterplan.helpers import full_plan


@pytest.fixture
def plan(world):
    return plan_submit(plan=full_plan(world), by=world.official)


def post_input(client, world, plan):
    client.force_login(world.partner)
    return client.post(reverse("partner_input_add", args=[plan.pk]), {"body": "Masukan."})


def test_a_unique_row_created_twice_at_once_is_a_409_with_what_to_do(
    client, world, plan, monkeypatch
):
    def clash(**kwargs):
        PartnerInput.objects.create(
            organisation=world.partner.partner_organisation,
            author=world.partner,
            plan=plan,
            version=plan.versions.get(),
            body="Setengah jalan.",
        )
        raise IntegrityError('duplicate key value violates unique constraint "x"')

    monkeypatch.setattr(inputs, "partner_input_add", clash)

    response = post_input(client, world, plan)

    assert response.status_code == 409
    assert "Muat ulang halaman dan coba lagi" in response.content.decode()
    assert 'id="main"' in response.content.decode()  # the portal's layout, with a way back
    assert not PartnerInput.objects.exists()  # the request's transaction rolled back


def test_sqlite_locked_past_its_timeout_is_a_503_asking_to_retry(client, world, plan, monkeypatch):
    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(inputs, "partner_input_add", locked)

    response = post_input(client, world, plan)

    assert response.status_code == 503
    assert "Coba lagi sebentar lagi" in response.content.decode()


def test_other_errors_are_still_server_errors(client, world, plan, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(inputs, "partner_input_add", broken)
    client.raise_request_exception = True

    with pytest.raises(OperationalError):
        post_input(client, world, plan)
