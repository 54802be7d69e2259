"""The evaluation's pages: the cycles and their national distribution, a cycle's results
(ranks, change, award candidates), publishing, a region's report and its trend; and the
downloads of every table. Staff see everything; an official only their region's report and
trend, of published cycles (`access`)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.access import role_required
from smartcity.exports import CONTENT_TYPES, table_response
from smartcity.idempotency import claim_post_token
from smartcity.models import User

from . import access, exports, method, selectors
from .forms import CorrectionForm
from .models import Cycle, Dimension, Panel, Part, ResultRevision
from .panels import panel_state
from .review_access import running_self_assessments
from .services import EvaluationError, cycle_publish, result_correct

staff_only = role_required(User.Role.STAFF)
staff_or_official = role_required(User.Role.STAFF, User.Role.OFFICIAL)

PART_LABELS = [(p, Part(p).label) for p in method.PARTS]
DIMENSION_LABELS = [(d, Dimension(d).label) for d in method.DIMENSIONS]


def _format(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise Http404
    return fmt


def _distribution_table(spreads):
    header = ["year", "status", "count", "min", "median", "mean", "max"] + [
        f"{low}-{high}" for low, high in selectors.BANDS
    ]
    rows = [
        [
            s.year,
            Cycle.Status(s.status).label,
            s.count,
            *(str(method.display(v)) for v in (s.minimum, s.median, s.mean, s.maximum)),
            *s.bands,
        ]
        for s in spreads
    ]
    return header, rows


@require_GET
@staff_only
def cycle_list(request):
    """Every cycle with its status and result count, and the national distribution per year.
    Two queries."""
    from django.db.models import Count

    cycles = list(Cycle.objects.annotate(result_count=Count("results")).order_by("-year"))
    spreads = selectors.distribution(access.results_visible_to(request.user))
    chart = {
        "labels": [str(s.year) for s in spreads],
        "datasets": [
            {"label": f"{low}–{high}", "data": [s.bands[i] for s in spreads]}
            for i, (low, high) in enumerate(selectors.BANDS)
        ],
        "unit": "count",
        "stacked": True,
    }
    return render(
        request,
        "evaluation/cycle_list.html",
        {"cycles": cycles, "spreads": spreads, "chart": chart, "bands": selectors.BANDS},
    )


@require_GET
@staff_only
def distribution_export(request, fmt):
    header, rows = _distribution_table(
        selectors.distribution(access.results_visible_to(request.user))
    )
    return table_response(
        filename="evaluasi-sebaran",
        header=header,
        rows=rows,
        fmt=_format(fmt),
        number_columns={"min", "median", "mean", "max"},
    )


@require_GET
@staff_only
def cycle_results(request, year):
    """A cycle's results: ranks, parts, index, change against the previous cycle, and the
    award candidates per dimension. Two queries whatever the number of regions."""
    cycle = access.cycle_for_staff(year)
    results = selectors.cycle_results(cycle, access.results_visible_to(request.user))
    return render(
        request,
        "evaluation/cycle_results.html",
        {
            "cycle": cycle,
            "results": results,
            "awards": selectors.award_candidates(results, cycle.award_count),
            "parts": PART_LABELS,
            "weights": [(label, cycle.weights[p]) for p, label in PART_LABELS],
        },
    )


@require_GET
@staff_only
def cycle_export(request, year, fmt):
    cycle = access.cycle_for_staff(year)
    results = selectors.cycle_results(cycle, access.results_visible_to(request.user))
    return table_response(
        filename=f"evaluasi-{cycle.year}",
        header=exports.FULL_HEADER,
        rows=exports.result_rows(results, full=True),
        fmt=_format(fmt),
        number_columns=exports.NUMBER_COLUMNS,
    )


@staff_only
@require_POST
def cycle_publish_view(request, year):
    cycle = access.cycle_for_staff(year)
    try:
        cycle_publish(cycle=cycle, by=request.user)
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Hasil evaluasi %(year)s diumumkan.") % {"year": cycle.year})
    return redirect("evaluation:cycle", year=cycle.year)


@staff_only
@require_POST
def result_correct_view(request, year, code):
    """Correct a published result (staff): the new part scores and the reason become a new
    revision; every region whose rank moves gets one too. A refused form shows the report again
    with its errors."""
    result = access.result_for_user(request.user, year=year, code=code)
    form = CorrectionForm(request.POST, result=result)
    if form.is_valid():
        try:
            with transaction.atomic():
                if not claim_post_token(request):  # a double click: recorded once already
                    return redirect(result.get_absolute_url())
                result_correct(
                    result=result,
                    parts=form.parts(),
                    dimensions=result.dimensions,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
        except EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Koreksi tercatat sebagai revisi baru."))
            return redirect(result.get_absolute_url())
    return _report_page(request, result, correction=form, status=400)


@require_GET
@staff_or_official
def report(request, year, code):
    """A region's report for one cycle: index, parts, dimensions, its three ranks and out of
    how many, the change against its previous result, the published revisions and what each
    evaluator gave. Seven queries."""
    return _report_page(request, access.result_for_user(request.user, year=year, code=code))


def _report_page(request, result, *, correction=None, status=200):
    visible = access.results_visible_to(request.user)
    year = result.cycle.year
    previous = (
        visible.filter(region_id=result.region_id, cycle__year__lt=year)
        .order_by("-cycle__year")
        .values("index", "cycle__year")
        .first()
    )
    counts = selectors.rank_counts(result)
    revisions = list(ResultRevision.objects.filter(result=result).select_related("by"))
    panel = (
        Panel.objects.filter(
            cycle_id=result.cycle_id, region_id=result.region_id, status=Panel.Status.SUBMITTED
        )
        .select_related("cycle")
        .first()
    )
    return render(
        request,
        "evaluation/report.html",
        {
            "result": result,
            "region": result.region,
            "cycle": result.cycle,
            "previous": previous,
            "change": method.change(result.index, previous["index"] if previous else None),
            "counts": counts,
            "parts": [
                (label, result.parts[p], result.cycle.weights[p]) for p, label in PART_LABELS
            ],
            "dimensions": [(label, result.dimensions[d]) for d, label in DIMENSION_LABELS],
            "revisions": revisions,
            # What each evaluator saw and gave, without naming them: the panel's sheets in seat
            # order ("Evaluator 1", "Evaluator 2"); none for a result imported from a file.
            "verification": panel_state(panel) if panel else None,
            "correction": (correction or CorrectionForm(result=result))
            if access.is_staff(request.user) and result.cycle.is_published
            else None,
        },
        status=status,
    )


@require_GET
@role_required(User.Role.OFFICIAL)
def my_region(request):
    """An official's way in: their region's evaluation trend."""
    return redirect("evaluation:region", code=request.user.region.code)


def _history(request, code):
    region = access.region_for_user(request.user, code)
    return region, selectors.region_history(region, access.results_visible_to(request.user))


@require_GET
@staff_or_official
def region_trend(request, code):
    """A region's index and five parts across years, as a chart and a table (two queries); for
    the region's own official, the evaluations under way too, with their self-assessment."""
    region, history = _history(request, code)
    chart = {
        "labels": [str(r.cycle.year) for r in history],
        "datasets": [
            {"label": _("Indeks"), "data": [float(method.display(r.index)) for r in history]}
        ]
        + [
            {"label": str(label), "data": [float(method.display(r.parts[p])) for r in history]}
            for p, label in PART_LABELS
        ],
        "unit": "score",
    }
    return render(
        request,
        "evaluation/region_trend.html",
        {
            "region": region,
            "history": history,
            "chart": chart,
            "parts": PART_LABELS,
            "running": running_self_assessments(request.user, region),
        },
    )


@require_GET
@staff_or_official
def region_trend_export(request, code, fmt):
    region, history = _history(request, code)
    header = ["year", *method.PARTS, "index", "change", "rank"]
    rows = [
        [
            r.cycle.year,
            *(str(method.display(r.parts[p])) for p in method.PARTS),
            str(method.display(r.index)),
            "" if r.change is None else str(method.display(r.change)),
            "" if r.rank_national is None else str(r.rank_national),
        ]
        for r in history
    ]
    return table_response(
        filename=f"evaluasi-{region.undotted_code}",
        header=header,
        rows=rows,
        fmt=_format(fmt),
        number_columns={*method.PARTS, "index", "change", "rank"},
    )
