"""Demo of the screening stage: the 2018 round is run on the demo indicators and confirmed."""

from django.db import transaction

from .models import Cohort
from .services import screening_round_for_cohort, screening_run, shortlist_confirm


@transaction.atomic
def seed_screening() -> None:
    from smartcity.models import User

    cohort = Cohort.objects.get(year=2018)
    round_ = screening_round_for_cohort(cohort=cohort)
    if round_.confirmed_run_id:
        return
    staff = User.objects.get(username="kominfo")
    run = round_.current_run or screening_run(
        round_=round_, by=staff, note="Seleksi awal 2018 (data contoh)"
    )
    shortlist_confirm(run=run, by=staff)
