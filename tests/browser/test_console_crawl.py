"""Every page each role can open loads in a real browser with no console error.

The pages are those of the URL × role matrix (tests/test_url_matrix.py): each URL that answers
a GET with a page (200, HTML) is opened in Chromium by every role the matrix lets in, on the
data the matrix builds for it. Any console error fails (a CSP refusal included, as an inline
style or script would cause), and so does a region written `Kab.` (one spelling per kind: the
full name, see smartcity.models.Region.short_name).

Each URL gets a world of its own (the matrix's builders assume a fresh one: one screening
round per cohort, one plan per region), with its own cohort year, regions and officials; staff,
mentors, the assessor and the partner are the same people in every world. Each role opens its
pages in one browser tab, whose session cookie changes when the role's person does.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import ROLES, Client, World
from tests.factories import CohortFactory, RegionFactory, UserFactory
from tests.test_url_matrix import EXPECTATIONS, url_kwargs
from tests.urlmatrix import OK

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES = sorted(name for name, expected in EXPECTATIONS.items() if OK in expected.values())
# Pages open to everyone (the landing page, password pages) read the same for every role but
# for the menu, which every other page shows to each role: they are opened signed out and by
# staff, whose menu is the longest.
EVERYONES = ("anonymous", "staff")


def roles_opening(name):
    let_in = [role for role in ROLES if EXPECTATIONS[name][role] == OK]
    return [role for role in let_in if role in EVERYONES] if let_in == list(ROLES) else let_in


def people() -> dict:
    """The people every world shares: their pages list what all the worlds gave them."""
    return {
        "staff": UserFactory(username="staf", staff=True),
        "mentor": UserFactory(username="mentor-a", mentor=True),
        "other_mentor": UserFactory(username="mentor-b", mentor=True),
        "assessor": UserFactory(username="asesor-a", assessor=True),
        "partner": UserFactory(username="mitra-a", partner=True),
        "evaluator": UserFactory(username="evaluator-a", evaluator=True),
    }


def world_number(n: int, shared: dict) -> World:
    """The n-th world: like the `world` fixture's, with a year, regions and officials of its own."""
    province = 50 + n // 20
    region = RegionFactory(code=f"{province}.{1 + n % 20:02d}", name=f"Kabupaten Uji {n}")
    other_region = RegionFactory(code=f"{province}.{71 + n % 20}", name=f"Kota Uji {n}", city=True)
    return World(
        region=region,
        other_region=other_region,
        cohort=CohortFactory(year=2030 + n),
        official=UserFactory(username=f"pemda-a-{n}", official=True, region=region),
        other_official=UserFactory(username=f"pemda-b-{n}", official=True, region=other_region),
        **shared,
    )


def session_cookie(user, base_url: str) -> dict:
    """The session cookie of `user` signed in (staff with their second factor passed)."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}


def test_every_page_opens_without_a_console_error_for_every_role_let_in(
    transactional_db, open_page, live_server
):
    tabs, signed_in, problems, visited = {}, {}, [], 0
    shared = people()

    def tab_for(role):
        if role not in tabs:
            tab = open_page(None)
            # A browser asks a JSON answer (/healthz) for the site's icon; pages carry their own.
            tab.route("**/favicon.ico", lambda route: route.fulfill(status=204))
            tab.on(
                "console",
                lambda message, role=role, tab=tab: (
                    message.type == "error"
                    and problems.append(f"{role} @ {tab.url}: {message.text}")
                ),
            )
            tabs[role] = tab
        return tabs[role]

    for n, name in enumerate(PAGES):
        world = world_number(n, shared)
        url = reverse(name, kwargs=url_kwargs(name, world))
        for role in roles_opening(name):
            user = world.user(role)
            tab = tab_for(role)
            if signed_in.get(role) != user:
                tab.context.clear_cookies()
                if user is not None:
                    tab.context.add_cookies([session_cookie(user, live_server.url)])
                signed_in[role] = user
            if url.endswith((".xml", ".txt")):
                # sitemap.xml, robots.txt: not pages. Chromium shows them in its own viewer,
                # whose inline styles the portal's CSP refuses (a console error that is not ours).
                status = tab.request.get(url).status
                if status != 200:
                    problems.append(f"{role} @ {url}: HTTP {status}")
                break
            try:
                answer = tab.goto(url)
            except PlaywrightError as error:
                if "Download is starting" in str(error):
                    break  # a file: the URL matrix checks who may download it
                raise
            if answer.status != 200:
                problems.append(f"{role} @ {url}: HTTP {answer.status}")
                continue
            if not answer.headers["content-type"].startswith("text/html") or (
                "<html" not in answer.text()
            ):
                break  # JSON or an htmx fragment: not a page of its own
            visited += 1
            # Panels the page loads itself (hx-trigger="load") are part of it.
            tab.wait_for_function("() => !document.querySelector('[hx-trigger~=load]')")
            if "Kab. " in tab.locator("body").inner_text():
                problems.append(f"{role} @ {url}: a region written 'Kab.'")

    assert visited > 60, f"only {visited} pages opened: the crawl lost its pages"
    assert not problems, "\n".join(problems)
