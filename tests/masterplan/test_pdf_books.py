"""The plan as the region's document in print (issue #18): its books, the region's cover, the
adoption page, PDF/A with metadata, tagging, and a layout that holds.

Renders are real WeasyPrint; each test renders as few documents as it can and checks several
facts of each.
"""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from masterplan import pdf
from masterplan.models import PdfJob, Plan
from masterplan.pdfjobs import pdf_job_request, pdf_slot
from masterplan.services.workflow import plan_move, plan_submit
from tests.masterplan.helpers import add_programme, approve, full_plan
from tests.masterplan.pdf_helpers import counting_renderer, render_inline
from tests.masterplan.pdf_layout import layout_defects, page_texts

pytestmark = pytest.mark.django_db

S = Plan.Status
B = PdfJob.Book


def flat(text: str) -> str:
    return " ".join(text.split())


def submitted(world, **kwargs):
    plan = plan_submit(plan=full_plan(world, **kwargs), by=world.official)
    return plan, plan.versions.get()


def enacted(world, *, number="3", on=date(2018, 3, 5)):
    plan, _version = submitted(world)
    plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)
    plan = approve(plan, world.staff)
    plan = plan_move(
        plan=plan,
        to=S.ENACTED,
        by=world.official,
        regulation_type=Plan.Regulation.PERBUP,
        regulation_number=number,
        regulation_date=on,
    )
    version = plan.versions.get()
    version.plan = plan
    return plan, version


# --- pure pieces ----------------------------------------------------------------------------


def test_each_book_prints_its_own_parts_numbered_from_one():
    whole, whole_numbers = pdf.book_parts(pdf.WHOLE)
    analysis, analysis_numbers = pdf.book_parts("1")
    masterplan, _ = pdf.book_parts("2")
    summary, summary_numbers = pdf.book_parts("3")
    assert analysis | masterplan | summary == whole
    assert {"profil-daerah", "kesiapan"} <= analysis and "program" not in analysis
    assert {"strategi", "program", "peta-jalan", "anggaran", "tata-kelola", "adopsi"} <= masterplan
    assert {"ringkasan", "quick-win"} <= summary and "kesiapan" not in summary
    assert sorted(analysis_numbers.values()) == list(range(1, len(analysis_numbers) + 1))
    assert summary_numbers["ringkasan"] == 1 and whole_numbers["ringkasan"] == 1


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("Keputusan Bupati Sukoharjo Nomor 050/214/2018", "Keputusan Bupati Sukoharjo Nomor"),
        ("SK Bupati 12/2018", "SK Bupati 12/2018"),
        ("050/214/2018", "SK nomor 050/214/2018"),
    ],
)
def test_a_decree_is_never_printed_as_sk_nomor_sk(number, expected):
    printed = pdf.decree_name(number)
    assert printed.startswith(expected)
    assert "SK nomor SK" not in printed and "nomor Keputusan" not in printed


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1200.00", "1.200"), ("2000000", "2.000.000"), ("12.50", "12,5"), ("0.00", "0"), ("", "—")],
)
def test_kpi_figures_print_as_indonesians_write_them(value, expected):
    assert pdf.figure(value) == expected


def test_the_regulation_number_gets_its_year_once():
    assert pdf.regulation_number("3", date(2018, 3, 5)) == "3 Tahun 2018"
    assert pdf.regulation_number("37 Tahun 2019", date(2019, 7, 1)) == "37 Tahun 2019"


def test_roadmap_labels_wrap_and_are_never_cut_over_ten_years():
    name = "Integrasi Layanan Kependudukan, Perizinan dan Pengaduan Warga Satu Pintu Terpadu"
    data = {
        "start_year": 2021,
        "horizon_years": 10,
        "dimensions": [{"code": "governance", "name": "Smart Governance"}],
        "programmes": [
            {
                "name": name,
                "dimension": "governance",
                "start_year": 2026,
                "end_year": 2030,
                "is_quick_win": False,
            }
        ],
    }
    (chart,) = pdf.roadmap_charts(data)
    assert "…" not in chart
    lines = re.findall(r'<text x="2" y="[^"]+">([^<]*)</text>', chart)
    assert len(lines) == 2, lines
    words_printed = " ".join(lines)
    assert flat(words_printed) == name
    assert all(str(year) in chart for year in range(2021, 2031))
    assert "Pendek" in chart and "Menengah" in chart and "Panjang" in chart


