"""Industry partners: their organisation's profile and their catalogue of solutions.

A partner user edits only their own organisation's profile and solutions; another
organisation's solution is a 404 (`industry.access.solution_for_partner`). Staff and officials
browse the catalogue read-only.
"""

from django.utils.translation import gettext as _

from partners.models import DIMENSIONS
from smartcity.models import PartnerOrganisation

from ..models import Solution

PROFILE_FIELDS = ("sector", "website", "description")
SOLUTION_FIELDS = ("title", "description", "dimensions", "elements", "url")


class SolutionError(Exception):
    """A solution the catalogue cannot take; the message says why."""


# --- reads without a permission check (the caller's: `industry.access`) ---------------------------


def solutions_of(organisation: PartnerOrganisation):
    return Solution.objects.filter(organisation=organisation).order_by("title")


def solution_catalogue(*, dimension: str = "") -> list[Solution]:
    """Every partner's solutions with their organisation (one query), optionally one dimension.

    The dimension filter runs in Python: tags are a JSON list, and the embedded SQLite of
    `make run` has no JSON containment lookup; the catalogue is tens of rows, not thousands.
    """
    solutions = list(Solution.objects.select_related("organisation").order_by("title", "pk"))
    if dimension:
        solutions = [s for s in solutions if dimension in (s.dimensions or [])]
    return solutions


def with_dimension_names(solutions):
    """Give each solution `dimension_names` (labels in `DIMENSIONS` order) for display."""
    labels = dict(DIMENSIONS)
    solutions = list(solutions)
    for solution in solutions:
        solution.dimension_names = [labels[d] for d in solution.dimensions or [] if d in labels]
    return solutions


# --- writes ---------------------------------------------------------------------------------


def _clean_dimensions(dimensions) -> list[str]:
    known = [code for code, _label in DIMENSIONS]
    chosen = list(dict.fromkeys(dimensions or []))
    if not chosen:
        raise SolutionError(_("Pilih sedikitnya satu dimensi."))
    if any(code not in known for code in chosen):
        raise SolutionError(_("Dimensi tidak dikenal."))
    return [code for code in known if code in chosen]


def partner_profile_update(*, organisation: PartnerOrganisation, data: dict, by):
    """Update what a partner says about itself; the name is the ministry's record, not theirs."""
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(organisation, name, data[name])
    organisation.save(update_fields=list(PROFILE_FIELDS))
    return organisation


def solution_add(*, organisation: PartnerOrganisation, data: dict, by) -> Solution:
    """Add a solution to the organisation's catalogue, tagged by at least one dimension."""
    solution = Solution(organisation=organisation)
    return solution_update(solution=solution, data=data, by=by)


def solution_update(*, solution: Solution, data: dict, by) -> Solution:
    """Change a solution; the caller has checked it is the user's organisation's."""
    for name in SOLUTION_FIELDS:
        if name in data:
            setattr(solution, name, data[name])
    solution.dimensions = _clean_dimensions(solution.dimensions)
    solution.save()
    return solution


def solution_delete(*, solution: Solution, by) -> None:
    """Remove a solution from the catalogue."""
    solution.delete()
