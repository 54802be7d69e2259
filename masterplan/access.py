"""Who may see and do what with master plans: the one place that answers it.

Reads start from `plans_visible_to(user)`; `plan_for_user` answers "missing" and "not yours"
with the same 404. The `may_*` rules return `(allowed, reason)` so a page can explain a refused
action and a service can refuse it with the same words.

- Staff see every plan and approve or send back endorsed ones, and which regions in the
  programme have not started theirs.
- A regional official sees and edits their region's plan, submits it and records its enactment.
- A mentor sees the plans of the regions they are actively assigned to, comments, requests
  revisions and endorses.
- A partner sees plans once submitted (the latest version, never review comments or documents).
- Assessors and the public see no plans here.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from candidates.models import Candidate
from partners.models import MentorAssignment
from smartcity.access import user_has_role
from smartcity.models import User

from .models import Plan, ReviewComment


def _active_assignment(user):
    return MentorAssignment.objects.active().filter(candidate=OuterRef("candidate"), mentor=user)


def plans_visible_to(user):
    """The plans this user may read, with candidate, region and cohort joined in."""
    plans = Plan.objects.select_related(
        "candidate__region__province", "candidate__cohort", "updated_by"
    )
    if user_has_role(user, User.Role.STAFF):
        return plans
    if user_has_role(user, User.Role.OFFICIAL):
        return plans.filter(candidate__region_id=user.region_id)
    if user_has_role(user, User.Role.MENTOR):
        return plans.filter(Exists(_active_assignment(user)))
    if user_has_role(user, User.Role.PARTNER):
        return plans.filter(version_count__gt=0)
    return plans.none()


def unstarted_candidacies_visible_to(user):
    """Regions in the programme (selected or participant) that have no plan yet, with region
    and cohort joined in: what staff follow beside the plans. None for anyone else."""
    if not user_has_role(user, User.Role.STAFF):
        return Candidate.objects.none()
    return Candidate.objects.filter(
        status__in=Candidate.IN_PROGRAMME, plan__isnull=True
    ).select_related("region__province", "cohort")


def plan_for_user(user, pk: int) -> Plan:
    """The plan if this user may read it; 404 for missing and not yours alike."""
    return get_object_or_404(plans_visible_to(user), pk=pk)


def is_region_official(user, plan: Plan) -> bool:
    return user_has_role(user, User.Role.OFFICIAL) and user.region_id == plan.candidate.region_id


def is_assigned_mentor(user, plan: Plan) -> bool:
    return (
        user_has_role(user, User.Role.MENTOR)
        and MentorAssignment.objects.active()
        .filter(candidate_id=plan.candidate_id, mentor=user)
        .exists()
    )


def is_reviewer(user, plan: Plan) -> bool:
    """Staff and the plan's assigned mentors: those who comment, see notes and review."""
    return user_has_role(user, User.Role.STAFF) or is_assigned_mentor(user, plan)


def reads_latest_version(user) -> bool:
    """Partners read what was submitted, not the region's working copy."""
    return user_has_role(user, User.Role.PARTNER)


def may_edit(user, plan: Plan) -> tuple[bool, str]:
    """The region's officials edit their plan while it is a draft or sent back for revision."""
    if not is_region_official(user, plan):
        return False, _("Hanya pejabat daerah ini yang dapat mengubah masterplan.")
    if not plan.is_editable:
        return False, _("Masterplan berstatus “%(status)s” tidak dapat diubah.") % {
            "status": plan.get_status_display()
        }
    return True, ""


