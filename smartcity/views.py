"""Project-wide pages: the public landing page, the role-aware home pages and /healthz."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessment.models import Questionnaire
from assessment.services.questionnaire import questionnaire_closed_reason
from candidates.access import published_results_for_region
from candidates.models import Candidate, Cohort, IndicatorImport, Region

from .access import home_url_for, role_required
from .health import service_states
from .models import User
from .tasks import HEARTBEAT_KEY


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
    return render(request, "smartcity/landing.html", {"cohorts": cohorts})


@login_required
def home(request):
    """Send each user to the page with what their role has to do."""
    url = home_url_for(request.user)
    if url is None:
        return render(request, "smartcity/no_role.html", status=403)
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
    return render(request, "smartcity/home_staff.html", context)


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
        "smartcity/home_official.html",
        # Confirmed screenings that did not invite the region: its result is still its to see.
        {"region": region, "candidacies": candidacies, "screened_only": list(screening.values())},
    )


@role_required(User.Role.ASSESSOR)
def assessor_home(request):
    """An assessor's page: the candidates on their own panels (session, questionnaire and sheet
    status), and the cohorts being assessed. Only their seats: nothing of other panels."""
    from django.db.models import F

    from assessment.models import PanelMember

    seats = (
        PanelMember.objects.filter(assessor=request.user)
        .exclude(candidate__region_id=request.user.home_region_id)
        .select_related(
            "candidate__region", "candidate__cohort", "candidate__questionnaire", "session", "sheet"
        )
        .order_by(
            F("session__date").asc(nulls_last=True),
            F("session__start").asc(nulls_last=True),
            "candidate__region__code",
        )
    )
    for seat in seats:
        # Missing one-to-one rows (no sheet or questionnaire yet) come back as None here.
        seat.sheet_or_none = getattr(seat, "sheet", None)
        seat.questionnaire_or_none = getattr(seat.candidate, "questionnaire", None)
    cohorts = Cohort.objects.filter(status=Cohort.Status.ASSESSMENT)
    return render(request, "smartcity/home_assessor.html", {"cohorts": cohorts, "seats": seats})


@role_required(User.Role.MENTOR)
def mentor_home(request):
    """A mentor's page: their institution and the regions assigned to them right now, with
    cohort, since when and their co-mentors. Only their own active assignments: a mentor never
    sees which regions other mentors hold."""
    from django.db.models import Prefetch

    from partners.models import MentorAssignment

    active = MentorAssignment.objects.filter(ended_at__isnull=True)
    assignments = (
        active.filter(mentor=request.user)
        .select_related("candidate__region", "candidate__cohort")
        .prefetch_related(
            Prefetch(
                "candidate__mentor_assignments",
                queryset=active.exclude(mentor=request.user)
                .select_related("mentor__institution")
                .order_by("assigned_at", "pk"),
                to_attr="co_mentors",
            )
        )
        .order_by("-candidate__cohort__year", "candidate__region__code")
    )
    return render(
        request,
        "smartcity/home_mentor.html",
        {"institution": request.user.institution, "assignments": assignments},
    )


@role_required(User.Role.PARTNER)
def partner_home(request):
    """An industry partner's page: their organisation's profile."""
    return render(
        request,
        "smartcity/home_partner.html",
        {"organisation": request.user.partner_organisation},
    )


@never_cache
@require_GET
def healthz(request):
    """JSON with the state of the database, cache and broker: 200 when all are up, else 503."""
    healthy, states = service_states()
    heartbeat = cache.get(HEARTBEAT_KEY) if states["cache"] == "ok" else None
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **states,
            # Informational: a worker can be busy for minutes without being down.
            "worker_last_seen": heartbeat["at"] if heartbeat else None,
        },
        status=200 if healthy else 503,
    )
