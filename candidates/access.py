"""Permission-aware reads for screening: missing and not-yours both answer 404."""

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404

from smartcity.access import user_has_role
from smartcity.models import User

from .models import Cohort, ScreeningResult, ScreeningRound, ScreeningRun


def round_for_staff(user, year: int) -> ScreeningRound:
    """The screening round of a cohort year, creating it with defaults on first visit."""
    from .services import screening_round_for_cohort

    if not user_has_role(user, User.Role.STAFF):
        raise Http404
    cohort = get_object_or_404(Cohort, year=year)
    return screening_round_for_cohort(cohort=cohort)


def run_for_user(user, pk: int) -> ScreeningRun:
    """A run with its round and cohort; ministry staff only (the whole table is theirs)."""
    if not user_has_role(user, User.Role.STAFF):
        raise Http404
    return get_object_or_404(
        ScreeningRun.objects.select_related("round__cohort", "dataset", "run_by"), pk=pk
    )


def result_for_user(user, run_id: int, code: str) -> ScreeningResult:
    """One region's line in a run.

    Staff see any run. A regional official sees only their own region, and only in the run
    whose shortlist the ministry confirmed (what was published to the regions).
    """
    results = ScreeningResult.objects.select_related(
        "run__round__cohort", "run__dataset", "region__province"
    )
    if user_has_role(user, User.Role.STAFF):
        return get_object_or_404(results, run_id=run_id, region__code=code)
    if user_has_role(user, User.Role.OFFICIAL) and user.region.code == code:
        return get_object_or_404(
            results, run_id=run_id, region__code=code, run__round__confirmed_run_id=run_id
        )
    raise Http404


def published_results_for_region(region):
    """The region's lines in every confirmed run, newest cohort first (for its home page)."""
    return (
        ScreeningResult.objects.filter(region=region, run__round__confirmed_run=F("run"))
        .select_related("run__round__cohort")
        .order_by("-run__round__cohort__year")
    )
