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
