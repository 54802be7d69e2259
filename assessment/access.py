"""Permission-aware reads for the assessment stage. Missing and not-yours both answer 404.

- Ministry staff see everything.
- A regional official sees only their own region's candidacies, questionnaires and evidence.
- An assessor sees only the candidates on their panel, never one they are in conflict with
  (conflicted seats exist only by a staff override, and then they may see it) and never their
  own home region, whatever the seats say.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from candidates.models import Candidate
from smartcity.access import user_has_role
from smartcity.models import User

from .models import Evidence, PanelMember, Questionnaire

# A questionnaire reopened by staff was handed in once; its assessors keep reading it.
SHOWN_TO_ASSESSORS = (Questionnaire.Status.SUBMITTED, Questionnaire.Status.REOPENED)


def _is_staff(user) -> bool:
    return user_has_role(user, User.Role.STAFF)


def candidates_visible_to(user):
    """Candidates (of any cohort) the user may look at in the assessment stage."""
    candidates = Candidate.objects.select_related("region__province", "cohort")
    if _is_staff(user):
        return candidates
    if user_has_role(user, User.Role.OFFICIAL):
        return candidates.filter(region_id=user.region_id)
    if user_has_role(user, User.Role.ASSESSOR):
        return candidates.filter(panel__assessor=user).exclude(region_id=user.home_region_id)
    return candidates.none()


def candidate_for_user(user, candidate_id: int) -> Candidate:
    return get_object_or_404(candidates_visible_to(user), pk=candidate_id)


def questionnaire_for_user(user, candidate_id: int, *, write: bool = False) -> Questionnaire:
    """The candidate's questionnaire (created on first access by its region's official).

    Writing is for the region's own officials only; whether the questionnaire is still open
    (status, deadline) is the service's business, so it can explain itself.
    """
    candidate = candidate_for_user(user, candidate_id)
    is_own_official = (
        user_has_role(user, User.Role.OFFICIAL) and candidate.region_id == user.region_id
    )
    if write and not is_own_official:
        raise Http404
    if is_own_official:
        questionnaire, _ = Questionnaire.objects.get_or_create(candidate=candidate)
        return questionnaire
    questionnaires = Questionnaire.objects.select_related("candidate")
    if not _is_staff(user):  # an assessor reads only what the region has handed in
        questionnaires = questionnaires.filter(status__in=SHOWN_TO_ASSESSORS)
    return get_object_or_404(questionnaires, candidate=candidate)


def evidence_for_user(user, pk: int) -> Evidence:
    """An evidence file, for whoever may read its questionnaire."""
    evidence = get_object_or_404(Evidence.objects.select_related("questionnaire__candidate"), pk=pk)
    questionnaire_for_user(user, evidence.questionnaire.candidate_id)
    return evidence


def seats_of_assessor(user):
    """The assessor's own seats on panels, never one on their home region's panel (whatever
    the seats say, e.g. after the assessor moved); none for anyone else."""
    if not user_has_role(user, User.Role.ASSESSOR):
        return PanelMember.objects.none()
    return PanelMember.objects.filter(assessor=user).exclude(
        candidate__region_id=user.home_region_id
    )


def seat_for_assessor(user, candidate_id: int) -> PanelMember:
    """The assessor's own seat on a candidate's panel."""
    return get_object_or_404(
        seats_of_assessor(user).select_related("candidate__region__province", "candidate__cohort"),
        candidate_id=candidate_id,
    )
