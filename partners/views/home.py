"""The mentor's home page."""

from django.db.models import Prefetch
from django.shortcuts import render

from smartcity.access import role_required
from smartcity.models import User

from ..models import MentorAssignment


@role_required(User.Role.MENTOR)
def mentor_home(request):
    """A mentor's page: their institution and the regions assigned to them right now, with
    cohort, since when and their co-mentors. Only their own active assignments: a mentor never
    sees which regions other mentors hold."""
    active = MentorAssignment.objects.active()
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
        "partners/home.html",
        {"institution": request.user.institution, "assignments": assignments},
    )
