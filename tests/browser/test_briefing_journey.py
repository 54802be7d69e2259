"""Ministry staff print the programme's status for a meeting: from the dashboard, filtered to one
cohort, they ask for the briefing PDF, watch it being made and download it — on a laptop and on
a phone. A real Celery worker renders."""

import pytest
from playwright.sync_api import expect

from dashboard.models import BriefingJob
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.dashboard.builders import build_cohort
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.xdist_group("browser")]


@pytest.fixture
def staff(transactional_db):
    user = UserFactory(username="staf-kominfo", staff=True)
    build_cohort(user)
    return user


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_staff_print_the_cohorts_briefing_and_download_it(
    open_page, celery_worker_process, staff, width, tmp_path
):
    page = open_page("staf-kominfo", width=width)
    page.goto("/kominfo/")
    page.get_by_label("Angkatan", exact=True).select_option("2018")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("#dashboard-scope")).to_contain_text("Angkatan 2018")

    page.get_by_role("button", name="Laporan status (PDF)").click()
    expect(page.get_by_role("heading", name="Laporan status program", level=1)).to_be_visible()
    expect(page.locator("#briefing-job-title")).to_contain_text("Angkatan 2018")
    download_link = page.get_by_role("link", name="Unduh PDF")
    download_link.wait_for(timeout=120_000)
    expect(page.locator("#briefing-status")).to_contain_text("halaman")
    fits_width(page)
    assert_accessible(page)

    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / "laporan.pdf"
    info.value.save_as(saved)
    job = BriefingJob.objects.get()
    assert info.value.suggested_filename.startswith("laporan-status-program-2018-")
    assert saved.read_bytes()[:5] == b"%PDF-" and saved.stat().st_size == job.file_size
