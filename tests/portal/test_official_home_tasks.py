"""A regional official's home starts with what needs them now, most urgent first, each with a
link to where it is done; then their region's status. Only their own region's."""

import datetime
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Questionnaire, QuestionnaireEvent, Regulation
from candidates.models import Candidate
from candidates.services import screening_round_for_cohort, screening_run, shortlist_confirm
from masterplan.models import Plan, Programme, QuickWinUpdate
from masterplan.services.review import comment_add
from partners.models import MoU
from portal.official import screening_explanation
from tests.candidates.helpers import indicators_for, screened_world
from tests.factories import CandidateFactory, CohortFactory, RegionFactory, UserFactory
from tests.masterplan.helpers import full_plan
from tests.masterplan.home_helpers import light_plan, revision_requested

pytestmark = pytest.mark.django_db

S = Plan.Status
NOTHING = "Tidak ada yang perlu Anda kerjakan saat ini."


def home(client, user):
    client.force_login(user)
    return client.get(reverse("official_home"))


def tasks_of(response):
    return response.context["tasks"]


def task_section(response) -> str:
    return response.text.split('id="tasks"')[1].split("</section>")[0]


def invited(world, *, deadline_in=timedelta(days=10), region=None):
    cohort = world.cohort
    cohort.questionnaire_deadline = timezone.now() + deadline_in if deadline_in else None
    cohort.save()
    return CandidateFactory(cohort=cohort, region=region or world.region)


# --- nothing to do, and who may look --------------------------------------------------------


def test_an_official_with_nothing_to_do_is_told_so_plainly(client, world):
    light_plan(world, region=world.region)  # submitted: the mentor's turn

    response = home(client, world.official)

    assert tasks_of(response) == []
    assert NOTHING in response.text
    assert "menunggu reviu mentor" in response.text


@pytest.mark.parametrize("role", ["staff", "mentor", "assessor", "partner"])
def test_the_official_home_is_for_officials_only(client, world, role):
    assert home(client, getattr(world, role)).status_code == 403


def test_another_regions_work_is_neither_a_task_nor_shown(client, world):
    CandidateFactory(cohort=CohortFactory(year=2019), region=world.region)  # invited
    plan = revision_requested(light_plan(world, region=world.region), world.mentor, "Rahasia")

    response = home(client, world.other_official)

    assert tasks_of(response) == []
    assert plan.get_absolute_url() not in response.text
    assert "Rahasia" not in response.text
    assert "Kabupaten Sukoharjo" not in response.text


# --- the questionnaire ----------------------------------------------------------------------


def test_an_open_questionnaire_is_a_task_with_its_deadline_and_how_far_it_is(client, world):
    candidate = invited(world)

    (task,) = tasks_of(home(client, world.official))
    assert task.url == reverse("questionnaire", args=[candidate.pk])
    assert task.due == world.cohort.questionnaire_deadline
    assert (task.level, task.action) == ("soon", "Mulai mengisi")
    assert "Belum diisi" in task.detail

    questionnaire = Questionnaire.objects.create(
        candidate=candidate, leader_vision="Kota cerdas", ict_staff=12
    )
    Regulation.objects.create(
        questionnaire=questionnaire, kind="perda", number="1", year=2017, title="Perda SPBE"
    )
    response = home(client, world.official)
    (task,) = tasks_of(response)
    assert task.action == "Lanjutkan mengisi"
    assert task.detail == "3 dari 4 bagian sudah lengkap."
    assert f'href="{task.url}"' in task_section(response)
    assert "Batas:" in task_section(response)


def test_a_deadline_three_days_away_makes_the_questionnaire_urgent(client, world):
    invited(world, deadline_in=timedelta(days=2))

    (task,) = tasks_of(home(client, world.official))

    assert task.level == "urgent"


@pytest.mark.parametrize(
    "case", ["submitted", "deadline passed", "assessed"], ids=lambda case: case
)
def test_a_closed_questionnaire_is_no_task(client, world, case):
    candidate = invited(
        world, deadline_in=timedelta(days=-1) if case == "deadline passed" else None
    )
    if case == "submitted":
        Questionnaire.objects.create(candidate=candidate, status=Questionnaire.Status.SUBMITTED)
    if case == "assessed":
        Candidate.objects.filter(pk=candidate.pk).update(status=Candidate.Status.ASSESSED)

    response = home(client, world.official)

    assert tasks_of(response) == []
    assert NOTHING in response.text


def test_a_reopened_questionnaire_is_urgent_and_says_why_it_was_reopened(client, world):
    candidate = invited(world, deadline_in=timedelta(days=-3))
    Candidate.objects.filter(pk=candidate.pk).update(status=Candidate.Status.ASSESSED)
    questionnaire = Questionnaire.objects.create(
        candidate=candidate, status=Questionnaire.Status.REOPENED
    )
    QuestionnaireEvent.objects.create(
        questionnaire=questionnaire,
        old="submitted",
        new="reopened",
        by=world.staff,
        reason="Unggah SK Dewan Smart City yang ditandatangani.",
    )

    (task,) = tasks_of(home(client, world.official))

    assert task.level == "urgent"
    assert task.quote == "Unggah SK Dewan Smart City yang ditandatangani."
    assert task.url == reverse("questionnaire", args=[candidate.pk])


