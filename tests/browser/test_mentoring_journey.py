"""Staff find a region on the mentor overview with its filter and end one of its mentor
assignments through the row's menu and the page that says what changes, on a laptop and on a
phone (#13, parts 3 and 7): no row carries a destructive button or a reason box."""

import pytest
from playwright.sync_api import expect

from partners.models import MentorAssignment, MentorProfile
from partners.services.assignments import assignment_add
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.factories import CandidateFactory, RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def teams(transactional_db, world):
    """Twelve selected regions of the world's cohort, each with a team of two mentors."""
    UserFactory(username="kominfo", staff=True)
    for mentor in (world.mentor, world.other_mentor):
        MentorProfile.objects.create(user=mentor, capacity=20)
    regions = [world.region] + [
        RegionFactory(code=f"35.{i:02d}", name=f"Kabupaten Uji {i}") for i in range(1, 12)
    ]
    for region in regions:
        candidate = CandidateFactory(cohort=world.cohort, region=region, status="participant")
        for mentor in (world.mentor, world.other_mentor):
            assignment_add(candidate=candidate, mentor=mentor, by=world.staff)
    return world


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_staff_filter_the_overview_and_end_an_assignment_through_its_own_page(
    teams, open_page, width
):
    page = open_page("kominfo", width=width)
    page.goto(f"/mitra-program/mentor/{teams.cohort.year}/")
    table = page.locator("table.table-cards")
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(page.get_by_role("button", name="Akhiri")).to_have_count(0)
    expect(page.get_by_label("Alasan", exact=True)).to_have_count(0)
    fits_width(page)

    page.get_by_label("Cari daerah atau kode").fill("sukoharjo")
    page.get_by_role("button", name="Terapkan").click()
    row = table.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Kabupaten Sukoharjo 33.11")
    assert_accessible(page, within="main")  # the menu's contrast: another part of #13

    # The row's menu leads to the page that says what will change.
    row.get_by_text("Tindakan").click()
    row.get_by_role("link", name="Akhiri penugasan mentor-a…").click()
    institution = teams.mentor.institution.code
    expect(page.get_by_role("heading", level=2)).to_contain_text(
        f"Penugasan mentor mentor-a ({institution}) di Kabupaten Sukoharjo (33.11) berakhir; "
        "alasan wajib."
    )
    expect(page.locator("main")).to_contain_text("tetap didampingi 1 mentor: mentor-b")
    fits_width(page)
    assert_accessible(page, within="main")

    # Without a reason nothing ends; with one it does, and the overview says so.
    page.get_by_role("button", name="Akhiri penugasan").click()
    expect(page.locator("main")).to_contain_text("Tuliskan alasan penugasan diakhiri.")
    assert MentorAssignment.objects.active().count() == 24
    page.get_by_label("Alasan penugasan diakhiri").fill("Mentor pindah tugas ke Kemenkeu.")
    page.get_by_role("button", name="Akhiri penugasan").click()
    expect(page.locator("#messages")).to_contain_text(
        "Penugasan mentor-a di Kabupaten Sukoharjo diakhiri"
    )
    assert MentorAssignment.objects.active().count() == 23

    # The region now shows as short of a mentor under the team filter.
    page.get_by_label("Tim", exact=True).select_option(label="Tim belum lengkap")
    page.get_by_role("button", name="Terapkan").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr")).to_contain_text("tim belum lengkap")
    fits_width(page)
