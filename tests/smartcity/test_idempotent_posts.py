"""A double click stores once: forms carry a one-time token (smartcity/idempotency.py)."""

import importlib
import re
import threading
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from industry.models import PartnerInput
from masterplan.models import QuickWinUpdate, ReviewComment
from masterplan.services.workflow import plan_submit
from smartcity.idempotency import TOKEN_FIELD, new_post_token
from tests.masterplan.helpers import full_plan
from tests.masterplan.url_expectations_followup import approved_plan, first_quick_win

HTMX = {"HX-Request": "true"}


def submitted_plan(world):
    return plan_submit(plan=full_plan(world), by=world.official)


def token_in(html: str) -> str:
    return re.search(rf'name="{TOKEN_FIELD}" value="([0-9a-f]{{32}})"', html).group(1)


# Committed data, for the threads' own connections.
@pytest.mark.django_db(transaction=True)
def test_four_parallel_identical_partner_inputs_store_one(world):
    # An earlier transactional test's flush may have removed the dimensions the migrations made.
    importlib.import_module("masterplan.migrations.0002_seed_dimensions_and_elements").seed(
        apps, None
    )
    plan = submitted_plan(world)
    url = reverse("partner_input_add", args=[plan.pk])
    data = {"body": "Kami dapat membantu jaringan.", TOKEN_FIELD: new_post_token()}
    start = threading.Barrier(4)
    statuses = []

    def click():
        client = Client()
        client.force_login(world.partner)
        try:
            start.wait()
            statuses.append(client.post(url, data, headers=HTMX).status_code)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert statuses == [200] * 4
    assert PartnerInput.objects.filter(plan=plan).count() == 1


@pytest.mark.django_db
def test_the_partner_input_form_carries_a_fresh_token_each_time(client, world):
    plan = submitted_plan(world)
    client.force_login(world.partner)
    panel = reverse("plan_partner_inputs", args=[plan.pk])

    first, second = token_in(client.get(panel).text), token_in(client.get(panel).text)

    assert first != second


@pytest.mark.django_db
def test_a_comment_posted_twice_with_the_same_token_is_stored_once(client, world):
    plan = submitted_plan(world)
    client.force_login(world.mentor)
    url = reverse("plan_comment_add", args=[plan.pk])
    data = {"body": "Target KPI terlalu rendah.", "section": "programmes"}
    token = new_post_token()

    for _ in range(2):
        assert client.post(url, {**data, TOKEN_FIELD: token}).status_code == 302
    assert ReviewComment.objects.count() == 1

    client.post(url, {**data, TOKEN_FIELD: new_post_token()})  # the same text, a new form
    assert ReviewComment.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_comment_leaves_its_token_free_for_the_corrected_post(client, world):
    plan = submitted_plan(world)
    client.force_login(world.mentor)
    url = reverse("plan_comment_add", args=[plan.pk])
    token = new_post_token()

    client.post(url, {"body": "", "section": "programmes", TOKEN_FIELD: token})
    client.post(url, {"body": "Lengkapi target.", "section": "programmes", TOKEN_FIELD: token})

    assert list(ReviewComment.objects.values_list("body", flat=True)) == ["Lengkapi target."]


@pytest.mark.django_db
def test_a_quick_win_report_posted_twice_with_the_same_token_is_stored_once(client, world):
    programme = first_quick_win(approved_plan(world))
    programme.quick_win_start = timezone.localdate() - timedelta(days=30)
    programme.save()
    client.force_login(world.official)
    url = reverse("quick_win_progress", args=[programme.plan_id, programme.pk])
    token = token_in(client.get(url).text)
    data = {"percent": 20, "status": "on_track", "note": "Uji coba.", TOKEN_FIELD: token}

    assert [client.post(url, data).status_code for _ in range(2)] == [302, 302]
    assert QuickWinUpdate.objects.count() == 1
