"""The workflow over HTTP: each move by the right person, the wrong person and from the wrong
state; the mentors' queue, the ministry's list, versions and their differences; and the e-mail
each move sends. (Review comments: test_review_views.py.)"""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from candidates.models import Candidate
from masterplan.models import PdfJob, Plan, PlanEvent, Programme
from masterplan.services import workflow
from masterplan.services.review import comment_add
from masterplan.services.workflow import plan_move, plan_submit
from masterplan.tasks import notify_plan_event
from tests.assessment.url_expectations_questionnaire import pdf_upload
from tests.factories import CandidateFactory, CohortFactory, RegionFactory
from tests.masterplan.helpers import add_programme, approve, assign, full_plan, participant
from tests.masterplan.url_expectations_workflow import approved_plan, enacted_plan

pytestmark = pytest.mark.django_db

S = Plan.Status


def post(client, user, name, *, data=None, htmx=False, **kwargs):
    client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse(name, kwargs=kwargs), data or {}, headers=headers)


def status_of(plan):
    return Plan.objects.get(pk=plan.pk).status


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def plan(world):
    return full_plan(world)


@pytest.fixture
def submitted(world, plan):
    return plan_submit(plan=plan, by=world.official)


@pytest.fixture
def endorsed(world, submitted):
    return plan_move(plan=submitted, to=S.ENDORSED, by=world.mentor)


# --- submit ---------------------------------------------------------------------------------


def test_the_official_submits_the_plan_and_comes_back_to_it(client, world, plan):
    response = post(client, world.official, "plan_submit", pk=plan.pk, data={"note": "Siap."})
    assert response.status_code == 302
    assert response.url.startswith(reverse("plan_detail", args=[plan.pk]))
    assert status_of(plan) == S.SUBMITTED
    assert PlanEvent.objects.get(plan=plan).note == "Siap."


def test_another_regions_official_gets_404_and_a_mentor_403_on_submit(client, world, plan):
    assert post(client, world.other_official, "plan_submit", pk=plan.pk).status_code == 404
    assert post(client, world.mentor, "plan_submit", pk=plan.pk).status_code == 403
    assert status_of(plan) == S.DRAFT


def test_a_plan_with_errors_is_not_submitted_and_each_error_is_listed(client, world, plan):
    plan.programmes.update(is_quick_win=False)
    client.force_login(world.official)
    response = client.post(reverse("plan_submit", args=[plan.pk]), follow=True)
    shown = messages_of(response)
    assert "Masterplan belum dapat diajukan." in shown
    assert any("quick win" in m for m in shown)
    assert status_of(plan) == S.DRAFT


def test_a_submission_whose_pdf_job_cannot_be_written_is_refused_and_nothing_changes(
    client, world, plan, monkeypatch
):
    def broken(**kwargs):
        raise DatabaseError("disk penuh")

    monkeypatch.setattr(workflow, "pdf_job_request", broken)
    client.force_login(world.official)
    response = client.post(reverse("plan_submit", args=[plan.pk]), follow=True)
    assert any("PDF masterplan tidak dapat dijadwalkan" in m for m in messages_of(response))
    assert status_of(plan) == S.DRAFT
    assert not plan.versions.exists() and not PdfJob.objects.exists()


def test_submitting_an_already_submitted_plan_is_refused(client, world, submitted):
    client.force_login(world.official)
    response = client.post(reverse("plan_submit", args=[submitted.pk]), follow=True)
    assert any("tidak dapat dipindah" in m for m in messages_of(response))
    assert submitted.versions.count() == 1


def test_a_revised_plan_is_resubmitted(client, world, submitted):
    plan_move(plan=submitted, to=S.REVISION, by=world.mentor, note="Perbaiki KPI.")
    post(client, world.official, "plan_submit", pk=submitted.pk)
    assert status_of(submitted) == S.RESUBMITTED
    assert submitted.versions.count() == 2


# --- request revision, endorse, approve -----------------------------------------------------


def test_the_assigned_mentor_requests_a_revision_with_a_note(client, world, submitted):
    response = post(
        client, world.mentor, "plan_request_revision", pk=submitted.pk, data={"note": "KPI."}
    )
    assert response.status_code == 302
    assert status_of(submitted) == S.REVISION


