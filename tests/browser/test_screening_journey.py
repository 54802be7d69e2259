"""Staff import a year of indicators in the admin, run the screening, open an explanation."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from portal.demo import seed_ministry_group
from tests.factories import CohortFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HEADER = (
    "region_code,fiscal_capacity_index,fiscal_capacity_category,ekppd_score,ekppd_status,"
    "ekppd_rank,green_city_index,sustainable_city_index"
)
CSV = f"""{HEADER}
33.11,1.9,tinggi,3.6,sangat_tinggi,3,82,
32.73,2.4,sangat_tinggi,3.1,sangat_tinggi,40,70,66.5
35.15,0.7,rendah,2.4,tinggi,300,40,
3374,1.2,sedang,3.3,sangat_tinggi,20,,58
"""


@pytest.fixture
def ministry_officer(transactional_db):
    call_command("load_regions", verbosity=0)
    CohortFactory(year=2018)
    officer = UserFactory(username="staf-kominfo", staff=True)
    officer.groups.add(seed_ministry_group())
    return officer


def test_staff_import_run_and_read_an_explanation(open_page, ministry_officer, tmp_path):
    indicator_file = tmp_path / "indikator-2018.csv"
    indicator_file.write_text(CSV, encoding="utf-8")
    page = open_page("staf-kominfo")  # any console error fails the journey
    page.wait_for_url("**/kominfo/")

    # Import in the admin: upload, preview, confirm.
    page.goto("/admin/candidates/indicatorimport/")
    page.get_by_role("link", name="Impor berkas indikator").click()
    page.get_by_label("Tahun data").fill("2018")
    page.get_by_label("Berkas indikator").set_input_files(str(indicator_file))
    page.get_by_role("button", name="Periksa dan tampilkan pratinjau").click()
    # Web-first assertions: each waits for the page the click navigates to, where reading
    # page.content() at once could catch the navigation half-way (an empty document).
    confirm = page.get_by_role("button", name="Konfirmasi impor")
    expect(confirm).to_be_visible()
    expect(page.locator("#content-main")).to_contain_text("Sukoharjo")  # the preview's regions
    confirm.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Data indikator tahun 2018 diimpor dari indikator-2018.csv: 4 baris"
    )

    # Run the 2018 screening from the staff pages.
    page.goto("/seleksi/")
    page.get_by_role("link", name="Gerakan Menuju 100 Smart City 2018").click()
    page.get_by_role("button", name="Jalankan seleksi awal").click()
    page.wait_for_url("**/seleksi/hasil/*/")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(5)  # header + 4 regions
    expect(table).to_contain_text("Data tidak lengkap")  # Kota Semarang lacks the green index

    # Open Sukoharjo's explanation.
    page.get_by_role("link", name="Kabupaten Sukoharjo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Kabupaten Sukoharjo"))
    main = page.locator("main")
    expect(main).to_contain_text("Peringkat 1 dari 3")
    expect(main).to_contain_text("Skor komposit")
