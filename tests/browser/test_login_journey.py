"""Browser journeys for the foundation: a regional official signs in and sees their page."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from portal.demo import seed_accounts, seed_institutions_and_partners

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
    expect(page.get_by_role("heading", level=1)).to_have_text("Kab. Sukoharjo")
    expect(page.locator("#main")).to_contain_text("Jawa Tengah")


def test_a_wrong_password_is_explained_and_nothing_opens(page, demo_accounts):
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("pemda-3311")
    page.get_by_label("Sandi").fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Masuk").click()

    expect(page.locator(".alert-danger")).to_contain_text("sandi yang benar")
    page.goto("/pemda/")
    assert "/akun/masuk/" in page.url
