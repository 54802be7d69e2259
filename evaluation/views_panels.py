"""Verification pages (stage II): the evaluator's home, a panel's page (the evaluator's own sheet
beside the region's answers and evidence; once submitted, every evaluator's score with the
flags to reconcile; the panel's submission), and the staff's overview of a cycle's panels and
user surveys with the survey upload."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartcity.access import role_required
from smartcity.models import User
from smartcity.todo import INFO, SOON, TODO, URGENT, Task, by_urgency

from .forms_review import ReconcileForm, SheetForm, SurveyUploadForm
from .models import Cycle, Indicator, Part
from .models_review import Panel, PanelSeat, SelfAssessment, SurveyImport
from .panels import (
    PanelError,
    may_act_for_panel,
    panel_state,
    panel_submit,
    reconcile,
    seat_save,
    seat_submit,
)
from .review_access import panel_for_user, seat_on_panel, seats_of_evaluator
from .survey import SurveyError, survey_import, survey_questions

evaluator_only = role_required(User.Role.EVALUATOR)
panel_readers = role_required(User.Role.STAFF, User.Role.EVALUATOR)
staff_only = role_required(User.Role.STAFF)


def _panel_url(panel) -> str:
    return reverse("evaluation_panel", args=[panel.pk])


# --- the evaluator's home ----------------------------------------------------------------------


def _seat_tasks(seats) -> list[Task]:
    tasks = []
    for seat in seats:
        panel = seat.panel
        region = panel.region.short_name
        if panel.status == Panel.Status.SUBMITTED:
            continue
        if seat.status == PanelSeat.Status.DRAFT:
            interview = panel.interview_at
            tasks.append(
                Task(
                    title=_("Nilai %(region)s (evaluasi %(year)s)")
                    % {"region": region, "year": panel.cycle.year},
                    url=_panel_url(panel),
                    action=_("Buka lembar nilai"),
                    level=SOON if interview else TODO,
                    detail=_("%(n)s dari %(total)s indikator sudah Anda nilai.")
                    % {"n": seat.scored, "total": seat.to_score},
                    due=interview,
                )
            )
        elif seat.open_seats == 0:
            tasks.append(
                Task(
                    title=_("Rekonsiliasi dan ajukan hasil panel %(region)s") % {"region": region},
                    url=_panel_url(panel),
                    action=_("Buka panel"),
                    level=URGENT,
                    detail=_(
                        "Semua evaluator sudah mengajukan nilai. Rekonsiliasi indikator yang "
                        "berbeda, lalu ajukan hasil panel."
                    ),
                )
            )
        else:
            tasks.append(
                Task(
                    title=_("Menunggu evaluator lain di panel %(region)s") % {"region": region},
                    url=_panel_url(panel),
                    action=_("Lihat panel"),
                    level=INFO,
                )
            )
    return by_urgency(tasks)


@evaluator_only
@require_GET
def evaluator_home(request):
    """The evaluator's panels: what to score or reconcile first, then every panel."""
    seats = list(
        seats_of_evaluator(request.user)
        .select_related("panel__cycle", "panel__region")
        .annotate(
            scored=Count("scores", distinct=True),
            to_score=Count(
                "panel__cycle__instrument__indicators",
                filter=Q(
                    panel__cycle__instrument__indicators__source=Indicator.Source.SELF_ASSESSMENT
                ),
                distinct=True,
            ),
            open_seats=Count(
                "panel__seats",
                filter=Q(panel__seats__status=PanelSeat.Status.DRAFT),
                distinct=True,
            ),
        )
        .order_by("-panel__cycle__year", "panel__interview_at", "panel__region__code")
    )
    return render(
        request,
        "evaluation/review/evaluator_home.html",
        {"seats": seats, "tasks": _seat_tasks(seats)},
    )


# --- a panel ----------------------------------------------------------------------------------


