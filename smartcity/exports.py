"""One writer for every CSV and XLSX table the portal hands out.

Every text cell is made safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, a
tab or a carriage return would be read as a formula (OWASP "CSV injection"), so it gets a
leading apostrophe. Numbers stay numbers, negative ones included.

CSV is UTF-8 with `\\n` line ends, the format DESIGN.md documents for `screen --export` and
`export_assessment`; downloads meant for Excel add a byte-order mark so it reads UTF-8.
"""

import csv
import io
from collections.abc import Collection, Iterable, Sequence

from django.http import HttpResponse
from django.utils.functional import Promise

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value with an apostrophe before text a spreadsheet would run as a formula."""
    if isinstance(value, Promise):  # a lazily translated label is text too
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _cells(header: Sequence[str], row: Iterable, number_columns: Collection[str], *, typed: bool):
    """A row's cells, safe to write; `typed` turns number columns' text into numbers (XLSX)."""
    cells = []
    for name, value in zip(header, row, strict=True):
        if name in number_columns and isinstance(value, str) and value:
            # A number already written as text ("0.6012", "-1.5"): keep its digits in CSV.
            # Parsing it also refuses anything else that landed in a number column.
            number = _number(value)
            cells.append(number if typed else value)
        else:
            cells.append(safe_cell(value))
    return cells


def table_bytes(
    *,
    header: Sequence[str],
    rows: Iterable[Iterable],
    fmt: str,
    number_columns: Collection[str] = (),
    sheet: str = "",
    bom: bool = False,
) -> bytes:
    """A table as CSV or XLSX (`fmt`), every text cell neutralised.

    `rows` hold strings, numbers or None (an empty cell). `number_columns` names the columns
    whose cells are numbers written as text: kept as written in CSV, numbers in XLSX. `sheet`
    names the XLSX sheet (Excel allows 31 characters); `bom` prefixes CSV with a byte-order mark.
    """
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(safe_cell(name) for name in header)
        for row in rows:
            writer.writerow(_cells(header, row, number_columns, typed=False))
        return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
    if fmt == "xlsx":
        # openpyxl costs ~80 ms to import; only XLSX downloads need it, not every start-up.
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        worksheet = workbook.create_sheet(sheet[:31] or None)
        worksheet.append([safe_cell(name) for name in header])
        for row in rows:
            worksheet.append(_cells(header, row, number_columns, typed=True))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"Unknown table format {fmt!r}; expected one of {', '.join(CONTENT_TYPES)}.")


def table_response(
    *,
    filename: str,
    header: Sequence[str],
    rows: Iterable[Iterable],
    fmt: str,
    number_columns: Collection[str] = (),
    bom: bool = False,
) -> HttpResponse:
    """A download of the table as `filename.fmt`; the XLSX sheet is named after the file."""
    body = table_bytes(
        header=header, rows=rows, fmt=fmt, number_columns=number_columns, sheet=filename, bom=bom
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
