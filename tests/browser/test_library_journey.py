"""The public library, as a Bappeda officer of another region uses it: search the library for a
programme, open Kota Bandung's plan, download its approved PDF, then sign in as Kota
Pekalongan's official and copy the programme into Pekalongan's draft. Every public page passes
axe at 1366 px and fits 390 px."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from evaluation.services import cycle_publish
from tests.browser.pages import PHONE, assert_accessible, fits_width
from tests.evaluation.helpers import scored_cycle
from tests.factories import CohortFactory, RegionFactory, UserFactory
from tests.library.helpers import approved_plan, draft_plan_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def bandung(transactional_db, monkeypatch):
    """Kota Bandung's approved plan with its approved print; Kota Pekalongan's draft; two
    published evaluations of both (the region page's results, the overview's top ten)."""
    bandung = RegionFactory(code="32.73", name="Kota Bandung", city=True)
    pekalongan = RegionFactory(code="33.75", name="Kota Pekalongan", city=True)
    world = SimpleNamespace(
        region=bandung,
        cohort=CohortFactory(year=2018),
        staff=UserFactory(username="staf-kominfo", staff=True),
        mentor=UserFactory(username="mentor-ui", mentor=True),
        official=UserFactory(username="pemda-3273", official=True, region=bandung),
    )
    plan = approved_plan(world, monkeypatch=monkeypatch)
    draft = draft_plan_of(world, pekalongan, name="Program Pekalongan Pertama")
    UserFactory(username="pemda-3375", official=True, region=pekalongan)
    for year, scores in ((2019, (3, 3, 3, 3, 3)), (2020, (3.5, 3.25, 3.75, 4, 3.1))):
        cycle = scored_cycle(year, {bandung: scores, pekalongan: (2.5, 2.5, 2.5, 2.5, 2.5)})
        cycle_publish(cycle=cycle, by=world.staff)
    return SimpleNamespace(
        plan=plan, draft=draft, name=plan.versions.get().data["programmes"][0]["name"]
    )


def test_a_visitor_finds_bandungs_programme_downloads_the_plan_and_pekalongan_copies_it(
    open_page, bandung, tmp_path
):
    page = open_page(None)
    page.goto("/")
    page.get_by_role("link", name="Pustaka program").first.click()
    page.get_by_label("Kata kunci").fill(bandung.name)
    page.get_by_role("button", name="Cari").click()
    assert "q=" in page.url  # the search is in the address, to be shared
    results = page.locator("#library-results")
    expect(results).to_contain_text(bandung.name)
    expect(results).to_contain_text("Kota Bandung")
    assert_accessible(page)

    results.get_by_role("link", name="Masterplan Kota Bandung").first.click()
    expect(page.locator("h1")).to_have_text("Kota Bandung")
    assert_accessible(page)
    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    saved = tmp_path / "masterplan.pdf"
    info.value.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"

    official = open_page("pemda-3375")
    official.goto(page.url)
    official.get_by_role("link", name=bandung.name).first.click()
    expect(official.locator("#adopt")).to_contain_text("Gunakan di rencana saya")
    assert_accessible(official)
    official.locator("#adopt-button").click()
    official.wait_for_url(f"**{bandung.draft.get_absolute_url()}**")
    expect(
        official.get_by_text("Diadaptasi dari rencana Kota Bandung yang disahkan")
    ).to_be_visible()
    assert bandung.draft.programmes.filter(adapted_from_version__plan=bandung.plan).count() == 1


@pytest.mark.parametrize("path", ["/publik/", "/publik/daerah/32.73/", "/pustaka/?q=Program"])
def test_public_pages_fit_a_phone_and_pass_axe(open_page, bandung, path):
    page = open_page(None, width=PHONE)
    page.goto(path)
    if path.startswith("/publik/"):  # the evaluation's results are there, in the checks
        expect(page.locator("#evaluation, #evaluation-top")).to_be_visible()
    fits_width(page)
    assert_accessible(page)
