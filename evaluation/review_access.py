"""Who may see what of the self-assessments, panels and surveys. Missing and not-yours both
answer 404.

- Ministry staff see everything.
- A regional official sees only their own region's self-assessment, of a cycle their region
  takes part in once it opened (not a draft cycle), and writes it.
- An evaluator sees only the panels they sit on, never one of their home region (whatever the
  seats say), and the region's self-assessment on those panels once it is submitted.
- Nobody else sees any of it here.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from smartcity.access import user_has_role
from smartcity.models import User

from .models import Cycle
from .models_review import Panel, PanelSeat, SelfAssessment, SelfScore

# A cycle the regions work in: open for self-assessment, under verification, or published.
CYCLES_SHOWN_TO_REGIONS = (Cycle.Status.OPEN, Cycle.Status.VERIFICATION, Cycle.Status.PUBLISHED)


def _is_staff(user) -> bool:
    return user_has_role(user, User.Role.STAFF)


def cycles_of_official(user):
    """The cycles the official's region takes part in and that have opened, newest first."""
    if not user_has_role(user, User.Role.OFFICIAL):
        return Cycle.objects.none()
    return Cycle.objects.filter(
        regions=user.region_id,
        status__in=CYCLES_SHOWN_TO_REGIONS,
        instrument__isnull=False,
    ).order_by("-year")


def running_self_assessments(user, region) -> list[tuple[Cycle, SelfAssessment | None]]:
    """For an official on their own region's evaluation page: the cycles under way (open or
    under verification, not yet published), newest first, each with the region's
    self-assessment if begun. Empty for anyone else. Two queries at most."""
    if not user_has_role(user, User.Role.OFFICIAL) or user.region_id != region.pk:
        return []
    cycles = list(cycles_of_official(user).exclude(status=Cycle.Status.PUBLISHED))
    if not cycles:
        return []
    begun = SelfAssessment.objects.filter(region=region, cycle__in=cycles)
    by_cycle = {assessment.cycle_id: assessment for assessment in begun}
    return [(cycle, by_cycle.get(cycle.pk)) for cycle in cycles]


def own_self_assessment(user, year: int) -> SelfAssessment:
    """The official's own region's self-assessment of `year` (made the first time they open it)."""
    cycle = get_object_or_404(cycles_of_official(user), year=year)
    assessment, _created = SelfAssessment.objects.get_or_create(cycle=cycle, region=user.region)
    return assessment


def seats_of_evaluator(user):
    """The evaluator's own seats, never one on their home region's panel; none for anyone else."""
    if not user_has_role(user, User.Role.EVALUATOR):
        return PanelSeat.objects.none()
    return PanelSeat.objects.filter(evaluator=user).exclude(panel__region_id=user.home_region_id)


def panels_visible_to(user):
    """Panels this user may open: all for staff, their own for an evaluator."""
    panels = Panel.objects.select_related("cycle__instrument", "region__province")
    if _is_staff(user):
        return panels
    if user_has_role(user, User.Role.EVALUATOR):
        return panels.filter(pk__in=seats_of_evaluator(user).values("panel_id"))
    return panels.none()


def panel_for_user(user, pk: int) -> Panel:
    return get_object_or_404(panels_visible_to(user), pk=pk)


def seat_on_panel(user, panel: Panel) -> PanelSeat | None:
    """The user's own seat on the panel (None for staff, who read it)."""
    return seats_of_evaluator(user).filter(panel=panel).first()


def self_assessment_for_user(user, year: int, region_code: str) -> SelfAssessment:
    """A region's self-assessment for reading: staff any; an evaluator on the region's panel
    once it is submitted; an official their own region's (as `own_self_assessment`)."""
    if user_has_role(user, User.Role.OFFICIAL):
        if user.region is None or user.region.code != region_code:
            raise Http404
        return own_self_assessment(user, year)
    assessments = SelfAssessment.objects.select_related("cycle__instrument", "region")
    if _is_staff(user):
        return get_object_or_404(assessments, cycle__year=year, region__code=region_code)
    if user_has_role(user, User.Role.EVALUATOR):
        panels = panels_visible_to(user).filter(cycle__year=year, region__code=region_code)
        if not panels.exists():
            raise Http404
        return get_object_or_404(
            assessments,
            cycle__year=year,
            region__code=region_code,
            status=SelfAssessment.Status.SUBMITTED,
        )
    raise Http404


def self_evidence_for_user(user, pk: int) -> SelfScore:
    """A self-assessment answer whose evidence file this user may download."""
    score = get_object_or_404(
        SelfScore.objects.select_related("assessment__cycle", "assessment__region"), pk=pk
    )
    assessment = score.assessment
    self_assessment_for_user(user, assessment.cycle.year, assessment.region.code)
    if not score.evidence_file:
        raise Http404
    return score