def may_move(user, plan: Plan, to: str) -> tuple[bool, str]:
    """Whether `user` may move `plan` to status `to` now, and if not, why (in Bahasa)."""
    S = Plan.Status
    if to not in Plan.MOVES.get(plan.status, ()):
        return False, _("Masterplan berstatus “%(status)s” tidak dapat dipindah ke “%(to)s”.") % {
            "status": plan.get_status_display(),
            "to": S(to).label,
        }
    if to in (S.SUBMITTED, S.RESUBMITTED, S.ENACTED):
        if not is_region_official(user, plan) and not (
            to == S.ENACTED and user_has_role(user, User.Role.STAFF)
        ):
            return False, _("Hanya pejabat daerah ini yang dapat melakukannya.")
        return True, ""
    if to == S.ENDORSED:
        if not is_assigned_mentor(user, plan):
            return False, _("Hanya mentor yang ditugaskan yang dapat menyetujui masterplan.")
        return True, ""
    if to == S.REVISION:
        if plan.status == S.ENDORSED:
            if not user_has_role(user, User.Role.STAFF):
                return False, _(
                    "Hanya Kominfo yang dapat mengembalikan masterplan yang sudah disetujui mentor."
                )
        elif not is_assigned_mentor(user, plan):
            return False, _("Hanya mentor yang ditugaskan yang dapat meminta revisi.")
        return True, ""
    if to == S.APPROVED:
        if not user_has_role(user, User.Role.STAFF):
            return False, _("Hanya Kominfo yang dapat mengesahkan masterplan.")
        return True, ""
    return False, _("Perpindahan ini tidak dikenal.")


def comments_visible_to(user, plan: Plan):
    """The plan's review comments this user may read: partners none, officials no notes."""
    comments = ReviewComment.objects.filter(plan=plan).select_related(
        "author__institution", "resolved_by", "programme"
    )
    if is_reviewer(user, plan):
        return comments
    if is_region_official(user, plan):
        return comments.filter(mentor_only=False)
    return comments.none()


def may_comment(user, plan: Plan) -> tuple[bool, str]:
    """Reviewers open comments; the region only replies (see `may_reply`)."""
    if not is_reviewer(user, plan):
        return False, _("Hanya mentor yang ditugaskan dan Kominfo yang dapat memberi komentar.")
    return True, ""


def may_reply(user, plan: Plan) -> tuple[bool, str]:
    """The reviewers and the region's officials take part in a comment's thread."""
    if not (is_reviewer(user, plan) or is_region_official(user, plan)):
        return False, _("Anda tidak dapat membalas komentar pada masterplan ini.")
    return True, ""


def may_resolve(user, plan: Plan) -> tuple[bool, str]:
    """A comment is closed by the reviewers, who check the region's answer."""
    if not is_reviewer(user, plan):
        return False, _("Hanya mentor yang ditugaskan dan Kominfo yang menutup komentar.")
    return True, ""


def may_request_pdf(user, plan: Plan) -> tuple[bool, str]:
    """Ministry staff and the region's own officials ask for a plan's PDF."""
    if user_has_role(user, User.Role.STAFF) or is_region_official(user, plan):
        return True, ""
    return False, _("Hanya Kominfo atau pejabat daerah ini yang dapat membuat PDF masterplan.")


def reads_previews(user, plan: Plan) -> bool:
    """The region's officials, its assigned mentors and staff read the working copy's draft
    previews; partners, who read only what was submitted, never do."""
    return is_region_official(user, plan) or is_reviewer(user, plan)


def may_preview_pdf(user, plan: Plan) -> tuple[bool, str]:
    """A draft preview of the working copy, while the region writes it (draft or revision)."""
    if not reads_previews(user, plan):
        return False, _(
            "Hanya pejabat daerah ini, mentornya dan Kominfo yang dapat membuat pratinjau PDF."
        )
    if not plan.is_editable:
        return False, _(
            "Pratinjau PDF dibuat selama masterplan disusun; versi yang diajukan memiliki "
            "PDF-nya sendiri."
        )
    return True, ""


def may_retry_pdf(user, job) -> tuple[bool, str]:
    """Staff, or the person who asked for it, send a failed PDF job round again."""
    if user_has_role(user, User.Role.STAFF) or (
        job.requested_by_id is not None and job.requested_by_id == getattr(user, "pk", None)
    ):
        return True, ""
    return False, _("Hanya Kominfo atau peminta PDF yang dapat mengulang pembuatannya.")


def may_download_pdf(user, plan: Plan, job) -> tuple[bool, str]:
    """Every reader of the plan downloads its PDFs; partners only that of the latest version
    (they read what is submitted now, not the history). `plan` is one the user may read."""
    if reads_latest_version(user) and job.version.number != plan.version_count:
        return False, _("Mitra hanya dapat mengunduh PDF versi terbaru.")
    return True, ""