def test_a_revision_request_without_a_note_is_refused(client, world, submitted):
    client.force_login(world.mentor)
    url = reverse("plan_request_revision", args=[submitted.pk])
    response = client.post(url, {"note": "  "}, follow=True)
    assert "Tuliskan apa yang perlu direvisi." in messages_of(response)
    assert status_of(submitted) == S.SUBMITTED


def test_outsiders_cannot_request_a_revision(client, world, submitted):
    data = {"note": "Revisi."}
    assert (
        post(
            client, world.other_mentor, "plan_request_revision", pk=submitted.pk, data=data
        ).status_code
        == 404
    )
    assert (
        post(
            client, world.official, "plan_request_revision", pk=submitted.pk, data=data
        ).status_code
        == 403
    )
    # Staff send back what the mentor endorsed, not what the mentor has yet to review.
    post(client, world.staff, "plan_request_revision", pk=submitted.pk, data=data)
    assert status_of(submitted) == S.SUBMITTED


def test_staff_send_an_endorsed_plan_back_and_the_mentor_cannot(client, world, endorsed):
    data = {"note": "Anggaran belum sesuai RPJMD."}
    post(client, world.mentor, "plan_request_revision", pk=endorsed.pk, data=data)
    assert status_of(endorsed) == S.ENDORSED
    post(client, world.staff, "plan_request_revision", pk=endorsed.pk, data=data)
    assert status_of(endorsed) == S.REVISION


def test_the_assigned_mentor_endorses(client, world, submitted):
    assert post(client, world.other_mentor, "plan_endorse", pk=submitted.pk).status_code == 404
    assert post(client, world.staff, "plan_endorse", pk=submitted.pk).status_code == 403
    assert status_of(submitted) == S.SUBMITTED
    post(client, world.mentor, "plan_endorse", pk=submitted.pk)
    assert status_of(submitted) == S.ENDORSED


def test_a_draft_cannot_be_endorsed(client, world, plan):
    post(client, world.mentor, "plan_endorse", pk=plan.pk)
    assert status_of(plan) == S.DRAFT


def approval(plan, **kw):
    """The approval form as confirmed: the letter, the version read and the confirmation."""
    return {
        "letter_number": "B-1187/M.KOMINFO/AI.01.02/12/2026",
        "letter_date": timezone.localdate().isoformat(),
        "version": plan.version_count,
        "confirm": "1",
        **kw,
    }


def test_staff_approve_an_endorsed_plan(client, world, endorsed):
    data = approval(endorsed)
    assert post(client, world.mentor, "plan_approve", pk=endorsed.pk, data=data).status_code == 403
    post(client, world.staff, "plan_approve", pk=endorsed.pk, data=data)
    assert status_of(endorsed) == S.APPROVED


def test_a_plan_not_yet_endorsed_cannot_be_approved(client, world, submitted):
    response = post(client, world.staff, "plan_approve", pk=submitted.pk, data=approval(submitted))
    assert response.status_code == 400
    assert status_of(submitted) == S.SUBMITTED


def test_approval_is_refused_while_a_blocking_comment_is_open(client, world, endorsed):
    comment = comment_add(
        plan=endorsed, by=world.mentor, body="Anggaran 2021.", section="general", blocking=True
    )
    client.force_login(world.staff)
    page = client.get(reverse("plan_detail", args=[endorsed.pk])).content.decode()
    assert 'id="approve-blocked"' in page
    response = client.post(reverse("plan_approve", args=[endorsed.pk]), approval(endorsed))
    assert response.status_code == 400 and "komentar wajib" in response.content.decode()
    assert status_of(endorsed) == S.ENDORSED
    post(client, world.mentor, "plan_comment_resolve", comment_id=comment.pk)
    post(client, world.staff, "plan_approve", pk=endorsed.pk, data=approval(endorsed))
    assert status_of(endorsed) == S.APPROVED


# --- enactment ------------------------------------------------------------------------------


def enact_data(**kw):
    return {
        "regulation_type": "perbup",
        "number": "12 Tahun 2019",
        "date": "2019-06-01",
        "document": pdf_upload("Perbup.pdf"),
        **kw,
    }


