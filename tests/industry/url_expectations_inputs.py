"""What each role gets from the partners' input URLs: the list of submitted plans, and the
input form and its delete (POST only, so a partner's GET is 405)."""

from industry.services.inputs import partner_input_add
from masterplan.services.workflow import plan_submit
from tests.masterplan.helpers import full_plan
from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, only

EXPECTATIONS = {
    "partner_plans": only(OK, "partner"),
    "partner_input_add": only(NOT_ALLOWED, "partner"),
    "partner_input_delete": only(NOT_ALLOWED, "partner"),
    # The plan page's panel of input answers as the plan page itself.
    "plan_partner_inputs": {
        **only(OK, "staff", "official", "mentor", "partner", others=NOT_FOUND),
        "assessor": FORBIDDEN,
        "evaluator": FORBIDDEN,
    },
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name == "partner_plans":
        return {}
    plan = plan_submit(plan=full_plan(world), by=world.official)
    if name in ("partner_input_add", "plan_partner_inputs"):
        return {"plan_pk": plan.pk}
    return {"pk": partner_input_add(plan=plan, by=world.partner, body="Masukan.").pk}
