"""What each role gets from the industry partners' URLs: profile, solutions and the catalogue."""

from industry.models import Solution
from tests.urlmatrix import OK, only

EXPECTATIONS = {
    "partner_profile": only(OK, "partner"),
    "solutions": only(OK, "partner"),
    "solution_edit": only(OK, "partner"),
    # Staff and regional officials browse every partner's offer; partners see only their own.
    "solution_catalogue": only(OK, "staff", "official", "other_official"),
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name == "solution_edit":
        solution = Solution.objects.create(
            organisation=world.partner.partner_organisation,
            title="Smart lighting",
            description="Penerangan jalan cerdas.",
            dimensions=["environment"],
        )
        return {"pk": solution.pk}
    return {}
