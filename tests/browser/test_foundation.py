"""The journeys' tools check what they claim: a console error fails the test, a page wider
than the screen is caught, and axe reports a contrast problem."""

import pytest

from tests.browser.pages import PHONE, assert_accessible, fits_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_checks_catch_what_they_are_for(transactional_db, open_page):
    page = open_page(width=PHONE)
    page.goto("/")
    fits_width(page)
    page.evaluate(
        """() => {
            const wide = document.createElement("div");
            wide.textContent = "abu-abu";
            wide.style.width = "2000px";
            wide.style.color = "#bbb";
            document.querySelector("main").append(wide);
        }"""
    )
    with pytest.raises(AssertionError, match="wider than the screen"):
        fits_width(page)
    with pytest.raises(AssertionError, match="color-contrast"):
        assert_accessible(page)


def test_a_console_error_fails_the_journey(transactional_db, browser, live_server):
    """The fixture's own teardown is what fails; driven here by hand to see it."""
    from tests.browser.conftest import open_page

    generator = open_page.__wrapped__(browser, live_server)
    open_ = next(generator)
    page = open_(width=PHONE)
    page.goto("/")
    page.evaluate("() => console.error('rusak')")
    with pytest.raises(AssertionError, match="rusak"):
        next(generator)
