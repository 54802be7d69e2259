from django.core.management import call_command

from candidates.models import Candidate, Cohort, IndicatorSet
from smartcity.models import User


def test_seed_demo_creates_the_programme_and_is_idempotent(db, settings):
    settings.DEMO_PASSWORD = "demo-password-long"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (User.objects.count(), Candidate.objects.count(), IndicatorSet.objects.count())

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (User.objects.count(), Candidate.objects.count(), IndicatorSet.objects.count()) == counts
    assert IndicatorSet.objects.filter(year=2018).count() == 514
    assert IndicatorSet.objects.filter(dataset__is_demo=False).count() == 0
    assert (
        Cohort.objects.get(year=2017).candidates.filter(status=Candidate.Status.PARTICIPANT).count()
        == 25
    )
    assert User.objects.get(username="pemda-3311").region.code == "33.11"
    assert User.objects.get(username="pemda-3273").region.code == "32.73"
    _assert_the_whole_2018_cycle_is_seeded()
    for username in [
        "kominfo",
        "pemda-3273",
        "pemda-3311",
        "mentor-itb",
        "mentor-ui",
        "asesor-1",
        "mitra-indosat",
    ]:
        assert User.objects.get(username=username).check_password("demo-password-long")


def test_demo_indicators_mark_some_regions_incomplete_but_never_with_zeros(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    incomplete = (
        IndicatorSet.objects.filter(green_city_index__isnull=True).count()
        + IndicatorSet.objects.filter(ekppd_score__isnull=True).count()
        + IndicatorSet.objects.filter(fiscal_capacity_index__isnull=True).count()
    )
    assert 5 <= incomplete <= 50
    assert not IndicatorSet.objects.filter(ekppd_score=0).exists()


def _assert_the_whole_2018_cycle_is_seeded():
    """What `make run` promises a newcomer: screening, assessment, selection and plans of 2018."""
    from assessment.models import PanelMember, Questionnaire, Selection
    from candidates.models import ScreeningResult
    from masterplan.models import Plan
    from partners.models import MentorAssignment
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