# --- MoU and plan ---------------------------------------------------------------------------


def test_a_selected_region_waits_for_its_mou_and_a_signed_one_is_no_more_a_task(client, world):
    candidate = CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    mou = MoU.objects.create(
        candidate=candidate, signing_date=datetime.date(2018, 5, 8), venue="Jakarta"
    )

    start, task = tasks_of(home(client, world.official))
    assert start.url == reverse("my_plan")  # a selected region may start its plan already
    assert task.url == reverse("mou_detail", args=[candidate.pk])
    assert task.level == "info" and "8 Mei 2018, Jakarta" in task.detail

    MoU.objects.filter(pk=mou.pk).update(status=MoU.Status.SIGNED)
    Candidate.objects.filter(pk=candidate.pk).update(status=Candidate.Status.PARTICIPANT)
    (task,) = tasks_of(home(client, world.official))
    assert task.url == reverse("my_plan")  # the next step: start the plan


def test_a_draft_plan_is_to_be_continued_and_an_approved_one_to_be_enacted(client, world):
    plan = light_plan(world, region=world.region, status=S.DRAFT)

    (task,) = tasks_of(home(client, world.official))
    assert (task.url, task.action) == (plan.get_absolute_url(), "Buka masterplan")

    Plan.objects.filter(pk=plan.pk).update(status=S.APPROVED, approved_at=timezone.now())
    (task,) = tasks_of(home(client, world.official))
    assert task.url == reverse("plan_enact", args=[plan.pk])


def test_a_plan_sent_back_shows_the_mentors_request_and_its_open_blocking_comments(client, world):
    plan = light_plan(world, region=world.region)
    comment_add(plan=plan, by=world.mentor, body="KPI?", section="general", blocking=True)
    comment_add(plan=plan, by=world.mentor, body="Visi?", section="vision", blocking=True)
    comment_add(plan=plan, by=world.mentor, body="Anggaran?", section="general")
    # A mentors' internal note is not the region's to see, nor to count.
    comment_add(plan=plan, by=world.mentor, body="Catatan", section="general", mentor_only=True)
    world.mentor.first_name, world.mentor.last_name = "Budi", "Rahardjo"
    world.mentor.save()
    revision_requested(plan, world.mentor, "Lengkapi dasar target KPI.")

    response = home(client, world.official)

    (task,) = tasks_of(response)
    assert task.level == "urgent"
    assert task.url == plan.get_absolute_url()
    assert task.quote == "Lengkapi dasar target KPI."
    assert task.detail.startswith("Budi Rahardjo meminta revisi pada ")
    assert task.facts == ["2 komentar wajib masih terbuka.", "1 komentar lain masih terbuka."]
    section = task_section(response)
    assert (
        "Lengkapi dasar target KPI." in section and f'href="{plan.get_absolute_url()}"' in section
    )
    # The plan's status badge says "needs revision" in amber, not grey.
    assert '<span class="badge text-bg-warning plan-status">Perlu revisi</span>' in response.text


# --- quick-win reports ----------------------------------------------------------------------


def approved_with_quick_wins(world, *, days_ago=70):
    plan = full_plan(world)
    approved = timezone.now() - timedelta(days=days_ago)
    Plan.objects.filter(pk=plan.pk).update(status=S.APPROVED, approved_at=approved)
    return plan, list(plan.programmes.filter(is_quick_win=True).order_by("pk"))


def report(world, programme, *, days_ago, percent=30, status="on_track"):
    update = QuickWinUpdate.objects.create(
        programme=programme, percent=percent, status=status, created_by=world.official
    )
    when = timezone.now() - timedelta(days=days_ago)
    QuickWinUpdate.objects.filter(pk=update.pk).update(created_at=when)


def test_quick_win_reports_due_are_tasks_the_late_ones_first(client, world):
    plan, (silent, stale, recent) = approved_with_quick_wins(world)
    report(world, stale, days_ago=40, percent=20)
    report(world, recent, days_ago=5, percent=25)
    done = Programme.objects.get(pk=recent.pk)
    done.pk = None  # a fourth quick win, finished
    done.name = "Selesai"
    done.save()
    report(world, done, days_ago=45, percent=100)
    future = Programme.objects.get(pk=recent.pk)
    future.pk = None  # a fifth, not started yet
    future.name = "Belum mulai"
    future.quick_win_start = timezone.localdate() + timedelta(days=30)
    future.save()
    Plan.objects.filter(pk=plan.pk).update(status=S.ENACTED)

    tasks = tasks_of(home(client, world.official))

    assert [t.url for t in tasks] == [
        reverse("quick_win_progress", args=[plan.pk, silent.pk]),
        reverse("quick_win_progress", args=[plan.pk, stale.pk]),
    ]
    assert tasks[0].level == "urgent"  # silent 60 days after its start: late by followup's rule
    assert tasks[0].facts == ["Belum ada laporan progres 60 hari setelah mulai."]
    assert tasks[1].level == "soon" and "20% selesai" in tasks[1].detail
    assert tasks[1].overdue


