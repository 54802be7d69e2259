"""The ministry runs a year's screening of all 514 kab/kota, filters the ranked table, and
confirms the shortlist through the page that says what will change, on a laptop and on a
phone; afterwards the round offers nothing that would run it again (#13, parts 3, 6 and 7)."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from candidates.models import Candidate, IndicatorImport, IndicatorSet, ScreeningRound
from portal.demo import seed_ministry_group
from smartcity.models import Region
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.factories import CohortFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

YEAR = 2019
QUOTA = 107  # about 107 regions were invited in 2019 (DOMAIN.md)


@pytest.fixture
def a_year_of_indicators(transactional_db):
    """Every kab/kota with plain, varied indicators for 2019; a few lack the green index."""
    call_command("load_regions", verbosity=0)
    regions = list(Region.objects.kab_kota().order_by("code"))
    dataset = IndicatorImport.objects.create(
        year=YEAR, file_name="indikator-2019.csv", checksum="0" * 64, row_count=len(regions)
    )
    IndicatorSet.objects.bulk_create(
        IndicatorSet(
            region=region,
            year=YEAR,
            dataset=dataset,
            fiscal_capacity_index=Decimal(i % 37) / 10,
            fiscal_capacity_category="sedang",
            ekppd_score=Decimal(200 + i * 7 % 200) / 100,
            ekppd_status="tinggi",
            green_city_index=None if i % 50 == 0 else Decimal(i * 13 % 100),
        )
        for i, region in enumerate(regions)
    )
    CohortFactory(year=YEAR, quota_invited=QUOTA, status="screening")
    officer = UserFactory(username="staf-kominfo", staff=True)
    officer.groups.add(seed_ministry_group())
    return regions


def go_to(page, width, link):
    """Follow a link of the main menu (behind the menu button on a phone)."""
    if width == PHONE:
        page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name=link).click()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_ministry_filters_the_ranked_table_and_confirms_through_the_confirmation_step(
    a_year_of_indicators, open_page, width
):
    page = open_page("staf-kominfo", width=width)
    page.wait_for_url("**/kominfo/")

    # Run the round from the screening pages.
    go_to(page, width, "Seleksi awal")
    page.get_by_role("link", name=re.compile(f"Smart City {YEAR}")).click()
    page.get_by_role("button", name="Jalankan seleksi awal").click()
    page.wait_for_url("**/seleksi/hasil/*/")
    table = page.locator("table.table-cards")
    expect(page.locator("caption")).to_contain_text("1–100 dari 514 wilayah")
    expect(table.locator("tbody tr")).to_have_count(100)
    fits_width(page)
    assert_accessible(page, within="main")  # the menu's contrast: another part of #13

    if width == DESKTOP:
        # The header stays in view over 100 rows.
        page.mouse.wheel(0, 2500)
        expect(table.locator("thead th").first).to_be_in_viewport()
    else:
        # Rows are cards: the region's link and its status are on screen, nothing sideways.
        first = table.locator("tbody tr").first
        first.scroll_into_view_if_needed()
        for part in (first.get_by_role("link"), first.locator(".badge")):
            expect(part).to_be_in_viewport()
            box = part.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE

    # Filter: Jawa Tengah's shortlisted regions; then, from the whole table, a name.
    page.get_by_label("Provinsi").select_option(label="Jawa Tengah")
    page.get_by_label("Status", exact=True).select_option(label="Daftar pendek")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("caption")).to_contain_text("(disaring dari 514)")
    rows = table.locator("tbody tr")
    assert rows.count() > 0
    for row in rows.all():
        expect(row).to_contain_text("Jawa Tengah")
        expect(row).to_contain_text("Daftar pendek")
    page.get_by_role("link", name="Atur ulang").click()
    expect(page.locator("caption")).to_contain_text("1–100 dari 514 wilayah")
    page.get_by_label("Cari nama atau kode").fill("sukoharjo")
    page.get_by_role("button", name="Terapkan").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Kabupaten Sukoharjo 33.11")
    fits_width(page)

    # Confirm: the page says what will change before anything does.
    page.get_by_role("link", name=f"Konfirmasi dan undang {QUOTA} daerah…").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        f"{QUOTA} daerah akan diundang ke asesmen kesiapan angkatan {YEAR}."
    )
    expect(page.locator("main")).to_contain_text("tidak dapat dijalankan ulang")
    assert not Candidate.objects.exists()
    fits_width(page)
    assert_accessible(page, within="main")  # the menu's contrast: another part of #13
    page.get_by_role("button", name=f"Ya, konfirmasi dan undang {QUOTA} daerah").click()
    expect(page.locator("#messages")).to_contain_text(f"{QUOTA} daerah diundang")
    expect(page.locator("h1")).to_contain_text("dikonfirmasi")
    assert Candidate.objects.filter(cohort__year=YEAR).count() == QUOTA
    assert ScreeningRound.objects.get(cohort__year=YEAR).confirmed_run is not None

    # The round is final: its page says so and offers nothing that runs or saves.
    page.get_by_role("link", name=re.compile(f"Smart City {YEAR}")).click()
    expect(page.get_by_role("heading", name="Putaran ini sudah dikonfirmasi")).to_be_visible()
    expect(page.get_by_role("button", name="Jalankan seleksi awal")).to_have_count(0)
    expect(page.get_by_role("button", name="Simpan bobot dan jalankan")).to_have_count(0)
    fits_width(page)
