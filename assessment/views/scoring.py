"""The assessors' scoring workspace: a candidate's answers beside the score sheet; declaring a
conflict; and the staff's reopening of a submitted sheet."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from candidates.models import Candidate
from smartcity.access import role_required
from smartcity.models import User

from ..access import SHOWN_TO_ASSESSORS, seat_for_assessor
from ..forms_scoring import ConflictDeclarationForm, ScoreSheetForm, SheetReopenForm
from ..models import Questionnaire, ScoreSheet, Section
from ..services.panels import OPEN_STATUSES, PanelError, conflict_declare
from ..services.rubric import rubric_for_cohort
from ..services.scoring import (
    ScoringError,
    sheet_for_seat,
    sheet_may_reopen,
    sheet_reopen,
    sheet_save,
    sheet_submit,
)

assessor_only = role_required(User.Role.ASSESSOR)
staff_only = role_required(User.Role.STAFF)


@assessor_only
def scoring_sheet(request, candidate_id: int):
    """The candidate's questionnaire and evidence beside the assessor's own score sheet.

    "Simpan draf" keeps partial scores; "Ajukan" saves, then submits when every criterion is
    scored (else names the missing ones). A submitted sheet is shown read-only.
    """
    seat = seat_for_assessor(request.user, candidate_id)
    candidate = seat.candidate
    rubric = rubric_for_cohort(cohort=candidate.cohort)  # a rubric always exists to score on
    sheet = sheet_for_seat(seat=seat)
    criteria = list(rubric.criteria.order_by("order", "code"))
    scores = {s.criterion_id: s for s in sheet.scores.all()}
    questionnaire = (
        Questionnaire.objects.filter(candidate=candidate, status__in=SHOWN_TO_ASSESSORS)
        .prefetch_related("regulations", "evidence")
        .first()
    )
    # Once the selection decided the candidate, even an unsubmitted sheet is only read.
    editable = sheet.status == ScoreSheet.Status.DRAFT and candidate.status in OPEN_STATUSES
    form = ScoreSheetForm(
        request.POST if request.method == "POST" and editable else None,
        criteria=criteria,
        scores=scores,
    )
    if request.method == "POST" and not editable:
        messages.error(request, _("Lembar nilai ini tidak dapat diubah lagi."))
        return redirect("scoring_sheet", candidate_id=candidate.pk)
    if request.method == "POST" and form.is_valid():
        submitting = request.POST.get("action") == "submit"
        try:
            sheet_save(sheet=sheet, values=form.values(), by=request.user)
            if submitting:
                sheet_submit(sheet=sheet, by=request.user)
        except ScoringError as exc:
            form.add_error(None, str(exc))
            if submitting:
                messages.warning(request, _("Draf tersimpan, tetapi lembar belum dapat diajukan."))
            scores = {s.criterion_id: s for s in sheet.scores.all()}
        else:
            messages.success(
                request,
                _("Lembar nilai diajukan. Terima kasih.") if submitting else _("Draf tersimpan."),
            )
            return redirect("scoring_sheet", candidate_id=candidate.pk)
    return render(
        request,
        "assessment/scoring/sheet.html",
        {
            "seat": seat,
            "candidate": candidate,
            "sheet": sheet,
            "questionnaire": questionnaire,
            "form": form,
            "editable": editable,
            "sections": _read_only_sections(criteria, scores),
            "scored": len(scores),
            "criteria_count": len(criteria),
            "conflict_form": ConflictDeclarationForm(),
        },
    )


def _read_only_sections(criteria, scores):
    """(section label, [(criterion, score or None, level description)]) for a frozen sheet."""
    grouped = {value: [] for value in Section.values}
    for criterion in criteria:
        score = scores.get(criterion.pk)
        level = criterion.levels[score.value - 1] if score else ""
        grouped[criterion.section].append((criterion, score, level))
    return [(Section(key).label, rows) for key, rows in grouped.items() if rows]


@assessor_only
@require_POST
def scoring_conflict(request, candidate_id: int):
    """The assessor declares a conflict with the candidate's region.

    Their seat is removed while the sheet is a draft (staff seat a replacement); a submitted
    sheet stays and staff see the declaration.
    """
    seat = seat_for_assessor(request.user, candidate_id)
    form = ConflictDeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan konflik kepentingan (paling banyak 300 huruf)."))
        return redirect("scoring_sheet", candidate_id=candidate_id)
    try:
        outcome = conflict_declare(
            person=request.user,
            region=seat.candidate.region,
            reason=form.cleaned_data["reason"],
            declared_by=request.user,
        )
    except PanelError as exc:
        messages.error(request, str(exc))
        return redirect("scoring_sheet", candidate_id=candidate_id)
    if outcome.removed:
        messages.success(
            request,
            _(
                "Konflik kepentingan dicatat. Anda tidak lagi menilai %(region)s; "
                "staf Kominfo akan menunjuk asesor pengganti."
            )
            % {"region": seat.candidate.region.short_name},
        )
        return redirect("assessor_home")
    messages.info(
        request,
        _(
            "Konflik kepentingan dicatat dan ditampilkan kepada staf Kominfo. Lembar nilai Anda "
            "yang sudah diajukan tetap tersimpan sampai staf memutuskan."
        ),
    )
    return redirect("scoring_sheet", candidate_id=candidate_id)


def _back_from_sheet(request, sheet: ScoreSheet) -> str:
    """Where reopening returns: the `next` it was opened with if it is ours, else the admin."""
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("admin:assessment_scoresheet_change", args=[sheet.pk])


@staff_only
@require_http_methods(["GET", "POST"])
def sheet_reopen_view(request, sheet_id: int):
    """Staff reopen a submitted sheet: a page that says what changes (the assessor scores
    again, the candidate leaves *assessed* until then), with the required reason."""
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related(
            "seat__assessor", "seat__candidate__cohort", "seat__candidate__region"
        ),
        pk=sheet_id,
    )
    back = _back_from_sheet(request, sheet)
    allowed, refusal = sheet_may_reopen(sheet, user=request.user)
    if not allowed:
        messages.error(request, refusal)
        return redirect(back)
    form = SheetReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sheet_reopen(sheet=sheet, by=request.user, reason=form.cleaned_data["reason"])
        except ScoringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Lembar nilai %(sheet)s dibuka kembali.") % {"sheet": sheet.seat}
            )
        return redirect(back)
    candidate = sheet.seat.candidate
    return render(
        request,
        "assessment/scoring/reopen.html",
        {
            "sheet": sheet,
            "assessor": sheet.seat.assessor,
            "candidate": candidate,
            "region": candidate.region,
            "leaves_assessed": candidate.status == Candidate.Status.ASSESSED,
            "form": form,
            "back": back,
        },
    )


urlpatterns = [
    path("penilaian/<int:candidate_id>/", scoring_sheet, name="scoring_sheet"),
    path("penilaian/<int:candidate_id>/konflik/", scoring_conflict, name="scoring_conflict"),
    path("penilaian/lembar/<int:sheet_id>/buka-kembali/", sheet_reopen_view, name="sheet_reopen"),
]
