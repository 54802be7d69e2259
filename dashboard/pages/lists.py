"""The lists behind the dashboard's figures, and their exports: the regions that reached a
stage, and the quick wins in one state. A figure, its list and its export come from the same
function (`funnel.stage_rows`, `funnel.quick_wins`), so they always agree."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from masterplan.services.followup import quick_wins_visible_to
from smartcity.exports import CONTENT_TYPES, table_response

from ..forms import ScopeForm
from ..funnel import STAGE_HELP, QuickWinState, Stage, quick_wins, stage_rows, tracks
from ..overview import cohorts
from ..regions import Scope, places
from .home import export_name, filter_refused, staff_only

STAGE_HEADER = [
    "code",
    "name",
    "kind",
    "province_code",
    "province_name",
    "island_group",
    "population",
    "cohort_years",
    "status",
    "plan_status",
]
QUICK_WIN_HEADER = [
    "code",
    "name",
    "province_code",
    "cohort_year",
    "programme",
    "start",
    "end",
    "expected_percent",
    "latest_percent",
    "latest_status",
    "state",
    "reason",
]


def card_prefix() -> str:
    """The region cards' URL without the code: rows add their own (one reverse, not one per
    row)."""
    return reverse("region_card", args=["00.00"]).removesuffix("00.00/")


def home_query(scope) -> str:
    """Back to the dashboard with the filter it takes (a cohort and a province)."""
    return Scope(cohort_year=scope.cohort_year, province=scope.province).query()


def _choice(choices, value):
    try:
        return choices(value)
    except ValueError:
        raise Http404 from None


def _scope(request):
    all_places = places()
    form = ScopeForm(request.GET, cohort_years=list(cohorts()), places=all_places)
    return form, form.scope(), all_places


def region_list(request, stage: str):
    stage = _choice(Stage, stage)
    form, scope, all_places = _scope(request)
    return form, scope, stage, stage_rows(tracks(places=all_places, scope=scope), stage)


@staff_only
@require_GET
def stage_list(request, stage: str):
    """The regions behind a funnel or pemerataan figure, for the same filter."""
    form, scope, stage, rows = region_list(request, stage)
    context = {
        "form": form,
        "scope": scope,
        "query": scope.query(),
        "home_query": home_query(scope),
        "stage": stage,
        "help": STAGE_HELP[stage],
        "card_prefix": card_prefix(),
        "rows": rows,
    }
    return render(request, "dashboard/stage_list.html", context, status=400 if form.errors else 200)


def stage_export_rows(rows):
    for row in rows:
        place, latest = row.place, row.latest
        yield [
            place.code,
            place.name,
            place.kind,
            place.province_code,
            place.province_name,
            place.island or "",
            place.population,
            row.cohorts_label,
            latest.status,
            latest.plan_status,
        ]


@staff_only
@require_GET
def stage_export(request, stage: str, fmt: str):
    """The list behind a figure as CSV or XLSX: the same rows, one per region."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    form, scope, stage, rows = region_list(request, stage)
    if form.errors:
        return filter_refused(form)
    return table_response(
        filename=export_name(f"dasbor-{stage.value}", scope),
        header=STAGE_HEADER,
        rows=stage_export_rows(rows),
        fmt=fmt,
        bom=fmt == "csv",
    )


def quick_win_list(request, state: str):
    state = _choice(QuickWinState, state)
    form, scope, all_places = _scope(request)
    found = quick_wins(quick_wins_visible_to(request.user), places=all_places, scope=scope)
    return form, scope, state, [item for item in found if item.state == state]


@staff_only
@require_GET
def quick_wins_list(request, state: str):
    """The quick wins behind a figure of the funnel's quick-win row."""
    form, scope, state, items = quick_win_list(request, state)
    context = {
        "form": form,
        "scope": scope,
        "query": scope.query(),
        "home_query": home_query(scope),
        "state": state,
        "items": items,
        "card_prefix": card_prefix(),
    }
    return render(
        request, "dashboard/quick_win_list.html", context, status=400 if form.errors else 200
    )


def quick_win_export_rows(items):
    for item in items:
        row = item.row
        yield [
            item.place.code,
            item.place.name,
            item.place.province_code,
            row.cohort.year,
            row.programme.name,
            row.start.isoformat() if row.start else "",
            row.end.isoformat() if row.end else "",
            row.expected,
            row.latest_percent,
            row.latest_status or "",
            item.state.value,
            row.lag.reason,
        ]


@staff_only
@require_GET
def quick_wins_export(request, state: str, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    form, scope, state, items = quick_win_list(request, state)
    if form.errors:
        return filter_refused(form)
    return table_response(
        filename=export_name(f"dasbor-quick-win-{state.value}", scope),
        header=QUICK_WIN_HEADER,
        rows=quick_win_export_rows(items),
        fmt=fmt,
        bom=fmt == "csv",
    )
