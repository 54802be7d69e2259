"""The dashboard's charts and the tables of their numbers, from one `Overview`.

Each `Chart` is drawn by Chart.js (static/js/dashboard.js) from the JSON its `spec()` gives
(passed with `json_script`, so the CSP needs no inline script), and carries the `Table` of the
same numbers: the page shows it for screen readers and anyone who wants figures, and the
table export writes it. Both come from the same lists, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .funnel import QuickWinState
from .money import Money
from .overview import Progress
from .pemerataan import MEASURE_LABELS, MEASURES, Breakdown, Spread


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    number_columns: set[str] = field(default_factory=set)


@dataclass
class Chart:
    key: str
    title: str
    labels: list[str]
    datasets: list[tuple[str, list]]  # (label, values)
    table: Table
    unit: str = "count"  # count, percent or rupiah: how the script writes axis and tooltips
    kind: str = "bar"  # bar or doughnut
    horizontal: bool = False
    downloads: list = field(default_factory=list)  # (format name, URL) of its table, by the page

    @property
    def dom_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def tall(self) -> bool:
        return self.horizontal and len(self.labels) > 12

    def spec(self) -> dict:
        return {
            "kind": self.kind,
            "horizontal": self.horizontal,
            "unit": self.unit,
            "labels": [str(label) for label in self.labels],
            "datasets": [
                {"label": str(label), "data": list(values)} for label, values in self.datasets
            ],
        }


def percent(value: float | None) -> float | None:
    """A share (0–1) as a percentage with one decimal, as the charts and exports write it."""
    return None if value is None else round(100 * value, 1)


def funnel_chart(view: Progress) -> Chart:
    years = view.shown_years
    header = [_("Tahap"), _("Daerah"), _("Konversi dari tahap sebelumnya (%)")]
    header += [_("Angkatan %(year)s") % {"year": year} for year in years]
    table = Table("tahapan", _("Tahapan program (kumulatif)"), header)
    table.number_columns = set(header[1:])
    for step in view.steps:
        row = [step.stage.label, step.count, percent(step.conversion)]
        row += [step.by_cohort[year] for year in years]
        table.rows.append(row)
    return Chart(
        "tahapan",
        table.title,
        [step.stage.label for step in view.steps],
        [(_("Daerah"), [step.count for step in view.steps])],
        table,
        horizontal=True,
    )


def quick_win_chart(view: Progress) -> Chart:
    counts = view.quick_win_counts
    table = Table("quick-win", _("Quick win menurut keadaan"), [_("Keadaan"), _("Quick win")])
    table.number_columns = {table.header[1]}
    table.rows = [[state.label, counts[state]] for state in QuickWinState]
    return Chart(
        "quick-win",
        table.title,
        [state.label for state in QuickWinState],
        [(_("Quick win"), [counts[state] for state in QuickWinState])],
        table,
        kind="doughnut",
    )


def spread_chart(breakdown: Breakdown) -> Chart:
    header = [breakdown.title, _("Kab/kota"), _("Bagian dari kab/kota (%)")]
    for stage in MEASURES:
        label = MEASURE_LABELS[stage]
        header += [
            str(label),
            _("%(measure)s: bagian dari seluruh %(measure_lower)s (%%)")
            % {"measure": label, "measure_lower": str(label).lower()},
            _("%(measure)s: cakupan kab/kota kelompok (%%)") % {"measure": label},
        ]
    table = Table(
        f"sebaran-{breakdown.key}",
        _("Sebaran menurut %(what)s") % {"what": str(breakdown.title).lower()},
        header,
    )
    table.number_columns = set(header[1:])
    for row in [*breakdown.rows, breakdown.total]:
        cells = [row.label, row.base, percent(row.base_share)]
        for stage in MEASURES:
            cell = row.cells[stage]
            cells += [cell.count, percent(cell.of_total), percent(cell.of_base)]
        table.rows.append(cells)
    datasets = [(_("Kab/kota nasional"), [percent(r.base_share) for r in breakdown.rows])]
    datasets += [
        (MEASURE_LABELS[stage], [percent(r.cells[stage].of_total) for r in breakdown.rows])
        for stage in MEASURES
    ]
    return Chart(
        table.key,
        table.title,
        [row.label for row in breakdown.rows],
        datasets,
        table,
        unit="percent",
        horizontal=len(breakdown.rows) > 8,
    )


def money_charts(money: Money) -> list[Chart]:
    amount = _("Anggaran (Rp)")
    by_dimension = Table("anggaran-dimensi", _("Anggaran menurut dimensi"), [_("Dimensi"), amount])
    by_dimension.rows = [[d.name, total] for d, total in money.by_dimension]
    by_year = Table("anggaran-tahun", _("Anggaran menurut tahun"), [_("Tahun"), amount])
    by_year.rows = [[str(year), total] for year, total in money.by_year]
    by_source = Table("anggaran-sumber", _("Anggaran menurut sumber dana"), [_("Sumber"), amount])
    by_source.rows = [[label, total] for _key, label, total in money.by_source]
    charts = []
    for table, kind in ((by_dimension, "bar"), (by_year, "bar"), (by_source, "doughnut")):
        table.number_columns = {amount}
        charts.append(
            Chart(
                table.key,
                table.title,
                [row[0] for row in table.rows],
                [(amount, [row[1] for row in table.rows])],
                table,
                unit="rupiah",
                kind=kind,
            )
        )
    return charts


def top_programmes_table(money: Money) -> Table:
    header = [
        _("Program"),
        _("Wilayah"),
        _("Kode"),
        _("Angkatan"),
        _("Dimensi"),
        _("Sumber dana"),
        _("Anggaran (Rp)"),
    ]
    table = Table("program-terbesar", _("Program dengan anggaran terbesar"), header)
    table.number_columns = {header[-1]}
    for p in money.top:
        region = p.plan.candidate.region
        table.rows.append(
            [
                p.name,
                region.short_name,
                region.code,
                str(p.plan.candidate.cohort.year),
                p.dimension.name,
                p.get_funding_source_display(),
                p.total,
            ]
        )
    return table


def per_inhabitant_table(money: Money) -> Table:
    header = [
        _("Wilayah"),
        _("Kode"),
        _("Anggaran (Rp)"),
        _("Penduduk"),
        _("Anggaran per penduduk (Rp)"),
    ]
    table = Table("anggaran-per-penduduk", _("Anggaran per penduduk"), header)
    table.number_columns = set(header[2:])
    for region in money.regions:
        per = region.per_inhabitant
        table.rows.append(
            [
                region.place.short_name,
                region.place.code,
                region.total,
                region.place.population,
                round(per) if per is not None else None,
            ]
        )
    return table


def progress_charts(view: Progress) -> list[Chart]:
    return [funnel_chart(view), quick_win_chart(view)]


def spread_charts(spread: Spread) -> list[Chart]:
    return [spread_chart(b) for b in spread.breakdowns]


def money_tables(money: Money) -> list[Table]:
    """The money page's tables: its charts' and the two without a chart."""
    return [
        *(chart.table for chart in money_charts(money)),
        top_programmes_table(money),
        per_inhabitant_table(money),
    ]


# Which page's figures each downloadable table comes from (see `pages.home.table_export`).
PROGRESS_TABLES = {"tahapan", "quick-win"}
SPREAD_TABLES = {"sebaran-pulau", "sebaran-jenis", "sebaran-kelas", "sebaran-provinsi"}
MONEY_TABLES = {
    "anggaran-dimensi",
    "anggaran-tahun",
    "anggaran-sumber",
    "program-terbesar",
    "anggaran-per-penduduk",
}
