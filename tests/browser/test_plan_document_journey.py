"""An official writes the plan's front matter in a browser, on a laptop and on a phone: the
forewords and the legal basis (prefilled with the national regulations) are saved from their
forms and shown on the plan page, whose profile, map and roadmap by term fit the screen and
whose roadmap prints every programme name whole."""

import pytest
from playwright.sync_api import expect

from masterplan.document import NATIONAL_LEGAL_BASIS
from masterplan.models import Dimension, Plan
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.masterplan.helpers import add_programme, full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LONG_NAME = (
    "Integrasi Layanan Administrasi Kependudukan, Kesehatan dan Pendidikan dalam Satu "
    "Aplikasi Warga Sukoharjo Terpadu Berbasis Nomor Induk Kependudukan"
)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_an_official_fills_the_forewords_and_the_legal_basis(
    transactional_db, world, open_page, width
):
    plan = full_plan(world)
    Plan.objects.filter(pk=plan.pk).update(horizon_years=10)
    add_programme(
        Plan.objects.get(pk=plan.pk),
        Dimension.objects.get(code="society"),
        name=LONG_NAME,
        end_year=plan.start_year + 7,
    )
    page = open_page(world.official.username, width=width)
    page.goto(f"/masterplan/{plan.pk}/")

    page.get_by_role("link", name="Ubah kata pengantar").click()
    page.get_by_label("Kata pengantar kepala daerah").fill("Sambutan Bupati Sukoharjo.")
    page.get_by_label("Kata pengantar ketua Tim Pelaksana").fill("Sambutan Ketua Tim.")
    fits_width(page)
    page.get_by_role("button", name="Simpan").click()
    foreword = page.locator("#plan-foreword")
    expect(foreword).to_contain_text("Sambutan Bupati Sukoharjo.")
    expect(foreword).to_contain_text("Sambutan Ketua Tim.")

    page.get_by_role("link", name="Ubah dasar hukum").click()
    field = page.get_by_label("Dasar hukum")
    expect(field).to_have_value("\n".join(NATIONAL_LEGAL_BASIS))
    # A line far too long is refused, naming the line, and nothing typed is lost.
    typed = field.input_value() + "\n" + "Perbup " * 100
    field.fill(typed)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Baris 8 lebih dari 500 huruf", exact=False)).to_be_visible()
    expect(page.get_by_label("Dasar hukum")).to_have_value(typed)
    page.get_by_label("Dasar hukum").fill(
        "\n".join(NATIONAL_LEGAL_BASIS) + "\nPeraturan Bupati Sukoharjo Nomor 3 Tahun 2018"
    )
    fits_width(page)
    page.get_by_role("button", name="Simpan").click()
    legal = page.locator("#plan-legal li")
    expect(legal).to_have_count(len(NATIONAL_LEGAL_BASIS) + 1)
    expect(legal.last).to_have_text("Peraturan Bupati Sukoharjo Nomor 3 Tahun 2018")

    # The profile, its map and the roadmap by term fit the screen; the long name is whole.
    expect(page.locator("#plan-profile")).to_contain_text("916.472 jiwa")
    expect(page.locator("#plan-profile svg.region-shape-svg")).to_be_visible()
    name = page.locator("#roadmap-long .roadmap-name", has_text=LONG_NAME)
    expect(name).to_have_text(LONG_NAME)
    name.scroll_into_view_if_needed()
    box = name.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the name is cut"
    fits_width(page)
    assert_accessible(page, within="main")
