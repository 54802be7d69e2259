"""Permission-aware reads for industry partners. Missing and not-yours both answer 404.

- An industry partner sees their own organisation's solutions, the plans submitted at least
  once, and on each plan only their own organisation's input: inputs often carry an offer, and
  competing partners must not read each other's. They withdraw only inputs they wrote.
- Staff, the region's officials and the plan's assigned mentors read every input on a plan.
- Everyone else sees none of it.

Writes are in `industry.services`; the services trust that their caller read the object here.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from masterplan import access as plan_access
from masterplan.models import Plan, PlanVersion
from smartcity.access import user_has_role
from smartcity.models import User

from .forms_inputs import PartnerInputForm
from .models import PartnerInput, Solution

# --- Solutions ------------------------------------------------------------------------------


def solution_for_partner(user, pk: int) -> Solution:
    """One of the user's organisation's solutions; another organisation's is a 404."""
    return get_object_or_404(Solution, pk=pk, organisation_id=user.partner_organisation_id)


def solution_choices_for_partner(user) -> list[Solution]:
    """The user's organisation's solutions (id and title only), for an input to point at."""
    return list(
        Solution.objects.filter(organisation_id=user.partner_organisation_id).only("pk", "title")
    )


# --- Partner input on plans -----------------------------------------------------------------


def _is_plan_reader(user, plan: Plan) -> bool:
    """Staff, the region's officials and the plan's assigned mentors read every input."""
    return (
        user_has_role(user, User.Role.STAFF)
        or plan_access.is_region_official(user, plan)
        or plan_access.is_assigned_mentor(user, plan)
    )


def inputs_visible_to(user, plan: Plan):
    """The plan's partner inputs this user may read, with organisation, author and solution.

    The region, its mentors and staff read all of them. A partner reads only its own
    organisation's: inputs often point to the partner's own offer (a solution, a price, a
    pilot), and showing them to competing partners would let one undercut or copy another
    instead of each giving the region its own view. Everyone else reads none.
    """
    return _visible(user, plan, reader=_is_plan_reader(user, plan))


def _visible(user, plan: Plan, *, reader: bool):
    inputs = (
        PartnerInput.objects.filter(plan=plan)
        .select_related("organisation", "author", "solution", "version")
        .defer("version__data")
    )
    if reader:
        return inputs
    if user_has_role(user, User.Role.PARTNER) and plan.version_count > 0:
        return inputs.filter(organisation_id=user.partner_organisation_id)
    return inputs.none()


def input_for_author(user, pk: int) -> PartnerInput:
    """One of the user's own inputs, with its plan; anyone else's (or a missing one) is a 404."""
    return get_object_or_404(
        PartnerInput.objects.select_related("plan__candidate__region", "plan__candidate__cohort"),
        pk=pk,
        author_id=user.pk,
    )


def plans_for_partner(user):
    """Submitted plans a partner may read, with the date of the latest version and the number
    of inputs the partner's organisation left on each: one query, however many plans."""
    latest = (
        PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("-number").values("created_at")[:1]
    )
    ours = (
        PartnerInput.objects.filter(
            plan=OuterRef("pk"), organisation_id=user.partner_organisation_id
        )
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        plan_access.plans_visible_to(user)
        .annotate(
            latest_version_at=Subquery(latest),
            input_count=Coalesce(Subquery(ours, output_field=IntegerField()), Value(0)),
        )
        .order_by("-candidate__cohort__year", "candidate__region__name")
    )


def _label(partner_input: PartnerInput, names: dict[int, str]) -> str:
    if partner_input.programme_id in names:
        return names[partner_input.programme_id]
    return partner_input.programme_name


def plan_page_inputs(user, plan, data: dict) -> dict:
    """What the plan page's partner-input slot shows this user, in at most three queries.

    Partners get a form and their organisation's inputs; the region, its mentors and staff get
    every input, whole-plan input first and then programme by programme in the order of `data`
    (the snapshot the page shows). Anyone else gets nothing. Each input gets `programme_label`.
    """
    is_partner = user_has_role(user, User.Role.PARTNER)
    reader = not is_partner and _is_plan_reader(user, plan)
    if not is_partner and not reader:
        return {}
    programmes = data.get("programmes", [])
    names = {p["id"]: p["name"] for p in programmes}
    inputs = list(_visible(user, plan, reader=reader))
    general, by_programme, removed = [], {}, {}
    for partner_input in inputs:
        partner_input.programme_label = _label(partner_input, names)
        if partner_input.programme_id in names:
            by_programme.setdefault(partner_input.programme_id, []).append(partner_input)
        elif partner_input.programme_label:
            # The programme was removed, or is not in the snapshot shown: keep it apart.
            removed.setdefault(partner_input.programme_label, []).append(partner_input)
        else:
            general.append(partner_input)
    groups = [
        {"id": p["id"], "name": p["name"], "dimension_name": p.get("dimension_name", "")}
        | {"inputs": by_programme[p["id"]], "removed": False}
        for p in programmes
        if p["id"] in by_programme
    ] + [
        {"id": None, "name": name, "dimension_name": "", "inputs": items, "removed": True}
        for name, items in removed.items()
    ]
    extra = {
        "partner_inputs_role": "partner" if is_partner else "reader",
        "partner_inputs": inputs,
        "partner_inputs_general": general,
        "partner_inputs_by_programme": by_programme,
        "partner_input_groups": groups,
        "partner_input_counts": [(pid, len(items)) for pid, items in by_programme.items()],
        "partner_input_form": None,
    }
    if is_partner:
        extra["partner_input_form"] = PartnerInputForm(
            programmes=programmes, solutions=solution_choices_for_partner(user)
        )
    return extra
