"""The yearly evaluation in a real browser, on a laptop (1366 px) and a phone (390 px): staff
open the cycles with the national distribution chart, a cycle's results and a region's report;
Kota Bandung's official opens *Evaluasi*, sees the rising trend chart and the 2020 report. No
console error (the charts' data travel as JSON, their script is a static file, under the CSP),
nothing wider than the screen, no serious accessibility violation in the content."""

import pytest
from playwright.sync_api import expect

from evaluation.services import cycle_publish
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.browser.test_map_journey import assert_content_accessible
from tests.evaluation.helpers import scored_cycle
from tests.factories import RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def evaluations(transactional_db, world):
    """2019 and 2020 published, Kota Bandung (world.other_region) rising from 3.00 to 3.60,
    with eight other regions around it."""
    UserFactory(username="kominfo", staff=True)
    others = [RegionFactory() for _ in range(8)]
    for year, bandung in ((2019, 3.0), (2020, 3.6)):
        by_region = {world.other_region: (bandung,) * 5, world.region: (2.5, 2.5, 2.5, 2.5, 2.5)}
        by_region |= {r: (1 + i * 0.4,) * 5 for i, r in enumerate(others)}
        cycle = scored_cycle(year, by_region)
        cycle_publish(cycle=cycle, by=world.staff)
    return world


def check(page, width):
    fits_width(page)
    if width == PHONE:
        assert_accessible(page)
    else:
        assert_content_accessible(page)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_staff_read_the_results_and_a_regions_report(evaluations, open_page, width):
    page = open_page("kominfo", width=width)
    page.goto("/evaluasi/")
    expect(page.get_by_role("heading", name="Evaluasi smart city")).to_be_visible()
    expect(page.locator("canvas[data-evaluation-chart]")).to_be_visible()
    expect(page.locator("#distribution-table tbody tr")).to_have_count(2)
    check(page, width)

    page.get_by_role("link", name="Evaluasi 2020").click()
    page.wait_for_url("**/evaluasi/2020/")
    bandung = page.locator('#results tr[data-code="32.73"]')
    expect(bandung).to_contain_text("3,60")
    expect(bandung).to_contain_text("+0,60")
    check(page, width)

    bandung.get_by_role("link", name="Kota Bandung").click()
    page.wait_for_url("**/evaluasi/2020/32.73/")
    expect(page.locator("#report-index")).to_have_text("3,60")
    expect(page.locator("#headline")).to_contain_text("+0,60 dari 2019")
    check(page, width)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_an_official_reads_their_trend_and_report(evaluations, open_page, width):
    page = open_page(evaluations.other_official.username, width=width)
    page.goto("/evaluasi/daerah-saya/")
    page.wait_for_url("**/evaluasi/daerah/32.73/")
    expect(page.locator("canvas[data-evaluation-chart]")).to_be_visible()
    rows = page.locator("#trend-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("+0,60")
    check(page, width)

    page.get_by_role("link", name="2020").click()
    page.wait_for_url("**/evaluasi/2020/32.73/")
    expect(page.locator("#report-index")).to_have_text("3,60")
    check(page, width)
    # Another region's report answers 404 (tests/evaluation/test_views.py): not opened here,
    # as the browser logs a 404 as a console error.
