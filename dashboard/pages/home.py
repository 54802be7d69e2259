"""The staff home: the national dashboard, and the export of each of its tables."""

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from candidates.models import IndicatorImport
from smartcity.access import role_required
from smartcity.exports import CONTENT_TYPES, table_response
from smartcity.models import User

from .. import pemerataan
from ..charts import Charts, charts
from ..forms import ScopeForm
from ..funnel import Stage
from ..geometry import SVG_HEIGHT
from ..overview import Overview, cohort_years, overview
from ..population import SOURCE
from ..regions import Scope, places

staff_only = role_required(User.Role.STAFF)


def _home_scope(request):
    """The home page's filter: a cohort and a province (the lists take more)."""
    years, all_places = cohort_years(), places()
    form = ScopeForm(request.GET, cohort_years=years, places=all_places)
    chosen = form.scope()
    scope = Scope(cohort_year=chosen.cohort_year, province=chosen.province)
    return form, scope, years, all_places


def _href(base: str, query: str) -> str:
    return f"{base}?{query}" if query else base


def presentation(view: Overview, board: Charts) -> dict:
    """What the template cannot compute: every figure's link, for the whole scope, each cohort
    and each group. Each list's URL is reversed once, not once per figure."""
    scope = view.scope
    query = scope.query()
    stage_url = {stage: reverse("dashboard_stage", args=[stage]) for stage in Stage}
    cohort_queries = {year: scope.query(cohort_year=year) for year in view.shown_years}
    for breakdown in view.spread.breakdowns:
        for row in [*breakdown.rows, breakdown.total]:
            # The total row lists the whole scope; a group the scope's parameters cannot name
            # (a region without a known island or population) has no list of its own.
            if row is breakdown.total:
                group_query = query
            elif row.key != pemerataan.UNKNOWN:
                group_query = scope.query(**{row.param: row.key})
            else:
                group_query = None
            row.links = [
                (_href(stage_url[stage], group_query) if group_query is not None else "", cell)
                for stage, cell in row.cell_list
            ]
    table_url = reverse("dashboard_table", args=["KEY", "FMT"])
    for chart in board.all_charts():
        chart.downloads = [
            (
                fmt.upper(),
                _href(table_url.replace("KEY", chart.table.key).replace("FMT", fmt), query),
            )
            for fmt in ("csv", "xlsx")
        ]
    per = view.money.per_inhabitant
    return {
        "funnel_rows": [
            (
                step,
                _href(stage_url[step.stage], query),
                [
                    (year, step.by_cohort[year], _href(stage_url[step.stage], cohort_queries[year]))
                    for year in view.shown_years
                ],
            )
            for step in view.steps
        ],
        "over_hundred": any(s.conversion and s.conversion > 1 for s in view.steps),
        "quick_win_rows": [
            (state, n, _href(reverse("dashboard_quick_wins", args=[state]), query))
            for state, n in view.quick_win_counts.items()
        ],
        "spread_pairs": list(zip(view.spread.breakdowns, board.spread, strict=True)),
        "measure_labels": [pemerataan.MEASURE_LABELS[stage] for stage in pemerataan.MEASURES],
        "per_inhabitant": round(per) if per is not None else None,
    }


def people_by_role() -> list[tuple[str, int]]:
    """Active accounts per role, with the role's label (a user without a role is counted too)."""
    labels = dict(User.Role.choices)
    counts = (
        User.objects.filter(is_active=True).values_list("role").annotate(n=Count("id")).order_by()
    )
    found = dict(counts)
    return [(labels[role], found[role]) for role in User.Role.values if role in found] + (
        [(_("Tanpa peran"), found[""])] if found.get("") else []
    )


@staff_only
@require_GET
def staff_home(request):
    """The ministry's home: the programme's funnel, what needs attention, pemerataan and money,
    for one cohort or all and one province or all of Indonesia."""
    form, scope, years, all_places = _home_scope(request)
    view = overview(request.user, scope=scope, years=years, all_places=all_places)
    board = charts(view)
    context = {
        "form": form,
        "scope": scope,
        "query": scope.query(),
        "view": view,
        "charts": board,
        **presentation(view, board),
        "province_name": next(
            (p.province_name for p in all_places.values() if p.province_code == scope.province),
            "",
        ),
        "imports": list(
            IndicatorImport.objects.filter(superseded_at__isnull=True).select_related(
                "imported_by"
            )[:10]
        ),
        "region_count": len(all_places),
        "province_count": len({p.province_code for p in all_places.values()}),
        "people": people_by_role(),
        "idle_days": settings.DASHBOARD_IDLE_REVIEW_DAYS,
        "deadline_days": settings.DASHBOARD_DEADLINE_DAYS,
        "population_source": SOURCE,
        "map_height": SVG_HEIGHT,
    }
    return render(request, "dashboard/home.html", context, status=400 if form.errors else 200)


@staff_only
@require_GET
def table_export(request, key: str, fmt: str):
    """One of the dashboard's tables (a chart's numbers) as CSV or XLSX, for the same filter."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    form, scope, years, all_places = _home_scope(request)
    if form.errors:
        return filter_refused(form)
    view = overview(request.user, scope=scope, years=years, all_places=all_places)
    table = charts(view).all_tables().get(key)
    if table is None:
        raise Http404
    return table_response(
        filename=export_name(f"dasbor-{key}", scope),
        header=table.header,
        rows=table.rows,
        fmt=fmt,
        bom=fmt == "csv",
    )


def filter_refused(form) -> HttpResponseBadRequest:
    """An export asked for a filter that does not exist: say which, rather than export
    something else than was asked."""
    problems = "; ".join(
        f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
    )
    return HttpResponseBadRequest(
        _("Saringan tidak dikenal (%(problems)s).") % {"problems": problems},
        content_type="text/plain; charset=utf-8",
    )


def export_name(stem: str, scope: Scope) -> str:
    """`dasbor-terpilih-2018-prov33`: what the file holds, for which filter."""
    parts = [stem]
    for param, value in scope.params().items():
        parts.append(str(value) if param == "angkatan" else f"{param}-{value}")
    return "-".join(parts)