# --- books through the PDF jobs ---------------------------------------------------------------


def test_each_book_is_its_own_job_and_file_name(world, monkeypatch):
    plan, version = submitted(world)
    renderer = counting_renderer(monkeypatch)
    jobs = {book: pdf_job_request(version=version, by=world.official, book=book) for book in B}
    assert len({job.pk for job in jobs.values()}) == 4
    assert pdf_job_request(version=version, by=world.official, book=B.SUMMARY) == jobs[B.SUMMARY]
    render_inline(jobs[B.SUMMARY])
    assert renderer.calls == [(version.pk, False, "3")]
    names = {book: pdf.pdf_filename(version, approved=False, book=book) for book in B}
    assert names[B.WHOLE] == "masterplan-33.11-kabupaten-sukoharjo-v1-draf.pdf"
    assert names[B.SUMMARY] == "masterplan-33.11-kabupaten-sukoharjo-buku-3-v1-draf.pdf"
    slot = pdf_slot(world.official, plan)
    assert [s.book for s in slot.books] == ["all", "1", "2", "3"]
    assert next(s for s in slot.books if s.book == "3").job.status == "done"


def test_the_plan_page_asks_for_a_book_and_downloads_it_by_its_name(world, client, monkeypatch):
    plan, version = submitted(world)
    counting_renderer(monkeypatch)
    client.force_login(world.official)
    response = client.post(f"/masterplan/{plan.pk}/pdf/buat/", {"book": "2"})
    assert response.status_code == 302
    job = PdfJob.objects.get(version=version, book=B.MASTERPLAN)
    render_inline(job)
    page = client.get(f"/masterplan/{plan.pk}/pdf/").content.decode()
    assert 'id="plan-pdf-download-2"' in page and "Buku III: Ringkasan Eksekutif" in page
    download = client.get(f"/masterplan/{plan.pk}/pdf/{job.pk}/unduh/")
    assert "buku-2-v1-draf.pdf" in download["Content-Disposition"]
    assert client.post(f"/masterplan/{plan.pk}/pdf/buat/", {"book": "9"}).status_code == 404


# --- real renders ---------------------------------------------------------------------------


def test_buku_iii_has_its_cover_contents_summary_and_page_numbers(world, tmp_path):
    plan, version = submitted(world)
    out = tmp_path / "buku3.pdf"
    call_command("render_masterplan", "33.11", "--out", str(out), "--book", "3")
    texts = [flat(t) for t in page_texts(out.read_bytes())]
    cover, contents = texts[0], texts[1]
    assert "PEMERINTAH KABUPATEN SUKOHARJO" in cover
    assert "Buku III: Ringkasan Eksekutif" in cover
    assert "didampingi oleh Kementerian Komunikasi dan Informatika" in cover
    assert "Dicetak" not in cover and "Halaman" not in cover
    assert "Daftar Isi" in contents and "1. Ringkasan Eksekutif" in contents
    assert "Analisis Kesiapan" not in " ".join(texts)
    assert f"Halaman 2 dari {len(texts)}" in contents
    assert "Dicetak" in texts[-1]  # the verification block keeps the print date


