"""The plan's workflow: who may move it where, versions frozen on submission, races lost."""

import pytest

from masterplan.models import ImmutableError, Plan, PlanEvent, PlanVersion, ReviewComment
from masterplan.services.workflow import WorkflowError, plan_move, plan_submit
from tests.masterplan.helpers import approve, full_plan

pytestmark = pytest.mark.django_db

S = Plan.Status


def test_the_whole_path_from_draft_to_approval(world, django_capture_on_commit_callbacks):
    plan = full_plan(world)
    with django_capture_on_commit_callbacks(execute=False):
        plan = plan_submit(plan=plan, by=world.official)
        assert plan.status == S.SUBMITTED and plan.version_count == 1
        plan = plan_move(plan=plan, to=S.REVISION, by=world.mentor, note="Tambah KPI.")
        plan = plan_submit(plan=plan, by=world.official)
        assert plan.status == S.RESUBMITTED and plan.version_count == 2
        plan = plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)
        plan = approve(plan, world.staff)
    assert plan.status == S.APPROVED and plan.approved_at is not None
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]
    assert [(e.old, e.new, e.by) for e in PlanEvent.objects.filter(plan=plan)] == [
        ("draft", "submitted", world.official),
        ("submitted", "revision", world.mentor),
        ("revision", "resubmitted", world.official),
        ("resubmitted", "endorsed", world.mentor),
        ("endorsed", "approved", world.staff),
    ]


@pytest.mark.parametrize("who", ["other_official", "mentor", "other_mentor", "staff", "partner"])
def test_only_the_regions_official_submits(world, who):
    plan = full_plan(world)
    with pytest.raises(WorkflowError):
        plan_submit(plan=plan, by=getattr(world, who))
    plan.refresh_from_db()
    assert plan.status == S.DRAFT and not plan.versions.exists()


@pytest.mark.parametrize("who", ["official", "other_mentor", "staff", "partner"])
def test_only_an_assigned_mentor_endorses(world, who):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    with pytest.raises(WorkflowError):
        plan_move(plan=plan, to=S.ENDORSED, by=getattr(world, who))


def test_a_stale_copy_loses_the_race(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    stale = Plan.objects.select_related("candidate").get(pk=plan.pk)
    plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)
    with pytest.raises(WorkflowError, match="berubah"):
        plan_move(plan=stale, to=S.REVISION, by=world.mentor, note="Terlambat.")
    assert Plan.objects.get(pk=plan.pk).status == S.ENDORSED
    assert PlanEvent.objects.filter(plan=plan).count() == 2


def test_approval_is_refused_while_a_blocking_comment_is_open(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    plan = plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)
    comment = ReviewComment.objects.create(
        plan=plan, author=world.mentor, body="Anggaran 2021 belum realistis.", blocking=True
    )
    with pytest.raises(WorkflowError, match="komentar wajib"):
        approve(plan, world.staff)
    ReviewComment.objects.filter(pk=comment.pk).update(status=ReviewComment.Status.RESOLVED)
    assert approve(plan, world.staff).status == S.APPROVED


def test_a_plan_with_errors_is_not_submitted_and_says_why(world):
    plan = full_plan(world)
    plan.programmes.update(is_quick_win=False)
    with pytest.raises(WorkflowError) as caught:
        plan_submit(plan=plan, by=world.official)
    assert any("quick win" in p.message for p in caught.value.problems)
    assert Plan.objects.get(pk=plan.pk).status == S.DRAFT


def test_versions_cannot_be_changed_or_deleted(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    version = plan.versions.get()
    version.data = {}
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    with pytest.raises(ImmutableError):
        PlanVersion.objects.filter(pk=version.pk).update(sha256="0" * 64)
    with pytest.raises(ImmutableError):
        PlanVersion.objects.filter(pk=version.pk).delete()
    assert PlanVersion.objects.get(pk=version.pk).data["region"]["code"] == "33.11"


def test_staff_send_back_only_what_the_mentor_endorsed(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    with pytest.raises(WorkflowError, match="mentor yang ditugaskan"):
        plan_move(plan=plan, to=S.REVISION, by=world.staff, note="Terlalu dini.")
    plan = plan_move(plan=plan, to=S.ENDORSED, by=world.mentor)
    assert plan_move(plan=plan, to=S.REVISION, by=world.staff, note="RPJMD.").status == S.REVISION
