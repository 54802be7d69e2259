"""The master plan's whole review, in a real browser: `pemda-3311` adds a programme and
submits, `mentor-itb` comments and asks for a revision, `pemda-3311` resubmits, `mentor-itb`
endorses and `kominfo` approves."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from masterplan.models import Plan, PlanEvent, ReviewComment
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def as_user(browser, live_server, username):
    page = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    page.set_default_timeout(15_000)
    sign_in(page, username)
    return page


def test_a_plan_goes_from_the_region_through_its_mentor_to_the_ministry(
    transactional_db, world, browser, live_server
):
    UserFactory(username="pemda-3311", official=True, region=world.region)
    mentor = UserFactory(username="mentor-itb", mentor=True)
    UserFactory(username="kominfo", staff=True)
    plan = full_plan(world, mentor=mentor)

    # The region adds a programme inline, typing its budget as Rupiah, then submits.
    region = as_user(browser, live_server, "pemda-3311")
    region.get_by_role("link", name="Masterplan", exact=True).click()
    region.wait_for_url(f"**/masterplan/{plan.pk}/")
    region.get_by_role("link", name="Tambah program Smart Living").click()
    form = region.locator("form").filter(has=region.get_by_label("Nama program"))
    form.get_by_label("Nama program").fill("Sistem Informasi Kesehatan Terpadu")
    offered = form.get_by_label("Elemen").locator("optgroup:not([disabled]) option")
    assert offered.all_inner_texts() == ["Harmonisasi tata ruang", "Kesehatan", "Mobilitas"]
    form.get_by_label("Elemen").select_option(label="Kesehatan")
    form.get_by_label("OPD penanggung jawab").fill("Dinas Kesehatan")
    form.get_by_label("Indikator kinerja (KPI)").fill("Puskesmas terhubung")
    form.get_by_label("Satuan").fill("puskesmas")
    form.get_by_label("Baseline").fill("3")
    form.get_by_label("Target").fill("12")
    form.get_by_label(str(plan.start_year), exact=True).fill("Rp 1.250.000.000")
    form.get_by_role("button", name="Simpan program").click()
    region.locator("#plan-programmes").get_by_text("Sistem Informasi Kesehatan Terpadu").wait_for()
    region.get_by_role("button", name="Ajukan ke mentor").click()
    region.locator("#plan-status").get_by_text("Diajukan").wait_for()

    # The mentor leaves a blocking comment and asks for a revision.
    reviewer = as_user(browser, live_server, "mentor-itb")
    reviewer.get_by_role("link", name="Reviu masterplan").click()
    reviewer.get_by_role("link", name="Kab. Sukoharjo").click()
    reviewer.get_by_label("Komentar", exact=True).fill("Target puskesmas perlu dasar data.")
    reviewer.get_by_label("Wajib diselesaikan sebelum pengesahan").check()
    reviewer.get_by_role("button", name="Kirim komentar").click()
    reviewer.locator("#plan-review").get_by_text("Target puskesmas perlu dasar data.").wait_for()
    reviewer.get_by_label("Apa yang perlu direvisi").fill("Lengkapi dasar target KPI.")
    reviewer.get_by_role("button", name="Minta revisi").click()
    reviewer.locator("#plan-status").get_by_text("Perlu revisi").wait_for()

    # The region sees the comment, and resubmits.
    region.reload()
    expect(region.locator("#plan-review")).to_contain_text("Target puskesmas perlu dasar data.")
    region.get_by_role("button", name="Ajukan ulang ke mentor").click()
    region.locator("#plan-status").get_by_text("Diajukan ulang").wait_for()

    # The mentor resolves the comment and endorses.
    reviewer.reload()
    reviewer.get_by_role("button", name="Selesaikan").click()
    reviewer.get_by_role("button", name="Buka kembali").wait_for()
    reviewer.get_by_role("button", name="Setujui dan teruskan ke Kominfo").click()
    reviewer.locator("#plan-status").get_by_text("Disetujui mentor").wait_for()

    # The ministry approves with its letter, after a confirmation.
    ministry = as_user(browser, live_server, "kominfo")
    ministry.goto(f"/masterplan/{plan.pk}/")
    ministry.get_by_role("link", name="Sahkan masterplan").click()
    ministry.get_by_label("Nomor surat pengesahan").fill("B-1187/M.KOMINFO/AI.01.02/12/2026")
    ministry.get_by_label("Tanggal surat pengesahan").fill(timezone.localdate().isoformat())
    ministry.get_by_role("button", name="Lanjutkan").click()
    ministry.get_by_role("button", name="Ya, sahkan masterplan").click()
    ministry.locator("#plan-status").get_by_text("Disahkan Kominfo").wait_for()

    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.version_count == 2
    assert plan.programmes.filter(name="Sistem Informasi Kesehatan Terpadu").exists()
    assert list(PlanEvent.objects.filter(plan=plan).values_list("new", "by__username")) == [
        ("submitted", "pemda-3311"),
        ("revision", "mentor-itb"),
        ("resubmitted", "pemda-3311"),
        ("endorsed", "mentor-itb"),
        ("approved", "kominfo"),
    ]
    assert ReviewComment.objects.get().status == ReviewComment.Status.RESOLVED
    for page in (region, reviewer, ministry):
        page.context.close()
