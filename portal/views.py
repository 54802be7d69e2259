"""Pages that read every stage: the public landing page, where each role lands and a regional
official's path through the programme. Each stage's own parts come from that stage's models
and access functions; the other roles' homes live in the app that owns their work
(`assessment`, `partners`, `industry`, and the ministry's in `dashboard`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from assessment.models import Questionnaire
from assessment.services.questionnaire import questionnaire_closed_reason
from candidates.access import published_results_for_region
from candidates.models import Candidate, Cohort
from smartcity.access import home_url_for, role_required
from smartcity.models import User


@require_GET
def landing(request):
    """What the programme publishes: its stages and the participants of each cohort."""
    cohorts = list(
        Cohort.objects.annotate(
            participants=Count(
                "candidates", filter=Q(candidates__status__in=Candidate.IN_PROGRAMME)
            )
        ).order_by("year")
    )
    participants = (
        Candidate.objects.filter(status__in=Candidate.IN_PROGRAMME)
        .select_related("region__province", "cohort")
        .order_by("cohort__year", "region__name")
    )
    by_year: dict[int, list[Candidate]] = {}
    for candidate in participants:
        by_year.setdefault(candidate.cohort.year, []).append(candidate)
    for cohort in cohorts:
        cohort.participant_list = by_year.get(cohort.year, [])
    return render(request, "portal/landing.html", {"cohorts": cohorts})


@login_required
def home(request):
    """Send each user to the page with what their role has to do."""
    url = home_url_for(request.user)
    if url is None:
        return render(request, "portal/no_role.html", status=403)
    return redirect(url)


@role_required(User.Role.OFFICIAL)
def official_home(request):
    """A regional official's page: their region and its path through the programme."""
    region = request.user.region
    # The questionnaire comes with each candidacy (a reverse one-to-one join): no query per row.
    candidacies = (
        Candidate.objects.filter(region=region)
        .select_related("cohort", "questionnaire", "mou", "plan")
        .order_by("-cohort__year")
    )
    screening = {r.run.round.cohort_id: r for r in published_results_for_region(region)}
    for candidacy in candidacies:
        candidacy.screening = screening.pop(candidacy.cohort_id, None)
        candidacy.readiness = getattr(candidacy, "questionnaire", None)
        candidacy.plan_or_none = getattr(candidacy, "plan", None)
        candidacy.readiness_open = (
            questionnaire_closed_reason(candidacy.readiness or Questionnaire(candidate=candidacy))
            is None
        )
    return render(
        request,
        "portal/home_official.html",
        # Confirmed screenings that did not invite the region: its result is still its to see.
        {"region": region, "candidacies": candidacies, "screened_only": list(screening.values())},
    )
