"""The demo's second factor: kominfo's published secret, `demo_totp`, and the recovery codes."""

from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp

from portal.demo import DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET, seed_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kominfo():
    user = UserFactory(username="kominfo", staff=True)
    seed_second_factor(user)
    return user


def test_demo_totp_prints_what_an_authenticator_with_the_published_secret_shows(kominfo):
    out = StringIO()
    call_command("demo_totp", stdout=out)
    assert out.getvalue().strip() == f"{totp(b32decode(DEMO_TOTP_SECRET)):06d}"


def test_demo_totp_refuses_an_account_without_the_demo_secret(world):
    with pytest.raises(CommandError):
        call_command("demo_totp", world.staff.username, stdout=StringIO())


def test_kominfo_signs_in_with_a_documented_recovery_code_and_reseeding_restores_it(
    client, kominfo
):
    client.force_login(kominfo, second_factor=False)
    response = client.post(reverse("otp_verify"), {"code": DEMO_RECOVERY_CODES[0]})
    assert response.status_code == 302
    seed_second_factor(kominfo)
    client.logout()
    client.force_login(kominfo, second_factor=False)
    assert client.post(reverse("otp_verify"), {"code": DEMO_RECOVERY_CODES[0]}).status_code == 302
