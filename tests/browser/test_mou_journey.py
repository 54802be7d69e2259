"""Staff record Kabupaten Sukoharjo's signed MoU with its PDF; the region's official downloads the
copy and it matches the SHA-256 the page shows."""

import hashlib

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

from partners.models import MoU
from portal.demo import seed_ministry_group
from tests.factories import (
    CandidateFactory,
    CohortFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def sukoharjo(transactional_db, private_root):
    """Sukoharjo selected in 2018, its official `pemda-3311`, and a ministry officer."""
    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    candidate = CandidateFactory(cohort=CohortFactory(year=2018), region=region, status="selected")
    UserFactory(username="pemda-3311", official=True, region=region)
    officer = UserFactory(username="staf-kominfo", staff=True)
    officer.groups.add(seed_ministry_group())
    return candidate


@pytest.fixture
def signed_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "MoU Sukoharjo 2018.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_staff_record_the_mou_and_the_region_downloads_a_verified_copy(
    open_page, sukoharjo, signed_pdf, tmp_path
):
    # Staff record the signing from the cohort's progress page (any console error fails).
    page = open_page("staf-kominfo")
    page.wait_for_url("**/kominfo/")
    page.get_by_role("link", name="MoU", exact=True).click()
    page.get_by_role("link", name="Gerakan Menuju 100 Smart City 2018").click()
    expect(page.locator("#main")).to_contain_text("0 dari 1 ditandatangani")
    page.get_by_role("link", name="Kabupaten Sukoharjo").click()
    page.get_by_label("Tanggal penandatanganan").fill("2018-05-08")
    page.get_by_label("Tempat").fill("Jakarta")
    page.get_by_label("Nama kepala daerah").fill("Wardoyo Wijaya")
    page.get_by_label("Jabatan").select_option("bupati")
    page.get_by_label("Dokumen MoU bertanda tangan (PDF)").set_input_files(str(signed_pdf))
    page.get_by_role("button", name="Simpan MoU bertanda tangan").click()
    page.wait_for_url(f"**/mitra-program/mou/kandidat/{sukoharjo.pk}/")
    expect(page.locator("#mou-status")).to_have_text("Ditandatangani")
    assert MoU.objects.get(candidate=sukoharjo).status == MoU.Status.SIGNED

    # The region's official, in a browser of their own, opens the MoU from their home page.
    official = open_page("pemda-3311")
    official.wait_for_url("**/pemda/")
    official.get_by_role("link", name="Lihat MoU").click()
    expect(official.locator("#main")).to_contain_text("sha256sum berkas.pdf")
    shown = official.locator("#mou-sha256").inner_text().strip()
    assert len(shown) == 64

    with official.expect_download() as info:
        official.get_by_role("link", name="Unduh MoU (PDF)").click()
    download = info.value
    saved = tmp_path / "unduhan.pdf"
    download.save_as(saved)

    assert download.suggested_filename == "MoU Sukoharjo 2018.pdf"
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == shown
    assert shown == hashlib.sha256(signed_pdf.read_bytes()).hexdigest()
