"""The plan's decisions in a real browser: the ministry approves with its letter and a
confirmation; the first of two mentors is told whom the plan still waits for; the region's
official reports quick-win progress on a phone and reads a draft PDF of the plan before
submitting. Any console error fails the journey, and axe checks the pages each step opens."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from masterplan.models import Plan, PlanEvent, QuickWinUpdate
from masterplan.services.workflow import plan_move, plan_submit
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.factories import UserFactory
from tests.masterplan.helpers import assign, full_plan
from tests.masterplan.url_expectations_followup import approved_plan, first_quick_win

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LETTER = "B-1187/M.KOMINFO/AI.01.02/12/2026"


def test_the_ministry_approves_with_its_letter_after_a_confirmation(
    transactional_db, world, open_page
):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    plan = plan_move(plan=plan, to=Plan.Status.ENDORSED, by=world.mentor)
    today = timezone.localdate()

    ministry = open_page(world.staff.username, width=DESKTOP)
    ministry.goto(plan.get_absolute_url())
    ministry.get_by_role("link", name="Sahkan masterplan").click()
    ministry.get_by_label("Nomor surat pengesahan").fill(LETTER)
    # A letter dated tomorrow is refused with a reason, and what was typed stays.
    ministry.get_by_label("Tanggal surat pengesahan").fill(
        (today + datetime.timedelta(days=1)).isoformat()
    )
    ministry.get_by_role("button", name="Lanjutkan").click()
    expect(ministry.locator("#approve-form")).to_contain_text("tidak boleh setelah hari ini")
    expect(ministry.get_by_label("Nomor surat pengesahan")).to_have_value(LETTER)
    assert_accessible(ministry)

    ministry.get_by_label("Tanggal surat pengesahan").fill(today.isoformat())
    ministry.get_by_role("button", name="Lanjutkan").click()
    # The confirmation says what will change; nothing has changed yet.
    expect(ministry.locator("#approve-changes")).to_contain_text("Disahkan Kominfo")
    expect(ministry.locator("#approve-letter")).to_contain_text(LETTER)
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.ENDORSED
    assert_accessible(ministry)
    ministry.get_by_role("button", name="Ya, sahkan masterplan").click()

    ministry.locator("#plan-status").get_by_text("Disahkan Kominfo").wait_for()
    expect(ministry.locator("#messages")).to_contain_text(f"surat nomor {LETTER}")
    expect(ministry.locator("#plan-approval-letter")).to_contain_text(LETTER)
    ministry.locator("#plan-history summary").click()
    expect(ministry.locator("#plan-history")).to_contain_text(f"Surat pengesahan nomor {LETTER}")
    plan.refresh_from_db()
    assert (plan.approval_letter_number, plan.approval_letter_date) == (LETTER, today)
    assert PlanEvent.objects.filter(plan=plan, new=Plan.Status.APPROVED).count() == 1


def test_the_first_of_two_mentors_sees_whom_the_plan_still_waits_for(
    transactional_db, world, open_page
):
    world.mentor.first_name, world.mentor.last_name = "Budi", "Santoso"
    world.mentor.save()
    second = UserFactory(username="mentor-c", mentor=True, first_name="Sari", last_name="Dewi")
    plan = full_plan(world)
    assign(world, plan.candidate, second)
    plan = plan_submit(plan=plan, by=world.official)

    first = open_page(world.mentor.username, width=DESKTOP)
    first.goto(plan.get_absolute_url())
    first.get_by_role("button", name="Setujui versi 1").click()
    expect(first.locator("#messages")).to_contain_text(
        "Menunggu persetujuan mentor kedua: Sari Dewi."
    )
    expect(first.locator("#endorse-waiting")).to_contain_text("Sari Dewi")
    expect(first.locator('[data-move="endorse"]')).to_have_count(0)
    expect(first.locator("#plan-status")).to_have_text("Diajukan")
    assert_accessible(first)

    other = open_page("mentor-c", width=PHONE)
    other.goto(plan.get_absolute_url())
    expect(other.locator("#plan-endorsements")).to_contain_text("Budi Santoso")
    fits_width(other)
    other.get_by_role("button", name="Setujui dan teruskan ke Kominfo").click()
    other.locator("#plan-status").get_by_text("Disetujui mentor").wait_for()
    assert list(
        PlanEvent.objects.filter(plan=plan, new=Plan.Status.ENDORSED).values_list(
            "by__username", flat=True
        )
    ) == ["mentor-c"]


def test_the_official_reports_quick_win_progress_on_a_phone(transactional_db, world, open_page):
    plan = approved_plan(world)
    quick_win = first_quick_win(plan)
    quick_win.quick_win_start = timezone.localdate() - datetime.timedelta(days=60)
    quick_win.save()
    QuickWinUpdate.objects.create(
        programme=quick_win,
        percent=20,
        status=QuickWinUpdate.Status.ON_TRACK,
        note="Aplikasi diuji di dua kecamatan.",
        created_by=world.official,
    )

    phone = open_page(world.official.username, width=PHONE)
    phone.goto(plan.get_absolute_url())
    phone.locator(f"#quick-win-{quick_win.pk}").get_by_role("link", name="Laporkan progres").click()
    fits_width(phone)
    # The form starts empty; the last report is shown beside it.
    expect(phone.get_by_label("Persen selesai")).to_have_value("")
    expect(phone.locator("#quick-win-last-report")).to_contain_text("20%")
    expect(phone.locator("#quick-win-last-report")).to_contain_text("dua kecamatan")
    assert_accessible(phone)

    phone.get_by_label("Persen selesai").fill("35")
    phone.get_by_label("Status").select_option(label="Sesuai jadwal")
    phone.get_by_label("Catatan").fill("Layanan dibuka di lima kecamatan.")
    phone.get_by_role("button", name="Simpan progres").click()
    expect(phone.locator("#messages")).to_contain_text("Progres quick win tersimpan.")
    expect(phone.locator("#quick-win-last-report")).to_contain_text("35%")
    history = phone.locator("#quick-win-updates")
    expect(history).to_contain_text("lima kecamatan")
    fits_width(phone)

    # The same report again (a second click, another tab) is refused and says why.
    phone.get_by_label("Persen selesai").fill("35")
    phone.get_by_label("Status").select_option(label="Sesuai jadwal")
    phone.get_by_label("Catatan").fill("Layanan dibuka di lima kecamatan.")
    phone.get_by_role("button", name="Simpan progres").click()
    expect(phone.locator("#quick-win-report")).to_contain_text("sama dengan laporan terakhir")
    fits_width(phone)
    assert QuickWinUpdate.objects.filter(programme=quick_win).count() == 2

    # The ministry's quick-win table reads as cards on a phone, each programme a link.
    ministry = open_page(world.staff.username, width=PHONE)
    ministry.goto("/masterplan/quick-win/")
    fits_width(ministry)
    ministry.get_by_role("link", name=quick_win.name).click()
    expect(ministry.locator("h1")).to_contain_text(quick_win.name)


@pytest.mark.worker
def test_the_official_reads_a_draft_pdf_before_submitting(
    transactional_db, world, open_page, celery_worker_process
):
    plan = full_plan(world)

    region = open_page(world.official.username, width=PHONE)
    region.goto(plan.get_absolute_url())
    fits_width(region)
    region.get_by_role("button", name="Pratinjau PDF (draf)").click()
    region.locator("#plan-pdf-preview-progress").wait_for()
    link = region.get_by_role("link", name="Unduh pratinjau PDF")
    link.wait_for(timeout=90_000)

    response = region.request.get(link.get_attribute("href"))
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    assert all("PRATINJAU DRAF" in page.extract_text() for page in pages)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and not plan.versions.exists()