def test_the_official_records_the_enactment_and_the_regulation_is_downloadable(client, world):
    plan = approved_plan(world)
    response = post(client, world.official, "plan_enact", pk=plan.pk, data=enact_data())
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.regulation_type, plan.regulation_number) == (
        S.ENACTED,
        "perbup",
        "12 Tahun 2019",
    )
    assert plan.regulation_date == datetime.date(2019, 6, 1)
    for who in ("official", "mentor", "staff"):
        client.force_login(getattr(world, who))
        download = client.get(reverse("plan_regulation_download", args=[plan.pk]))
        assert download.status_code == 200, who
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_document_that_is_not_a_pdf_is_refused_and_nothing_changes(client, world):
    plan = approved_plan(world)
    data = enact_data(document=SimpleUploadedFile("Perbup.pdf", b"<html>bukan pdf</html>"))
    response = post(client, world.official, "plan_enact", pk=plan.pk, data=data)
    assert response.status_code == 400
    assert "Berkas bukan PDF yang sah." in response.content.decode()
    assert status_of(plan) == S.APPROVED


def test_an_endorsed_plan_cannot_be_enacted_yet(client, world, endorsed):
    response = post(client, world.official, "plan_enact", pk=endorsed.pk, data=enact_data())
    assert response.status_code == 400
    assert status_of(endorsed) == S.ENDORSED


def test_a_mentor_cannot_enact_and_partners_never_download_the_regulation(client, world):
    plan = enacted_plan(world)
    assert (
        post(client, world.mentor, "plan_enact", pk=plan.pk, data=enact_data()).status_code == 403
    )
    client.force_login(world.partner)
    assert client.get(reverse("plan_regulation_download", args=[plan.pk])).status_code == 403


def test_a_plan_without_a_regulation_has_nothing_to_download(client, world, submitted):
    client.force_login(world.official)
    assert client.get(reverse("plan_regulation_download", args=[submitted.pk])).status_code == 404


# --- what the plan page offers --------------------------------------------------------------


def page_html(client, user, plan):
    client.force_login(user)
    return client.get(reverse("plan_detail", args=[plan.pk])).content.decode()


def test_the_page_offers_each_person_only_the_moves_they_may_make(client, world, plan):
    quick_wins = list(plan.programmes.filter(is_quick_win=True).values_list("pk", flat=True))
    plan.programmes.update(is_quick_win=False)
    html = page_html(client, world.official, plan)
    assert 'data-move="submit"' in html and 'id="submit-errors"' in html
    assert 'data-move="submit"' not in page_html(client, world.mentor, plan)
    plan.programmes.filter(pk__in=quick_wins).update(is_quick_win=True)
    submitted = plan_submit(plan=Plan.objects.get(pk=plan.pk), by=world.official)
    html = page_html(client, world.mentor, submitted)
    assert 'data-move="endorse"' in html and 'data-move="revision"' in html
    html = page_html(client, world.staff, submitted)
    assert 'data-move="approve"' not in html and 'data-move="revision"' not in html
    html = page_html(client, world.official, submitted)
    assert "data-move=" not in html
    assert "Riwayat masterplan" in html


def test_staff_are_offered_approval_and_the_official_the_enactment(client, world, endorsed):
    html = page_html(client, world.staff, endorsed)
    assert 'data-move="approve"' in html and 'data-move="revision"' in html
    approved = approve(endorsed, world.staff)
    assert 'data-move="enact"' in page_html(client, world.official, approved)
    assert 'data-move="enact"' not in page_html(client, world.mentor, approved)


# --- the mentor's queue and the ministry's list ---------------------------------------------


def light_plan(world, *, status=S.SUBMITTED, mentor=None, cohort=None, days=0):
    """A plan row in a given state (no content): lists only read the plan and its counts."""
    region = RegionFactory()
    candidate = participant(world, region)
    if cohort is not None:
        candidate.cohort = cohort
        candidate.save()
    if mentor is not False:
        assign(world, candidate, mentor)
    return Plan.objects.create(
        candidate=candidate,
        start_year=2019,
        status=status,
        status_changed_at=timezone.now() - datetime.timedelta(days=days),
        version_count=1 if status != S.DRAFT else 0,
    )


