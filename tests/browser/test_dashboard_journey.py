"""The national dashboard in a real browser, as `kominfo` uses it on a laptop and on a phone:
sign in and land on it, filter a cohort and a province, open the list behind a figure, download
it, then open the programme map and click a region for its card; no console error (a CSP
refusal included: the charts' data travel as JSON, their script is a static file), nothing
wider than the screen, and no serious accessibility violation."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.browser.test_map_journey import assert_content_accessible
from tests.dashboard.builders import build_cohort, regions_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def programme(transactional_db, world):
    """The 2018 cohort in small (tests/dashboard/builders.py): 10 regions screened in Jawa
    Tengah (33) and 10 in Sulawesi Selatan (73); 12 invited, 5 selected, 4 MoUs signed."""
    UserFactory(username="kominfo", staff=True)
    return build_cohort(world.staff)


def figure(page, stage: str):
    return page.locator(f'#funnel-table a[data-stage="{stage}"]')


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_staff_filter_the_dashboard_open_a_figures_list_and_export_it(programme, open_page, width):
    page = open_page("kominfo", width=width)
    page.wait_for_url("**/kominfo/")
    expect(page.get_by_role("heading", name="Dasbor program")).to_be_visible()
    expect(figure(page, "diundang")).to_have_text("12")
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
    fits_width(page)

    # One cohort and one province: every figure follows.
    page.get_by_label("Angkatan", exact=True).select_option(label="2018")
    page.get_by_label("Provinsi", exact=True).select_option(label="Provinsi 33")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url("**/kominfo/?angkatan=2018&provinsi=33")
    expect(page.locator("#dashboard-scope")).to_contain_text("Angkatan 2018")
    expect(figure(page, "diundang")).to_have_text("10")
    expect(figure(page, "mou")).to_have_text("4")
    fits_width(page)
    if width == PHONE:
        assert_accessible(page)
    else:
        assert_content_accessible(page)

    # The list behind "MoU signed": the same four regions, and their download.
    figure(page, "mou").click()
    page.wait_for_url("**/dasbor/daftar/mou/?angkatan=2018&provinsi=33")
    expect(page.locator("#list-count")).to_have_text("4")
    codes = sorted(c.region.code for c in programme.signed)
    expect(page.locator("#region-list tbody tr")).to_have_count(4)
    fits_width(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == codes
    assert download.value.suggested_filename == "dasbor-mou-2018-provinsi-33.csv"

    # From a region in the list to its programme card.
    page.get_by_role("link", name=f"Kab. Uji {codes[0]}").click()
    expect(page.get_by_role("heading", name=f"Kab. Uji {codes[0]}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Angkatan 2018")


@pytest.fixture
def papua(transactional_db, world):
    """A cohort in Papua Selatan (93) and Papua Tengah (94), whose regions are large enough on
    the map of Indonesia to click: Kab. Merauke (93.01) and three more sign their MoU."""
    UserFactory(username="kominfo", staff=True)
    regions = regions_in("93", 4) + regions_in("94", 8)
    return build_cohort(
        world.staff, regions=regions, invited=8, questionnaires=6, assessed=6, selected=5
    )


def test_staff_go_from_the_dashboard_to_the_map_and_click_a_region(papua, open_page):
    page = open_page("kominfo", width=DESKTOP)
    page.wait_for_url("**/kominfo/")
    page.get_by_role("link", name="Peta program seluruh kabupaten/kota").click()
    page.wait_for_url("**/dasbor/peta/")
    expect(page.locator("#programme-map")).to_have_attribute("data-ready", "true")
    code = papua.signed[0].region.code
    assert code == "93.01"
    page.locator(f'#programme-map path[data-code="{code}"]').click()
    card = page.locator("#region-card")
    expect(card.get_by_role("heading", name=f"Kab. Uji {code}")).to_be_visible()
    expect(card).to_contain_text("Peserta")