@panel_readers
@require_http_methods(["GET", "POST"])
def panel_view(request, pk: int):
    """The panel's page. An evaluator's own sheet is a form until they submit it ("Simpan
    draf" / "Ajukan nilai"); other evaluators' scores show only after their own is submitted,
    so each scores independently."""
    panel = panel_for_user(request.user, pk)
    seat = seat_on_panel(request.user, panel)
    state = panel_state(panel)
    editable = (
        seat is not None
        and seat.status == PanelSeat.Status.DRAFT
        and panel.status == Panel.Status.OPEN
        and panel.cycle.status != Cycle.Status.PUBLISHED
    )
    self_rows = [r for r in state.rows if not r.is_survey]
    own = {}
    if seat is not None:
        index = next(i for i, s in enumerate(state.seats) if s.pk == seat.pk)
        own = {r.indicator.pk: r.scores[index] for r in self_rows if r.scores[index]}
    form = SheetForm(
        request.POST if request.method == "POST" and editable else None,
        indicators=[r.indicator for r in self_rows],
        scores=own,
    )
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Lembar nilai ini tidak dapat diubah lagi."))
            return redirect(_panel_url(panel))
        if form.is_valid():
            submitting = request.POST.get("action") == "submit"
            try:
                seat_save(seat=seat, values=form.values(), by=request.user)
                if submitting:
                    seat_submit(seat=seat, by=request.user)
            except PanelError as exc:
                messages.warning(request, str(exc))
            else:
                messages.success(
                    request,
                    _("Nilai Anda diajukan.") if submitting else _("Draf nilai tersimpan."),
                )
            return redirect(_panel_url(panel))
    sees_all = seat is None or seat.status == PanelSeat.Status.SUBMITTED
    rows = []
    fields = {i.pk: (score, note) for i, score, note in form.field_pairs()}
    for row in state.rows:
        rows.append(
            {
                "row": row,
                "fields": fields.get(row.indicator.pk),
                "reconcile_form": ReconcileForm(
                    initial={"score": row.reconciliation.score, "reason": row.reconciliation.reason}
                    if row.reconciliation
                    else None,
                    prefix=f"r{row.indicator.pk}",
                ),
            }
        )
    all_submitted = state.seats and all(s.status == PanelSeat.Status.SUBMITTED for s in state.seats)
    may_act = may_act_for_panel(request.user, panel) and panel.status == Panel.Status.OPEN
    return render(
        request,
        "evaluation/review/panel.html",
        {
            "panel": panel,
            "cycle": panel.cycle,
            "region": panel.region,
            "state": state,
            "seat": seat,
            "rows": rows,
            "form": form,
            "editable": editable,
            "sees_all": sees_all,
            "may_reconcile": may_act and all_submitted,
            "may_submit": may_act,
            "blockers": state.blockers() if panel.status == Panel.Status.OPEN else [],
            "outcome": panel.outcome,
            "outcome_parts": [
                (label, Decimal(panel.outcome["parts"][value]))
                for value, label in Part.choices
                if panel.outcome and value in panel.outcome.get("parts", {})
            ],
        },
    )


@panel_readers
@require_POST
def panel_reconcile_view(request, pk: int, indicator_id: int):
    panel = panel_for_user(request.user, pk)
    indicator = get_object_or_404(
        Indicator.objects.filter(instrument_id=panel.cycle.instrument_id), pk=indicator_id
    )
    form = ReconcileForm(request.POST, prefix=f"r{indicator.pk}")
    if not form.is_valid():
        messages.error(request, _("Isi nilai rekonsiliasi dan alasannya."))
        return redirect(_panel_url(panel) + f"#row-{indicator.code}")
    try:
        reconcile(
            panel=panel,
            indicator=indicator,
            score=form.cleaned_data["score"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except PanelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Nilai rekonsiliasi %(code)s dicatat.") % {"code": indicator.code}
        )
    return redirect(_panel_url(panel) + f"#row-{indicator.code}")


@panel_readers
@require_POST
def panel_submit_view(request, pk: int):
    panel = panel_for_user(request.user, pk)
    try:
        result = panel_submit(panel=panel, by=request.user)
    except PanelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Hasil panel diajukan dan dibekukan; indeks %(region)s: %(index)s.")
            % {"region": panel.region.short_name, "index": result.index_display},
        )
    return redirect(_panel_url(panel))


# --- the staff's overview of a cycle's verification and surveys ---------------------------------


@staff_only
@require_GET
def cycle_verification(request, year: int):
    """Every participating region of the cycle: its self-assessment, panel and survey."""
    cycle = get_object_or_404(Cycle.objects.select_related("instrument"), year=year)
    regions = list(cycle.regions.select_related("province").order_by("code"))
    assessments = {
        a.region_id: a for a in SelfAssessment.objects.filter(cycle=cycle).only("region", "status")
    }
    panels = {
        p.region_id: p
        for p in Panel.objects.filter(cycle=cycle).annotate(
            seat_count=Count("seats", distinct=True),
            submitted_seats=Count(
                "seats", filter=Q(seats__status=PanelSeat.Status.SUBMITTED), distinct=True
            ),
        )
    }
    surveys = {s.region_id: s for s in SurveyImport.objects.filter(cycle=cycle)}
    rows = [
        {
            "region": region,
            "assessment": assessments.get(region.pk),
            "panel": panels.get(region.pk),
            "survey": surveys.get(region.pk),
        }
        for region in regions
    ]
    return render(
        request,
        "evaluation/review/cycle_verification.html",
        {
            "cycle": cycle,
            "rows": rows,
            "questions": survey_questions(cycle) if cycle.instrument_id else [],
            "upload_form": SurveyUploadForm(),
            "now": timezone.now(),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def survey_upload(request, year: int, region_code: str):
    """Import a region's survey file; a refused file lists every problem and keeps nothing."""
    cycle = get_object_or_404(Cycle, year=year)
    region = get_object_or_404(cycle.regions.all(), code=region_code)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_import(
                cycle=cycle, region=region, upload=form.cleaned_data["file"], by=request.user
            )
        except SurveyError as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Survei %(region)s diimpor: %(n)s responden.")
                % {"region": region.short_name, "n": survey.respondents},
            )
            return redirect(reverse("evaluation_verification", args=[year]) + f"#r-{region.code}")
    return render(
        request,
        "evaluation/review/survey_upload.html",
        {
            "cycle": cycle,
            "region": region,
            "form": form,
            "problems": problems,
            "questions": survey_questions(cycle) if cycle.instrument_id else [],
            "survey": SurveyImport.objects.filter(cycle=cycle, region=region).first(),
        },
    )
