"""Ministry pages of the assessment results and the selection, and a candidate's report."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from candidates.models import Candidate, Cohort
from smartcity.access import reconfirmation_needed, role_required
from smartcity.exports import CONTENT_TYPES, table_response
from smartcity.models import User

from .. import equity, exports
from ..access import candidate_for_user
from ..forms_selection import SelectionForm
from ..models import Selection
from ..services.proposal import cohort_proposal, rule_texts
from ..services.results import candidate_report, cohort_results, cohorts_progress, sort_rows
from ..services.selection import SelectionError, selection_make

staff_only = role_required(User.Role.STAFF)

ANSWERS_TEMPLATES = (
    "assessment/questionnaire/_answers.html",
    "assessment/results/_answers_fallback.html",
)


def _cohort(year: int) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("selection"), year=year)


def _selection_of(cohort: Cohort) -> Selection | None:
    # select_related on a reverse one-to-one leaves a missing selection unset, not None.
    return getattr(cohort, "selection", None)


def _report_url_prefix() -> str:
    # Rows link to `candidate_report`; one reverse instead of one per row.
    return reverse("candidate_report", args=[0]).removesuffix("0/laporan/")


@staff_only
@require_GET
def assessment_index(request):
    """Every cohort with how far its assessment has come."""
    return render(request, "assessment/results/index.html", {"progress": cohorts_progress()})


@staff_only
@require_GET
def assessment_results(request, year: int):
    """The ranked panel results of a cohort, by raw or normalised panel mean."""
    cohort = _cohort(year)
    order = "normalised" if request.GET.get("urut") == "normal" else "raw"
    rows = sort_rows(cohort_results(cohort=cohort), by=order)
    ranked = sum(1 for row in rows if row.rank is not None)
    return render(
        request,
        "assessment/results/results.html",
        {
            "cohort": cohort,
            "selection": _selection_of(cohort),
            "rows": rows,
            "order": order,
            "ranked_count": ranked,
            "flagged_count": sum(1 for row in rows if row.disagreement),
            "report_url_prefix": _report_url_prefix(),
        },
    )


@staff_only
@require_GET
def assessment_export(request, year: int, fmt: str):
    """The results as CSV or XLSX: the DESIGN columns first, then the staff's extras."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    cohort = _cohort(year)
    return table_response(
        filename=f"asesmen-{cohort.year}-hasil",
        header=exports.header(),
        rows=exports.result_rows(
            cohort_results(cohort=cohort), selection_made=_selection_of(cohort) is not None
        ),
        fmt=fmt,
        number_columns=exports.NUMBER_COLUMNS,
    )


@staff_only
def assessment_selection(request, year: int):
    """Make the selection (ranking, letter, reasons; a confirmation step) or show the decision."""
    cohort = _cohort(year)
    selection = _selection_of(cohort)
    if selection is not None:
        if request.method == "POST":
            messages.error(request, _("Penetapan angkatan ini sudah dibuat."))
            return redirect("assessment_selection", year=year)
        return _decision_page(request, cohort, selection)
    # Deciding binds the whole cohort: whoever confirmed who they are long ago does so first.
    if (ask := reconfirmation_needed(request, back=request.path)) is not None:
        return ask

    rows = cohort_results(cohort=cohort)
    # `?dari=usulan`: start from the balanced proposal, its departures' reasons pre-filled.
    start_from = None
    if request.method == "GET" and request.GET.get("dari") == "usulan":
        start_from = cohort_proposal(cohort=cohort)
    form = SelectionForm(
        request.POST or None,
        rows=rows,
        quota=cohort.quota_selected,
        cohort=cohort,
        start_from=start_from,
    )
    context = {
        "cohort": cohort,
        "form": form,
        "start_from": start_from,
        "unranked": [r for r in rows if r.rank is None],
        # Incomplete panels cannot be selected; staff see which before confirming.
        "unfinished": [r for r in rows if not r.panel_complete],
    }
    if request.method == "POST" and form.is_valid():
        if "confirm" in request.POST:
            try:
                selection_make(
                    cohort=cohort,
                    selected_ids=set(form.cleaned_data["selected"]),
                    letter_number=form.cleaned_data["letter_number"],
                    letter_date=form.cleaned_data["letter_date"],
                    reasons=form.reasons(),
                    by=request.user,
                    proposal=form.proposal_payload,
                )
            except SelectionError as exc:
                form.add_error(None, str(exc))
                form.missing_reasons(exc.missing_reasons)
            else:
                messages.success(
                    request,
                    _("Penetapan disimpan; e-mail pemberitahuan sedang dikirim ke daerah."),
                )
                return redirect("assessment_selection", year=year)
        elif "edit" not in request.POST:
            chosen = form.chosen_ids()
            return render(
                request,
                "assessment/results/selection_confirm.html",
                {
                    **context,
                    "chosen": [item for item in form.items() if item.checked],
                    "deviations": [item for item in form.items() if item.deviation],
                    "not_chosen_count": len(rows) - len(chosen),
                },
            )
    return render(request, "assessment/results/selection_form.html", context)


def _decision_page(request, cohort, selection):
    deviations = {
        d.candidate_id: d for d in selection.deviations.select_related("candidate__region")
    }
    candidates = {
        c.pk: c for c in Candidate.objects.filter(cohort=cohort).select_related("region__province")
    }
    ranking = [
        (rank, candidates[pk], deviations.get(pk))
        for rank, pk in enumerate(selection.ranking, start=1)
        if pk in candidates
    ]
    selected = [item for item in ranking if item[1].status in Candidate.IN_PROGRAMME]
    origin = None
    if selection.proposal:
        # What the decision was started from: the rules, and how far it kept to the proposal.
        proposed = set(selection.proposal.get("chosen", []))
        chosen = {c.pk for _, c, _ in selected}
        origin = {
            "rules": rule_texts(equity.Rules(**selection.proposal["rules"])),
            "kept": len(proposed & chosen),
            "proposed": len(proposed),
            "relaxed": selection.proposal.get("relaxed", []),
        }
    return render(
        request,
        "assessment/results/selection_decision.html",
        {
            "cohort": cohort,
            "selection": selection,
            "decided_by": selection.decided_by,
            "ranking": ranking,
            "selected": selected,
            "deviations": sorted(deviations.values(), key=lambda d: d.rank or 0),
            "origin": origin,
            "report_url_prefix": _report_url_prefix(),
        },
    )


def _answers_template() -> str:
    """The questionnaire's own answers include when it exists, else a plain fallback."""
    for name in ANSWERS_TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        return name
    raise TemplateDoesNotExist(", ".join(ANSWERS_TEMPLATES))


@role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.ASSESSOR)
@require_GET
def candidate_report_view(request, candidate_id: int):
    """A candidate's report: questionnaire, scores and decision, as far as the viewer may see."""
    candidate = candidate_for_user(request.user, candidate_id)
    report = candidate_report(user=request.user, candidate=candidate)
    return render(
        request,
        "assessment/results/report.html",
        {
            "report": report,
            "candidate": candidate,
            "questionnaire": report.questionnaire,
            "answers_template": _answers_template(),
        },
    )


urlpatterns = [
    path("", assessment_index, name="assessment_index"),
    path("<int:year>/hasil/", assessment_results, name="assessment_results"),
    path("<int:year>/hasil/ekspor.<str:fmt>", assessment_export, name="assessment_export"),
    path("<int:year>/penetapan/", assessment_selection, name="assessment_selection"),
    path(
        "kandidat/<int:candidate_id>/laporan/",
        candidate_report_view,
        name="candidate_report",
    ),
]
