"""Parse and validate a file of past evaluation scores (CSV or XLSX) for `import_evaluation`.

Columns: `region_code,baseline,output,outcome,impact,quick_win` and optionally the six
dimension scores `governance,branding,economy,living,society,environment`, each 0–5. Like the
indicator import (both read the file with `smartcity.tabular`), every
problem in the file is collected with its row and column, so an officer fixes them all at
once; nothing is imported unless the whole file is clean. No Django imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from smartcity.tabular import (
    ParsedFile,
    Problem,
    is_blank,
    note_duplicate,
    parse_region_code,
    parse_region_file,
)

from . import method

COLUMNS = ("region_code", *method.PARTS, *method.DIMENSIONS)
REQUIRED_COLUMNS = ("region_code", *method.PARTS)
# Scores are stored with six decimals; more would be rounded silently, so they are refused.
MAX_DECIMAL_PLACES = 6


@dataclass(frozen=True)
class ScoreRow:
    row: int
    region_code: str
    parts: dict[str, Decimal]
    dimensions: dict[str, Decimal | None]


def parse_score_file(data: bytes, filename: str, *, regions: Mapping[str, str]) -> ParsedFile:
    """Parse `data` and validate it against `regions` (dotted kab/kota code → kind)."""
    return parse_region_file(
        data,
        filename,
        columns=COLUMNS,
        required=REQUIRED_COLUMNS,
        regions=regions,
        validate=_validate_row,
    )


def _validate_row(row: int, record: dict, regions: Mapping[str, str], seen: dict[str, int]):
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(row, column, message))

    code = parse_region_code(record.get("region_code"), regions, report)
    note_duplicate(code, row, seen, report)
    parts = {p: _parse_score(record.get(p), p, report, required=True) for p in method.PARTS}
    dims = {d: _parse_score(record.get(d), d, report, required=False) for d in method.DIMENSIONS}
    if problems:
        return None, problems
    return ScoreRow(row=row, region_code=code, parts=parts, dimensions=dims), problems


def _parse_score(value, column: str, report, *, required: bool) -> Decimal | None:
    """A 0–5 score with a dot or a comma; empty is an error for a part, *missing* for a
    dimension."""
    if is_blank(value):
        if required:
            report(column, "Nilai wajib diisi")
        return None
    if isinstance(value, bool):
        report(column, f"'{value}' bukan angka yang valid")
        return None
    text = str(value).strip().replace(",", ".") if not isinstance(value, float) else repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        report(column, f"'{value}' bukan angka yang valid (contoh: 3.25 atau 3,25)")
        return None
    if not number.is_finite():
        report(column, f"'{value}' bukan angka yang valid")
        return None
    if method.score_problem(number):
        report(column, f"Nilai harus antara 0 dan 5 (tertulis: {value})")
        return None
    if -number.normalize().as_tuple().exponent > MAX_DECIMAL_PLACES:
        report(column, f"Paling banyak {MAX_DECIMAL_PLACES} angka di belakang koma ({value})")
        return None
    return number
