"""Published plans for library tests.

`approved_plan(world)` gives the world's region (Sukoharjo in the fixture) an approved plan;
`draft_plan_of(world, region)` gives another region a draft with one distinctive programme.
"""

from __future__ import annotations

from django.core.cache import cache

from masterplan.models import PdfJob, Plan, PlanVersion
from masterplan.services.workflow import plan_endorse, plan_submit
from masterplan.snapshot import plan_snapshot, snapshot_sha256
from tests.factories import CandidateFactory
from tests.masterplan.helpers import add_programme, approve, assign, full_plan
from tests.masterplan.pdf_helpers import counting_renderer, render_inline

DRAFT_NAME = "Program Rahasia Draf"


def approved_plan(world, *, monkeypatch=None, edit=None) -> Plan:
    """A full plan submitted, endorsed and approved; with `monkeypatch`, its prints are
    rendered (tiny PDFs, the real job machinery) so the approved one can be downloaded.
    `edit(plan)` changes the draft before it is submitted."""
    plan = full_plan(world)
    if edit is not None:
        edit(plan)
    plan = plan_submit(plan=plan, by=world.official)
    plan = plan_endorse(plan=plan, by=world.mentor)
    plan = approve(plan, world.staff)
    if monkeypatch is not None:
        counting_renderer(monkeypatch)
        for job in PdfJob.objects.filter(version__plan=plan, status=PdfJob.Status.REQUESTED):
            render_inline(job)
    cache.clear()
    return plan


def draft_plan_of(world, region, *, name=DRAFT_NAME) -> Plan:
    """`region` in the programme with a draft plan holding one programme called `name`."""
    candidate = CandidateFactory(cohort=world.cohort, region=region, status="participant")
    assign(world, candidate)
    plan = Plan.objects.create(candidate=candidate, start_year=world.cohort.year + 1)
    add_programme(plan, name=name)
    return plan


def under_review(plan: Plan, *, by) -> Plan:
    """The plan frozen into version 1 and submitted, as a mentor would see it (set directly:
    a one-programme draft would not pass the submission checks)."""
    data = plan_snapshot(plan)
    PlanVersion.objects.create(
        plan=plan, number=1, data=data, sha256=snapshot_sha256(data), created_by=by
    )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SUBMITTED, version_count=1)
    plan.refresh_from_db()
    return plan
