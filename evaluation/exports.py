"""The rows of a cycle's results table, for `export_evaluation` and the page downloads.

`smartcity.exports` writes them as CSV or XLSX. Scores and the index to two decimals, as
published; the rank is the national rank (ties share it, see `method`)."""

from . import method

HEADER = [
    "rank",
    "region_code",
    "region_name",
    *method.PARTS,
    "index",
]
FULL_HEADER = [
    *HEADER,
    "province",
    "cohort",
    "rank_province",
    "rank_cohort",
    *method.DIMENSIONS,
    "change",
]
NUMBER_COLUMNS = {
    "rank",
    "rank_province",
    "rank_cohort",
    "index",
    "change",
    *method.PARTS,
    *method.DIMENSIONS,
}


def _text(value) -> str:
    return "" if value is None else str(value)


def result_rows(results, *, full: bool = False) -> list[list[str]]:
    """One row per result in rank order (then by code). `full` adds province, cohort, the
    other ranks, the dimension scores and the change against the previous cycle (the rows
    must then carry `previous_index`, as `selectors.cycle_results` annotates)."""
    rows = []
    for r in sorted(
        results, key=lambda r: (r.rank_national is None, r.rank_national or 0, r.region.code)
    ):
        row = [
            _text(r.rank_national),
            r.region.code,
            r.region.short_name,
            *(_text(method.display(getattr(r, p))) for p in method.PARTS),
            _text(method.display(r.index)),
        ]
        if full:
            row += [
                r.region.province.name if r.region.province_id else "",
                _text(r.cohort.year if r.cohort_id else None),
                _text(r.rank_province),
                _text(r.rank_cohort),
                *(_text(method.display(getattr(r, d))) for d in method.DIMENSIONS),
                _text(method.display(method.change(r.index, getattr(r, "previous_index", None)))),
            ]
        rows.append(row)
    return rows
