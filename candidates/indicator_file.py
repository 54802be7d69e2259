"""Parse and validate a regional-indicator upload (CSV or XLSX).

Ministry officers prepare these files by hand in Excel, so the parser is
written to *explain* problems rather than to fail fast: every problem in the
file is collected (with row and column) so the officer can fix them all in one
round-trip instead of re-uploading once per mistake.

This module deliberately has no Django imports so it can be unit-tested and
reused (management commands, admin import, API) without a configured project.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

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

_CODE_RE = re.compile(r"^(\d{2})(?:\.?(\d{2}))?$")
# One optional decimal separator, dot or comma. A second separator would mean
# thousands grouping ("1.234,5"), which is ambiguous, so it is rejected.
_DECIMAL_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_INTEGER_RE = re.compile(r"^[+-]?\d+$")

NO_DATA = "Berkas tidak berisi data"
NOT_UTF8 = (
    "Berkas bukan teks UTF-8 (kemungkinan disimpan sebagai Windows-1252/ANSI). "
    'Simpan ulang dari Excel sebagai "CSV UTF-8 (Comma delimited)" lalu unggah lagi.'
)
BAD_XLSX = (
    "Berkas XLSX tidak dapat dibaca (rusak atau bukan format .xlsx). "
    'Buka di Excel dan simpan ulang sebagai "Excel Workbook (.xlsx)".'
)


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


@dataclass(frozen=True)
class Problem:
    """One thing the officer must fix; ``row``/``column`` may be empty for file-level issues."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column}" if where else f"Kolom {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ParseResult:
    """``rows`` holds only rows without problems; import only when ``ok``."""

    rows: list[IndicatorRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checksum: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_indicator_file(data: bytes, filename: str, *, regions: Mapping[str, str]) -> ParseResult:
    """Parse ``data`` and validate it against ``regions`` (dotted code -> "kabupaten"/"kota")."""
    result = ParseResult(checksum=hashlib.sha256(data).hexdigest())
    problems = result.problems

    name = filename.lower().strip()
    if name.endswith(".csv"):
        table, problem = _read_csv(data)
    elif name.endswith(".xlsx"):
        table, problem = _read_xlsx(data)
    else:
        problems.append(Problem(None, "", "Format berkas tidak didukung; unggah .csv atau .xlsx"))
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
    # With a broken header every row would produce misleading errors, so stop here.
    if problems:
        return result

    seen: dict[str, int] = {}
    for row_number, cells in table[1:]:
        if len(cells) != len(columns):
            message = f"Jumlah sel {len(cells)}, seharusnya {len(columns)} sesuai baris judul"
            problems.append(Problem(row_number, "", message))
            continue
        record = dict(zip(columns, cells, strict=True))
        row, row_problems = _validate_row(row_number, record, regions, seen)
        problems.extend(row_problems)
        if row is not None:
            result.rows.append(row)
    return result


def _read_csv(data: bytes):
    """Return (table, problem); table is [(line number, cells)] without blank lines."""
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" adds a BOM
    except UnicodeDecodeError:
        return [], Problem(None, "", NOT_UTF8)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel with Indonesian regional settings exports ';'-separated "CSV".
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table, line = [], 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                table.append((line, cells))
            line = reader.line_num + 1  # a quoted cell may span several lines
    except csv.Error as exc:
        return [], Problem(reader.line_num or None, "", f"Format CSV rusak: {exc}")
    return table, None


def _read_xlsx(data: bytes):
    """Read the first sheet; trailing empty cells are dropped because Excel pads rows."""
    import openpyxl  # imported lazily: only XLSX uploads need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about harmless styling quirks
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                raw_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
            finally:
                workbook.close()
    except Exception:  # openpyxl raises many types (BadZipFile, KeyError, ...) on corrupt input
        return [], Problem(None, "", BAD_XLSX)
    table = []
    for line, values in enumerate(raw_rows, start=1):
        cells = list(values)
        while cells and _is_blank(cells[-1]):
            cells.pop()
        if cells:
            table.append((line, cells))
    header_width = len(table[0][1]) if table else 0
    # Shorter data rows just have empty trailing cells; pad them to the header.
    return [(line, cells + [None] * (header_width - len(cells))) for line, cells in table], None


def _check_header(row: int, columns: list[str]) -> list[Problem]:
    problems = []
    seen = set()
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
            message = f"Kolom wajib '{name}' tidak ditemukan di baris judul"
            problems.append(Problem(row, name, message))
    return problems


def _validate_row(row: int, record: dict, regions: Mapping[str, str], seen: dict[str, int]):
    """Validate one data row; returns (IndicatorRow or None, problems)."""
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(row, column, message))

    code = _parse_code(record.get("region_code"), regions, report)
    if code is not None:
        if code in seen:
            report("region_code", f"Baris ganda: kode {code} sudah ada di baris {seen[code]}")
        else:
            seen[code] = row

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


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_code(value, regions: Mapping[str, str], report) -> str | None:
    """Normalise to dotted NN.NN; returns the code only if it is well-formed *and* known."""
    if _is_blank(value):
        report("region_code", "Kode wilayah wajib diisi")
        return None
    # Excel turns a typed "32.10" into the number 32.1; two decimals restore it.
    text = f"{value:.2f}" if isinstance(value, float) else str(value).strip()
    match = _CODE_RE.match(text)
    if not match:
        report("region_code", f"Kode wilayah '{text}' tidak valid; gunakan format NN.NN (33.11)")
        return None
    if match.group(2) is None:
        hint = "kode provinsi; gunakan kode kabupaten/kota"
        report("region_code", f"Kode wilayah {text} tidak dikenal ({hint})")
        return None
    code = f"{match.group(1)}.{match.group(2)}"
    if code not in regions:
        report("region_code", f"Kode wilayah {code} tidak dikenal")
        return None
    return code


def _parse_decimal(record: dict, column: str, report) -> Decimal | None:
    """Empty means *missing* (None), never zero: a blank must not look like a real score of 0."""
    value = record.get(column)
    if _is_blank(value):
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
    if _is_blank(value):
        return ""
    choice = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    if choice not in allowed:
        report(column, f"Nilai '{value}' tidak dikenal. Pilihan: {', '.join(allowed)}")
        return ""
    return choice


def _parse_rank(value, report) -> int | None:
    if _is_blank(value):
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
