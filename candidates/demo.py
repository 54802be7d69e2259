"""Demo of the screening stage: the 2018 round run on the demo indicators and confirmed (120
invited), and the 2019 round (107 invited) confirmed a month before the day the demo is seeded.
"""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from .models import Candidate, Cohort, ScreeningRound, ScreeningRun
from .services import screening_round_for_cohort, screening_run, shortlist_confirm


def _screen_and_confirm(year: int, note: str):
    """Run the cohort's round once and confirm its shortlist; nothing when already confirmed.

    Returns the invited candidates, or None when the round was confirmed before.
    """
    from smartcity.models import User

    cohort = Cohort.objects.get(year=year)
    round_ = screening_round_for_cohort(cohort=cohort)
    if round_.confirmed_run_id:
        return None
    staff = User.objects.get(username="kominfo")
    run = round_.current_run or screening_run(round_=round_, by=staff, note=note)
    return shortlist_confirm(run=run, by=staff)


@transaction.atomic
def seed_screening() -> None:
    _screen_and_confirm(2018, "Seleksi awal 2018 (data contoh)")


@transaction.atomic
def seed_screening_2019() -> None:
    """The 2019 shortlist of 107 (the cohort's quota), confirmed on the cohort's screening date.

    The run, its confirmation and the invitations are put on that day, and the invitations are
    marked sent then: seeded history, not news, so no e-mail goes out for them.
    """
    invited = _screen_and_confirm(2019, "Seleksi awal 2019 (data contoh)")
    if not invited:
        return
    cohort = Cohort.objects.get(year=2019)
    at = timezone.make_aware(datetime.combine(cohort.screening_date, time(10)))
    round_ = ScreeningRound.objects.get(cohort=cohort)
    ScreeningRound.objects.filter(pk=round_.pk).update(confirmed_at=at)
    # A run is immutable (its model refuses saves); only its time moves to the seeded day.
    ScreeningRun.objects.filter(pk=round_.confirmed_run_id).update(run_at=at)
    Candidate.objects.filter(pk__in=[c.pk for c in invited]).update(
        created_at=at, invitation_sent_at=at
    )
