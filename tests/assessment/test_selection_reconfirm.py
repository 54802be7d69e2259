"""Deciding the selection asks staff to confirm who they are when they last did so long ago;
a decision already made can still be read."""

import pytest
from django.urls import reverse

from assessment.models import Selection
from smartcity.accounts import CONFIRMED_AT_SESSION_KEY
from tests.assessment.builders_results import small_cohort
from tests.assessment.test_selection_views import form_data
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

URL = "/asesmen/2018/penetapan/"


@pytest.fixture
def small(world, client):
    client.force_login(world.staff)
    session = client.session
    session[CONFIRMED_AT_SESSION_KEY] -= 16 * 60
    session.save()
    return small_cohort(world, quota=2)


def test_the_selection_asks_for_a_fresh_confirmation_first(client, small):
    _, (x, y, _z), _ = small
    assert reverse("assessment_selection", args=[2018]) == URL

    assert client.get(URL).url == reverse("reconfirm") + "?next=%2Fasesmen%2F2018%2Fpenetapan%2F"
    response = client.post(URL, form_data([x, y], confirm="1"))
    assert response.url.startswith(reverse("reconfirm"))
    assert not Selection.objects.exists()

    back = client.post(response.url, {"secret": TEST_PASSWORD})
    assert back.url == URL
    assert client.get(URL).status_code == 200
    client.post(URL, form_data([x, y], confirm="1"))
    assert Selection.objects.exists()


def test_a_decision_made_can_be_read_without_confirming_again(client, small):
    _, (x, y, _z), _ = small
    client.post(reverse("reconfirm"), {"secret": TEST_PASSWORD})
    client.post(URL, form_data([x, y], confirm="1"))
    session = client.session
    session[CONFIRMED_AT_SESSION_KEY] -= 16 * 60
    session.save()

    assert client.get(URL).status_code == 200
