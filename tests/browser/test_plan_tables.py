"""The plan page's tables on a laptop and on a phone: the budget summary of a ten-year plan with
every funding source and large amounts fits 1366 px (it was cut off on the right), the
programme tables keep their column titles in sight while scrolling, and on a phone every
programme is a card whose budget and actions are on the screen."""

import pytest
from playwright.sync_api import expect

from masterplan.models import Plan, Programme, ProgrammeBudget
from tests.browser.pages import DESKTOP, PHONE, fits_width
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def ten_year_plan(world):
    """Eight programmes a dimension over ten years, every funding source, Rp 10 billion each a
    year: Rp 100 billion a source a year, Rp 4.8 trillion in all (far above any real plan)."""
    plan = full_plan(world, programmes_per_dimension=8)
    Plan.objects.filter(pk=plan.pk).update(horizon_years=10)
    sources = Programme.Funding.values
    for i, programme in enumerate(plan.programmes.order_by("pk")):
        programme.funding_source = sources[i % len(sources)]
        programme.end_year = plan.start_year + 9
        programme.save()
    ProgrammeBudget.objects.filter(programme__plan=plan).delete()
    ProgrammeBudget.objects.bulk_create(
        ProgrammeBudget(programme=p, year=plan.start_year + y, amount=9_999_999_999)
        for p in plan.programmes.all()
        for y in range(10)
    )
    return plan


def test_on_a_laptop_the_budget_fits_and_programme_titles_stay_in_sight(
    transactional_db, world, open_page
):
    plan = ten_year_plan(world)
    page = open_page(world.official.username, width=DESKTOP)
    page.goto(f"/masterplan/{plan.pk}/")
    budget = page.locator("#plan-budget table.plan-budget")
    expect(budget.locator("tbody tr")).to_have_count(10)
    assert budget.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth"), "cut off"
    fits_width(page)
    # Scrolled to a table's last row, its column titles are at the top of the screen.
    table = page.locator("#dimension-living table")
    table.locator("tbody tr[id^=programme-]").last.scroll_into_view_if_needed()
    top = table.locator("thead th").first.evaluate("th => th.getBoundingClientRect().top")
    assert abs(top) <= 1, f"the titles are at {top} px, not at the top of the screen"


def test_on_a_phone_each_programme_is_a_card_with_its_budget_and_actions_on_screen(
    transactional_db, world, open_page
):
    plan = ten_year_plan(world)
    page = open_page(world.official.username, width=PHONE)
    page.goto(f"/masterplan/{plan.pk}/")
    fits_width(page)
    for programme in plan.programmes.order_by("pk")[:3]:
        row = page.locator(f"#programme-{programme.pk}")
        for part in (
            row.get_by_text("Rp 99.999.999.990"),
            row.get_by_role("link", name=f"Ubah {programme.name}"),
            row.get_by_role("button", name=f"Hapus {programme.name}"),
        ):
            part.scroll_into_view_if_needed()
            box = part.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE, box
