"""Staff weigh pemerataan before deciding, on a laptop and on a phone: from the selection page
they open the balanced proposal beside the pure ranking (who enters, who leaves, the score it
costs, the spread and its map), start the selection from it, and find each departure's reason
already written and editable (#17, parts 3 and 4)."""

import pytest
from playwright.sync_api import expect

from assessment.models import EquityRules
from tests.assessment.builders_results import candidate, sheet, small_cohort
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def cohort(transactional_db, world):
    """The hand-computed cohort (quota 2: Sukoharjo 75, Bandung 62.5, Pacitan 31.25, all in
    Jawa) and Kabupaten Mimika (Papua, 50); at least one per island group."""
    UserFactory(username="kominfo", staff=True)
    cohort, (x, y, z), (ani, budi) = small_cohort(world, quota=2)
    mimika = candidate(cohort, "94.04", "Kabupaten Mimika")
    sheet(mimika, ani, (3, 3, 3), by=world.staff)
    sheet(mimika, budi, (3, 3, 3), by=world.staff)
    EquityRules.objects.create(cohort=cohort, max_per_province=None, min_per_island_group=1)
    return cohort, (x, y, z, mimika)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_staff_open_the_proposal_and_start_the_selection_from_it(cohort, open_page, width):
    _, (x, y, z, mimika) = cohort
    page = open_page("kominfo", width=width)
    page.goto("/asesmen/2018/penetapan/")

    page.get_by_role("link", name="Lihat usulan pemerataan").click()
    page.wait_for_url("**/asesmen/2018/usulan-pemerataan/")
    expect(page.get_by_role("heading", name="Usulan pemerataan 2018")).to_be_visible()
    entering = page.locator("#entering tbody")
    leaving = page.locator("#leaving tbody")
    expect(entering).to_contain_text("Kabupaten Mimika")
    expect(entering).to_contain_text("pemerataan: paling sedikit 1 per kelompok pulau (Papua)")
    expect(leaving).to_contain_text("Kota Bandung")
    expect(page.locator("#score-lost")).to_have_text("−12,50")
    expect(page.locator("#islands")).to_contain_text("Papua")
    # The dashboard's map fills its slot: Mimika drawn in the colour of those who enter.
    expect(page.locator('#proposal-map svg [data-code="94.04"]')).to_have_attribute(
        "fill", "#2e8540"
    )
    fits_width(page)
    assert_accessible(page, within="main")

    page.get_by_role("link", name="Mulai penetapan dari usulan ini").click()
    page.wait_for_url("**/asesmen/2018/penetapan/?dari=usulan")
    expect(page.locator("#from-proposal")).to_be_visible()
    expect(page.locator(f"#pilih-{mimika.pk}")).to_be_checked()
    expect(page.locator(f"#pilih-{y.pk}")).not_to_be_checked()
    bandung_reason = page.locator(f"#id_reason_{y.pk}")
    expect(bandung_reason).to_have_value("pemerataan: paling sedikit 1 per kelompok pulau")
    expect(page.locator(f"#id_reason_{mimika.pk}")).to_have_value(
        "pemerataan: paling sedikit 1 per kelompok pulau (Papua)"
    )
    # The reason stays editable; the check page shows the edited one and where it started.
    bandung_reason.fill("pemerataan: Papua belum terwakili")
    page.get_by_label("Nomor surat Dirjen").fill("B-300/DJAI/KOMINFO/04/2018")
    page.get_by_label("Tanggal surat").fill("2018-04-20")
    page.get_by_role("button", name="Periksa sebelum menetapkan").click()
    expect(page.get_by_role("heading", name="Konfirmasi penetapan")).to_be_visible()
    expect(page.locator("main")).to_contain_text("pemerataan: Papua belum terwakili")
    expect(page.locator("main")).to_contain_text("usulan pemerataan (aturan dan usulan dicatat")
    fits_width(page)
