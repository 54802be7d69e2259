"""The lists a mentor and a partner open from their homes, a submitted version and the page
comparing two versions fit a phone's width: their five- and seven-column tables and an unbroken
address in a changed section once pushed them 19-350 px past a 390 px screen (the homes
themselves were tried, these were not). On a phone a version's programmes are cards."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from industry.services.inputs import partner_input_add
from masterplan.models import Plan
from masterplan.services.workflow import plan_move, plan_submit
from tests.browser.pages import PHONE, assert_accessible, fits_width
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ADDRESS = "https://smartcity.sukoharjokab.go.id/rencana-induk/buku-ii/lampiran-program-prioritas"


@pytest.fixture
def resubmitted(transactional_db, world):
    """Sukoharjo's plan sent back by its mentor and submitted again with a changed vision (an
    address in it), a partner's input on it: version 2 waits for the mentor's review."""
    plan = plan_submit(plan=full_plan(world), by=world.official)
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Perbaiki visi.")
    Plan.objects.filter(pk=plan.pk).update(vision=f"Sukoharjo cerdas; rujukan: {ADDRESS}")
    plan.refresh_from_db()
    plan = plan_submit(plan=plan, by=world.official)
    partner_input_add(plan=plan, by=world.partner, body="Kami dapat mendukung layanan ini.")
    return plan


@pytest.mark.parametrize(
    "role, url_name, args",
    [
        ("mentor", "review_queue", []),
        ("partner", "partner_plans", []),
        ("mentor", "plan_version_diff", ["pk", 2]),
        ("official", "plan_version", ["pk", 2]),
    ],
    ids=["mentor review queue", "partner plans", "version difference", "submitted version"],
)
def test_the_page_fits_a_phone(open_page, world, resubmitted, role, url_name, args):
    page = open_page(world.user(role).username, width=PHONE)
    url = reverse(url_name, args=[resubmitted.pk if a == "pk" else a for a in args])
    page.goto(url)
    # The region is there to open, and nothing needs sideways scrolling to reach it.
    expect(page.locator("main").get_by_text("Sukoharjo").first).to_be_visible()
    fits_width(page)
    assert_accessible(page, within="main")


def test_the_plan_page_fits_a_phone_in_english(open_page, world, resubmitted, live_server):
    """English column titles are longer: the budget by programme type (Indonesian type names,
    amounts of hundreds of billions) once ran 13-23 px past the screen in English only."""
    from django.conf import settings

    from masterplan.models import ProgrammeBudget

    ProgrammeBudget.objects.filter(programme__plan=resubmitted).update(amount=158_900_000_000)
    page = open_page(world.official.username, width=PHONE)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(resubmitted.get_absolute_url())
    expect(page.locator("#plan-budget-by-type caption")).to_have_text(
        "Programmes and budget by programme type"
    )
    fits_width(page)
