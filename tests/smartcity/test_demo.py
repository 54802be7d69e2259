"""The whole demo of `make run` (`seed_demo` on all 514 regions), and what each documented login
finds there to do.

Seeding takes most of the time, so `seed_demo` runs once for this module, inside a transaction
rolled back at its end; each test then runs in its own savepoint, as usual.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assessment.models import (
    AssessmentSession,
    PanelMember,
    Questionnaire,
    Regulation,
    Score,
    ScoreSheet,
    Selection,
)
from assessment.services.questionnaire import ANSWER_FIELDS, questionnaire_missing
from candidates.models import (
    Candidate,
    Cohort,
    IndicatorSet,
    ScreeningResult,
    ScreeningRound,
    ScreeningRun,
)
from evaluation.models import Cycle, Result, ResultRevision
from evaluation.models_review import (
    EvaluatorScore,
    Panel,
    PanelSeat,
    SelfAssessment,
    SelfScore,
    SurveyImport,
    SurveyResponse,
)
from masterplan.models import Plan, PlanEvent, Programme, ProgrammeBudget, QuickWinUpdate
from partners.models import BimtekSession, MentorAssignment, MoU
from portal.demo import ACCOUNTS
from smartcity.models import User

PASSWORD = "demo-password-long"
EARLIER_SELECTION = "Sudah terpilih pada angkatan sebelumnya"


def _quiet(command: str) -> None:
    with open("/dev/null", "w") as devnull:
        call_command(command, stdout=devnull)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("private")
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": root}}
    storages = {**settings.STORAGES, "private": private}
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=root, STORAGES=storages, DEMO_PASSWORD=PASSWORD),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            _quiet("seed_demo")
            yield root
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def login(client, username: str) -> User:
    user = User.objects.get(username=username)
    client.force_login(user)
    return user


# --- the programme ----------------------------------------------------------------------------


def test_seed_demo_creates_the_programme_with_every_documented_login(demo, db):
    assert IndicatorSet.objects.filter(year=2018).count() == 514
    assert IndicatorSet.objects.filter(year=2019).count() == 514
    assert IndicatorSet.objects.filter(dataset__is_demo=False).count() == 0
    assert (
        Cohort.objects.get(year=2017).candidates.filter(status=Candidate.Status.PARTICIPANT).count()
        == 25
    )
    assert User.objects.get(username="pemda-3311").region.code == "33.11"
    assert User.objects.get(username="pemda-3273").region.code == "32.73"
    assert User.objects.get(username="pemda-6474").region.code == "64.74"
    _assert_the_whole_2018_cycle_is_seeded()
    documented = [
        "kominfo",
        "pemda-3273",
        "pemda-3311",
        "pemda-6474",
        "mentor-itb",
        "mentor-ui",
        "asesor-1",
        "mitra-indosat",
    ]
    assert {username for username, *_ in ACCOUNTS} == set(documented)
    later = ["pemda-3579", "pemda-6471", "pemda-3672", "pemda-5271", "evaluator-1", "evaluator-2"]
    for username in [*documented, *later]:
        assert User.objects.get(username=username).check_password(PASSWORD), username


def test_the_readme_lists_each_demo_login_once_and_each_signs_in(demo, db):
    """The README's *Demo logins* table: one row per login (a merge once doubled a row), and
    every login named in its first column exists with the demo password."""
    readme = (settings.BASE_DIR / "README.md").read_text()
    table = readme.split("### Demo logins", 1)[1].split("\n\n**", 1)[0]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    logins = [name for cell in first_cells for name in re.findall(r"`([^`]+)`", cell)]
    assert len(logins) == len(set(logins)), sorted(logins)
    assert {"kominfo", "pemda-3311", "mentor-umn", "evaluator-1"} <= set(logins)
    for username in logins:
        assert User.objects.get(username=username).check_password(PASSWORD), username


def test_seeding_again_changes_nothing(demo, db):
    models = [
        User,
        Cohort,
        Candidate,
        IndicatorSet,
        ScreeningRound,
        ScreeningRun,
        ScreeningResult,
        Questionnaire,
        Regulation,
        AssessmentSession,
        PanelMember,
        ScoreSheet,
        Score,
        Selection,
        MoU,
        MentorAssignment,
        BimtekSession,
        Plan,
        PlanEvent,
        Programme,
        ProgrammeBudget,
        QuickWinUpdate,
        SelfAssessment,
        SelfScore,
        Panel,
        PanelSeat,
        EvaluatorScore,
        SurveyImport,
        SurveyResponse,
        Cycle,
        Result,
        ResultRevision,
    ]

    def state():
        return (
            [m.objects.count() for m in models],
            sorted(Candidate.objects.values_list("pk", "status")),
            sorted(Questionnaire.objects.values_list("pk", "status", "network_coverage")),
            sorted(ScoreSheet.objects.values_list("pk", "status")),
            sorted(MoU.objects.values_list("pk", "status")),
            sorted(Plan.objects.values_list("pk", "status")),
            sorted(Cohort.objects.values_list("year", "status", "questionnaire_deadline")),
            sorted(ProgrammeBudget.objects.values_list("pk", "amount")),
            sorted(Result.objects.values_list("pk", "index", "rank_national", "revision")),
        )

    before = state()

    _quiet("seed_demo")

    assert state() == before


def test_demo_indicators_mark_some_regions_incomplete_but_never_with_zeros(demo, db):
    incomplete = (
        IndicatorSet.objects.filter(year=2018, green_city_index__isnull=True).count()
        + IndicatorSet.objects.filter(year=2018, ekppd_score__isnull=True).count()
        + IndicatorSet.objects.filter(year=2018, fiscal_capacity_index__isnull=True).count()
    )
    assert 5 <= incomplete <= 50
    assert not IndicatorSet.objects.filter(ekppd_score=0).exists()


def _assert_the_whole_2018_cycle_is_seeded():
    """What `make run` promises a newcomer: screening, assessment, selection and plans of 2018."""
    from smartcity.storage import private_storage

    cohort = Cohort.objects.get(year=2018)
    run = cohort.screening.confirmed_run
    assert ScreeningResult.objects.filter(run=run, status="shortlisted").count() == 120
    assert cohort.candidates.count() == 120

    submitted = Questionnaire.objects.filter(
        candidate__cohort=cohort, status=Questionnaire.Status.SUBMITTED
    )
    assert submitted.count() == 120
    evidence = submitted.get(candidate__region__code="33.11").evidence.get()
    with private_storage().open(evidence.file) as stored:
        assert stored.read(5) == b"%PDF-"
    seats = PanelMember.objects.filter(candidate__cohort=cohort)
    for candidate in cohort.candidates.all():
        assert 2 <= seats.filter(candidate=candidate).count() <= 4, candidate
    asesor_1 = seats.filter(assessor__username="asesor-1")
    assert asesor_1.count() >= 25
    assert asesor_1.filter(candidate__region__code="33.11").exists()

    selection = Selection.objects.get(cohort=cohort)
    assert selection.letter_number and selection.letter_date.year == 2018
    chosen = cohort.candidates.filter(status__in=Candidate.IN_PROGRAMME)
    assert chosen.count() == cohort.quota_selected == 50
    assert chosen.filter(region__code="33.11").exists()
    # Every region whose official is a demo login in the README is selected and has a plan.
    for code in ("35.79", "64.71", "36.72", "52.71", "33.75"):
        assert Plan.objects.filter(candidate__cohort=cohort, candidate__region__code=code).exists()
        official = User.objects.get(username="pemda-" + code.replace(".", ""))
        assert official.region.code == code

    sukoharjo = Plan.objects.get(candidate__cohort=cohort, candidate__region__code="33.11")
    assert sukoharjo.status == Plan.Status.RESUBMITTED
    mentors = set(
        MentorAssignment.objects.filter(candidate=sukoharjo.candidate).values_list(
            "mentor__username", flat=True
        )
    )
    assert "mentor-itb" in mentors and "mentor-ui" not in mentors
    bandung = Plan.objects.get(candidate__region__code="32.73", candidate__cohort__year=2017)
    assert bandung.status == Plan.Status.ENACTED


# --- 2019: a cohort in the middle of its assessment -------------------------------------------


def test_2019_invites_107_regions_for_25_places_none_selected_before(demo, db):
    cohort = Cohort.objects.get(year=2019)
    run = cohort.screening.confirmed_run

    assert (cohort.quota_invited, cohort.quota_selected) == (107, 25)
    assert cohort.status == Cohort.Status.ASSESSMENT
    assert run.shortlisted_count == 107
    assert cohort.candidates.filter(status=Candidate.Status.INVITED).count() == 107
    assert cohort.candidates.count() == 107
    earlier = Candidate.objects.filter(cohort__year__lt=2019, status__in=Candidate.IN_PROGRAMME)
    assert earlier.count() == 75
    assert not cohort.candidates.filter(region__in=earlier.values("region")).exists()
    excluded = ScreeningResult.objects.filter(run=run, region__in=earlier.values("region"))
    assert set(excluded.values_list("status", "reason")) == {("excluded", EARLIER_SELECTION)}
    assert not Selection.objects.filter(cohort=cohort).exists()


def test_2019_questionnaires_are_open_some_submitted_some_half_done_some_not_started(demo, db):
    cohort = Cohort.objects.get(year=2019)
    now = timezone.now()
    questionnaires = Questionnaire.objects.filter(candidate__cohort=cohort)
    submitted = questionnaires.filter(status=Questionnaire.Status.SUBMITTED)
    drafts = list(questionnaires.filter(status=Questionnaire.Status.DRAFT))
    not_started = cohort.candidates.filter(questionnaire__isnull=True)

    assert now + timedelta(days=7) < cohort.questionnaire_deadline
    assert cohort.questionnaire_deadline.date() < cohort.assessment_start
    assert 30 <= submitted.count() <= 55
    assert len(drafts) >= 20 and not_started.count() >= 20
    assert submitted.count() + len(drafts) + not_started.count() == 107
    invited_on = cohort.screening.confirmed_at
    assert all(invited_on < q.submitted_at < now for q in submitted)
    assert all(not questionnaire_missing(q) for q in submitted)
    for draft in drafts:  # begun (the vision at least), not complete
        assert draft.leader_vision and questionnaire_missing(draft), draft


def test_2019_panels_are_seated_and_asesor_1_has_sheets_to_score_beside_its_2018_panels(demo, db):
    cohort = Cohort.objects.get(year=2019)
    seats = PanelMember.objects.filter(candidate__cohort=cohort)
    mine = seats.filter(assessor__username="asesor-1").select_related("candidate")

    assert all(
        seats.filter(candidate=c).count() == 3 and c.panel.filter(session__isnull=False).count()
        for c in cohort.candidates.all()
    )
    assert len(mine) == 8
    assert all(s.candidate.questionnaire.status == "submitted" for s in mine)
    assert not ScoreSheet.objects.filter(seat__candidate__cohort=cohort, status="submitted")
    begun = ScoreSheet.objects.get(seat__in=mine)
    assert begun.status == ScoreSheet.Status.DRAFT and 0 < begun.scores.count() < 12
    assert all(s.session.date >= cohort.assessment_start for s in mine)
    scored_2018 = ScoreSheet.objects.filter(
        seat__assessor__username="asesor-1", seat__candidate__cohort__year=2018
    )
    assert scored_2018.count() >= 25
    assert set(scored_2018.values_list("status", flat=True)) == {"submitted"}
    assert not PanelMember.objects.filter(
        assessor__username="asesor-1", candidate__cohort__year=2017
    ).exists()


def test_asesor_1_opens_a_2019_sheet_from_its_home_and_submits_it(demo, db, client):
    from assessment.services.rubric import rubric_for_cohort

    login(client, "asesor-1")
    seat = (
        PanelMember.objects.filter(
            assessor__username="asesor-1", candidate__cohort__year=2019, sheet__isnull=True
        )
        .select_related("candidate__region")
        .first()
    )
    home = client.get(reverse("assessor_home")).content.decode()
    url = reverse("scoring_sheet", args=[seat.candidate_id])
    assert url in home

    criteria = rubric_for_cohort(cohort=seat.candidate.cohort).criteria.all()
    scores = {f"score_{c.pk}": "4" for c in criteria}
    response = client.post(url, {**scores, "action": "submit"}, follow=True)

    assert "Lembar nilai diajukan" in response.text
    assert ScoreSheet.objects.get(seat=seat).status == ScoreSheet.Status.SUBMITTED


def test_pemda_6474_finds_its_half_done_questionnaire_open_and_submits_it(demo, db, client):
    login(client, "pemda-6474")
    candidacy = Candidate.objects.get(region__code="64.74", cohort__year=2019)
    questionnaire = candidacy.questionnaire
    assert Candidate.objects.get(region__code="64.74", cohort__year=2018).status == "not_selected"
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert questionnaire.leader_vision and questionnaire.ict_staff is not None
    assert questionnaire.network_coverage is None and not questionnaire.regulations.exists()

    home = client.get(reverse("official_home")).content.decode()
    url = reverse("questionnaire", args=[candidacy.pk])
    assert url in home and "Isi kuesioner kesiapan" in home
    page = client.get(url).content.decode()
    assert "2 dari 4 bagian lengkap" in page and "Ajukan" in page

    answers = {}
    for name in ANSWER_FIELDS:
        value = getattr(questionnaire, name)
        if value is True:
            answers[name] = "on"
        elif value not in (None, False):
            answers[name] = str(value)
    answers |= {"network_coverage": "78", "institutions": "Dewan Smart City Kota Bontang."}
    response = client.post(url, {**answers, "action": "submit"}, follow=True)

    assert "Kuesioner diajukan" in response.text
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.SUBMITTED
    assert questionnaire.leader_vision and questionnaire.ict_staff is not None


# --- history: 2017 and Kota Bandung ----------------------------------------------------------


def test_every_2017_participant_has_its_questionnaire_panel_letter_and_signed_mou(demo, db):
    cohort = Cohort.objects.get(year=2017)
    participants = cohort.candidates.filter(status=Candidate.Status.PARTICIPANT)

    assert participants.count() == 25
    assert (
        Questionnaire.objects.filter(candidate__in=participants, status="submitted").count() == 25
    )
    assert MoU.objects.filter(candidate__in=participants, status="signed").count() == 25
    assert set(MoU.objects.filter(candidate__cohort=cohort).values_list("venue", flat=True)) == {
        "Makassar"
    }
    sheets = ScoreSheet.objects.filter(seat__candidate__cohort=cohort)
    assert sheets.count() == 75 and set(sheets.values_list("status", flat=True)) == {"submitted"}
    selection = Selection.objects.get(cohort=cohort)
    assert selection.letters_sent_at and selection.letter_date < cohort.mou_date
    assert sorted(selection.ranking) == sorted(participants.values_list("pk", flat=True))


def test_kota_bandung_reads_as_one_story(demo, db, client):
    candidacy = Candidate.objects.get(region__code="32.73", cohort__year=2017)
    assert candidacy.questionnaire.status == Questionnaire.Status.SUBMITTED
    assert candidacy.mou.status == MoU.Status.SIGNED
    assert candidacy.mou.signing_date < candidacy.plan.approved_at.date()
    assert candidacy.plan.status == Plan.Status.ENACTED
    later = ScreeningResult.objects.filter(region__code="32.73").select_related("run__round")
    assert {r.run.round.cohort.year for r in later} == {2018, 2019}
    assert {(r.status, r.reason) for r in later} == {("excluded", EARLIER_SELECTION)}

    login(client, "pemda-3273")
    home = client.get(reverse("official_home")).content.decode()
    assert "Belum diisi" not in home and "Menunggu tanda tangan" not in home
    report = client.get(reverse("candidate_report", args=[candidacy.pk])).content.decode()
    assert "Penetapan belum dibuat" not in report and "Belum ada nilai" not in report


def test_the_2017_and_2018_cohorts_are_evaluated_in_2019_and_2020_bandung_rising(demo, db, client):
    in_programme = set(
        Candidate.objects.filter(
            cohort__year__in=[2017, 2018], status__in=Candidate.IN_PROGRAMME
        ).values_list("region_id", flat=True)
    )
    for year in (2019, 2020):
        cycle = Cycle.objects.get(year=year)
        assert cycle.status == Cycle.Status.PUBLISHED
        assert set(cycle.results.values_list("region_id", flat=True)) == in_programme
        assert not cycle.results.filter(governance__isnull=True).exists()  # scored in full
        # Published in its own year, its results' first revisions with it.
        assert cycle.published_at.year == year
        revision_years = ResultRevision.objects.filter(result__cycle=cycle).dates("at", "year")
        assert [d.year for d in revision_years] == [year]
    bandung = list(Result.objects.filter(region__code="32.73").order_by("cycle__year"))
    assert [r.cycle.year for r in bandung] == [2019, 2020]
    assert bandung[0].index < bandung[1].index

    login(client, "pemda-3273")
    report = client.get(reverse("evaluation:report", args=[2020, "32.73"]))
    assert report.status_code == 200
    assert "+0,42 dari 2019" in report.content.decode()
    other = client.get(reverse("evaluation:report", args=[2020, "35.22"]))
    assert other.status_code == 404


# --- plans: who has not started ---------------------------------------------------------------


def test_every_participant_without_a_plan_is_listed_as_not_started(demo, db, client):
    in_programme = Candidate.objects.filter(
        cohort__year__in=(2017, 2018), status__in=Candidate.IN_PROGRAMME
    )
    without_plan = set(in_programme.filter(plan__isnull=True).values_list("pk", flat=True))
    # A participant is a region whose MoU is signed; a selected one still waits for it.
    assert not in_programme.filter(status="participant").exclude(mou__status="signed").exists()
    assert not in_programme.filter(status="selected", mou__status="signed").exists()
    assert in_programme.count() == 75 and len(without_plan) == 75 - Plan.objects.count()

    login(client, "kominfo")
    response = client.get(reverse("plan_list"))
    page = response.content.decode()

    listed = {row.candidate.pk for row in response.context["rows"] if row.plan is None}
    assert listed == without_plan
    assert page.count("data-not-started=") == len(without_plan)
    assert page.count("Belum memulai</span>") == len(without_plan)
    assert f"{Plan.objects.count()} masterplan · {len(without_plan)} daerah peserta" in page


# --- the 2021 evaluation in progress -----------------------------------------------------------


def test_evaluator_1_scores_kota_bandungs_submitted_self_assessment_from_its_home(demo, db, client):
    login(client, "evaluator-1")
    panel = Panel.objects.get(cycle__year=2021, region__code="32.73")
    assert SelfAssessment.objects.get(cycle__year=2021, region__code="32.73").is_submitted
    assert panel.seats.count() == 2 and panel.interview_at is not None
    assert SurveyImport.objects.get(cycle__year=2021, region__code="32.73").respondents == 50
    home = client.get(reverse("evaluator_home")).text
    url = reverse("evaluation_panel", args=[panel.pk])
    assert url in home and "Kota Bandung" in home

    indicators = panel.cycle.instrument.indicators.filter(source="self_assessment")
    answers = {
        s.indicator_id: s.score
        for s in SelfScore.objects.filter(
            assessment__region=panel.region, assessment__cycle=panel.cycle
        )
    }
    scores = {f"score_{i.pk}": str(answers[i.pk]) for i in indicators}
    response = client.post(url, {**scores, "action": "submit"}, follow=True)

    assert "Nilai Anda diajukan" in response.text
    # evaluator-2 scored some output indicators two points below the region: flagged now.
    assert "berbeda > 1 poin" in response.text
    assert "perlu nilai rekonsiliasi" in response.text


def test_pemda_6471_has_its_half_done_self_assessment_on_its_home_and_pre_fills_it(
    demo, db, client
):
    login(client, "pemda-6471")
    home = client.get(reverse("official_home")).text
    assert "Isi penilaian mandiri evaluasi smart city 2021" in home
    response = client.post(reverse("self_assessment_prefill", args=[2021]), follow=True)
    assert "penjelasan diisi dari data portal" in response.text
    assert SelfScore.objects.filter(assessment__region__code="64.71", prefilled=True).exists()
