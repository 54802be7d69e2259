"""Kabupaten Sukoharjo's official asks for the PDF of the submitted master plan on the plan page,
watches it being made (htmx polls the status) and downloads it; a real Celery worker renders."""

import io
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from masterplan.models import PdfJob
from masterplan.services.workflow import plan_submit
from masterplan.tasks import render_plan_pdf
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.conftest import sign_in
from tests.factories import CohortFactory, RegionFactory, UserFactory
from tests.masterplan.helpers import full_plan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.xdist_group("browser"),
]


@pytest.fixture
def submitted(transactional_db, monkeypatch):
    """Sukoharjo's plan, submitted as if before PDFs were requested on submission: its job row
    is removed and its message never sent, so the official asks for the PDF."""
    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    world = SimpleNamespace(
        region=region,
        cohort=CohortFactory(year=2018),
        staff=UserFactory(username="staf-kominfo", staff=True),
        mentor=UserFactory(username="mentor-itb", mentor=True),
    )
    official = UserFactory(username="pemda-3311", official=True, region=region)
    with monkeypatch.context() as patch:
        patch.setattr(render_plan_pdf, "delay", lambda job_id: None)
        plan = plan_submit(plan=full_plan(world), by=official)
    PdfJob.objects.filter(version__plan=plan).delete()
    return plan


def test_the_official_asks_for_the_pdf_watches_it_and_downloads_it(
    browser, live_server, celery_worker_process, submitted, tmp_path
):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "pemda-3311")
        page.wait_for_url("**/pemda/")
        page.goto(submitted.get_absolute_url())
        expect(page.locator("#plan-pdf-status")).to_contain_text("Versi 1 yang diajukan")

        # The whole plan or one of its three books, each with its own button.
        expect(page.get_by_role("button", name="Buat PDF buku ini")).to_have_count(3)
        page.get_by_role("button", name="Buat PDF", exact=True).click()
        # The answer to the click is the progress indicator, which polls until the PDF is made.
        page.locator("#plan-pdf-progress").wait_for()
        expect(page.locator("#plan-pdf-status[hx-trigger='every 2s']")).to_have_count(1)
        download_link = page.get_by_role("link", name="Unduh PDF")
        download_link.wait_for(timeout=90_000)
        expect(page.locator("#plan-pdf-status")).to_contain_text("halaman")

        with page.expect_download() as info:
            download_link.click()
        download = info.value
        saved = tmp_path / "unduhan.pdf"
        download.save_as(saved)
    finally:
        context.close()

    job = PdfJob.objects.get()
    assert download.suggested_filename == "masterplan-33.11-kabupaten-sukoharjo-v1-draf.pdf"
    assert saved.read_bytes()[:5] == b"%PDF-" and saved.stat().st_size == job.file_size
    assert job.status == PdfJob.Status.DONE and job.requested_by.username == "pemda-3311"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_official_uploads_the_emblem_and_prints_one_book(
    open_page, private_root, celery_worker_process, submitted, tmp_path, width
):
    """On a laptop and on a phone: a file that only claims to be a PNG is refused with a message
    and nothing is stored; the real emblem is kept; Buku III (the executive summary) is printed on
    its own and its cover, the region's, carries the emblem."""
    junk = tmp_path / "lambang.png"
    junk.write_bytes(b"MZ\x90\x00 not an image at all")
    emblem = tmp_path / "lambang-sukoharjo.png"
    emblem.write_bytes(png_bytes())

    page = open_page("pemda-3311", width=width)
    page.wait_for_url("**/pemda/")
    page.goto(submitted.get_absolute_url())
    box = page.locator("#plan-pdf-status")
    expect(box).to_contain_text("Versi 1 yang diajukan")
    fits_width(page)

    form = page.locator("#plan-pdf-emblem")
    form.get_by_label("Lambang daerah di sampul").set_input_files(str(junk))
    form.get_by_role("button", name="Unggah lambang").click()
    expect(page.get_by_role("alert")).to_contain_text("gambar")
    submitted.refresh_from_db()
    assert submitted.emblem_file == ""

    form.get_by_label("Lambang daerah di sampul").set_input_files(str(emblem))
    form.get_by_role("button", name="Unggah lambang").click()
    expect(page.get_by_text("Lambang daerah disimpan")).to_be_visible()
    expect(form).to_contain_text("sudah diunggah")
    submitted.refresh_from_db()
    assert len(submitted.emblem_sha256) == 64

    book = page.locator("[data-book='3']")
    expect(book).to_contain_text("Buku III")
    book.get_by_role("button", name="Buat PDF buku ini").click()
    download_link = page.locator("#plan-pdf-download-3")
    download_link.wait_for(timeout=90_000)
    # Only the book asked for is made; the whole plan and the other books still offer a button.
    expect(page.get_by_role("button", name="Buat PDF buku ini")).to_have_count(2)
    expect(page.get_by_role("button", name="Buat PDF", exact=True)).to_have_count(1)
    fits_width(page)
    assert_accessible(page, within="#plan-pdf-status")

    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / "buku-iii.pdf"
    info.value.save_as(saved)
    reader = PdfReader(saved)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Pemerintah Kabupaten Sukoharjo" in cover and "Buku III" in cover
    assert list(reader.pages[0].images), "the cover carries the uploaded emblem"
    job = PdfJob.objects.get()
    assert job.book == "3" and len(reader.pages) == job.pages
