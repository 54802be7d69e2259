"""An assessor opens their panel's candidate, scores every criterion and submits the sheet."""

import re
from datetime import date, time

import pytest
from playwright.sync_api import expect

from assessment.models import AssessmentSession, Questionnaire, ScoreSheet
from assessment.services.panels import panel_seat_add
from candidates.models import Candidate
from tests.assessment.url_expectations_scoring import score_all
from tests.factories import CohortFactory, RegionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def seated_assessor(transactional_db):
    """`asesor-1` on the panel of Kabupaten Sukoharjo (2018), whose questionnaire is submitted."""
    cohort = CohortFactory(year=2018)
    candidate = Candidate.objects.create(
        cohort=cohort, region=RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    )
    Questionnaire.objects.create(
        candidate=candidate,
        status=Questionnaire.Status.SUBMITTED,
        leader_name="Wardoyo Wijaya",
        leader_vision="Sukoharjo Makmur berbasis layanan digital terpadu",
        ict_staff=35,
        network_coverage=85,
    )
    session = AssessmentSession.objects.create(
        cohort=cohort, date=date(2018, 3, 6), start=time(9), end=time(10), room="Ruang Garuda"
    )
    assessor = UserFactory(
        username="asesor-1", assessor=True, first_name="Asesor", last_name="Satu"
    )
    staff = UserFactory(username="staf-kominfo", staff=True)
    panel_seat_add(candidate=candidate, assessor=assessor, by=staff, session=session)
    # The panel's second assessor has already handed in their sheet.
    second = UserFactory(username="asesor-2", assessor=True)
    score_all(panel_seat_add(candidate=candidate, assessor=second, by=staff), submit=True)
    return assessor


def test_an_assessor_scores_and_submits_a_sheet(open_page, seated_assessor):
    page = open_page("asesor-1")  # any console error fails the journey
    page.wait_for_url("**/asesor/")
    row = page.get_by_role("row", name=re.compile("Kabupaten Sukoharjo"))
    expect(row).to_contain_text("Ruang Garuda")
    expect(row).to_contain_text("Diajukan")

    row.get_by_role("link", name="Kabupaten Sukoharjo").click()
    page.wait_for_url("**/asesmen/penilaian/*/")
    expect(page.locator("#main")).to_contain_text("Wardoyo Wijaya")  # answers beside the sheet

    criteria = page.locator("fieldset")
    expect(criteria).to_have_count(12)
    for i in range(criteria.count()):
        criteria.nth(i).get_by_label(re.compile(r"^4 — ")).check()
    page.get_by_role("button", name="Ajukan").click()

    page.get_by_text("Lembar nilai diajukan").wait_for()
    expect(page.locator("input[type=radio]")).to_have_count(0)  # read-only now
    expect(page.get_by_role("button", name="Simpan draf")).not_to_be_visible()
    sheet = ScoreSheet.objects.get(seat__assessor__username="asesor-1")
    assert sheet.status == ScoreSheet.Status.SUBMITTED
    assert Candidate.objects.get().status == Candidate.Status.ASSESSED  # both sheets are in
