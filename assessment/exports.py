"""The rows of a cohort's panel results as exported.

The first four columns are the DESIGN.md contract (`region_code,panel_score,rank,selected`),
which `manage.py export_assessment` writes alone; the staff download adds columns after them,
so scripts reading the contract by position or by name keep working. `smartcity.exports` writes
them as CSV or XLSX.
"""

DESIGN_COLUMNS = ["region_code", "panel_score", "rank", "selected"]
EXTRA_COLUMNS = [
    "region_name",
    "normalised_score",
    "normalised_rank",
    "spread",
    "disagreement",
    "assessors",
]
# Written as text in CSV, as numbers in XLSX.
NUMBER_COLUMNS = {
    "panel_score",
    "rank",
    "selected",
    "normalised_score",
    "normalised_rank",
    "spread",
}


def _score(value) -> str:
    return "" if value is None else f"{value:.4f}"


def _int(value) -> str:
    return "" if value is None else str(value)


def header(*, extra: bool = True) -> list[str]:
    """The DESIGN columns, then the staff's extras unless `extra` is false."""
    return DESIGN_COLUMNS + (EXTRA_COLUMNS if extra else [])


def result_rows(rows, *, selection_made: bool, extra: bool = True) -> list[list[str]]:
    """One line per candidate of `services.results.cohort_results` rows.

    Scores to 4 decimals; rank empty when unranked; `selected` is `1`/`0` once the selection is
    made and empty before. `assessors` lists each counted sheet as `name: score`.
    """
    lines = []
    for row in rows:
        if selection_made:
            selected = "1" if row.candidate.status in ("selected", "participant") else "0"
        else:
            selected = ""
        line = [row.region.code, _score(row.mean), _int(row.rank), selected]
        if extra:
            line += [
                row.region.name,
                _score(row.normalised_mean),
                _int(row.normalised_rank),
                _score(row.spread),
                "" if row.rank is None else ("1" if row.disagreement else "0"),
                "; ".join(f"{a.name}: {a.score:.4f}" for a in row.assessor_scores.values()),
            ]
        lines.append(line)
    return lines