def test_the_review_queue_lists_the_mentors_plans_waiting_ones_first_oldest_first(client, world):
    newer = light_plan(world, days=2)
    older = light_plan(world, status=S.RESUBMITTED, days=9)
    done = light_plan(world, status=S.ENDORSED, days=30)
    light_plan(world, mentor=world.other_mentor, days=50)
    comment_add(plan=older, by=world.mentor, body="A", section="general")
    comment_add(plan=older, by=world.mentor, body="B", section="vision")
    client.force_login(world.mentor)
    response = client.get(reverse("review_queue"))
    assert [p.pk for p in response.context["plans"]] == [older.pk, newer.pk, done.pk]
    first = response.context["plans"][0]
    assert (first.waiting, first.age_days, first.open_comments) == (True, 9, 2)
    assert response.context["plans"][2].waiting is False
    assert response.content.decode().count('data-waiting="1"') == 2


@pytest.mark.parametrize("n", [2, 12])
def test_the_review_queue_costs_the_same_queries_for_2_or_12_plans(
    client, world, n, django_assert_num_queries
):
    for i in range(n):
        plan = light_plan(world, days=i)
        comment_add(plan=plan, by=world.mentor, body="KPI", section="general")
    client.force_login(world.mentor)
    # 1 session, 2 user, 3 the plans with region, cohort and open-comment counts
    with django_assert_num_queries(3):
        response = client.get(reverse("review_queue"))
    assert len(response.context["plans"]) == n


def test_the_plan_list_shows_every_plan_filtered_by_state_and_cohort(client, world):
    old_cohort = CohortFactory(year=2017)
    submitted = light_plan(world)
    endorsed = light_plan(world, status=S.ENDORSED, mentor=False)
    earlier = light_plan(world, status=S.APPROVED, cohort=old_cohort)
    comment_add(plan=endorsed, by=world.staff, body="Wajib", section="general", blocking=True)
    client.force_login(world.staff)

    def listed(**query):
        response = client.get(reverse("plan_list"), query)
        return {p.pk: p for p in response.context["plans"]}

    every = listed()
    assert set(every) == {submitted.pk, endorsed.pk, earlier.pk}
    assert every[endorsed.pk].open_blocking == 1 and every[submitted.pk].open_blocking == 0
    assert set(listed(status="endorsed")) == {endorsed.pk}
    assert set(listed(cohort="2017")) == {earlier.pk}
    assert set(listed(status="nonsense")) == set(every)


def not_started(world, *, cohort=None, status=Candidate.Status.PARTICIPANT):
    """A region in the programme (or not) without a plan."""
    return CandidateFactory(cohort=cohort or world.cohort, region=RegionFactory(), status=status)


def test_the_plan_list_shows_regions_in_the_programme_without_a_plan_as_not_started(client, world):
    old_cohort = CohortFactory(year=2017)
    plan = light_plan(world)
    waiting = not_started(world)
    earlier = not_started(world, cohort=old_cohort)
    unsigned = not_started(world, status=Candidate.Status.SELECTED)
    for status in (Candidate.Status.INVITED, Candidate.Status.NOT_SELECTED):
        not_started(world, status=status)  # not in the programme: no plan to start
    client.force_login(world.staff)

    def listed(**query):
        response = client.get(reverse("plan_list"), query)
        return [(row.candidate.pk, row.plan) for row in response.context["rows"]], response

    rows, response = listed()
    # The newest cohort first, then by region code, plans and unstarted regions together.
    newest = sorted([plan.candidate, waiting, unsigned], key=lambda c: c.region.code)
    assert [pk for pk, _ in rows] == [c.pk for c in newest] + [earlier.pk]
    assert {pk for pk, p in rows if p is None} == {waiting.pk, earlier.pk, unsigned.pk}
    assert dict(rows)[plan.candidate_id] == plan
    page = response.content.decode()
    assert page.count("Belum memulai</span>") == 3
    assert page.count("MoU belum ditandatangani") == 1
    assert "1 masterplan · 3 daerah peserta belum memulai" in page
    assert {pk for pk, _ in listed(status="not_started")[0]} == {
        waiting.pk,
        earlier.pk,
        unsigned.pk,
    }
    assert [p for _, p in listed(status="submitted")[0]] == [plan]
    assert {pk for pk, _ in listed(cohort="2017")[0]} == {earlier.pk}
    assert listed(status="not_started", cohort="2017")[0] == [(earlier.pk, None)]


def test_the_plan_list_offers_not_started_as_a_state_to_filter_on(client, world):
    client.force_login(world.staff)
    page = client.get(reverse("plan_list"), {"status": "not_started"}).content.decode()
    assert '<option value="not_started" selected>Belum memulai</option>' in page


