"""Each role starts at the portal's front page, signs in, lands on their home and does their main
task from what the home shows, without typing an address: the official resubmits the plan the
mentor sent back, the mentor endorses a plan waiting for review, the assessor scores and submits
a sheet, the partner leaves input on a plan under review. On a laptop and on a phone; each home
fits the phone's width and passes the accessibility check."""

import re
from unittest import mock

import pytest
from playwright.sync_api import expect

from assessment.models import Questionnaire, ScoreSheet
from assessment.services.panels import panel_seat_add
from candidates.models import Candidate
from industry.models import PartnerInput, Solution
from masterplan.models import Plan
from masterplan.services.workflow import plan_move, plan_submit
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.factories import TEST_PASSWORD
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WIDTHS = pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["1366px", "390px"])


def quietly(move):
    """A move made to set the scene: its e-mails and PDFs are other journeys' subject, so their
    after-commit tasks are not sent (this setup needs no Celery broker)."""
    with mock.patch("masterplan.services.workflow.transaction.on_commit"):
        return move()


class Checks:
    """Accessibility findings on a home, kept until the journey ends: a violation fails the test,
    but only after the journey has shown whether the task itself can be done."""

    def __init__(self):
        self.found = []

    def home(self, page):
        try:
            assert_accessible(page)
        except AssertionError as exc:
            self.found.append(str(exc))

    def assert_clean(self):
        assert not self.found, "\n\n".join(self.found)


def home_of(open_page, username: str, width: int, home_path: str, checks: Checks):
    """From the front page through the login form to the person's home, as a person goes."""
    page = open_page(width=width)
    page.goto("/")
    page.get_by_role("link", name="Masuk ke portal").click()
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**{home_path}")
    expect(page.get_by_role("heading", name="Perlu tindakan Anda")).to_be_visible()
    if width == PHONE:
        fits_width(page)
    checks.home(page)  # with its tasks
    return page


def back_home(page, home_path: str, checks: Checks):
    """Back to the home through the menu (behind its button on a phone), where the task done is
    gone; the home is checked again, now with nothing to do."""
    toggler = page.get_by_role("button", name="Buka menu")
    if toggler.is_visible():
        toggler.click()
    page.get_by_role("link", name="Beranda", exact=True).click()
    page.wait_for_url(f"**{home_path}")
    checks.home(page)


def task(page, title: str):
    """The task on the home whose heading contains `title`."""
    return page.locator("#tasks li").filter(has=page.get_by_role("heading", name=title))


@WIDTHS
def test_the_official_resubmits_the_plan_the_mentor_sent_back(
    transactional_db, world, open_page, width
):
    plan = quietly(lambda: plan_submit(plan=full_plan(world), by=world.official))
    quietly(
        lambda: plan_move(
            plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Lengkapi dasar target KPI."
        )
    )

    checks = Checks()
    page = home_of(open_page, world.official.username, width, "/pemda/", checks)
    item = task(page, "Revisi masterplan yang diminta mentor")
    expect(item).to_contain_text("Lengkapi dasar target KPI.")  # the mentor's words, on the home
    item.get_by_role("link", name="Revisi masterplan").click()

    page.wait_for_url(f"**/masterplan/{plan.pk}/")
    page.get_by_role("button", name="Ajukan ulang ke mentor").click()
    page.locator("#plan-status").get_by_text("Diajukan ulang").wait_for()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.RESUBMITTED and plan.version_count == 2

    back_home(page, "/pemda/", checks)
    expect(page.locator("#tasks")).to_contain_text("Tidak ada yang perlu Anda kerjakan")
    checks.assert_clean()


@WIDTHS
def test_the_mentor_endorses_a_plan_waiting_for_review(transactional_db, world, open_page, width):
    plan = quietly(lambda: plan_submit(plan=full_plan(world), by=world.official))

    checks = Checks()
    page = home_of(open_page, world.mentor.username, width, "/mentor/", checks)
    item = task(page, "Reviu masterplan Kabupaten Sukoharjo")
    expect(item).to_contain_text("versi 1")
    item.get_by_role("link", name="Reviu sekarang").click()

    page.wait_for_url(f"**/masterplan/{plan.pk}/")
    page.get_by_role("button", name="Setujui dan teruskan ke Kominfo").click()
    page.locator("#plan-status").get_by_text("Disetujui mentor").wait_for()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ENDORSED

    back_home(page, "/mentor/", checks)
    expect(page.locator("#tasks")).to_contain_text("Tidak ada masterplan yang menunggu reviu Anda")
    checks.assert_clean()


@WIDTHS
def test_the_assessor_scores_and_submits_a_sheet_from_the_home(
    transactional_db, world, open_page, width
):
    candidate = Candidate.objects.create(cohort=world.cohort, region=world.region)
    Questionnaire.objects.create(
        candidate=candidate,
        status=Questionnaire.Status.SUBMITTED,
        leader_name="Wardoyo Wijaya",
        leader_vision="Sukoharjo Makmur berbasis layanan digital terpadu",
        ict_staff=35,
        network_coverage=85,
    )
    panel_seat_add(candidate=candidate, assessor=world.assessor, by=world.staff)

    checks = Checks()
    page = home_of(open_page, world.assessor.username, width, "/asesor/", checks)
    task(page, "Nilai Kabupaten Sukoharjo").get_by_role("link", name="Mulai menilai").click()

    page.wait_for_url(f"**/asesmen/penilaian/{candidate.pk}/")
    expect(page.locator("#main")).to_contain_text("Wardoyo Wijaya")
    criteria = page.locator("fieldset")
    expect(criteria).to_have_count(12)
    for i in range(criteria.count()):
        criteria.nth(i).get_by_label(re.compile(r"^4 — ")).check()
    page.get_by_role("button", name="Ajukan").click()
    page.get_by_text("Lembar nilai diajukan").wait_for()
    sheet = ScoreSheet.objects.get(seat__assessor=world.assessor)
    assert sheet.status == ScoreSheet.Status.SUBMITTED

    back_home(page, "/asesor/", checks)
    expect(page.locator("#tasks")).to_contain_text("Tidak ada lembar nilai yang menunggu Anda")
    checks.assert_clean()


@WIDTHS
def test_the_partner_leaves_input_on_a_plan_under_review(transactional_db, world, open_page, width):
    plan = quietly(lambda: plan_submit(plan=full_plan(world), by=world.official))
    programme = plan.programmes.order_by("pk").first()
    Solution.objects.create(
        organisation=world.partner.partner_organisation,
        title="Command Center terpadu",
        description="Integrasi CCTV dan layanan darurat.",
    )

    checks = Checks()
    page = home_of(open_page, world.partner.username, width, "/mitra/", checks)
    item = task(page, "Beri masukan untuk masterplan Kabupaten Sukoharjo")
    item.get_by_role("link", name="Baca dan beri masukan").click()

    page.wait_for_url(f"**/masterplan/{plan.pk}/#partner-inputs")
    page.get_by_label("Tentang").select_option(str(programme.pk))
    page.get_by_label("Masukan").fill("Kami siap menyiapkan uji coba tiga bulan.")
    page.get_by_role("button", name="Kirim masukan").click()
    page.locator("#partner-inputs-mine").get_by_text(
        "Kami siap menyiapkan uji coba tiga bulan."
    ).wait_for()
    assert PartnerInput.objects.get().plan_id == plan.pk

    back_home(page, "/mitra/", checks)
    expect(page.locator("#tasks")).to_contain_text("Tidak ada masterplan baru")
    expect(page.locator("#partner-recent-inputs")).to_contain_text("Kami siap menyiapkan")
    checks.assert_clean()
