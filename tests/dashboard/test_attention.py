"""What needs attention: each kind of item is listed when it should be and only then, within
the configured thresholds, and each links to a page staff can open to fix it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessment.models import PanelMember, Questionnaire, ScoreSheet
from candidates.models import Candidate
from dashboard.attention import worklists
from dashboard.funnel import quick_wins, tracks
from dashboard.overview import cohorts
from dashboard.regions import Scope, places
from masterplan.models import PdfJob, Plan, PlanVersion
from masterplan.services.followup import quick_wins_visible_to
from partners.models import MentorAssignment
from tests.dashboard.builders import build_cohort
from tests.factories import CandidateFactory, CohortFactory, UserFactory

pytestmark = pytest.mark.django_db


def lists(staff, scope=None):
    scope = scope or Scope()
    all_places = places()
    found = quick_wins(quick_wins_visible_to(staff), places=all_places, scope=scope)
    work = worklists(
        tracks=tracks(places=all_places, scope=scope),
        cohorts=cohorts(),
        quick_wins=found,
        scope=scope,
        places=all_places,
    )
    return {w.key: w for w in work}


def codes(work):
    return [item.place.code for item in work.items]


def test_a_built_cohort_lists_what_is_pending_and_nothing_else(world):
    built = build_cohort(world.staff)  # its selection is decided, its plans moved 30 days ago
    found = lists(world.staff)
    pending_mou = built.selected[4]  # selected, MoU pending
    assert codes(found["mou"]) == [pending_mou.region.code]
    assert found["mou"].items[0].detail == "Menunggu tanda tangan"
    assert codes(found["reviu"]) == [built.plans["submitted"].candidate.region.code]
    assert codes(found["quick-win"]) == [built.plans["approved"].candidate.region.code]
    assert "Quick win terlambat" in found["quick-win"].items[0].detail
    # The selection is decided: questionnaires and panels are no longer chased.
    assert found["kuesioner"].items == found["panel"].items == []
    assert found["mentor"].items == found["revisi"].items == found["pdf"].items == []


def test_every_item_links_to_a_page_staff_can_open(client, world):
    build_cohort(world.staff)
    cohort = CohortFactory(year=2021, questionnaire_deadline=timezone.now() + timedelta(days=2))
    CandidateFactory(cohort=cohort, region=world.region)
    client.force_login(world.staff)
    items = [item for work in lists(world.staff).values() for item in work.items]
    assert len(items) >= 4
    for item in items:
        assert client.get(item.url).status_code == 200, item.url


def test_questionnaires_are_chased_as_the_deadline_nears_or_passes(world, settings):
    settings.DASHBOARD_DEADLINE_DAYS = 7
    now = timezone.now()
    near = CohortFactory(year=2021, questionnaire_deadline=now + timedelta(days=5))
    past = CohortFactory(year=2022, questionnaire_deadline=now - timedelta(days=2))
    far = CohortFactory(year=2023, questionnaire_deadline=now + timedelta(days=30))
    for cohort in (near, past, far):
        CandidateFactory(cohort=cohort, region=world.region)
    found = lists(world.staff)["kuesioner"]
    assert [(i.cohort_year, i.detail) for i in found.items] == [
        (2021, "Batas 5 hari lagi. Belum mulai diisi."),
        (2022, "Batas lewat 2 hari. Belum mulai diisi."),
    ]
    settings.DASHBOARD_DEADLINE_DAYS = 30
    assert len(lists(world.staff)["kuesioner"].items) == 3


def test_a_submitted_questionnaire_is_not_chased_a_draft_is(client, world):
    cohort = CohortFactory(year=2021, questionnaire_deadline=timezone.now() + timedelta(days=1))
    done = CandidateFactory(cohort=cohort, region=world.region)
    Questionnaire.objects.create(candidate=done, status=Questionnaire.Status.SUBMITTED)
    draft = CandidateFactory(cohort=cohort, region=world.other_region)
    Questionnaire.objects.create(candidate=draft, status=Questionnaire.Status.DRAFT)
    (item,) = lists(world.staff)["kuesioner"].items
    assert (item.place.code, item.url) == ("32.73", f"/asesmen/kandidat/{draft.pk}/kuesioner/")
    client.force_login(world.staff)
    assert client.get(item.url).status_code == 200


def test_a_panel_with_a_missing_sheet_is_listed_until_the_selection(world):
    cohort = CohortFactory(year=2021)
    candidate = CandidateFactory(cohort=cohort, region=world.region)
    for i, status in enumerate(["submitted", "draft"]):
        seat = PanelMember.objects.create(
            candidate=candidate, assessor=UserFactory(assessor=True), assigned_by=world.staff
        )
        if i == 0:
            ScoreSheet.objects.create(seat=seat, status=status)
    found = lists(world.staff)["panel"]
    assert [(i.place.code, i.detail) for i in found.items] == [
        ("33.11", "1 dari 2 lembar diajukan.")
    ]


def test_a_region_whose_mentor_left_is_listed(world):
    built = build_cohort(world.staff)
    leaving = built.signed[0]
    MentorAssignment.objects.filter(candidate=leaving).update(ended_at=timezone.now())
    assert codes(lists(world.staff)["mentor"]) == [leaving.region.code]


def test_plans_idle_longer_than_the_setting_are_listed(world, settings):
    built = build_cohort(world.staff)  # the submitted plan moved 30 days ago
    settings.DASHBOARD_IDLE_REVIEW_DAYS = 45
    assert lists(world.staff)["reviu"].items == []
    settings.DASHBOARD_IDLE_REVIEW_DAYS = 14
    item = lists(world.staff)["reviu"].items[0]
    assert item.detail == "Diajukan sejak 30 hari."
    assert item.url == built.plans["submitted"].get_absolute_url()


def test_an_unanswered_revision_request_is_listed(world, settings):
    built = build_cohort(world.staff)
    plan = built.plans["submitted"]
    Plan.objects.filter(pk=plan.pk).update(
        status=Plan.Status.REVISION, status_changed_at=timezone.now() - timedelta(days=20)
    )
    found = lists(world.staff)
    assert codes(found["revisi"]) == [plan.candidate.region.code]
    assert found["reviu"].items == []
    settings.DASHBOARD_IDLE_REVIEW_DAYS = 21
    assert lists(world.staff)["revisi"].items == []


def test_a_failed_pdf_of_the_latest_version_is_listed_not_an_older_one(world):
    built = build_cohort(world.staff)
    enacted = built.plans["enacted"]  # two versions
    old, latest = PlanVersion.objects.filter(plan=enacted).order_by("number")
    PdfJob.objects.create(version=old, status=PdfJob.Status.FAILED, error="kehabisan waktu")
    assert lists(world.staff)["pdf"].items == []
    PdfJob.objects.create(version=latest, status=PdfJob.Status.FAILED, error="font hilang")
    (item,) = lists(world.staff)["pdf"].items
    assert item.detail == "Versi 2: font hilang"


def test_the_worklist_follows_the_province_and_cohort(world):
    build_cohort(world.staff)
    assert lists(world.staff, Scope(province="73"))["mou"].items == []
    assert lists(world.staff, Scope(cohort_year=2017))["reviu"].items == []
    assert len(lists(world.staff, Scope(province="33", cohort_year=2018))["mou"].items) == 1


def test_selected_regions_without_an_mou_yet_are_listed(world):
    cohort = CohortFactory(year=2021)
    CandidateFactory(cohort=cohort, region=world.region, status=Candidate.Status.SELECTED)
    (item,) = lists(world.staff)["mou"].items
    assert item.detail == "Belum ada MoU."
