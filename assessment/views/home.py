"""The assessor's home page."""

from django.db.models import F
from django.shortcuts import render

from candidates.models import Cohort
from smartcity.access import role_required
from smartcity.models import User

from ..access import seats_of_assessor


@role_required(User.Role.ASSESSOR)
def assessor_home(request):
    """An assessor's page: the candidates on their own panels (session, questionnaire and sheet
    status), and the cohorts being assessed. Only their seats: nothing of other panels."""
    seats = (
        seats_of_assessor(request.user)
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
    return render(request, "assessment/home.html", {"cohorts": cohorts, "seats": seats})
