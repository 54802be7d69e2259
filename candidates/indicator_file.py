"""Parse and validate a regional-indicator upload (CSV or XLSX).

Ministry officers prepare these files by hand in Excel, so the parser is
written to *explain* problems rather than to fail fast: every problem in the
file is collected (with row and column) so the officer can fix them all in one
round-trip instead of re-uploading once per mistake.

Reading the file and checking its header are `smartcity.tabular`'s, shared with
the evaluation's score import; the cells' meaning is this module's. No Django
imports, so it is unit-tested and reused (management command, admin import)
without a configured project.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from smartcity.tabular import (
    ParsedFile,
    Problem,
    is_blank,
    note_duplicate,
    parse_region_code,
    parse_region_file,
)

COLUMNS = (
    "region_code",
    "fiscal_capacity_index",
    "fiscal_capacity_category",
    "ekppd_score",
    "ekppd_status",
    "ekppd_rank",
    "green_city_index",
    "sustainable_city_index",
)
REQUIRED_COLUMNS = ("region_code", "fiscal_capacity_index", "ekppd_score", "green_city_index")

FISCAL_CATEGORIES = ("sangat_rendah", "rendah", "sedang", "tinggi", "sangat_tinggi")
EKPPD_STATUSES = ("rendah", "sedang", "tinggi", "sangat_tinggi")

# Decimal column -> (minimum, maximum or None for "no upper bound").
DECIMAL_RANGES = {
    "fiscal_capacity_index": (Decimal(0), None),
    "ekppd_score": (Decimal(0), Decimal(4)),
    "green_city_index": (Decimal(0), Decimal(100)),
    "sustainable_city_index": (Decimal(0), Decimal(100)),
}

# What the database stores (IndicatorSet: 32 digits, 20 of them decimals; ekppd_rank a
# PostgreSQL integer). A value that does not fit is refused here, with its row and column,
# never rounded or overflowed by the database; a test keeps these equal to the model fields.
MAX_DECIMAL_PLACES = 20
MAX_INTEGER_DIGITS = 12
RANK_MAX = 2_147_483_647

# One optional decimal separator, dot or comma. A second separator would mean
# thousands grouping ("1.234,5"), which is ambiguous, so it is rejected.
_DECIMAL_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_INTEGER_RE = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    region_code: str
    fiscal_capacity_index: Decimal | None
    fiscal_capacity_category: str
    ekppd_score: Decimal | None
    ekppd_status: str
    ekppd_rank: int | None
    green_city_index: Decimal | None
    sustainable_city_index: Decimal | None


def parse_indicator_file(data: bytes, filename: str, *, regions: Mapping[str, str]) -> ParsedFile:
    """Parse ``data`` and validate it against ``regions`` (dotted code -> "kabupaten"/"kota")."""
    return parse_region_file(
        data,
        filename,
        columns=COLUMNS,
        required=REQUIRED_COLUMNS,
        regions=regions,
        validate=_validate_row,
    )


def _validate_row(row: int, record: dict, regions: Mapping[str, str], seen: dict[str, int]):
    """Validate one data row; returns (IndicatorRow or None, problems)."""
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(row, column, message))

    code = parse_region_code(record.get("region_code"), regions, report)
    note_duplicate(code, row, seen, report)

    values = {column: _parse_decimal(record, column, report) for column in DECIMAL_RANGES}
    category = _parse_choice(record, "fiscal_capacity_category", FISCAL_CATEGORIES, report)
    status = _parse_choice(record, "ekppd_status", EKPPD_STATUSES, report)
    rank = _parse_rank(record.get("ekppd_rank"), report)

    if values["sustainable_city_index"] is not None and regions.get(code) == "kabupaten":
        message = f"Indeks kota berkelanjutan hanya untuk kota; {code} adalah kabupaten"
        report("sustainable_city_index", message)

    if problems:
        problems.sort(key=lambda problem: COLUMNS.index(problem.column))  # read left to right
        return None, problems
    return IndicatorRow(
        row=row,
        region_code=code,
        fiscal_capacity_category=category,
        ekppd_status=status,
        ekppd_rank=rank,
        **values,
    ), problems


def _parse_decimal(record: dict, column: str, report) -> Decimal | None:
    """Empty means *missing* (None), never zero: a blank must not look like a real score of 0."""
    value = record.get(column)
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = str(value).strip()
        if not _DECIMAL_RE.match(text):
            hint = "contoh: 1.25 atau 1,25; tanpa pemisah ribuan"
            report(column, f"'{text}' bukan angka yang valid ({hint})")
            return None
        number = Decimal(text.replace(",", "."))
    if not number.is_finite():
        report(column, f"'{value}' bukan angka yang valid")
        return None
    low, high = DECIMAL_RANGES[column]
    if high is None and number < low:
        report(column, f"Nilai tidak boleh kurang dari {low} (tertulis: {value})")
        return None
    if high is not None and not low <= number <= high:
        report(column, f"Nilai harus antara {low} dan {high} (tertulis: {value})")
        return None
    integer_digits, decimals = _digit_counts(number)
    if decimals > MAX_DECIMAL_PLACES:
        message = (
            f"Terlalu banyak angka di belakang koma ({decimals}; maks. {MAX_DECIMAL_PLACES}). "
            f"Bulatkan nilainya agar tidak dibulatkan diam-diam (tertulis: {value})"
        )
        report(column, message)
        return None
    if integer_digits > MAX_INTEGER_DIGITS:
        message = f"Nilai terlalu besar: maks. {MAX_INTEGER_DIGITS} angka sebelum koma"
        report(column, f"{message} (tertulis: {value})")
        return None
    return number


def _digit_counts(number: Decimal) -> tuple[int, int]:
    """Digits before and after the point; trailing zeros carry nothing ("1.500" is 1.5).

    Counted on the digits themselves: `normalize()` would first round to the context's 28
    significant digits, hiding exactly the excess this check is for.
    """
    _sign, digits, exponent = number.as_tuple()
    length = len(digits)
    while length and exponent < 0 and digits[length - 1] == 0:
        length, exponent = length - 1, exponent + 1
    if not any(digits[:length]):
        return 0, 0
    return max(0, length + exponent), max(0, -exponent)


def _parse_choice(record: dict, column: str, allowed: tuple[str, ...], report) -> str:
    """Accept "Sangat Tinggi" as well as "sangat_tinggi": officers type the human form."""
    value = record.get(column)
    if is_blank(value):
        return ""
    choice = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    if choice not in allowed:
        report(column, f"Nilai '{value}' tidak dikenal. Pilihan: {', '.join(allowed)}")
        return ""
    return choice


def _parse_rank(value, report) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # XLSX may store 12 as 12.0
    text = str(value).strip()
    if isinstance(value, bool) or not _INTEGER_RE.match(text):
        report("ekppd_rank", f"Peringkat harus bilangan bulat (tertulis: {value})")
        return None
    # Checked on the digits first: int() refuses strings of thousands of digits outright.
    too_long = len(text.lstrip("+-").lstrip("0")) > len(str(RANK_MAX))
    rank = RANK_MAX + 1 if too_long else int(text)
    if not 1 <= rank <= RANK_MAX:
        report("ekppd_rank", f"Peringkat harus antara 1 dan {RANK_MAX} (tertulis: {value})")
        return None
    return rank


TEMPLATE_ROW = ("33.11", "0.6012", "rendah", "3.2145", "sangat_tinggi", "45", "62.5", "")


def template_csv() -> bytes:
    """Header plus an example row, with a BOM so Excel opens it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(TEMPLATE_ROW)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """Same as the CSV template; region_code is a text cell so Excel keeps "32.10" intact."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "indikator"
    sheet.append(COLUMNS)
    code, fiscal, category, score, status, rank, green, _ = TEMPLATE_ROW
    sheet.append([code, float(fiscal), category, float(score), status, int(rank), float(green)])
    sheet.column_dimensions["A"].number_format = "@"  # new rows typed by the officer stay text
    sheet["A2"].number_format = "@"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
