"""Industry partners' input on submitted plans: what partners write and who reads it.

A partner reads the latest submitted version of any plan that has one (see
`masterplan.access.plans_visible_to`) and leaves input on the whole plan or on one of its
programmes, optionally pointing at one of its organisation's solutions. The region's officials,
its assigned mentors and staff read every partner's input; partners never see documents,
questionnaires, scores or review comments (no page of theirs reads them).
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from masterplan import access as plan_access
from masterplan.models import Plan, PlanVersion
from smartcity.access import user_has_role
from smartcity.models import User

from ..models import PartnerInput, Solution

BODY_MAX_CHARS = 4000


class PartnerInputError(Exception):
    """An input the plan or the user's role does not allow; the message says why."""


# --- reads ----------------------------------------------------------------------------------


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
        from ..forms_inputs import PartnerInputForm

        solutions = list(
            Solution.objects.filter(organisation_id=user.partner_organisation_id).only(
                "pk", "title"
            )
        )
        extra["partner_input_form"] = PartnerInputForm(programmes=programmes, solutions=solutions)
    return extra


# --- writes ---------------------------------------------------------------------------------


def partner_input_add(*, plan: Plan, by, body: str, programme=None, solution=None) -> PartnerInput:
    """Record a partner's input on a submitted plan, or on a programme of its latest version.

    Only partner users write input, only on plans submitted at least once, about a programme of
    the latest submitted version and pointing at one of their own organisation's solutions.
    """
    if not user_has_role(by, User.Role.PARTNER):
        raise PartnerInputError(_("Hanya mitra industri yang dapat memberi masukan."))
    version = (
        PlanVersion.objects.filter(plan_id=plan.pk).order_by("-number").only("pk", "data").first()
    )
    if version is None:
        raise PartnerInputError(_("Masterplan ini belum diajukan."))
    body = (body or "").strip()
    if not body:
        raise PartnerInputError(_("Tuliskan masukan Anda."))
    if len(body) > BODY_MAX_CHARS:
        raise PartnerInputError(_("Masukan paling banyak %(n)s karakter.") % {"n": BODY_MAX_CHARS})
    if programme is not None:
        in_version = {p["id"] for p in version.data.get("programmes", [])}
        if programme.plan_id != plan.pk or programme.pk not in in_version:
            raise PartnerInputError(
                _("Program ini tidak ada dalam versi terakhir masterplan yang diajukan.")
            )
    if solution is not None and solution.organisation_id != by.partner_organisation_id:
        raise PartnerInputError(_("Solusi ini bukan milik organisasi Anda."))
    return PartnerInput.objects.create(
        organisation_id=by.partner_organisation_id,
        author=by,
        plan=plan,
        programme=programme,
        programme_name=programme.name if programme is not None else "",
        version=version,
        body=body,
        solution=solution,
    )


def partner_input_delete(*, partner_input: PartnerInput, by) -> None:
    """Withdraw an input; only its author may, colleagues of the same partner included not."""
    if partner_input.author_id != by.pk:
        raise PartnerInputError(_("Hanya penulisnya yang dapat menghapus masukan ini."))
    partner_input.delete()
