"""Browser journeys for the foundation: a regional official signs in and sees their page;
ministry staff sign in with their second factor."""

from base64 import b32decode

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from playwright.sync_api import expect

from portal.demo import DEMO_TOTP_SECRET, seed_accounts, seed_institutions_and_partners
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def demo_accounts(transactional_db, settings):
    call_command("load_regions", verbosity=0)
    seed_institutions_and_partners()
    seed_accounts(settings.DEMO_PASSWORD)


def test_pemda_3311_signs_in_and_sees_its_home_page(page, demo_accounts, settings):
    page.goto("/")
    page.get_by_role("link", name="Masuk ke portal").click()
    page.get_by_label("Nama pengguna").fill("pemda-3311")
    page.get_by_label("Sandi").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.wait_for_url("**/pemda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kabupaten Sukoharjo")
    expect(page.locator("#main")).to_contain_text("Jawa Tengah")


def test_a_wrong_password_is_explained_and_nothing_opens(page, demo_accounts):
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("pemda-3311")
    page.get_by_label("Sandi").fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Masuk").click()

    expect(page.locator(".alert-danger")).to_contain_text("sandi yang benar")
    page.goto("/pemda/")
    assert "/akun/masuk/" in page.url


def demo_code(secret: str) -> str:
    """What `oathtool --totp -b SECRET` prints (README, demo logins)."""
    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def test_kominfo_signs_in_with_the_demos_second_factor(page, demo_accounts, settings):
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("kominfo")
    page.get_by_label("Sandi").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.wait_for_url("**/akun/verifikasi/**")
    page.goto("/kominfo/")  # nothing opens before the second step
    page.wait_for_url("**/akun/verifikasi/**")
    page.get_by_label("Kode verifikasi").fill(demo_code(DEMO_TOTP_SECRET))
    page.get_by_role("button", name="Verifikasi").click()

    page.wait_for_url("**/kominfo/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    response = page.goto("/admin/")
    assert response.status == 200


def test_new_staff_set_up_an_authenticator_then_use_a_recovery_code(page, transactional_db):
    UserFactory(username="staf-baru", staff=True)
    sign_in_with_password(page, "staf-baru", TEST_PASSWORD)

    page.wait_for_url("**/akun/verifikasi/pasang/**")
    secret = page.locator("#otp-secret").inner_text()
    expect(page.locator("#otp-uri")).to_contain_text("otpauth://totp/")
    page.get_by_label("Kode verifikasi").fill(demo_code(secret))
    page.get_by_role("button", name="Aktifkan").click()

    expect(page.locator("#recovery-codes li")).to_have_count(10)
    first_code = page.locator("#recovery-codes li").first.inner_text()
    page.get_by_role("link", name="Lanjut").click()
    page.wait_for_url("**/kominfo/")

    # Next time: the code page, where a recovery code stands in for a lost phone.
    page.context.clear_cookies()
    sign_in_with_password(page, "staf-baru", TEST_PASSWORD)
    page.wait_for_url("**/akun/verifikasi/?**")
    page.get_by_label("Kode verifikasi").fill(first_code)
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_url("**/kominfo/")


def sign_in_with_password(page, username, password):
    page.goto("/akun/masuk/?next=/kominfo/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
