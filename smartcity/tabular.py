"""Reading the spreadsheets officers prepare by hand (CSV or XLSX), for every import that takes
one: the regional indicators (candidates) and past evaluation scores (evaluation).

Such files are made in Excel, so the readers *explain* rather than fail fast: every problem is
collected as a `Problem` with its row and column, and an import refuses the file until there is
none. This module reads the table, checks the header row against the columns an import knows,
and pairs each data row's cells with their columns; what a cell must hold is the import's own
business. No Django imports, so parsers built on it run in plain unit tests.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

NO_DATA = "Berkas tidak berisi data"
NOT_UTF8 = (
    "Berkas bukan teks UTF-8 (kemungkinan disimpan sebagai Windows-1252/ANSI). "
    'Simpan ulang dari Excel sebagai "CSV UTF-8 (Comma delimited)" lalu unggah lagi.'
)
BAD_XLSX = (
    "Berkas XLSX tidak dapat dibaca (rusak atau bukan format .xlsx). "
    'Buka di Excel dan simpan ulang sebagai "Excel Workbook (.xlsx)".'
)
UNSUPPORTED = "Format berkas tidak didukung; gunakan .csv atau .xlsx"

_CODE_RE = re.compile(r"^(\d{2})(?:\.?(\d{2}))?$")

# [(line number in the file, cells)], blank lines left out.
Table = list[tuple[int, list]]
Report = Callable[[str, str], None]


@dataclass(frozen=True)
class Problem:
    """One thing the officer must fix; `row`/`column` may be empty for file-level issues."""

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
class ParsedFile:
    """What an import learnt from a file: `rows` holds only rows without problems; import
    only when `ok` (no problem anywhere in the file)."""

    rows: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checksum: str = ""  # SHA-256 of the file's bytes

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_region_file(
    data: bytes,
    filename: str,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    regions: Mapping[str, str],
    validate: Callable[[int, dict, Mapping[str, str], dict[str, int]], tuple],
) -> ParsedFile:
    """Parse a file of one row per kab/kota (`parse_rows`): `validate(row, record, regions,
    seen)` checks a row against `regions` (dotted code → kind), noting its code in `seen`
    (code → first row, see `note_duplicate`), and returns (value or None, problems)."""
    seen: dict[str, int] = {}
    rows, problems = parse_rows(
        data,
        filename,
        columns=columns,
        required=required,
        validate=lambda row, record: validate(row, record, regions, seen),
    )
    return ParsedFile(rows=rows, problems=problems, checksum=hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Sheet:
    """A file's header row and data rows, once its header is known to be sound."""

    columns: list[str]
    rows: Table


def read_sheet(
    data: bytes, filename: str, *, columns: Sequence[str], required: Sequence[str]
) -> tuple[Sheet | None, list[Problem]]:
    """Read a CSV or XLSX file (chosen by its name) and check its header row: every column
    named once, known (`columns`) and the `required` ones present. Returns the sheet, or None
    with the problems that stop the import before any row is read (with a broken header every
    row would produce misleading errors)."""
    name = filename.lower().strip()
    if name.endswith(".csv"):
        table, problem = read_csv(data)
    elif name.endswith(".xlsx"):
        table, problem = read_xlsx(data)
    else:
        return None, [Problem(None, "", UNSUPPORTED)]
    if problem:
        return None, [problem]
    if not table:
        return None, [Problem(None, "", NO_DATA)]
    header_row, header = table[0]
    names = [str(c).strip().lower() if c is not None else "" for c in header]
    problems = check_header(header_row, names, columns=columns, required=required)
    if len(table) == 1:
        problems.append(Problem(None, "", f"{NO_DATA} (hanya ada baris judul)"))
    if problems:
        return None, problems
    return Sheet(columns=names, rows=table[1:]), []


def parse_rows(
    data: bytes,
    filename: str,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    validate: Callable[[int, dict], tuple[object | None, list[Problem]]],
) -> tuple[list, list[Problem]]:
    """Read the file (`read_sheet`) and pass each data row, as (line number, {column: cell}),
    to `validate`, which returns the row's value (None if it has problems) and its problems.
    Returns the values of the sound rows and every problem of the file; a row with another
    number of cells than the header is a problem of its own."""
    sheet, problems = read_sheet(data, filename, columns=columns, required=required)
    values: list = []
    if sheet is None:
        return values, problems
    width = len(sheet.columns)
    for row_number, cells in sheet.rows:
        if len(cells) != width:
            message = f"Jumlah sel {len(cells)}, seharusnya {width} sesuai baris judul"
            problems.append(Problem(row_number, "", message))
            continue
        value, row_problems = validate(row_number, dict(zip(sheet.columns, cells, strict=True)))
        problems.extend(row_problems)
        if value is not None:
            values.append(value)
    return values, problems


def read_csv(data: bytes) -> tuple[Table, Problem | None]:
    """Return (table, problem); the table holds [(line number, cells)] without blank lines."""
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


def read_xlsx(data: bytes) -> tuple[Table, Problem | None]:
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
        while cells and is_blank(cells[-1]):
            cells.pop()
        if cells:
            table.append((line, cells))
    header_width = len(table[0][1]) if table else 0
    # Shorter data rows just have empty trailing cells; pad them to the header.
    return [(line, cells + [None] * (header_width - len(cells))) for line, cells in table], None


def check_header(
    row: int, names: list[str], *, columns: Sequence[str], required: Sequence[str]
) -> list[Problem]:
    problems, seen = [], set()
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(Problem(row, "", f"Kolom ke-{position} tidak memiliki judul"))
        elif name in seen:
            problems.append(Problem(row, name, f"Kolom '{name}' muncul lebih dari sekali"))
        elif name not in columns:
            message = f"Kolom '{name}' tidak dikenal (salah ketik?). Kolom yang diterima: "
            problems.append(Problem(row, name, message + ", ".join(columns)))
        seen.add(name)
    for name in required:
        if name not in seen:
            message = f"Kolom wajib '{name}' tidak ditemukan di baris judul"
            problems.append(Problem(row, name, message))
    return problems


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_region_code(value, regions: Mapping[str, str], report: Report) -> str | None:
    """A kab/kota code normalised to dotted NN.NN, returned only if well-formed *and* one of
    `regions`; otherwise reported against the `region_code` column."""
    if is_blank(value):
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


def note_duplicate(code: str | None, row: int, seen: dict[str, int], report: Report) -> None:
    """Report a region code already given on an earlier row (`seen` maps code → row)."""
    if code is None:
        return
    if code in seen:
        report("region_code", f"Baris ganda: kode {code} sudah ada di baris {seen[code]}")
    else:
        seen[code] = row
