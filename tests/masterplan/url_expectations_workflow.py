"""What each role gets from the workflow URLs (a GET each).

The moves are POST-only: the right roles get 405 for a GET, the wrong ones 403 (the review
comments are in url_expectations_review.py). Approval is a form (letter number and date, then a
confirmation): staff get it, with a refusal in it while the plan is not endorsed. Versions,
their differences and the enacted regulation are for the region, its mentors and staff: the
other region and other mentors get 404, partners 403.
"""

import datetime

from masterplan.models import Plan
from masterplan.services.workflow import plan_enact, plan_move, plan_submit
from tests.assessment.url_expectations_questionnaire import pdf_upload
from tests.masterplan.helpers import approve, full_plan
from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, only

S = Plan.Status
READERS = {
    **only(OK, "staff", "official", "mentor", others=NOT_FOUND),
    "assessor": FORBIDDEN,
    "evaluator": FORBIDDEN,
    "partner": FORBIDDEN,
}

EXPECTATIONS = {
    "plan_list": only(OK, "staff"),
    "review_queue": only(OK, "mentor", "other_mentor"),
    "plan_submit": only(NOT_ALLOWED, "official", "other_official"),
    "plan_request_revision": only(NOT_ALLOWED, "staff", "mentor", "other_mentor"),
    "plan_endorse": only(NOT_ALLOWED, "mentor", "other_mentor"),
    "plan_approve": only(OK, "staff"),
    "plan_enact": {
        **only(OK, "staff", "official"),
        "other_official": NOT_FOUND,
    },
    "plan_regulation_download": READERS,
    "plan_version": READERS,
    "plan_version_diff": READERS,
}


def submitted_plan(world) -> Plan:
    return plan_submit(plan=full_plan(world), by=world.official)


def approved_plan(world) -> Plan:
    plan = plan_move(plan=submitted_plan(world), to=S.ENDORSED, by=world.mentor)
    return approve(plan, world.staff)


def enacted_plan(world) -> Plan:
    return plan_enact(
        plan=approved_plan(world),
        by=world.official,
        regulation_type=Plan.Regulation.PERBUP,
        number="12 Tahun 2019",
        date=datetime.date(2019, 6, 1),
        upload=pdf_upload("Perbup Masterplan.pdf"),
    )


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name in ("plan_list", "review_queue"):
        return {}
    if name == "plan_enact":
        return {"pk": approved_plan(world).pk}
    if name == "plan_regulation_download":
        return {"pk": enacted_plan(world).pk}
    plan = submitted_plan(world)
    if name == "plan_version":
        return {"pk": plan.pk, "number": 1}
    if name == "plan_version_diff":
        plan = plan_move(plan=plan, to=S.REVISION, by=world.mentor, note="Perbaiki.")
        plan_submit(plan=plan, by=world.official)
        return {"pk": plan.pk, "number": 2}
    return {"pk": plan.pk}
