"""Login throttling per address across usernames (password spraying), beside the lock per
username and address of tests/smartcity/test_accounts.py."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = client.post(
            reverse("login"), {"username": username, "password": "salah"}, REMOTE_ADDR=address
        )
    return response


def login(client, username, address="203.0.113.7"):
    data = {"username": username, "password": TEST_PASSWORD}
    return client.post(reverse("login"), data, REMOTE_ADDR=address)


@pytest.fixture
def accounts(settings):
    settings.AXES_FAILURE_LIMIT, settings.AXES_IP_FAILURE_LIMIT = 5, 20
    return [UserFactory(username=f"pemda-{n}", official=True).username for n in range(6)]


def test_one_address_trying_a_few_passwords_on_every_username_is_locked(client, accounts):
    for username in accounts[:4]:
        assert fail(client, username, 4).status_code == 200  # under each username's limit
    assert fail(client, accounts[4], 3).status_code == 200
    assert fail(client, accounts[4], 1).status_code == 429  # the address's twentieth failure
    # Locked, even for the right password of another user.
    response = login(client, accounts[5])
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_below_the_address_limit_a_colleague_behind_the_same_address_signs_in(client, accounts):
    for username in accounts[:4]:
        fail(client, username, 4)
    fail(client, accounts[4], 3)  # 19 failures from the address
    assert login(client, accounts[5]).status_code == 302


def test_the_lock_of_one_address_leaves_other_addresses_alone(client, accounts):
    for username in accounts[:5]:
        fail(client, username, 4)
    assert login(client, accounts[5]).status_code == 429
    assert login(client, accounts[5], address="198.51.100.9").status_code == 302


def test_a_good_password_does_not_clear_the_addresss_failures(client, accounts):
    for username in accounts[:4]:
        fail(client, username, 4)
    assert login(client, accounts[4]).status_code == 302  # the sprayer's own account
    client.logout()
    fail(client, accounts[5], 4)
    assert login(client, accounts[5]).status_code == 429
