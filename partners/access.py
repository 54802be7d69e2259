"""Permission-aware reads for the partners stage. Missing and not-yours both answer 404.

- Ministry staff see every region in the programme: its MoU (and record it while pending), its
  Dewan Smart City and Tim Pelaksana with their decrees, its Bimtek log (and record it), and
  every partner's input on its plan.
- A regional official sees only their own region: its MoU and the signed document, its bodies
  and their decrees, its Bimtek log (read only) and every partner's input on its plan.
- A mentor sees, and records, the Bimtek log and documents of the regions they are actively
  assigned to, and reads every partner's input on those regions' plans; never a MoU or a body.
- An industry partner sees their own organisation's solutions, the plans submitted at least
  once, and on each plan only their own organisation's input: inputs often carry an offer, and
  competing partners must not read each other's. They withdraw only inputs they wrote.
- Assessors and everyone else see none of it.

Writes are in `partners.services`; the services trust that their caller read the object here.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from candidates.models import Candidate, Region
from masterplan import access as plan_access
from masterplan.models import Plan, PlanVersion
from smartcity.access import user_has_role
from smartcity.models import User

from .forms_inputs import PartnerInputForm
from .models import (
    BimtekDocument,
    MentorAssignment,
    MoU,
    PartnerInput,
    SmartCityBody,
    Solution,
)

# --- MoU ------------------------------------------------------------------------------------


def mou_candidates_visible_to(user):
    """Candidacies in the programme whose MoU the user may see: staff all, officials their own.

    Everyone else (mentors, assessors, partners) sees none: the signed document is the region's
    and the ministry's, not the mentors'.
    """
    candidates = Candidate.objects.filter(status__in=Candidate.IN_PROGRAMME).select_related(
        "region__province", "cohort", "mou__updated_by"
    )
    if user_has_role(user, User.Role.STAFF):
        return candidates
    if user_has_role(user, User.Role.OFFICIAL):
        return candidates.filter(region_id=user.region_id)
    return candidates.none()


def mou_candidate_for_user(user, candidate_id: int) -> Candidate:
    """The candidacy with its MoU joined in; 404 for missing, not selected and not yours alike."""
    return get_object_or_404(mou_candidates_visible_to(user), pk=candidate_id)


def mou_of(candidate: Candidate) -> MoU | None:
    """The candidacy's MoU if one was recorded (no query when it came with `select_related`)."""
    return getattr(candidate, "mou", None)


def mou_document_for_user(user, candidate_id: int) -> MoU:
    """A signed MoU whose document the user may download; 404 otherwise, for any reason."""
    mou = mou_of(mou_candidate_for_user(user, candidate_id))
    if mou is None or not mou.document:
        raise Http404
    return mou


def mou_may_record(user, mou: MoU | None) -> tuple[bool, str]:
    """Whether the page offers this user the signing and withdrawal forms: staff, while pending."""
    if not user_has_role(user, User.Role.STAFF):
        return False, _("Hanya staf Kominfo yang dapat mencatat MoU.")
    if mou is not None and mou.status != MoU.Status.PENDING:
        return False, _("MoU berstatus “%(status)s” tidak dapat diubah lagi.") % {
            "status": mou.get_status_display()
        }
    return True, ""


# --- Dewan Smart City and Tim Pelaksana -----------------------------------------------------


def body_region_for_user(user, region_code: str) -> Region:
    """The region whose bodies the user may read: staff any, officials their own; else 404."""
    region = get_object_or_404(Region.objects.select_related("province"), code=region_code)
    if user_has_role(user, User.Role.STAFF):
        return region
    if user_has_role(user, User.Role.OFFICIAL) and user.region_id == region.pk:
        return region
    raise Http404


def body_decree_for_user(user, region_code: str, kind: str) -> SmartCityBody:
    """A body whose decree file the user may download; 404 for any other case."""
    region = body_region_for_user(user, region_code)
    body = SmartCityBody.objects.filter(region=region, kind=kind).first()
    if body is None or not body.decree_file:
        raise Http404
    return body


# --- Bimtek ---------------------------------------------------------------------------------


def _is_assigned_mentor(user, candidate_id: int) -> bool:
    return MentorAssignment.objects.filter(
        candidate_id=candidate_id, mentor=user, ended_at__isnull=True
    ).exists()


def bimtek_candidate_for_user(user, candidate_id: int, *, write: bool = False) -> Candidate:
    """A candidacy in the programme whose log the user may read (or, with `write`, record).

    Staff: any. Assigned mentors: theirs, read and write. Officials: their region's, read only.
    Missing, not in the programme and not yours are all 404.
    """
    candidate = get_object_or_404(
        Candidate.objects.filter(status__in=Candidate.IN_PROGRAMME).select_related(
            "region__province", "cohort"
        ),
        pk=candidate_id,
    )
    if user_has_role(user, User.Role.STAFF):
        return candidate
    if user_has_role(user, User.Role.MENTOR) and _is_assigned_mentor(user, candidate.pk):
        return candidate
    if (
        not write
        and user_has_role(user, User.Role.OFFICIAL)
        and user.region_id == candidate.region_id
    ):
        return candidate
    raise Http404


def bimtek_may_record(user, candidate: Candidate) -> tuple[bool, str]:
    """Whether the log page offers recording forms: staff and the region's assigned mentors."""
    if user_has_role(user, User.Role.STAFF) or (
        user_has_role(user, User.Role.MENTOR) and _is_assigned_mentor(user, candidate.pk)
    ):
        return True, ""
    return False, _(
        "Hanya Kominfo dan mentor yang ditugaskan yang dapat mencatat Bimtek daerah ini."
    )


def bimtek_document_for_user(user, document_id: int) -> BimtekDocument:
    """A Bimtek document the user may download (staff, the region's officials, its assigned
    mentors); 404 for everyone else and for a missing document."""
    document = get_object_or_404(BimtekDocument.objects.select_related("session"), pk=document_id)
    bimtek_candidate_for_user(user, document.session.candidate_id)
    return document


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
