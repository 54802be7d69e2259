"""Ministry pages for mentor teams: the cohort overview, assignment by hand and suggestions.

Every write goes through `partners.services.assignments`, which checks capacity and conflicts
again; the pages only read, with a constant number of queries whatever the cohort's size.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from candidates.models import Candidate, Cohort
from smartcity.access import role_required
from smartcity.models import User

from ..forms_mentoring import AssignForm, EndForm, OverviewFilterForm
from ..models import MentorAssignment
from ..services.assignments import (
    DEFAULT_CAPACITY,
    MENTORED_STATUSES,
    TEAM_SIZE,
    AssignmentConflict,
    AssignmentError,
    assignment_add,
    assignment_confirm,
    assignment_end,
    assignment_suggest,
)

staff_only = role_required(User.Role.STAFF)


@staff_only
@require_GET
def mentoring_index(request):
    """Every cohort with its selected regions and active mentor assignments."""
    in_programme = Q(candidates__status__in=MENTORED_STATUSES)
    cohorts = Cohort.objects.annotate(
        n_regions=Count("candidates", filter=in_programme, distinct=True),
        n_assignments=Count(
            "candidates__mentor_assignments",
            filter=in_programme & Q(candidates__mentor_assignments__ended_at__isnull=True),
            distinct=True,
        ),
    ).order_by("-year")
    return render(request, "partners/mentoring/index.html", {"cohorts": cohorts})


def _overview_data(cohort):
    """The cohort's selected regions with their active teams, and every mentor's load."""
    candidates = list(
        Candidate.objects.filter(cohort=cohort, status__in=MENTORED_STATUSES)
        .select_related("region__province")
        .order_by("region__code")
    )
    team_of: dict[int, list[MentorAssignment]] = {c.pk: [] for c in candidates}
    for assignment in (
        MentorAssignment.objects.active()
        .filter(candidate__in=candidates)
        .select_related("mentor__institution")
        .order_by("assigned_at", "pk")
    ):
        team_of[assignment.candidate_id].append(assignment)
    for candidate in candidates:
        candidate.team = team_of[candidate.pk]
    mentors = list(
        User.objects.filter(role=User.Role.MENTOR, is_active=True)
        .select_related("institution", "mentor_profile")
        .annotate(
            load=Count("mentor_assignments", filter=Q(mentor_assignments__ended_at__isnull=True))
        )
        .order_by("institution__code", "username")
    )
    for mentor in mentors:
        profile = getattr(mentor, "mentor_profile", None)
        mentor.capacity = profile.capacity if profile else DEFAULT_CAPACITY
        mentor.has_profile = profile is not None
        mentor.full = mentor.load >= mentor.capacity
    return candidates, mentors


@staff_only
@require_http_methods(["GET", "POST"])
def mentoring_overview(request, year: int):
    """The cohort's mentor teams, filtered; staff assign a mentor by hand here. Ending an
    assignment has its own page (`mentoring_end`), reached from each row's menu."""
    cohort = get_object_or_404(Cohort, year=year)
    candidates, mentors = _overview_data(cohort)
    if request.method == "POST":
        assign_form = AssignForm(request.POST, candidates=candidates, mentors=mentors)
    else:  # "Tugaskan mentor" in a row's menu names its region
        assign_form = AssignForm(
            initial={"candidate": request.GET.get("daerah")},
            candidates=candidates,
            mentors=mentors,
        )
    if request.method == "POST" and assign_form.is_valid():
        data = assign_form.cleaned_data
        candidate = next(c for c in candidates if c.pk == data["candidate"])
        mentor = next(m for m in mentors if m.pk == data["mentor"])
        try:
            assignment_add(
                candidate=candidate,
                mentor=mentor,
                by=request.user,
                override_reason=data["override_reason"],
            )
        except AssignmentConflict as exc:
            assign_form.add_error("override_reason", str(exc))
        except AssignmentError as exc:
            assign_form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(mentor)s ditugaskan ke %(region)s.")
                % {"mentor": mentor.display_name, "region": candidate.region.short_name},
            )
            return redirect("mentoring_overview", year=cohort.year)
    filter_form = OverviewFilterForm(
        request.GET or None, candidates=candidates, mentors=mentors, team_size=TEAM_SIZE
    )
    return render(
        request,
        "partners/mentoring/overview.html",
        {
            "cohort": cohort,
            "candidates": candidates,
            "rows": filter_form.apply(candidates),
            "filter_form": filter_form,
            "filtered": filter_form.narrows(),
            "team_size": TEAM_SIZE,
            "mentors": mentors,
            "assign_form": assign_form,
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def mentoring_end(request, year: int, pk: int):
    """End one mentor assignment after a page that says what changes; a reason is required.

    The page names the mentor, the region, the team that remains and what the mentor can no
    longer do; its form (no script needed) keeps a refused reason as typed.
    """
    assignment = get_object_or_404(
        MentorAssignment.objects.select_related(
            "mentor__institution", "candidate__region", "candidate__cohort"
        ),
        pk=pk,
        candidate__cohort__year=year,
    )
    overview = redirect("mentoring_overview", year=year)
    if assignment.ended_at is not None:
        messages.info(request, _("Penugasan ini sudah diakhiri."))
        return overview
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_end(
                assignment=assignment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except AssignmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Penugasan %(mentor)s di %(region)s diakhiri; riwayatnya tetap tersimpan.")
                % {
                    "mentor": assignment.mentor.display_name,
                    "region": assignment.candidate.region.short_name,
                },
            )
        return overview
    remaining = list(
        MentorAssignment.objects.active()
        .filter(candidate=assignment.candidate)
        .exclude(pk=assignment.pk)
        .select_related("mentor__institution")
        .order_by("assigned_at", "pk")
    )
    return render(
        request,
        "partners/mentoring/end.html",
        {
            "assignment": assignment,
            "cohort": assignment.candidate.cohort,
            "region": assignment.candidate.region,
            "remaining": remaining,
            "team_size": TEAM_SIZE,
            "form": form,
        },
    )


def _pairs(values) -> dict[int, list[int]]:
    """`["candidate:mentor", …]` from the form → {candidate id: [mentor ids]}; junk skipped."""
    teams: dict[int, list[int]] = {}
    for value in values:
        candidate_id, _sep, mentor_id = value.partition(":")
        if candidate_id.isdigit() and mentor_id.isdigit():
            teams.setdefault(int(candidate_id), []).append(int(mentor_id))
    return teams


@staff_only
@require_http_methods(["GET", "POST"])
def mentoring_suggest(request, year: int):
    """Suggested teams for the regions still short of mentors; staff untick and confirm."""
    cohort = get_object_or_404(Cohort, year=year)
    if request.method == "POST":
        teams = _pairs(request.POST.getlist("pair"))
        if not teams:
            messages.warning(request, _("Tidak ada pasangan yang dipilih."))
            return redirect("mentoring_suggest", year=cohort.year)
        try:
            created = assignment_confirm(cohort=cohort, teams=teams, by=request.user)
        except AssignmentError as exc:
            messages.error(request, str(exc))
            return redirect("mentoring_suggest", year=cohort.year)
        messages.success(
            request,
            ngettext(
                "%(n)s penugasan mentor dibuat.", "%(n)s penugasan mentor dibuat.", len(created)
            )
            % {"n": len(created)},
        )
        return redirect("mentoring_overview", year=cohort.year)

    suggestion, context = assignment_suggest(cohort=cohort)
    rows = []
    for candidate_id, team in suggestion.teams.items():
        existing = set(context.existing.get(candidate_id, ()))
        rows.append(
            {
                "candidate": context.candidates[candidate_id],
                "members": [
                    {"mentor": context.mentors[mid], "existing": mid in existing} for mid in team
                ],
                "unfilled": suggestion.unfilled.get(candidate_id, ""),
            }
        )
    quality = suggestion.quality()
    return render(
        request,
        "partners/mentoring/suggest.html",
        {
            "cohort": cohort,
            "rows": rows,
            "quality": quality,
            "largest_share_pct": round(quality.largest_institution_share * 100),
            "coverage_pct": round(quality.dimension_coverage * 100),
            "new_pairs": len(context.new_pairs(suggestion)),
            "team_size": context.team_size,
            "mentor_count": len(context.mentors),
        },
    )


urlpatterns = [
    path("mentor/", mentoring_index, name="mentoring_index"),
    path("mentor/<int:year>/", mentoring_overview, name="mentoring_overview"),
    path("mentor/<int:year>/saran/", mentoring_suggest, name="mentoring_suggest"),
    path("mentor/<int:year>/penugasan/<int:pk>/akhiri/", mentoring_end, name="mentoring_end"),
]
