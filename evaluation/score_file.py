"""Parse and validate a file of past evaluation scores (CSV or XLSX) for `import_evaluation`.

Columns: `region_code,baseline,output,outcome,impact,quick_win` and optionally the six
dimension scores `governance,branding,economy,living,society,environment`, each 0–5. Like the
indicator import (candidates/indicator_file.py, whose readers and messages it shares), every
problem in the file is collected with its row and column, so an officer fixes them all at
once; nothing is imported unless the whole file is clean. No Django imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from candidates.indicator_file import (
    BAD_XLSX,  # noqa: F401  (re-exported for tests)
    NO_DATA,
    Problem,
    _is_blank,
    _parse_code,
    _read_csv,
    _read_xlsx,
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


@dataclass
class ScoreFile:
    """`rows` holds only rows without problems; import only when `ok`."""

    rows: list[ScoreRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checksum: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_score_file(data: bytes, filename: str, *, regions: Mapping[str, str]) -> ScoreFile:
    """Parse `data` and validate it against `regions` (dotted kab/kota code → kind)."""
    result = ScoreFile(checksum=hashlib.sha256(data).hexdigest())
    problems = result.problems
    name = filename.lower().strip()
    if name.endswith(".csv"):
        table, problem = _read_csv(data)
    elif name.endswith(".xlsx"):
        table, problem = _read_xlsx(data)
    else:
        problems.append(Problem(None, "", "Format berkas tidak didukung; gunakan .csv atau .xlsx"))
        return result
    if problem:
        problems.append(problem)
        return result
    if not table:
        problems.append(Problem(None, "", NO_DATA))
        return result
    header_row, header = table[0]
    columns = [str(c).strip().lower() if c is not None else "" for c in header]
    problems.extend(_check_header(header_row, columns))
    if len(table) == 1:
        problems.append(Problem(None, "", f"{NO_DATA} (hanya ada baris judul)"))
    if problems:
        return result
    seen: dict[str, int] = {}
    for row_number, cells in table[1:]:
        if len(cells) != len(columns):
            message = f"Jumlah sel {len(cells)}, seharusnya {len(columns)} sesuai baris judul"
            problems.append(Problem(row_number, "", message))
            continue
        row, row_problems = _validate_row(
            row_number, dict(zip(columns, cells, strict=True)), regions, seen
        )
        problems.extend(row_problems)
        if row is not None:
            result.rows.append(row)
    return result


def _check_header(row: int, columns: list[str]) -> list[Problem]:
    problems, seen = [], set()
    for position, name in enumerate(columns, start=1):
        if not name:
            problems.append(Problem(row, "", f"Kolom ke-{position} tidak memiliki judul"))
        elif name in seen:
            problems.append(Problem(row, name, f"Kolom '{name}' muncul lebih dari sekali"))
        elif name not in COLUMNS:
            message = f"Kolom '{name}' tidak dikenal (salah ketik?). Kolom yang diterima: "
            problems.append(Problem(row, name, message + ", ".join(COLUMNS)))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            problems.append(Problem(row, name, f"Kolom wajib '{name}' tidak ditemukan"))
    return problems


def _validate_row(row: int, record: dict, regions: Mapping[str, str], seen: dict[str, int]):
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(row, column, message))

    code = _parse_code(record.get("region_code"), regions, report)
    if code is not None:
        if code in seen:
            report("region_code", f"Baris ganda: kode {code} sudah ada di baris {seen[code]}")
        else:
            seen[code] = row
    parts = {p: _parse_score(record.get(p), p, report, required=True) for p in method.PARTS}
    dims = {d: _parse_score(record.get(d), d, report, required=False) for d in method.DIMENSIONS}
    if problems:
        return None, problems
    return ScoreRow(row=row, region_code=code, parts=parts, dimensions=dims), problems


def _parse_score(value, column: str, report, *, required: bool) -> Decimal | None:
    """A 0–5 score with a dot or a comma; empty is an error for a part, *missing* for a
    dimension."""
    if _is_blank(value):
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
