"""Pages that read every stage: the public landing page and where each role lands. A regional
official's path through the programme is in `official`; the other roles' homes live in the app
that owns their work (`assessment`, `masterplan`, `industry`, and the ministry's in `dashboard`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from candidates.models import Candidate, Cohort
from smartcity.access import home_url_for


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
