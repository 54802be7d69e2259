"""An official of Kabupaten Sukoharjo fills the readiness questionnaire, with evidence and a
regulation, submits it and sees it read-only."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

from assessment.models import Evidence, Questionnaire
from tests.factories import (
    CandidateFactory,
    CohortFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def sukoharjo_official(transactional_db, private_root):
    """Sukoharjo invited to the 2018 assessment, and its official `pemda-3311`."""
    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    CandidateFactory(cohort=CohortFactory(year=2018), region=region)
    return UserFactory(username="pemda-3311", official=True, region=region)


@pytest.fixture
def evidence_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "SK Dewan Smart City.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_an_official_fills_and_submits_the_readiness_questionnaire(
    open_page, sukoharjo_official, evidence_pdf, private_root
):
    page = open_page("pemda-3311")  # any console error fails the journey
    page.wait_for_url("**/pemda/")
    expect(page.locator("#main")).to_contain_text("Belum diisi")

    page.get_by_role("link", name="Isi kuesioner kesiapan").click()
    page.wait_for_url("**/kuesioner/")
    expect(page.locator("#main")).to_contain_text("0 dari 4 bagian lengkap")

    # The four sections.
    page.get_by_label("Nama kepala daerah").fill("Etik Suryani")
    page.get_by_label("Visi smart city kepala daerah").fill(
        "Sukoharjo Makmur: layanan publik terpadu berbasis data."
    )
    page.get_by_label("Komitmen dan dukungan anggaran").fill("Anggaran TIK naik tiap tahun.")
    page.get_by_label("Jumlah SDM TIK", exact=True).fill("42")
    page.get_by_label("SDM TIK bersertifikat/terlatih").fill("12")
    page.get_by_label("Anggaran TIK setahun (Rp)").fill("Rp 1.250.000.000")
    page.get_by_label("Lembaga/tim pengelola smart city").fill("Dewan Smart City")
    page.get_by_label("Cakupan jaringan internet (% wilayah)").fill("85")
    page.get_by_label("Memiliki pusat data").check()
    page.get_by_label("Aplikasi layanan yang digunakan").fill("SIMPEG\nLapor!")
    page.get_by_label("Kelembagaan pendukung").fill("Forum OPD bulanan dipimpin Bappeda.")
    page.get_by_role("button", name="Simpan draf").click()
    page.get_by_text("Draf kuesioner disimpan.").wait_for()
    assert page.get_by_label("Anggaran TIK setahun (Rp)").input_value() == "1.250.000.000"

    # Evidence for the Struktur section.
    struktur = page.locator("#section-struktur")
    struktur.get_by_label("Berkas bukti").set_input_files(str(evidence_pdf))
    struktur.get_by_label("Keterangan bukti").fill("SK pembentukan Dewan Smart City")
    struktur.get_by_role("button", name="Unggah bukti").click()
    page.get_by_text("Bukti “SK Dewan Smart City.pdf” diunggah.").wait_for()

    # A regulation (suprastruktur).
    page.get_by_label("Jenis regulasi").select_option("perkada")
    page.get_by_label("Nomor regulasi").fill("12")
    page.get_by_label("Tahun regulasi").fill("2017")
    page.get_by_label("Judul regulasi").fill("Penyelenggaraan Smart City")
    page.get_by_role("button", name="Tambah regulasi").click()
    page.get_by_text("ditambahkan.").wait_for()
    expect(page.locator("#main")).to_contain_text("4 dari 4 bagian lengkap")

    # Submit, then the questionnaire is read-only.
    page.get_by_role("button", name="Ajukan").click()
    page.get_by_text("Kuesioner diajukan.").wait_for()
    expect(page.locator("#questionnaire-status")).to_have_text("Diajukan")
    expect(page.get_by_role("button", name="Simpan draf")).to_have_count(0)
    expect(page.get_by_label("Berkas bukti")).to_have_count(0)
    main = page.locator("#main")
    for shown in ("Sukoharjo Makmur", "Rp 1.250.000.000", "Penyelenggaraan Smart City"):
        expect(main).to_contain_text(shown)
    expect(main).to_contain_text(re.compile(r"diajukan .*oleh pemda-3311"))

    # Its evidence comes back as a download, not a page.
    with page.expect_download() as download:
        page.get_by_role("link", name="SK Dewan Smart City.pdf").click()
    assert download.value.suggested_filename == "SK Dewan Smart City.pdf"

    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED
    assert Evidence.objects.get().section == "struktur"


def test_pemda_3311_submits_with_evidence_and_asesor_1_scores_it(
    open_page, sukoharjo_official, evidence_pdf, private_root
):
    """The whole readiness journey of the issue: the region submits, its panel scores."""
    from assessment.models import ScoreSheet
    from assessment.services.panels import panel_seat_add
    from candidates.models import Candidate
    from tests.assessment.url_expectations_scoring import score_all

    # The region fills the essentials, attaches its evidence and submits.
    page = open_page("pemda-3311")  # any console error, on either tab, fails the journey
    page.get_by_role("link", name="Isi kuesioner kesiapan").click()
    page.get_by_label("Visi smart city kepala daerah").fill("Sukoharjo Makmur berbasis data.")
    page.get_by_label("Jumlah SDM TIK", exact=True).fill("42")
    page.get_by_label("Cakupan jaringan internet (% wilayah)").fill("85")
    page.get_by_label("Kelembagaan pendukung").fill("Forum OPD bulanan dipimpin Bappeda.")
    page.get_by_role("button", name="Simpan draf").click()
    page.get_by_text("Draf kuesioner disimpan.").wait_for()
    struktur = page.locator("#section-struktur")
    struktur.get_by_label("Berkas bukti").set_input_files(str(evidence_pdf))
    struktur.get_by_role("button", name="Unggah bukti").click()
    page.get_by_text("diunggah.").wait_for()
    page.get_by_role("button", name="Ajukan").click()
    page.get_by_text("Kuesioner diajukan.").wait_for()

    # Staff seat asesor-1 on Sukoharjo's panel, beside a second assessor who has scored.
    candidate = Candidate.objects.get()
    assessor = UserFactory(username="asesor-1", assessor=True)
    staff = UserFactory(username="staf", staff=True)
    panel_seat_add(candidate=candidate, assessor=assessor, by=staff)
    second = UserFactory(username="asesor-2", assessor=True)
    score_all(panel_seat_add(candidate=candidate, assessor=second, by=staff), submit=True)

    # asesor-1, in a browser of their own, reads the answers and evidence and scores.
    assessor_page = open_page("asesor-1")
    assessor_page.get_by_role("link", name="Kabupaten Sukoharjo").click()
    assessor_page.wait_for_url("**/asesmen/penilaian/*/")
    expect(assessor_page.locator("#main")).to_contain_text("Sukoharjo Makmur berbasis data.")
    expect(assessor_page.get_by_role("link", name="SK Dewan Smart City.pdf")).to_have_count(1)
    criteria = assessor_page.locator("fieldset")
    for i in range(criteria.count()):
        criteria.nth(i).get_by_label(re.compile(r"^4 — ")).check()
    assessor_page.get_by_role("button", name="Ajukan").click()
    assessor_page.get_by_text("Lembar nilai diajukan").wait_for()

    assert ScoreSheet.objects.get(seat__assessor=assessor).status == ScoreSheet.Status.SUBMITTED
    assert Candidate.objects.get().status == Candidate.Status.ASSESSED
