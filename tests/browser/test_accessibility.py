"""The pages everyone starts from pass axe-core's WCAG 2.1 A/AA rules, colour contrast (4.5:1)
included, at 1366 px: the public landing and login pages, each role's home, and the master plan
page as its region and its mentor see it. A console error on any of them fails too."""

import pytest
from django.urls import reverse

from industry.services.inputs import partner_input_add
from masterplan.services.workflow import plan_submit
from tests.assessment.url_expectations_scoring import seat_for
from tests.browser.pages import DESKTOP, assert_accessible
from tests.factories import CandidateFactory
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def scene(transactional_db, world):
    """Sukoharjo's plan submitted to its mentor with a partner's input on it, and the assessor
    on Bandung's panel: every home has something to show."""
    plan = plan_submit(plan=full_plan(world), by=world.official)
    partner_input_add(plan=plan, by=world.partner, body="Kami dapat mendukung layanan ini.")
    seat_for(world, candidate=CandidateFactory(cohort=world.cohort, region=world.other_region))
    return plan


@pytest.mark.parametrize("url_name", ["landing", "login"])
def test_the_public_pages_are_accessible(scene, open_page, url_name):
    page = open_page(width=DESKTOP)
    page.goto(reverse(url_name))
    assert_accessible(page)


@pytest.mark.parametrize("role", ["staff", "official", "mentor", "assessor", "partner"])
def test_each_roles_home_is_accessible(scene, world, open_page, role):
    page = open_page(world.user(role).username, width=DESKTOP)
    page.goto(reverse("home"))
    page.wait_for_load_state()
    assert page.url.rstrip("/").split("/")[-1] != "masuk", "not signed in"
    assert_accessible(page)


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_the_plan_page_is_accessible(scene, world, open_page, role):
    page = open_page(world.user(role).username, width=DESKTOP)
    page.goto(scene.get_absolute_url())
    assert_accessible(page)
