"""Pages that read every stage: the public landing page, where each role lands, the ministry's
overview and a regional official's path through the programme. Each stage's own parts come
from that stage's models and access functions; the other roles' homes live in the app that
owns their work (`assessment`, `masterplan`, `industry`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from candidates.models import Candidate, Cohort, IndicatorImport
from smartcity.access import home_url_for, role_required
from smartcity.models import Region, User


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


@role_required(User.Role.STAFF)
def staff_home(request):
    """The ministry's overview: every cohort with its candidates by status, and data imports."""
    counts = {
        status: Count("candidates", filter=Q(candidates__status=status))
        for status in Candidate.Status.values
    }
    cohorts = Cohort.objects.annotate(**{f"n_{key}": value for key, value in counts.items()})
    context = {
        "cohorts": cohorts,
        "imports": IndicatorImport.objects.filter(superseded_at__isnull=True).select_related(
            "imported_by"
        )[:10],
        "region_count": Region.objects.kab_kota().count(),
        "province_count": Region.objects.provinces().count(),
        "people": User.objects.filter(is_active=True)
        .values("role")
        .annotate(n=Count("id"))
        .order_by("role"),
    }
    return render(request, "portal/home_staff.html", context)
