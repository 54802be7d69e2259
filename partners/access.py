"""Permission-aware reads for the partners stage. Missing and not-yours both answer 404.

- Ministry staff see every region in the programme: its MoU (and record it while pending), its
  Dewan Smart City and Tim Pelaksana with their decrees, and its Bimtek log (and record it).
- A regional official sees only their own region: its MoU and the signed document, its bodies
  and their decrees, and its Bimtek log (read only).
- A mentor sees, and records, the Bimtek log and documents of the regions they are actively
  assigned to; never a MoU or a body.
- Assessors, industry partners and everyone else see none of it (industry partners' own pages
  are in `industry.access`).

Writes are in `partners.services`; the services trust that their caller read the object here.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from candidates.models import Candidate
from smartcity.access import user_has_role
from smartcity.models import Region, User

from .models import (
    BimtekDocument,
    MentorAssignment,
    MoU,
    SmartCityBody,
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
    return MentorAssignment.objects.active().filter(candidate_id=candidate_id, mentor=user).exists()


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
