"""The browser journeys' tabs: a person signed in at a given screen width, whose page fails the
test on any console error (a CSP refusal included)."""

import pytest

from tests.browser.pages import DESKTOP
from tests.conftest import sign_in


def refused_form(message, page) -> bool:
    """Chromium logs a page answered 400 as a resource that failed to load. A form refused with
    its errors comes back that way on purpose (the portal's convention for bad input; the plan's
    authoring forms answer 422), so that one message, about the page itself, is not a fault; a
    400 or 422 for anything else still is."""
    return (
        message.text.startswith(
            (
                "Failed to load resource: the server responded with a status of 400",
                "Failed to load resource: the server responded with a status of 422",
            )
        )
        and message.location.get("url") == page.url
    )


@pytest.fixture
def open_page(browser, live_server):
    """`open_page("pemda-3311", width=390)`: a fresh tab signed in as that person (None: not
    signed in). Every console error or uncaught script error on any tab opened this way fails
    the test at its end, with the messages listed (except a refused form's 400, see above)."""
    contexts, errors = [], []

    def open_(username: str | None = None, *, width: int = DESKTOP, height: int = 900):
        context = browser.new_context(
            base_url=live_server.url,
            locale="id-ID",
            viewport={"width": width, "height": height},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not refused_form(message, page)
                and errors.append(f"{username or 'anonymous'} @ {page.url}: {message.text}")
            ),
        )
        page.on(
            "pageerror",
            lambda error: errors.append(f"{username or 'anonymous'} @ {page.url}: {error}"),
        )
        if username:
            sign_in(page, username)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, "Console errors:\n" + "\n".join(errors)
