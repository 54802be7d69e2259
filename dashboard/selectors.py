"""Reads of the national picture for ministry staff. Each stage is read through its own app's
access functions and selectors; this module only puts them side by side."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404

from assessment.access import candidates_visible_to
from assessment.selectors import PanelScore, panel_scores
from candidates.models import Candidate, Cohort
from candidates.selectors import ScreeningLine, screening_lines
from masterplan.access import plans_visible_to
from partners.access import mou_candidates_visible_to, mou_of
from partners.models import MentorAssignment
from smartcity.access import user_has_role
from smartcity.models import Region, User


@dataclass
class CohortStep:
    """A region's path through one cohort: each stage it reached, None where it did not."""

    cohort: Cohort
    screening: ScreeningLine | None = None
    candidate: Candidate | None = None
    questionnaire: object = None  # assessment.Questionnaire
    panel: PanelScore | None = None
    mou: object = None  # partners.MoU
    mentors: list = field(default_factory=list)  # users, by name
    plan: object = None  # masterplan.Plan

    @property
    def in_programme(self) -> bool:
        """Selected or a participant: a MoU is expected."""
        return self.candidate is not None and self.candidate.status in Candidate.IN_PROGRAMME


def region_for_staff(user, code: str) -> Region:
    """A kab/kota by its code, for ministry staff; 404 for anything else."""
    if not user_has_role(user, User.Role.STAFF):
        raise Http404
    return get_object_or_404(Region.objects.kab_kota().select_related("province"), code=code)


def region_path(user, region: Region) -> list[CohortStep]:
    """The region's path through the programme, newest cohort first: every cohort that screened
    it or took it as a candidate, with its screening line, candidacy, questionnaire, panel score,
    MoU, mentors and master plan. Nine queries however many cohorts."""
    candidates = list(
        candidates_visible_to(user)
        .filter(region=region)
        .select_related("questionnaire")
        .order_by("cohort__year")
    )
    steps: dict[int, CohortStep] = {c.cohort.year: CohortStep(cohort=c.cohort) for c in candidates}
    for candidate in candidates:
        step = steps[candidate.cohort.year]
        step.candidate = candidate
        step.questionnaire = getattr(candidate, "questionnaire", None)

    lines = screening_lines(region=region)
    missing = {line.cohort_year for line in lines} - set(steps)
    for cohort in Cohort.objects.filter(year__in=missing) if missing else ():
        steps[cohort.year] = CohortStep(cohort=cohort)
    for line in lines:
        steps[line.cohort_year].screening = line

    by_candidate = {step.candidate.pk: step for step in steps.values() if step.candidate}
    scores = panel_scores(cohort_ids=[c.cohort_id for c in candidates]) if candidates else {}
    for pk, step in by_candidate.items():
        step.panel = scores.get(pk)
    for candidate in mou_candidates_visible_to(user).filter(region=region):
        if candidate.pk in by_candidate:
            by_candidate[candidate.pk].mou = mou_of(candidate)
    assignments = (
        MentorAssignment.objects.active()
        .filter(candidate__region=region)
        .select_related("mentor__institution")
        .order_by("mentor__first_name", "mentor__username")
    )
    for assignment in assignments:
        if assignment.candidate_id in by_candidate:
            by_candidate[assignment.candidate_id].mentors.append(assignment.mentor)
    for plan in plans_visible_to(user).filter(candidate__region=region):
        if plan.candidate_id in by_candidate:
            by_candidate[plan.candidate_id].plan = plan
    return [steps[year] for year in sorted(steps, reverse=True)]