def test_a_region_that_reports_monthly_has_no_report_due(client, world):
    plan, quick_wins = approved_with_quick_wins(world)
    Plan.objects.filter(pk=plan.pk).update(status=S.ENACTED)
    for programme in quick_wins:
        report(world, programme, days_ago=3, percent=40)

    assert tasks_of(home(client, world.official)) == []


def test_urgent_tasks_come_first_then_deadlines_then_work_then_news(client, world):
    # 2017: a participant whose plan was sent back (urgent).
    old = CohortFactory(year=2017)
    plan = light_plan(world, region=world.region)
    Candidate.objects.filter(pk=plan.candidate_id).update(cohort=old)
    revision_requested(plan, world.mentor, "Perbaiki anggaran.")
    # 2018: selected, the MoU not signed yet (news), the plan not started (work).
    CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    # 2019: invited, its questionnaire due in 20 days (a deadline).
    newer = CohortFactory(year=2019)
    newer.questionnaire_deadline = timezone.now() + timedelta(days=20)
    newer.save()
    CandidateFactory(cohort=newer, region=world.region)

    tasks = tasks_of(home(client, world.official))

    assert [(t.level, t.url) for t in tasks] == [
        ("urgent", plan.get_absolute_url()),
        ("soon", reverse("questionnaire", args=[Candidate.objects.get(cohort=newer).pk])),
        ("todo", reverse("my_plan")),
        ("info", reverse("mou_detail", args=[Candidate.objects.get(cohort=world.cohort).pk])),
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_the_official_home_runs_the_same_queries_however_much_there_is(
    client, world, django_assert_num_queries, n
):
    plan, quick_wins = approved_with_quick_wins(world)
    for i, programme in enumerate(quick_wins[:n]):
        report(world, programme, days_ago=40 + i)
    for year in range(2019, 2019 + n):
        cohort = CohortFactory(year=year)
        cohort.questionnaire_deadline = timezone.now() + timedelta(days=9)
        cohort.save()
        Questionnaire.objects.create(candidate=CandidateFactory(cohort=cohort, region=world.region))
    client.force_login(world.official)

    # 1. the session, 2. the user, 3. the region with its province (page header), 4. the
    # candidacies with questionnaire, MoU, regulation counts and reopening reasons, 5. the
    # plans with the latest revision request and comment counts, 6. the published screening
    # results, 7. the quick wins with their latest report, 8. the open evaluation cycles with
    # the region's self-assessment and how far it is scored.
    with django_assert_num_queries(8):
        response = client.get(reverse("official_home"))

    # Every quick win is due (3), the plan is to be enacted (1), and each questionnaire (n).
    assert len(tasks_of(response)) == 3 + 1 + n


# --- the screening result's explanation ----------------------------------------------------


def test_a_region_already_in_the_programme_is_told_why_it_was_not_screened_again(client, world):
    earlier = CohortFactory(year=2017)
    CandidateFactory(cohort=earlier, region=world.other_region, status="participant")
    screened_world(world, quota=1)

    response = home(client, world.other_official)

    (card,) = response.text.split("js-screened-only")[1:]
    assert "sudah menjadi peserta program sejak Gerakan Menuju 100 Smart City 2017" in card
    assert "tidak masuk daftar pendek" not in card
    assert "Dikecualikan" in card


def test_a_region_missing_indicators_is_told_which(client, world):
    third = RegionFactory(code="35.01", name="Kabupaten Tanpa Data")
    indicators_for(
        {world.region: (2.0, 3.5, 80), world.other_region: (1.0, 3.0, 60), third: (1, None, 50)},
        year=world.cohort.year,
    )
    shortlist_confirm(
        run=screening_run(round_=screening_round_for_cohort(cohort=world.cohort), by=world.staff),
        by=world.staff,
    )
    official = UserFactory(username="pemda-tanpa-data", official=True, region=third)

    response = home(client, official)

    (card,) = response.text.split("js-screened-only")[1:]
    assert "Data indikator daerah Anda belum lengkap (skor EKPPD)" in card
    assert "tidak masuk daftar pendek" not in card


def test_an_exclusion_for_another_reason_says_that_reason(world):
    result = SimpleNamespace(
        status="excluded",
        reason="Daerah administratif (bukan otonom)",
        run=SimpleNamespace(round=SimpleNamespace(cohort=world.cohort)),
    )

    assert screening_explanation(result, []) == (
        "Daerah Anda dikecualikan dari seleksi awal angkatan ini: "
        "Daerah administratif (bukan otonom)."
    )


def test_the_plan_pages_status_badge_is_coloured_by_meaning_too(client, world):
    plan = revision_requested(full_plan(world), world.mentor, "Lengkapi KPI.")
    client.force_login(world.official)

    response = client.get(plan.get_absolute_url())

    assert (
        '<span class="badge text-bg-warning plan-status" id="plan-status">Perlu revisi</span>'
        in response.text
    )
