"""Who may open the authoring pages. Only the region's official writes; staff and the
assigned mentor can read the draft, so they are told why they may not write it (403); the other
region and other mentors get 404 as for a missing plan; partners and assessors never write."""

from tests.masterplan.helpers import full_plan, participant
from tests.urlmatrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, only

WRITE_PAGE = {
    **only(OK, "official", others=FORBIDDEN),
    "other_official": NOT_FOUND,
    "other_mentor": NOT_FOUND,
}

EXPECTATIONS = {
    # The other official's region is not in the programme: a page that says so.
    "my_plan": {**only(REDIRECT, "official"), "other_official": OK},
    "plan_section_edit": WRITE_PAGE,
    "programme_new": WRITE_PAGE,
    "programme_edit": WRITE_PAGE,
    # POST only; the roles that never write are refused before the method is looked at.
    "programme_delete": only(
        NOT_ALLOWED, "staff", "official", "other_official", "mentor", "other_mentor"
    ),
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name == "my_plan":
        participant(world)
        return {}
    plan = full_plan(world)
    if name == "plan_section_edit":
        return {"pk": plan.pk, "section": "header"}
    if name == "programme_new":
        return {"pk": plan.pk}
    return {"pk": plan.pk, "prog_pk": plan.programmes.first().pk}
