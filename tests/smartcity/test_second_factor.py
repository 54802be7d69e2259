"""Ministry staff sign in with a second factor (TOTP or a recovery code); other roles do not.

Sessions here start password-only (`second_factor=False`), as after the login form, unless a
test says otherwise.
"""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smartcity.accounts import recovery_codes_issue
from tests.conftest import staff_device, totp_code
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def password_only(client, user):
    client.force_login(user, second_factor=False)
    return client


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, world):
    response = password_only(client, world.staff).get(reverse("staff_home"))
    assert response.status_code == 302
    assert response.url == reverse("otp_setup") + "?next=%2Fkominfo%2F"


def test_staff_with_an_authenticator_are_asked_for_its_code(client, world):
    staff_device(world.staff)
    response = password_only(client, world.staff).get(reverse("staff_home"))
    assert response.status_code == 302
    assert response.url == reverse("otp_verify") + "?next=%2Fkominfo%2F"


def test_the_login_form_leads_staff_to_the_code_page_then_where_they_wanted(client, world):
    device = staff_device(world.staff)
    response = client.post(
        reverse("login") + "?next=/kominfo/",
        {"username": "staf", "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("otp_verify") + "?next=%2Fkominfo%2F"
    assert "Kode verifikasi" in response.content.decode()

    response = client.post(response.redirect_chain[-1][0], {"code": totp_code(device)})
    assert response.status_code == 302
    assert response.url == "/kominfo/"
    assert client.get("/kominfo/").status_code == 200


def test_a_wrong_code_is_refused(client, world):
    device = staff_device(world.staff)
    password_only(client, world.staff)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("otp_verify"), {"code": wrong})

    assert response.status_code == 400
    assert "Kode tidak cocok" in response.content.decode()
    assert client.get(reverse("staff_home")).status_code == 302


def test_a_code_already_used_is_refused(client, world):
    device = staff_device(world.staff)
    code = totp_code(device)
    password_only(client, world.staff).post(reverse("otp_verify"), {"code": code})
    client.logout()

    response = password_only(client, world.staff).post(reverse("otp_verify"), {"code": code})

    assert response.status_code == 400


def test_a_recovery_code_works_once(client, world):
    staff_device(world.staff)
    codes = recovery_codes_issue(user=world.staff)

    response = password_only(client, world.staff).post(reverse("otp_verify"), {"code": codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("staff_home")).status_code == 200
    client.logout()

    response = password_only(client, world.staff).post(reverse("otp_verify"), {"code": codes[0]})
    assert response.status_code == 400
    assert StaticToken.objects.filter(device__user=world.staff).count() == len(codes) - 1


def test_setting_up_shows_the_secret_then_recovery_codes_once(client, world):
    password_only(client, world.staff)

    page = client.get(reverse("otp_setup") + "?next=/kominfo/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=world.staff, confirmed=False)
    assert "otpauth://totp/Portal%20100%20Smart%20City%3Astaf?secret=" in page.content.decode()
    assert client.get(reverse("staff_home")).status_code == 302  # not yet

    response = client.post(reverse("otp_setup") + "?next=/kominfo/", {"code": totp_code(device)})

    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("staff_home")).status_code == 200
    # Set up once: from now on the code page, and the codes are never shown again.
    assert client.get(reverse("otp_setup")).url.startswith(reverse("otp_verify"))


def test_setting_up_refuses_a_wrong_code(client, world):
    password_only(client, world.staff)
    client.get(reverse("otp_setup"))

    response = client.post(reverse("otp_setup"), {"code": "000000x"})

    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=world.staff, confirmed=True).exists()


def test_the_admin_refuses_a_staff_session_without_the_second_factor(client, world):
    staff_device(world.staff)
    password_only(client, world.staff)
    for url in ("/admin/", "/admin/candidates/candidate/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("otp_verify"))


def test_a_superuser_needs_the_second_factor_too(client, db):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    response = password_only(client, admin).get("/admin/")
    assert response.url.startswith(reverse("otp_setup"))
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_downloads_are_closed_to_a_staff_session_without_the_second_factor(client, world):
    # Not role-gated (object access answers), so the request-wide check must hold them.
    password_only(client, world.staff)
    response = client.get(reverse("mou_download", args=[1]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("otp_setup"))


def test_a_password_only_staff_session_may_still_sign_out_and_change_language(client, world):
    password_only(client, world.staff)
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("landing")).status_code == 200


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("official", "official_home"),
        ("mentor", "mentor_home"),
        ("assessor", "assessor_home"),
        ("partner", "partner_home"),
    ],
)
def test_other_roles_sign_in_with_their_password_alone(client, world, role, home):
    user = getattr(world, role)
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse(home)).status_code == 200
    assert client.get(reverse("otp_verify")).status_code == 403
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_staff_sessions_last_a_working_day_others_keep_the_default(client, world, settings):
    settings.STAFF_SESSION_HOURS = 8
    client.post(reverse("login"), {"username": "staf", "password": TEST_PASSWORD})
    assert client.session.get_expiry_age() == 8 * 3600

    client.logout()
    client.post(reverse("login"), {"username": "pemda-a", "password": TEST_PASSWORD})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
