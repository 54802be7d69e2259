"""The master plan's whole review, in a real browser at a laptop's and a phone's width:
`pemda-3311` adds a programme and submits; `mentor-itb` comments in place, on the programme's
row and on the vision, and asks for a revision; `pemda-3311` finds the request at the top of the
plan, goes from comment to comment, replies in place and resubmits; `mentor-itb` resolves in
place and endorses; `kominfo` approves. Every tab fails the test on a console error (a CSP
refusal included), and the plan page must fit the screen and pass the accessibility check."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from masterplan.models import Plan, PlanEvent, ReviewComment
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.factories import UserFactory
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PROGRAMME = "Sistem Informasi Kesehatan Terpadu"


def menu(page, name):
    """Follow a link of the main navigation, opening the menu first on a phone."""
    toggler = page.get_by_role("button", name="Buka menu")
    if toggler.is_visible():
        toggler.click()
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name=name, exact=True
    ).click()


def expect_message(page, text):
    """The message an htmx save brings along (out of band into the layout's #messages)."""
    expect(page.locator("#messages")).to_contain_text(text)


def touch_styles(page):
    """Leave `style=""` on the form fields, as a script, an extension or a screenshot does: an
    htmx swap must not copy it onto the new fields (the CSP refuses inline styles)."""
    page.evaluate(
        """() => document.querySelectorAll("input, textarea, select").forEach((e) => {
            e.style.caretColor = "transparent"; e.style.caretColor = "";
        })"""
    )


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_plan_goes_from_the_region_through_its_mentor_to_the_ministry(
    transactional_db, world, open_page, width
):
    UserFactory(username="pemda-3311", official=True, region=world.region)
    mentor = UserFactory(username="mentor-itb", mentor=True)
    UserFactory(username="kominfo", staff=True)
    plan = full_plan(world, mentor=mentor)

    # The region adds a programme inline, typing its budget as Rupiah, then submits.
    region = open_page("pemda-3311", width=width)
    menu(region, "Masterplan")
    region.wait_for_url(f"**/masterplan/{plan.pk}/")
    region.get_by_role("link", name="Tambah program Smart Living").click()
    form = region.locator("form").filter(has=region.get_by_label("Nama program"))
    form.get_by_label("Nama program").fill(PROGRAMME)
    offered = form.get_by_label("Elemen").locator("optgroup:not([disabled]) option")
    assert offered.all_inner_texts() == ["Harmonisasi tata ruang", "Kesehatan", "Mobilitas"]
    form.get_by_label("Elemen").select_option(label="Kesehatan")
    form.get_by_label("OPD penanggung jawab").fill("Dinas Kesehatan")
    form.get_by_label("Indikator kinerja (KPI)").fill("Puskesmas terhubung")
    form.get_by_label("Satuan").fill("puskesmas")
    form.get_by_label("Baseline").fill("3")
    form.get_by_label("Target").fill("12")
    form.get_by_label(str(plan.start_year), exact=True).fill("Rp 1.250.000.000")
    touch_styles(region)
    form.get_by_role("button", name="Simpan program").click()
    region.locator("#plan-programmes").get_by_text(PROGRAMME).wait_for()
    expect_message(region, f"Program “{PROGRAMME}” ditambahkan.")
    programme = plan.programmes.get(name=PROGRAMME)
    row = region.locator(f"#programme-{programme.pk}")
    # On a phone the row is a card: its budget and both actions are on the screen.
    expect(row).to_contain_text("Rp 1.250.000.000")
    expect(row.get_by_role("link", name=f"Ubah {PROGRAMME}")).to_be_visible()
    expect(row.get_by_role("button", name=f"Hapus {PROGRAMME}")).to_be_visible()
    fits_width(region)
    region.get_by_role("button", name="Ajukan ke mentor").click()
    region.locator("#plan-status").get_by_text("Diajukan").wait_for()

    # The mentor comments on the programme's row and on the vision, in place.
    reviewer = open_page("mentor-itb", width=width)
    menu(reviewer, "Reviu masterplan")
    # The region's link, however its kind is spelled (Kabupaten or Kabupaten).
    reviewer.get_by_role("link", name=re.compile("Sukoharjo")).click()
    reviewer.get_by_role("link", name=f"Komentari {PROGRAMME}").click()
    thread = reviewer.locator(f"#thread-programme-{programme.pk}")
    touch_styles(reviewer)
    thread.get_by_label(f"Komentar tentang {PROGRAMME}").fill("Target puskesmas perlu dasar data.")
    thread.get_by_label("Wajib diselesaikan sebelum pengesahan").check()
    thread.get_by_role("button", name="Kirim komentar").click()
    thread.get_by_text("Target puskesmas perlu dasar data.").wait_for()
    expect_message(reviewer, "Komentar ditambahkan.")
    expect(reviewer.locator(f"#comments-toggle-programme-{programme.pk}")).to_contain_text(
        "1 komentar · 1 terbuka"
    )
    reviewer.get_by_role("link", name="Komentari Visi dan misi").click()
    vision = reviewer.locator("#thread-section-vision")
    vision.get_by_label("Komentar tentang Visi dan misi").fill("Visi belum menyebut layanan.")
    vision.get_by_role("button", name="Kirim komentar").click()
    vision.get_by_text("Visi belum menyebut layanan.").wait_for()
    fits_width(reviewer)
    assert_accessible(reviewer)
    reviewer.get_by_label("Apa yang perlu direvisi").fill("Lengkapi dasar target KPI.")
    reviewer.get_by_role("button", name="Minta revisi").click()
    reviewer.locator("#plan-status").get_by_text("Perlu revisi").wait_for()

    # The region finds the request at the top, goes from comment to comment and replies there.
    region.reload()
    banner = region.locator("#plan-review-banner")
    expect(banner).to_contain_text("Masterplan perlu direvisi")
    expect(banner).to_contain_text("Lengkapi dasar target KPI.")
    expect(banner).to_contain_text("2 komentar terbuka, 1 wajib diselesaikan sebelum pengesahan")
    banner.get_by_role("link", name="Ke komentar pertama").click()
    first = ReviewComment.objects.get(section="vision")
    second = ReviewComment.objects.get(programme=programme)
    region.wait_for_url(f"**#comment-{first.pk}")
    expect(region.locator(f"#comment-{first.pk}")).to_be_in_viewport()
    region.locator(f"#comment-{first.pk}").get_by_role("link", name="Komentar berikutnya").click()
    region.wait_for_url(f"**#comment-{second.pk}")
    comment = region.locator(f"#comment-{second.pk}")
    expect(comment).to_be_in_viewport()
    touch_styles(region)
    comment.get_by_placeholder("Tulis balasan").fill("Dasar data dari Dinkes 2018 kami lampirkan.")
    comment.get_by_role("button", name="Balas").click()
    region.locator(f"#thread-programme-{programme.pk}").get_by_text(
        "Dasar data dari Dinkes 2018 kami lampirkan."
    ).wait_for()
    expect_message(region, "Balasan terkirim.")
    assert_accessible(region)
    fits_width(region)
    region.get_by_role("button", name="Ajukan ulang ke mentor").click()
    region.locator("#plan-status").get_by_text("Diajukan ulang").wait_for()

    # The mentor resolves both in place and endorses.
    reviewer.reload()
    for thread_id in (f"thread-programme-{programme.pk}", "thread-section-vision"):
        thread = reviewer.locator(f"#{thread_id}")
        thread.get_by_role("button", name="Selesaikan").click()
        thread.get_by_role("button", name="Buka kembali").wait_for()
        expect_message(reviewer, "Komentar diselesaikan.")
    counter = reviewer.locator(f"#comments-toggle-programme-{programme.pk}")
    expect(counter).to_contain_text("1 komentar")
    expect(counter).not_to_contain_text("terbuka")
    reviewer.get_by_role("button", name="Setujui dan teruskan ke Kominfo").click()
    reviewer.locator("#plan-status").get_by_text("Disetujui mentor").wait_for()

    # The ministry approves with its letter, after a confirmation.
    ministry = open_page("kominfo", width=width)
    ministry.goto(f"/masterplan/{plan.pk}/")
    ministry.get_by_role("link", name="Sahkan masterplan").click()
    ministry.get_by_label("Nomor surat pengesahan").fill("B-1187/M.KOMINFO/AI.01.02/12/2026")
    ministry.get_by_label("Tanggal surat pengesahan").fill(timezone.localdate().isoformat())
    ministry.get_by_role("button", name="Lanjutkan").click()
    ministry.get_by_role("button", name="Ya, sahkan masterplan").click()
    ministry.locator("#plan-status").get_by_text("Disahkan Kominfo").wait_for()

    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.version_count == 2
    assert list(PlanEvent.objects.filter(plan=plan).values_list("new", "by__username")) == [
        ("submitted", "pemda-3311"),
        ("revision", "mentor-itb"),
        ("resubmitted", "pemda-3311"),
        ("endorsed", "mentor-itb"),
        ("approved", "kominfo"),
    ]
    assert set(ReviewComment.objects.filter(parent=None).values_list("status", flat=True)) == {
        ReviewComment.Status.RESOLVED
    }
    assert second.replies.get().author.username == "pemda-3311"
