"""What each role gets from the plan page: the region, its mentor, staff and (once submitted)
partners read it; the other region and other mentors get 404 as for a missing plan."""

from masterplan.services.workflow import plan_submit
from tests.masterplan.helpers import full_plan
from tests.urlmatrix import FORBIDDEN, NOT_FOUND, OK, only

EXPECTATIONS = {
    "plan_detail": {
        **only(OK, "staff", "official", "mentor", "partner", others=NOT_FOUND),
        "assessor": FORBIDDEN,
        "evaluator": FORBIDDEN,
    },
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    plan = plan_submit(plan=full_plan(world), by=world.official)
    return {"pk": plan.pk}
