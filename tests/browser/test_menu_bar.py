"""The menu bar holds on a laptop in both languages: a regional office's long name and the
ministry's eight entries once pushed it wider than a 1366 px screen (tests signed in as short
usernames never saw it). From 1200 px the bar is laid out in full, the person's name cut with
an ellipsis (whole in its title and in the open menu); below, it folds behind the menu button."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.pages import DESKTOP, fits_width
from tests.factories import RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OFFICE = "Dinas Komunikasi dan Informatika Kabupaten Sukoharjo"


@pytest.fixture
def people(transactional_db):
    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    UserFactory(username="pemda-3311", official=True, region=region, first_name=OFFICE)
    UserFactory(username="kominfo", staff=True, first_name="Staf Direktorat Jenderal Aptika")


@pytest.mark.parametrize("username", ["pemda-3311", "kominfo"])
@pytest.mark.parametrize("width", [1200, DESKTOP, 1440])
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_menu_bar_fits_a_laptop_in_both_languages(
    open_page, live_server, people, username, width, language
):
    page = open_page(username, width=width)
    expect(page.locator("main h1")).to_be_visible()  # signed in, on the home page
    if language == "en":
        # The language switch itself has its own journeys; here the cookie it sets is enough.
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
        )
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_hidden()
    account = page.locator(".nav-account")
    expect(account).to_be_visible()
    full_name = account.get_attribute("title")
    assert full_name and full_name.startswith(("Dinas", "Staf"))
    fits_width(page)
    # Every entry of the bar lies inside the screen, the last one (the person) included.
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('#nav-main > *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= width, f"the menu bar ends at {right} px on a {width} px screen"
    account.click()
    expect(page.locator(".dropdown-menu.show")).to_contain_text(full_name)


def test_below_1200_px_the_menu_folds_behind_its_button(open_page, people):
    page = open_page("pemda-3311", width=1024)
    toggler = page.get_by_role("button", name="Buka menu")
    expect(toggler).to_be_visible()
    expect(page.locator("#language-select")).to_be_hidden()
    fits_width(page)
    toggler.click()
    expect(page.locator("#language-select")).to_be_visible()
    expect(page.get_by_role("link", name="Solusi mitra")).to_be_visible()
    fits_width(page)