def test_an_enacted_plan_prints_its_adoption_page_as_pdf_a_with_metadata(world):
    plan, version = enacted(world)
    assert pdf.is_approved_print(version)
    content, _pages = pdf.render_version_pdf_pages(version, approved=True, book="2")
    reader = PdfReader(io.BytesIO(content))
    texts = [flat(p.extract_text()) for p in reader.pages]
    adoption = next(t for t in texts if "LAMPIRAN PERATURAN BUPATI SUKOHARJO" in t)
    assert "NOMOR : 3 TAHUN 2018" in adoption
    assert "TENTANG : MASTERPLAN SMART CITY KABUPATEN SUKOHARJO" in adoption
    assert "BUPATI SUKOHARJO," in adoption and "DRAF" not in adoption
    assert "Peraturan Bupati Sukoharjo Nomor 3 Tahun 2018" in texts[0]
    # PDF/A-3b: identified in the XMP metadata, with the document's title, author, language.
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    assert xmp.dc_title["x-default"].startswith("Masterplan Smart City Kabupaten Sukoharjo")
    info = reader.metadata
    assert info.title.startswith("Masterplan Smart City Kabupaten Sukoharjo")
    assert "Buku II: Masterplan" in info.title
    assert info.author == "Pemerintah Kabupaten Sukoharjo"
    assert "Versi 1" in info.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "id"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert "/OutputIntents" in root


def test_a_plan_under_review_prints_a_draft_signature_page_tagged_but_not_pdf_a(world):
    plan, version = submitted(world)
    content, _pages = pdf.render_version_pdf_pages(version, approved=False)
    reader = PdfReader(io.BytesIO(content))
    texts = [flat(p.extract_text()) for p in reader.pages]
    page = next(t for t in texts if "LAMPIRAN PERATURAN BUPATI SUKOHARJO" in t)
    assert "DRAF — lembar pengesahan" in page and "BUPATI SUKOHARJO," in page
    assert "TAHUN" in page and "Nomor 3" not in page
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "id"
    assert reader.xmp_metadata is None or reader.xmp_metadata.pdfaid_part is None


def test_a_ten_year_plan_of_long_names_and_large_amounts_holds_its_layout(world):
    plan = full_plan(world)
    plan.horizon_years = 10
    plan.save()
    long_name = "Integrasi Layanan Kependudukan, Perizinan, Pengaduan dan Bantuan Sosial Terpadu"
    for n in range(3):
        add_programme(
            plan,
            name=f"{long_name} {n}",
            budget=125_350_000_000,
            kpi="Dokumen kependudukan terbit daring",
            kpi_unit="dokumen",
            start_year=plan.start_year + 3 * n,
            end_year=plan.start_year + 3 * n + 3,
        )
    plan = plan_submit(plan=plan, by=world.official)
    version = plan.versions.get()
    content, _pages = pdf.render_version_pdf_pages(version, approved=False)
    assert layout_defects(content) == []
    text = flat(" ".join(page_texts(content)))
    assert "kependudukan terbit daring" in text  # the KPI's words are whole


# --- the region's emblem on the cover ---------------------------------------------------------


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_region_uploads_its_emblem_checked_by_content_and_the_cover_prints_it(
    world, client, private_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan, version = submitted(world)
    url = f"/masterplan/{plan.pk}/pdf/lambang/"
    client.force_login(world.official)
    fake = SimpleUploadedFile("lambang.png", b"MZ not an image", content_type="image/png")
    client.post(url, {"emblem": fake})
    plan.refresh_from_db()
    assert plan.emblem_file == ""
    emblem = SimpleUploadedFile("lambang.png", png_bytes(), content_type="image/png")
    assert client.post(url, {"emblem": emblem}).status_code == 302
    plan.refresh_from_db()
    assert plan.emblem_file and len(plan.emblem_sha256) == 64
    client.force_login(world.other_official)
    again = SimpleUploadedFile("lambang.png", png_bytes(), content_type="image/png")
    assert client.post(url, {"emblem": again}).status_code == 404
    client.force_login(world.mentor)
    assert client.post(url, {"emblem": again}).status_code == 403
    version.plan = plan
    html = pdf.render_version_html(version, approved=False, book="3")
    assert 'src="data:image/png;base64,' in html and "Lambang Kabupaten Sukoharjo" in html
    content, _pages = pdf.html_to_pdf_pages(html)
    first = PdfReader(io.BytesIO(content)).pages[0]
    assert list(first.images), "the cover carries the emblem"
