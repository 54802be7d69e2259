"""Plans for the homes' tests: plan rows in a given state without content (a home reads only the
plan, its latest request and its counts), for regions made on the fly."""

import datetime

from django.utils import timezone

from masterplan.models import Plan, PlanEvent
from tests.factories import RegionFactory
from tests.masterplan.helpers import assign, participant

S = Plan.Status


def light_plan(world, *, status=S.SUBMITTED, mentor=None, region=None, days=0, versions=None):
    """A plan row of a new region (or `region`), `days` in its status, assigned to `mentor`
    (the world's mentor by default; False: nobody)."""
    candidate = participant(world, region or RegionFactory())
    if mentor is not False:
        assign(world, candidate, mentor)
    if versions is None:
        versions = {S.DRAFT: 0, S.RESUBMITTED: 2}.get(status, 1)
    return Plan.objects.create(
        candidate=candidate,
        start_year=world.cohort.year + 1,
        status=status,
        status_changed_at=timezone.now() - datetime.timedelta(days=days),
        version_count=versions,
    )


def revision_requested(plan, by, note):
    """The plan sent back with `note`, as the workflow records it (the status and its event)."""
    Plan.objects.filter(pk=plan.pk).update(status=S.REVISION, status_changed_at=timezone.now())
    PlanEvent.objects.create(plan=plan, old=plan.status, new=S.REVISION, by=by, note=note)
    plan.refresh_from_db()
    return plan
