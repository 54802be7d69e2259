"""Review comments: who opens, answers and closes them, and what each one is anchored to."""

import pytest

from masterplan import access
from masterplan.models import Plan, ReviewComment
from masterplan.services.review import (
    ReviewError,
    comment_add,
    comment_reopen,
    comment_reply,
    comment_resolve,
)
from masterplan.services.workflow import plan_move, plan_submit
from tests.masterplan.helpers import add_programme, full_plan

pytestmark = pytest.mark.django_db

Section = ReviewComment.Section
Status = ReviewComment.Status


@pytest.fixture
def plan(world):
    return plan_submit(plan=full_plan(world), by=world.official)


def note(plan, by, **kw):
    values = {"body": "KPI program ini belum terukur.", "section": Section.GENERAL, **kw}
    return comment_add(plan=plan, by=by, **values)


def test_the_review_rules_answer_with_a_reason_shared_by_page_and_service(world, plan):
    assert access.may_comment(world.mentor, plan) == (True, "")
    assert access.may_resolve(world.staff, plan) == (True, "")
    assert access.may_reply(world.official, plan) == (True, "")
    allowed, refusal = access.may_comment(world.official, plan)
    assert not allowed and refusal.startswith("Hanya mentor yang ditugaskan")
    with pytest.raises(ReviewError, match=refusal):
        note(plan, world.official)
    allowed, refusal = access.may_reply(world.partner, plan)
    assert not allowed and refusal == "Anda tidak dapat membalas komentar pada masterplan ini."
    allowed, refusal = access.may_resolve(world.official, plan)
    assert not allowed and "menutup komentar" in refusal


@pytest.mark.parametrize("who", ["mentor", "staff"])
def test_reviewers_open_comments_against_the_latest_version(world, plan, who):
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Revisi.")
    plan = plan_submit(plan=plan, by=world.official)
    comment = note(plan, getattr(world, who), section=Section.VISION)
    assert comment.version.number == 2
    assert (comment.section, comment.author, comment.status) == (
        Section.VISION,
        getattr(world, who),
        Status.OPEN,
    )


@pytest.mark.parametrize("who", ["official", "other_official", "other_mentor", "partner"])
def test_only_reviewers_open_comments(world, plan, who):
    with pytest.raises(ReviewError):
        note(plan, getattr(world, who))
    assert not ReviewComment.objects.exists()


def test_a_programme_anchor_files_the_comment_under_programmes_and_keeps_its_name(world, plan):
    programme = plan.programmes.first()
    comment = note(plan, world.mentor, section=Section.VISION, programme=programme)
    assert comment.section == Section.PROGRAMMES
    assert comment.programme_name == programme.name
    programme.delete()
    comment.refresh_from_db()
    assert comment.programme is None and comment.programme_name


def test_a_programme_of_another_plan_is_refused(world, plan):
    other = full_plan(world, region=world.other_region)
    stranger = add_programme(other, name="Program Bandung")
    with pytest.raises(ReviewError, match="bukan bagian"):
        note(plan, world.mentor, programme=stranger)


def test_an_empty_comment_or_an_unknown_section_is_refused(world, plan):
    with pytest.raises(ReviewError, match="kosong"):
        note(plan, world.mentor, body="   ")
    with pytest.raises(ReviewError, match="bagian"):
        note(plan, world.mentor, section="nowhere")


def test_the_region_replies_and_the_reply_joins_the_thread(world, plan):
    comment = note(plan, world.mentor, blocking=True)
    reply = comment_reply(parent=comment, by=world.official, body="Sudah kami perbaiki.")
    again = comment_reply(parent=reply, by=world.mentor, body="Terima kasih.")
    assert reply.parent == comment and again.parent == comment
    assert not reply.blocking and reply.section == comment.section


@pytest.mark.parametrize("who", ["other_official", "other_mentor", "partner"])
def test_outsiders_cannot_reply(world, plan, who):
    comment = note(plan, world.mentor)
    with pytest.raises(ReviewError):
        comment_reply(parent=comment, by=getattr(world, who), body="Halo.")


def test_an_official_cannot_reply_to_a_mentor_only_note(world, plan):
    comment = note(plan, world.mentor, mentor_only=True)
    with pytest.raises(ReviewError, match="internal"):
        comment_reply(parent=comment, by=world.official, body="Kami lihat.")


def test_a_reply_to_a_mentor_only_note_stays_among_reviewers(world, plan):
    comment = note(plan, world.mentor, mentor_only=True)
    reply = comment_reply(parent=comment, by=world.staff, body="Setuju.")
    assert reply.mentor_only


def test_a_reviewer_resolves_and_reopens_a_comment(world, plan):
    comment = note(plan, world.mentor, blocking=True)
    comment = comment_resolve(comment=comment, by=world.staff)
    assert (comment.status, comment.resolved_by) == (Status.RESOLVED, world.staff)
    assert comment.resolved_at is not None
    comment = comment_reopen(comment=comment, by=world.mentor)
    assert (comment.status, comment.resolved_by, comment.resolved_at) == (Status.OPEN, None, None)


def test_a_comment_is_resolved_once_even_from_a_stale_copy(world, plan):
    comment = note(plan, world.mentor)
    stale = ReviewComment.objects.get(pk=comment.pk)
    comment_resolve(comment=comment, by=world.mentor)
    with pytest.raises(ReviewError, match="sudah diselesaikan"):
        comment_resolve(comment=stale, by=world.staff)
    assert ReviewComment.objects.get(pk=comment.pk).resolved_by == world.mentor


def test_reopening_an_open_comment_is_refused(world, plan):
    with pytest.raises(ReviewError, match="masih terbuka"):
        comment_reopen(comment=note(plan, world.mentor), by=world.mentor)


@pytest.mark.parametrize("who", ["official", "other_mentor", "partner"])
def test_only_reviewers_resolve(world, plan, who):
    comment = note(plan, world.mentor)
    with pytest.raises(ReviewError):
        comment_resolve(comment=comment, by=getattr(world, who))
    assert ReviewComment.objects.get(pk=comment.pk).status == Status.OPEN


def test_replies_have_no_status_of_their_own(world, plan):
    reply = comment_reply(parent=note(plan, world.mentor), by=world.official, body="Sudah.")
    with pytest.raises(ReviewError, match="Balasan"):
        comment_resolve(comment=reply, by=world.mentor)
