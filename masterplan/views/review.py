"""Review comments in place on the plan page: each section and programme row opens its own
thread (htmx), where reviewers comment and resolve and the region replies.

Every answer to htmx is the thread of one place (`CommentPlace`), with that place's counter
and the review banner out of band; messages ride along (smartcity.middleware). Without
JavaScript the forms post the same way and come back to the plan page at the comment.

Who may do what is `access`'s and `services.review`'s: the views gate by role, find the plan
with `plan_for_user` (404 for missing and not yours alike) and comments with
`comments_visible_to` (a mentor-only note is a 404 for the region).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.access import role_required
from smartcity.idempotency import claim_post_token
from smartcity.models import User

from .. import access
from ..models import Programme, ReviewComment
from ..selectors import place_key, plan_review
from ..services.review import (
    ReviewError,
    comment_add,
    comment_reopen,
    comment_reply,
    comment_resolve,
)

reviewers = role_required(User.Role.STAFF, User.Role.MENTOR)
plan_people = role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR)
THREAD = "masterplan/_plan_comments.html#answer"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _plan_url(plan, *, anchor: str, **query) -> str:
    url = reverse("plan_detail", args=[plan.pk])
    return f"{url}?{urlencode(query)}#{anchor}" if query else f"{url}#{anchor}"


def _comment_for_user(user, comment_id: int) -> ReviewComment:
    """The comment if this user may read it; 404 otherwise (mentor-only notes for officials)."""
    plan_id = get_object_or_404(ReviewComment.objects.only("plan_id"), pk=comment_id).plan_id
    plan = access.plan_for_user(user, plan_id)
    comment = get_object_or_404(access.comments_visible_to(user, plan), pk=comment_id)
    comment.plan = plan
    return comment


def _thread(request, plan, key: str, *, composing=False, error="", typed=None, closed=False):
    """One place's thread for htmx, with its counter and the review banner out of band.

    `typed` keeps what the user wrote when it was refused: {"body", "blocking", "mentor_only"}
    for a new comment, {"reply_to", "body"} for a reply.
    """
    review = plan_review(request.user, plan)
    place = review.show(key, composing=composing and not closed)
    if place is None:
        raise Http404
    place.expanded = not closed
    context = {
        "plan": plan,
        "review": review,
        "place": place,
        "error": error,
        "typed": typed or {},
    }
    return render(request, THREAD, context)


def _key_of(comment: ReviewComment) -> str:
    return place_key(comment.section, comment.programme_id)


@plan_people
@require_GET
def plan_comment_thread(request, pk):
    """A place's thread, opened in place: `?tempat=<key>` (the general comments without it),
    with the new-comment form when `tulis` is given (reviewers), or closed again with `tutup`."""
    plan = access.plan_for_user(request.user, pk)
    return _thread(
        request,
        plan,
        request.GET.get("tempat", "") or place_key(ReviewComment.Section.GENERAL),
        composing="tulis" in request.GET,
        closed="tutup" in request.GET,
    )


def _answer(request, plan, key, *, comment=None, error="", success="", typed=None, composing=False):
    """After a comment action: htmx gets the place's thread again (a refusal shown in it, with
    what was typed); a plain form goes back to the plan at the comment, with a message."""
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    if _is_htmx(request):
        return _thread(request, plan, key, error=error, typed=typed, composing=composing)
    if comment is not None:
        return redirect(_plan_url(plan, anchor=f"comment-{comment.pk}"))
    if error:
        # The page opens the place's form again (what was typed is only kept with htmx).
        return redirect(_plan_url(plan, anchor=f"thread-{key}", tulis=key))
    return redirect(_plan_url(plan, anchor=f"thread-{key}"))


@reviewers
@require_POST
def plan_comment_add(request, pk):
    """A reviewer opens a comment on a section or on a programme, from that place's thread."""
    plan = access.plan_for_user(request.user, pk)
    programme = None
    programme_id = request.POST.get("programme", "")
    if programme_id.isdigit():
        programme = Programme.objects.filter(pk=int(programme_id)).first()
    section = request.POST.get("section", "")
    key = place_key(section, programme.pk if programme and programme.plan_id == plan.pk else None)
    typed = {
        "body": request.POST.get("body", ""),
        "blocking": bool(request.POST.get("blocking")),
        "mentor_only": bool(request.POST.get("mentor_only")),
    }
    comment = None
    try:
        with transaction.atomic():
            # A double click posts the same form twice: the second is answered, not stored.
            if claim_post_token(request):
                comment = comment_add(
                    plan=plan,
                    by=request.user,
                    body=typed["body"],
                    section=section,
                    programme=programme,
                    blocking=typed["blocking"],
                    mentor_only=typed["mentor_only"],
                )
                key = _key_of(comment)
    except ReviewError as exc:
        if _is_htmx(request) and key not in plan_review(request.user, plan).places:
            # Not a place of this plan's page (a forged form): there is no thread to show.
            messages.error(request, str(exc))
            response = HttpResponse("")
            response["HX-Reswap"] = "none"
            return response
        return _answer(request, plan, key, error=str(exc), typed=typed, composing=True)
    return _answer(request, plan, key, comment=comment, success=_("Komentar ditambahkan."))


@plan_people
@require_POST
def plan_comment_reply(request, comment_id):
    """Reviewers and the region answer a comment, in its thread."""
    comment = _comment_for_user(request.user, comment_id)
    body = request.POST.get("body", "")
    reply = None
    try:
        with transaction.atomic():
            if claim_post_token(request):
                reply = comment_reply(parent=comment, by=request.user, body=body)
    except ReviewError as exc:
        typed = {"reply_to": comment.parent_id or comment.pk, "body": body}
        return _answer(request, comment.plan, _key_of(comment), error=str(exc), typed=typed)
    return _answer(
        request, comment.plan, _key_of(comment), comment=reply, success=_("Balasan terkirim.")
    )


def _set_status(request, comment_id, change, success):
    comment = _comment_for_user(request.user, comment_id)
    try:
        change(comment=comment, by=request.user)
    except ReviewError as exc:
        return _answer(request, comment.plan, _key_of(comment), comment=comment, error=str(exc))
    return _answer(request, comment.plan, _key_of(comment), comment=comment, success=success)


@reviewers
@require_POST
def plan_comment_resolve(request, comment_id):
    """A reviewer closes a comment the region has answered, in its thread."""
    return _set_status(request, comment_id, comment_resolve, _("Komentar diselesaikan."))


@reviewers
@require_POST
def plan_comment_reopen(request, comment_id):
    """A reviewer opens a closed comment again, in its thread."""
    return _set_status(request, comment_id, comment_reopen, _("Komentar dibuka kembali."))


urlpatterns = [
    path("<int:pk>/komentar/", plan_comment_add, name="plan_comment_add"),
    path("<int:pk>/komentar/utas/", plan_comment_thread, name="plan_comment_thread"),
    path("komentar/<int:comment_id>/balas/", plan_comment_reply, name="plan_comment_reply"),
    path("komentar/<int:comment_id>/selesai/", plan_comment_resolve, name="plan_comment_resolve"),
    path("komentar/<int:comment_id>/buka/", plan_comment_reopen, name="plan_comment_reopen"),
]