@pytest.mark.parametrize("n", [2, 12])
def test_the_plan_list_costs_the_same_queries_for_2_or_12_plans_and_unstarted_regions(
    client, world, n, django_assert_num_queries
):
    for i in range(n):
        plan = light_plan(world, days=i)
        comment_add(plan=plan, by=world.staff, body="Wajib", section="general", blocking=True)
        not_started(world)
    client.force_login(world.staff)
    # 1 session, 2 user, 3 the plans with region, cohort and blocking counts, 4 the regions in
    # the programme without a plan, with region and cohort, 5 the cohorts, 6 the second-factor
    # device of the staff session (django-otp)
    with django_assert_num_queries(6):
        response = client.get(reverse("plan_list"))
    assert len(response.context["plans"]) == len(response.context["not_started"]) == n


# --- versions and their differences ---------------------------------------------------------


def revised(world, submitted):
    plan = plan_move(plan=submitted, to=S.REVISION, by=world.mentor, note="Perbaiki visi.")
    Plan.objects.filter(pk=plan.pk).update(vision="Sukoharjo cerdas dan hijau.")
    plan.refresh_from_db()
    removed = plan.programmes.exclude(is_quick_win=True).first()
    removed_name = removed.name
    removed.delete()
    add_programme(plan, name="Smart parking")
    return plan_submit(plan=plan, by=world.official), removed_name


def test_a_version_page_shows_what_was_frozen_not_the_working_copy(client, world, submitted):
    Plan.objects.filter(pk=submitted.pk).update(vision="Diubah sesudah diajukan.")
    client.force_login(world.mentor)
    html = client.get(reverse("plan_version", args=[submitted.pk, 1])).content.decode()
    assert "Isi vision." in html and "Diubah sesudah diajukan." not in html
    assert client.get(reverse("plan_version", args=[submitted.pk, 2])).status_code == 404


def test_the_difference_page_shows_changed_sections_and_programmes(client, world, submitted):
    plan, removed_name = revised(world, submitted)
    client.force_login(world.mentor)
    response = client.get(reverse("plan_version_diff", args=[plan.pk, 2]))
    html = response.content.decode()
    assert "Isi vision." in html and "Sukoharjo cerdas dan hijau." in html
    assert 'id="diff-added"' in html and "Smart parking" in html
    assert 'id="diff-removed"' in html and removed_name in html


def test_changed_programme_fields_read_as_words_and_rupiah(client, world, submitted):
    plan = plan_move(plan=submitted, to=S.REVISION, by=world.mentor, note="Quick win lagi.")
    programme = plan.programmes.filter(is_quick_win=False).first()
    Programme.objects.filter(pk=programme.pk).update(
        is_quick_win=True, quick_win_months=6, quick_win_impact="Cepat.", quick_win_service="KTP"
    )
    programme.budgets.filter(year=plan.start_year).update(amount=1_250_000)
    plan_submit(plan=plan, by=world.official)
    client.force_login(world.mentor)
    html = client.get(reverse("plan_version_diff", args=[plan.pk, 2])).content.decode()
    quick_win = html[html.index('data-field="is_quick_win"') :].split("</tr>")[0]
    assert "Tidak" in quick_win and "Ya" in quick_win and "False" not in quick_win
    assert f"{plan.start_year}: Rp 1.250.000" in html


def test_the_first_version_has_nothing_to_compare_with(client, world, submitted):
    client.force_login(world.official)
    html = client.get(reverse("plan_version_diff", args=[submitted.pk, 1])).content.decode()
    assert 'id="diff-first"' in html


# --- e-mail ---------------------------------------------------------------------------------


def test_a_submission_mails_the_assigned_mentors_once(
    client, world, plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, world.official, "plan_submit", pk=plan.pk)
    assert callbacks, "the e-mail is queued after commit"
    event = PlanEvent.objects.get(plan=plan)
    assert notify_plan_event(event.pk) is True
    assert notify_plan_event(event.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.mentor.email]


def test_a_revision_request_mails_the_regions_officials(client, world, submitted):
    post(client, world.mentor, "plan_request_revision", pk=submitted.pk, data={"note": "KPI."})
    event = PlanEvent.objects.get(plan=submitted, new=S.REVISION)
    notify_plan_event(event.pk)
    assert [m.to for m in mail.outbox] == [[world.official.email]]
    assert "KPI." in mail.outbox[0].body
