"""The mentors' and the ministry's review of a plan: comments, replies and their resolution.

Reviewers (the plan's assigned mentors and staff) open comments anchored to a section or a
programme; the region answers in replies; a reviewer closes a comment once the answer satisfies
them. An open blocking comment stops the approval (see `workflow.plan_move`). A mentor-only note
and its replies stay among reviewers: the region never sees them, so it cannot answer them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.validators import TEXT_MAX

from .. import access
from ..models import Plan, Programme, ReviewComment
from .workflow import endorsements_of, latest_version, open_blocking_comments, waiting_message


class ReviewError(Exception):
    """A comment the user may not write or a state change it cannot make; the message says why."""


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ReviewError(_("Komentar tidak boleh kosong."))
    if len(body) > TEXT_MAX:
        raise ReviewError(_("Komentar paling banyak %(n)s karakter.") % {"n": TEXT_MAX})
    return body


@transaction.atomic
def comment_add(
    *,
    plan: Plan,
    by,
    body: str,
    section: str,
    programme: Programme | None = None,
    blocking: bool = False,
    mentor_only: bool = False,
) -> ReviewComment:
    """Open a review comment on a section or a programme, against the latest submitted version.

    A programme anchor files the comment under "programmes" and keeps the programme's name, so
    the comment still says what it was about after the programme is deleted.
    """
    allowed, refusal = access.may_comment(by, plan)
    if not allowed:
        raise ReviewError(refusal)
    body = _clean_body(body)
    if programme is not None:
        if programme.plan_id != plan.pk:
            raise ReviewError(_("Program itu bukan bagian dari masterplan ini."))
        section = ReviewComment.Section.PROGRAMMES
    elif section not in ReviewComment.Section.values:
        raise ReviewError(_("Pilih bagian masterplan yang dikomentari."))
    return ReviewComment.objects.create(
        plan=plan,
        version=latest_version(plan),
        section=section,
        programme=programme,
        programme_name=programme.name if programme else "",
        author=by,
        body=body,
        blocking=blocking,
        mentor_only=mentor_only,
    )


@transaction.atomic
def comment_reply(*, parent: ReviewComment, by, body: str) -> ReviewComment:
    """Answer a comment; the reply joins the thread of its top-level comment.

    A reply keeps its thread's anchor and visibility: a reply to a mentor-only note is itself
    mentor-only. Replies never block.
    """
    plan = parent.plan
    allowed, refusal = access.may_reply(by, plan)
    if not allowed:
        raise ReviewError(refusal)
    if parent.parent_id:
        parent = ReviewComment.objects.get(pk=parent.parent_id)
    if parent.mentor_only and not access.is_reviewer(by, plan):
        raise ReviewError(_("Catatan internal mentor hanya dibalas oleh mentor dan Kominfo."))
    body = _clean_body(body)
    return ReviewComment.objects.create(
        plan=plan,
        version=latest_version(plan),
        parent=parent,
        section=parent.section,
        programme_id=parent.programme_id,
        programme_name=parent.programme_name,
        author=by,
        body=body,
        mentor_only=parent.mentor_only,
    )


def _set_status(comment: ReviewComment, by, *, old: str, new: str, refusal: str, **fields):
    allowed, why_not = access.may_resolve(by, comment.plan)
    if not allowed:
        raise ReviewError(why_not)
    if comment.parent_id:
        raise ReviewError(_("Balasan tidak memiliki status; tutup komentar utamanya."))
    # Conditional on the status read: two reviewers clicking at once change it once.
    if not ReviewComment.objects.filter(pk=comment.pk, status=old).update(status=new, **fields):
        raise ReviewError(refusal)
    comment.refresh_from_db()
    return comment


@transaction.atomic
def comment_resolve(*, comment: ReviewComment, by) -> ReviewComment:
    """Close an open comment: the reviewer accepts the region's answer or change."""
    return _set_status(
        comment,
        by,
        old=ReviewComment.Status.OPEN,
        new=ReviewComment.Status.RESOLVED,
        refusal=_("Komentar ini sudah diselesaikan."),
        resolved_by=by,
        resolved_at=timezone.now(),
    )


@transaction.atomic
def comment_reopen(*, comment: ReviewComment, by) -> ReviewComment:
    """Open a resolved comment again, when the next version undoes what settled it."""
    return _set_status(
        comment,
        by,
        old=ReviewComment.Status.RESOLVED,
        new=ReviewComment.Status.OPEN,
        refusal=_("Komentar ini masih terbuka."),
        resolved_by=None,
        resolved_at=None,
    )


# --- what the plan page shows of the workflow -----------------------------------------------


def plan_page_workflow(user, plan: Plan) -> dict:
    """The moves this user may make on the plan now, for `_plan_actions.html`.

    Only the moves the plan's state allows are asked of `access.may_move`, so a page costs at
    most two assignment lookups for a mentor and one count of blocking comments for staff; a
    plan under review adds who its mentors are and which of them endorsed (`endorsements_of`).
    """
    S = Plan.Status
    allowed = {to for to in Plan.MOVES.get(plan.status, ()) if access.may_move(user, plan, to)[0]}
    blocking = 0
    if S.APPROVED in allowed:
        blocking = open_blocking_comments(plan).count()
    # Asked only when it matters (each answer may cost a query: the mentor's assignment).
    under_review = plan.status in Plan.UNDER_REVIEW
    insider = (under_review or bool(plan.regulation_file)) and (
        access.is_region_official(user, plan) or access.is_reviewer(user, plan)
    )
    readers = bool(plan.regulation_file) and insider
    # Under review, the region, its mentors and staff see which mentors endorsed the version
    # and whom it still waits for (two queries).
    endorsements = None
    if under_review and insider:
        endorsements = endorsements_of(plan)
    may_endorse = S.ENDORSED in allowed
    already = endorsements is not None and endorsements.has_endorsed(user)
    if already and not endorsements.complete:
        may_endorse = False  # nothing to do but wait for the others
    return {
        "workflow": {
            "may_submit": bool(allowed & {S.SUBMITTED, S.RESUBMITTED}),
            "resubmit": plan.status == S.REVISION,
            "may_revise": S.REVISION in allowed,
            "may_endorse": may_endorse,
            "endorsements": endorsements,
            "endorsed_by_me": already,
            # This mentor's endorsement is the last one missing: it sends the plan on.
            "endorse_completes": endorsements is not None
            and all(m.pk == getattr(user, "pk", None) for m in endorsements.missing),
            "waiting": waiting_message(endorsements)
            if endorsements is not None and endorsements.missing
            else "",
            "may_approve": S.APPROVED in allowed,
            "may_enact": S.ENACTED in allowed,
            "open_blocking": blocking,
            "regulation": readers,
            "regulation_types": Plan.Regulation.choices,
        }
    }
