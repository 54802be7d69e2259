"""The assessor's home: the sheets still to score first, then every seat on their panels."""

from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from candidates.models import Cohort
from smartcity.access import role_required
from smartcity.models import User
from smartcity.todo import INFO, SOON, TODO, URGENT, Task, by_urgency

from ..access import SHOWN_TO_ASSESSORS, seats_of_assessor
from ..models import Criterion, Score, ScoreSheet
from ..services.panels import OPEN_STATUSES


def _count(queryset):
    return Coalesce(Subquery(queryset, output_field=IntegerField()), 0)


def _seats(user):
    """The assessor's own seats with candidate, region, cohort, questionnaire, session and sheet,
    how many criteria the sheet has scored and how many the cohort's rubric has: one query."""
    scored = (
        Score.objects.filter(sheet__seat=OuterRef("pk"))
        .order_by()
        .values("sheet")
        .annotate(n=Count("pk"))
        .values("n")
    )
    criteria = (
        Criterion.objects.filter(rubric__cohort=OuterRef("candidate__cohort"))
        .order_by()
        .values("rubric")
        .annotate(n=Count("pk"))
        .values("n")
    )
    seats = (
        seats_of_assessor(user)
        .select_related(
            "candidate__region", "candidate__cohort", "candidate__questionnaire", "session", "sheet"
        )
        .annotate(scored=_count(scored), criteria=_count(criteria))
        .order_by(
            F("session__date").asc(nulls_last=True),
            F("session__start").asc(nulls_last=True),
            "candidate__region__code",
        )
    )
    seats = list(seats)
    for seat in seats:
        # Missing one-to-one rows (no sheet or questionnaire yet) come back as None here.
        seat.sheet_or_none = getattr(seat, "sheet", None)
        seat.questionnaire_or_none = getattr(seat.candidate, "questionnaire", None)
        seat.to_score = seat.candidate.status in OPEN_STATUSES and (
            seat.sheet_or_none is None or seat.sheet_or_none.status == ScoreSheet.Status.DRAFT
        )
    return seats


def _when(session) -> str:
    return _("%(date)s, %(start)s–%(end)s, %(room)s") % {
        "date": date_format(session.date),
        "start": time_format(session.start),
        "end": time_format(session.end),
        "room": session.room,
    }


def _sheet_task(seat) -> Task:
    candidate = seat.candidate
    sheet = seat.sheet_or_none
    region = candidate.region.short_name
    facts = []
    if seat.criteria:
        facts.append(
            _("%(done)d dari %(n)d kriteria sudah dinilai.")
            % {"done": seat.scored, "n": seat.criteria}
        )
    questionnaire = seat.questionnaire_or_none
    if questionnaire is None or questionnaire.status not in SHOWN_TO_ASSESSORS:
        facts.append(
            _("Kuesioner daerah ini belum diajukan; Anda dapat membacanya setelah diajukan.")
        )
    if seat.override_reason:
        facts.append(
            _("Anda ditempatkan di panel ini meski tercatat konflik: %(reason)s")
            % {"reason": seat.override_reason}
        )
    session = seat.session
    detail = (
        _("Sesi presentasi: %(when)s.") % {"when": _when(session)}
        if session
        else _("Sesi presentasi belum dijadwalkan.")
    )
    level = TODO
    today = timezone.localdate()
    if session is not None and session.date <= today:
        level = URGENT  # the region has presented: the panel waits for this sheet
    elif session is not None:
        level = SOON
    reopened = sheet is not None and bool(sheet.reopened_reason)
    if reopened:
        level = URGENT
    return Task(
        title=(
            _("Perbaiki lembar nilai %(region)s yang dibuka kembali")
            if reopened
            else _("Nilai %(region)s")
        )
        % {"region": region},
        url=reverse("scoring_sheet", args=[candidate.pk]),
        action=_("Lanjutkan menilai") if seat.scored else _("Mulai menilai"),
        level=level,
        detail=detail,
        quote=sheet.reopened_reason if reopened else "",
        facts=facts,
        due=candidate.cohort.assessment_end,
    )


def _next_session_task(seats) -> Task | None:
    """The assessor's next session (today or later) and who presents in it."""
    today = timezone.localdate()
    upcoming = [s for s in seats if s.session is not None and s.session.date >= today]
    if not upcoming:
        return None
    session = upcoming[0].session  # seats are ordered by session
    regions = [s.candidate.region.short_name for s in upcoming if s.session_id == session.pk]
    return Task(
        title=_("Sesi berikutnya: %(when)s") % {"when": _when(session)},
        url=reverse("scoring_sheet", args=[upcoming[0].candidate_id]),
        action=_("Baca kuesioner"),
        level=INFO,
        detail=_("Presentasi: %(regions)s.") % {"regions": ", ".join(regions)},
        due=timezone.make_aware(datetime.combine(session.date, session.start)),
    )


@role_required(User.Role.ASSESSOR)
@require_GET
def assessor_home(request):
    """An assessor's page: the sheets still to score (reopened ones and those whose session has
    passed first), their next session, then every candidate on their own panels (session,
    questionnaire and sheet status) and the cohorts being assessed. Only their seats: nothing
    of other panels."""
    seats = _seats(request.user)
    tasks = [_sheet_task(seat) for seat in seats if seat.to_score]
    tasks.append(_next_session_task(seats))
    cohorts = Cohort.objects.filter(status=Cohort.Status.ASSESSMENT)
    return render(
        request,
        "assessment/home.html",
        {
            "cohorts": cohorts,
            "seats": seats,
            "tasks": by_urgency(t for t in tasks if t is not None),
            "to_score": sum(1 for seat in seats if seat.to_score),
        },
    )
