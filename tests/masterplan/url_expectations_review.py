"""What each role gets from the review comments' URLs (a GET each).

A place's thread opens for the region, its mentors and staff; the other region and other
mentors get 404 as for a missing plan, partners and assessors 403. The comment actions are
POST-only: the right roles get 405 for a GET, the wrong ones 403.
"""

from masterplan.models import ReviewComment
from tests.masterplan.url_expectations_workflow import submitted_plan
from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, only

EXPECTATIONS = {
    "plan_comment_thread": {
        **only(OK, "staff", "official", "mentor", others=NOT_FOUND),
        "assessor": FORBIDDEN,
        "evaluator": FORBIDDEN,
        "partner": FORBIDDEN,
    },
    "plan_comment_add": only(NOT_ALLOWED, "staff", "mentor", "other_mentor"),
    "plan_comment_reply": only(
        NOT_ALLOWED, "staff", "official", "other_official", "mentor", "other_mentor"
    ),
    "plan_comment_resolve": only(NOT_ALLOWED, "staff", "mentor", "other_mentor"),
    "plan_comment_reopen": only(NOT_ALLOWED, "staff", "mentor", "other_mentor"),
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    plan = submitted_plan(world)
    if name in ("plan_comment_thread", "plan_comment_add"):
        return {"pk": plan.pk}
    comment = ReviewComment.objects.create(plan=plan, author=world.mentor, body="Periksa KPI.")
    return {"comment_id": comment.pk}
