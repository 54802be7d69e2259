"""The national dashboard's pages: the staff home (the summary), pemerataan and money, which
share one filter (a cohort, a province), and the export of each of their tables."""

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
from smartcity.geometry import SVG_HEIGHT
from smartcity.models import User
from smartcity.profile import SOURCE

from .. import charts, overview, pemerataan
from ..forms import ScopeForm
from ..funnel import Stage
from ..money import money
from ..regions import Scope, places

staff_only = role_required(User.Role.STAFF)


class Page:
    """One request's filter as the dashboard's pages read it: the form, the scope (a cohort and
    a province), every cohort's year and every kab/kota. Two queries."""

    def __init__(self, request):
        self.cohorts, self.places = overview.cohorts(), places()
        self.years = list(self.cohorts)
        self.form = ScopeForm(request.GET, cohort_years=self.years, places=self.places)
        chosen = self.form.scope()
        self.scope = Scope(cohort_year=chosen.cohort_year, province=chosen.province)
        self.query = self.scope.query()

    @property
    def status(self) -> int:
        return 400 if self.form.errors else 200

    def context(self, **extra) -> dict:
        province = self.scope.province
        return {
            "form": self.form,
            "scope": self.scope,
            "query": self.query,
            "province_name": next(
                (p.province_name for p in self.places.values() if p.province_code == province),
                "",
            ),
            **extra,
        }


def _href(base: str, query: str) -> str:
    return f"{base}?{query}" if query else base


def with_downloads(found: list[charts.Chart], query: str) -> list[charts.Chart]:
    """Each chart with the links to its table's CSV and XLSX (one reverse for them all)."""
    pattern = reverse("dashboard_table", args=["KEY", "FMT"])
    for chart in found:
        chart.downloads = [
            (fmt.upper(), _href(pattern.replace("KEY", chart.table.key).replace("FMT", fmt), query))
            for fmt in ("csv", "xlsx")
        ]
    return found


def progress_links(view: overview.Progress) -> dict:
    """The funnel's and the quick wins' figures with the URL of the list behind each, for the
    whole scope and for each cohort. Each list's URL is reversed once, not once per figure."""
    scope = view.scope
    query = scope.query()
    stage_url = {stage: reverse("dashboard_stage", args=[stage]) for stage in Stage}
    cohort_queries = {year: scope.query(cohort_year=year) for year in view.shown_years}
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
    }


def spread_links(spread: pemerataan.Spread, scope: Scope) -> None:
    """Each pemerataan cell with the URL of its list of regions (`row.links`)."""
    query = scope.query()
    stage_url = {stage: reverse("dashboard_stage", args=[stage]) for stage in pemerataan.MEASURES}
    for breakdown in spread.breakdowns:
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
    """The ministry's home: the programme's funnel and quick wins, what needs attention, and the
    headlines of pemerataan and money, for one cohort or all and one province or Indonesia."""
    page = Page(request)
    view = overview.summary(
        request.user, scope=page.scope, cohorts=page.cohorts, places=page.places
    )
    context = page.context(
        tab="ringkasan",
        view=view,
        charts=with_downloads(charts.progress_charts(view.progress), page.query),
        **progress_links(view.progress),
        imports=list(
            IndicatorImport.objects.filter(superseded_at__isnull=True).select_related(
                "imported_by"
            )[:10]
        ),
        region_count=len(page.places),
        province_count=len({p.province_code for p in page.places.values()}),
        people=people_by_role(),
        idle_days=settings.DASHBOARD_IDLE_REVIEW_DAYS,
        deadline_days=settings.DASHBOARD_DEADLINE_DAYS,
        map_height=SVG_HEIGHT,
    )
    return render(request, "dashboard/home.html", context, status=page.status)


@staff_only
@require_GET
def pemerataan_page(request):
    """Pemerataan: the spread of invited, selected and participating regions by island group,
    kota or kabupaten, population class and province, against the base of 514."""
    page = Page(request)
    spread = overview.spread(scope=page.scope, places=page.places)
    spread_links(spread, page.scope)
    found = with_downloads(charts.spread_charts(spread), page.query)
    context = page.context(
        tab="pemerataan",
        spread=spread,
        spread_pairs=list(zip(spread.breakdowns, found, strict=True)),
        measure_labels=[pemerataan.MEASURE_LABELS[stage] for stage in pemerataan.MEASURES],
        population_source=SOURCE,
    )
    return render(request, "dashboard/pemerataan.html", context, status=page.status)


@staff_only
@require_GET
def money_page(request):
    """Money: the planned budgets of approved plans by dimension, year and funding source, per
    inhabitant, and the largest programmes."""
    page = Page(request)
    found = money(scope=page.scope, places=page.places)
    per = found.per_inhabitant
    context = page.context(
        tab="anggaran",
        money=found,
        charts=with_downloads(charts.money_charts(found), page.query),
        per_inhabitant=round(per) if per is not None else None,
    )
    return render(request, "dashboard/money.html", context, status=page.status)


def _tables(request, page: Page, key: str) -> dict[str, charts.Table]:
    """The tables of the page that `key` belongs to, built for the page's scope."""
    if key in charts.PROGRESS_TABLES:
        view = overview.progress(
            request.user, scope=page.scope, years=page.years, places=page.places
        )
        tables = [c.table for c in charts.progress_charts(view)]
    elif key in charts.SPREAD_TABLES:
        spread = overview.spread(scope=page.scope, places=page.places)
        tables = [c.table for c in charts.spread_charts(spread)]
    elif key in charts.MONEY_TABLES:
        tables = charts.money_tables(money(scope=page.scope, places=page.places))
    else:
        raise Http404
    return {table.key: table for table in tables}


@staff_only
@require_GET
def table_export(request, key: str, fmt: str):
    """One of the dashboard's tables (a chart's numbers) as CSV or XLSX, for the same filter."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    page = Page(request)
    if page.form.errors:
        return filter_refused(page.form)
    table = _tables(request, page, key)[key]
    return table_response(
        filename=export_name(f"dasbor-{key}", page.scope),
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
    """`dasbor-terpilih-2018-provinsi-33`: what the file holds, for which filter."""
    parts = [stem]
    for param, value in scope.params().items():
        parts.append(str(value) if param == "angkatan" else f"{param}-{value}")
    return "-".join(parts)
