"""Tests for the pure-Python regional-indicator file parser (no Django needed)."""

import hashlib
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from candidates.indicator_file import (
    COLUMNS,
    IndicatorRow,
    Problem,
    parse_indicator_file,
    template_csv,
    template_xlsx,
)

HEADER = ",".join(COLUMNS)
GOOD_ROW = "32.73,1.25,sedang,3.1,tinggi,12,70,65.5"


@pytest.fixture
def regions():
    return {"33.11": "kabupaten", "32.73": "kota", "33.74": "kota"}


def parse_csv(text, regions, *, encoding="utf-8"):
    return parse_indicator_file(text.encode(encoding), "indikator.csv", regions=regions)


def csv_with_rows(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def only_problem(result):
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


# --- valid files -------------------------------------------------------------


def test_a_valid_csv_gives_typed_rows_and_no_problems(regions):
    data = csv_with_rows(GOOD_ROW, "33.11,0.6,rendah,2.5,sedang,,55,")
    result = parse_csv(data, regions)

    assert result.ok
    assert result.problems == []
    assert result.rows[0] == IndicatorRow(
        row=2,
        region_code="32.73",
        fiscal_capacity_index=Decimal("1.25"),
        fiscal_capacity_category="sedang",
        ekppd_score=Decimal("3.1"),
        ekppd_status="tinggi",
        ekppd_rank=12,
        green_city_index=Decimal("70"),
        sustainable_city_index=Decimal("65.5"),
    )
    assert result.rows[1].row == 3
    assert result.rows[1].ekppd_rank is None
    assert result.checksum == hashlib.sha256(data.encode()).hexdigest()


def test_a_valid_xlsx_with_numeric_cells_is_parsed(regions):
    data = xlsx_bytes(
        [
            list(COLUMNS),
            ["32.73", 1.25, "sedang", 3.1, "tinggi", 12, 70, 65.5],
            [3311, 0.6, None, 2, None, 40.0, 55, None],
        ]
    )
    result = parse_indicator_file(data, "Indikator.XLSX", regions=regions)

    assert result.ok, [str(p) for p in result.problems]
    first, second = result.rows
    assert first.fiscal_capacity_index == Decimal("1.25")
    assert first.ekppd_rank == 12
    assert first.sustainable_city_index == Decimal("65.5")
    assert second.region_code == "33.11"
    assert second.ekppd_rank == 40
    assert second.fiscal_capacity_category == ""


def test_an_xlsx_code_typed_as_a_number_keeps_its_trailing_zero(regions):
    # Excel turns a typed 32.70 into the number 32.7.
    data = xlsx_bytes([list(COLUMNS), [32.7, 1, None, 2, None, None, 3, None]])
    result = parse_indicator_file(data, "a.xlsx", regions={"32.70": "kota"})
    assert result.ok
    assert result.rows[0].region_code == "32.70"


def test_a_csv_with_a_utf8_bom_is_accepted(regions):
    data = b"\xef\xbb\xbf" + csv_with_rows(GOOD_ROW).encode()
    result = parse_indicator_file(data, "a.csv", regions=regions)
    assert result.ok
    assert result.rows[0].region_code == "32.73"


def test_undotted_region_codes_are_normalised_to_dotted(regions):
    result = parse_csv(csv_with_rows("3273,1,,2,,,3,"), regions)
    assert result.ok
    assert result.rows[0].region_code == "32.73"


def test_an_indonesian_decimal_comma_is_accepted(regions):
    data = "region_code;fiscal_capacity_index;ekppd_score;green_city_index\n33.11;1,25;3,5;70,25\n"
    result = parse_csv(data, regions)
    assert result.ok, [str(p) for p in result.problems]
    row = result.rows[0]
    assert (row.fiscal_capacity_index, row.ekppd_score, row.green_city_index) == (
        Decimal("1.25"),
        Decimal("3.5"),
        Decimal("70.25"),
    )


def test_a_quoted_decimal_comma_works_in_a_comma_separated_file(regions):
    result = parse_csv(csv_with_rows('32.73,"1,5",,2,,,3,'), regions)
    assert result.rows[0].fiscal_capacity_index == Decimal("1.5")


def test_an_empty_cell_is_missing_not_zero(regions):
    result = parse_csv(csv_with_rows("33.74, ,,,,,,"), regions)
    assert result.ok
    row = result.rows[0]
    assert row.fiscal_capacity_index is None
    assert row.ekppd_score is None
    assert row.green_city_index is None
    assert row.sustainable_city_index is None
    assert row.ekppd_rank is None


def test_header_names_are_matched_case_and_space_insensitively_in_any_order(regions):
    data = " Green_City_Index ,REGION_CODE,ekppd_score,fiscal_capacity_index\n70,33.11,3,1\n"
    result = parse_csv(data, regions)
    assert result.ok
    assert result.rows[0].green_city_index == Decimal("70")


def test_blank_lines_are_skipped_and_row_numbers_follow_the_file(regions):
    result = parse_csv(f"{HEADER}\n\n{GOOD_ROW}\n,,,,,,,\n33.11,1,,2,,,3,\n", regions)
    assert result.ok
    assert [r.row for r in result.rows] == [3, 5]


def test_categories_typed_in_human_form_are_normalised(regions):
    result = parse_csv(csv_with_rows("32.73,1,Sangat Tinggi,3,sangat-tinggi,,3,"), regions)
    assert result.ok
    assert result.rows[0].fiscal_capacity_category == "sangat_tinggi"
    assert result.rows[0].ekppd_status == "sangat_tinggi"


@pytest.mark.parametrize("template, filename", [(template_csv, "t.csv"), (template_xlsx, "t.xlsx")])
def test_the_templates_parse_cleanly(template, filename, regions):
    result = parse_indicator_file(template(), filename, regions=regions)
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.rows) == 1
    assert result.rows[0].region_code == "33.11"


# --- file-level problems -----------------------------------------------------


def test_an_empty_file_is_reported(regions):
    problem = only_problem(parse_indicator_file(b"", "a.csv", regions=regions))
    assert problem.row is None
    assert "Berkas tidak berisi data" in problem.message


def test_a_header_only_file_is_reported_as_having_no_data(regions):
    result = parse_csv(HEADER + "\n\n", regions)
    assert not result.ok
    assert "Berkas tidak berisi data" in only_problem(result).message


def test_a_windows_1252_file_asks_to_save_as_utf8(regions):
    data = csv_with_rows(GOOD_ROW, "33.11,1,,2,,,3,") + "# Kota Bandung – café\n"
    problem = only_problem(parse_csv(data, regions, encoding="cp1252"))
    assert problem.row is None
    assert "UTF-8" in problem.message


def test_a_corrupt_xlsx_is_reported_clearly(regions):
    good = xlsx_bytes([list(COLUMNS)])
    problem = only_problem(parse_indicator_file(good[:200], "a.xlsx", regions=regions))
    assert "XLSX tidak dapat dibaca" in problem.message


def test_an_unsupported_extension_is_reported(regions):
    problem = only_problem(parse_indicator_file(b"x", "indikator.xls", regions=regions))
    assert ".csv" in problem.message and ".xlsx" in problem.message


def test_a_missing_required_column_is_reported(regions):
    data = "region_code,fiscal_capacity_index,ekppd_score\n33.11,1,2\n"
    problem = only_problem(parse_csv(data, regions))
    assert (problem.row, problem.column) == (1, "green_city_index")
    assert "tidak ditemukan" in problem.message


def test_an_unknown_column_is_reported_as_a_likely_typo(regions):
    data = HEADER.replace("ekppd_rank", "ekppd_rnak") + "\n" + GOOD_ROW + "\n"
    problem = only_problem(parse_csv(data, regions))
    assert (problem.row, problem.column) == (1, "ekppd_rnak")
    assert "salah ketik" in problem.message


def test_a_duplicate_header_name_is_reported(regions):
    data = HEADER + ",EKPPD_Score\n" + GOOD_ROW + ",3\n"
    problem = only_problem(parse_csv(data, regions))
    assert (problem.row, problem.column) == (1, "ekppd_score")
    assert "lebih dari sekali" in problem.message


# --- row-level problems ------------------------------------------------------


def test_an_unknown_region_code_is_reported_with_its_row(regions):
    problem = only_problem(parse_csv(csv_with_rows(GOOD_ROW, "99.99,1,,2,,,3,"), regions))
    assert (problem.row, problem.column) == (3, "region_code")
    assert problem.message == "Kode wilayah 99.99 tidak dikenal"
    assert str(problem) == "Baris 3, kolom region_code: Kode wilayah 99.99 tidak dikenal"


def test_a_province_code_is_an_unknown_region_code(regions):
    problem = only_problem(parse_csv(csv_with_rows("33,1,,2,,,3,"), regions))
    assert (problem.row, problem.column) == (2, "region_code")
    assert "tidak dikenal" in problem.message


@pytest.mark.parametrize("code", ["33-11", "3.311", "331", "33.11.01", "Sukoharjo"])
def test_a_malformed_region_code_is_reported(code, regions):
    problem = only_problem(parse_csv(csv_with_rows(f"{code},1,,2,,,3,"), regions))
    assert (problem.row, problem.column) == (2, "region_code")
    assert "tidak valid" in problem.message


def test_a_duplicate_region_row_names_the_first_row(regions):
    data = csv_with_rows("33.11,1,,2,,,3,", GOOD_ROW, "3311,1,,2,,,3,")
    problem = only_problem(parse_csv(data, regions))
    assert (problem.row, problem.column) == (4, "region_code")
    assert problem.message == "Baris ganda: kode 33.11 sudah ada di baris 2"


@pytest.mark.parametrize(
    "row, column",
    [
        ("32.73,-0.1,,2,,,3,", "fiscal_capacity_index"),
        ("32.73,1,,4.01,,,3,", "ekppd_score"),
        ("32.73,1,,-1,,,3,", "ekppd_score"),
        ("32.73,1,,2,,,100.5,", "green_city_index"),
        ("32.73,1,,2,,,3,101", "sustainable_city_index"),
    ],
)
def test_a_value_out_of_range_is_reported(row, column, regions):
    problem = only_problem(parse_csv(csv_with_rows(row), regions))
    assert (problem.row, problem.column) == (2, column)


def test_the_ekppd_range_message_names_the_bounds(regions):
    problem = only_problem(parse_csv(csv_with_rows("32.73,1,,4.5,,,3,"), regions))
    assert problem.message.startswith("Nilai harus antara 0 dan 4")


@pytest.mark.parametrize("value", ["abc", "NaN", "inf", "1.234,5", "1,234.5", "1e3", "1 000"])
def test_a_value_that_is_not_a_plain_decimal_is_reported(value, regions):
    problem = only_problem(parse_csv(csv_with_rows(f'32.73,"{value}",,2,,,3,'), regions))
    assert (problem.row, problem.column) == (2, "fiscal_capacity_index")
    assert "bukan angka" in problem.message


def test_an_excel_formula_error_in_xlsx_is_reported_as_not_a_number(regions):
    data = xlsx_bytes([list(COLUMNS), ["32.73", "#DIV/0!", None, 2, None, None, 3, None]])
    problem = only_problem(parse_indicator_file(data, "a.xlsx", regions=regions))
    assert (problem.row, problem.column) == (2, "fiscal_capacity_index")
    assert "bukan angka" in problem.message


def test_a_bad_category_or_status_lists_the_allowed_values(regions):
    result = parse_csv(csv_with_rows("32.73,1,lumayan,2,sangat_rendah,,3,"), regions)
    category, status = result.problems
    assert category.column == "fiscal_capacity_category"
    assert "sangat_rendah, rendah, sedang, tinggi, sangat_tinggi" in category.message
    assert status.column == "ekppd_status"  # ekppd has no "sangat_rendah"
    assert "rendah, sedang, tinggi, sangat_tinggi" in status.message


@pytest.mark.parametrize("rank", ["0", "-3", "2.5", "satu"])
def test_a_rank_that_is_not_a_positive_integer_is_reported(rank, regions):
    problem = only_problem(parse_csv(csv_with_rows(f"32.73,1,,2,,{rank},3,"), regions))
    assert (problem.row, problem.column) == (2, "ekppd_rank")
    assert "Peringkat" in problem.message


@pytest.mark.parametrize("rank", ["2147483648", "99999999999", "9" * 5000])
def test_a_rank_too_large_to_store_is_reported(rank, regions):
    problem = only_problem(parse_csv(csv_with_rows(f"32.73,1,,2,,{rank},3,"), regions))
    assert (problem.row, problem.column) == (2, "ekppd_rank")
    assert "antara 1 dan 2147483647" in problem.message


def test_the_largest_storable_rank_is_accepted(regions):
    result = parse_csv(csv_with_rows("32.73,1,,2,,2147483647,3,"), regions)
    assert result.ok and result.rows[0].ekppd_rank == 2147483647


# --- precision: what the database stores, exactly, or a problem ----------------------


def test_values_with_up_to_twenty_decimals_are_kept_exactly(regions):
    row = "32.73,0.12345678,,3.123456789012,,,62.000000000001,99.999999999999"
    result = parse_csv(csv_with_rows(row), regions)

    assert result.ok, [str(p) for p in result.problems]
    parsed = result.rows[0]
    assert parsed.fiscal_capacity_index == Decimal("0.12345678")
    assert parsed.ekppd_score == Decimal("3.123456789012")
    assert parsed.green_city_index == Decimal("62.000000000001")
    assert parsed.sustainable_city_index == Decimal("99.999999999999")


@pytest.mark.parametrize(
    "row, column",
    [
        ("32.73,0.123456789012345678901,,2,,,3,", "fiscal_capacity_index"),
        ("32.73,1,,3.123456789012345678901,,,3,", "ekppd_score"),
        ("32.73,1,,2,,,62.000000000000000000001,", "green_city_index"),
        ("32.73,1,,2,,,3,50.000000000000000000005", "sustainable_city_index"),
        # More digits than the decimal context's 28: must not be rounded before counting.
        ("32.73,1.00000000000000000000000000000001,,2,,,3,", "fiscal_capacity_index"),
    ],
)
def test_a_value_with_more_decimals_than_stored_is_reported(row, column, regions):
    problem = only_problem(parse_csv(csv_with_rows(row), regions))
    assert (problem.row, problem.column) == (2, column)
    assert "maks. 20" in problem.message and "belakang koma" in problem.message


@pytest.mark.parametrize("value", ["0.8444218515250481", "0.00012345678901234567", repr(1 / 3)])
def test_a_float_written_out_in_full_is_kept_exactly(value, regions):
    # What Python's str(float) or a spreadsheet's full-precision export writes.
    result = parse_csv(csv_with_rows(f"32.73,{value},,2,,,3,"), regions)

    assert result.ok, [str(p) for p in result.problems]
    assert result.rows[0].fiscal_capacity_index == Decimal(value)


def test_trailing_zeros_do_not_count_as_decimals(regions):
    zeros = "0" * 22
    result = parse_csv(csv_with_rows(f"32.73,1.5{zeros},,2.{zeros},,,0.{zeros},"), regions)
    assert result.ok
    assert result.rows[0].fiscal_capacity_index == Decimal("1.5")
    assert result.rows[0].green_city_index == 0


@pytest.mark.parametrize("value", ["1234567890123", "1234567890123.5", "99999999999999999999999"])
def test_a_value_with_more_integer_digits_than_stored_is_reported(value, regions):
    problem = only_problem(parse_csv(csv_with_rows(f"32.73,{value},,2,,,3,"), regions))
    assert (problem.row, problem.column) == (2, "fiscal_capacity_index")
    assert "terlalu besar" in problem.message


def test_the_largest_storable_value_is_accepted(regions):
    result = parse_csv(csv_with_rows("32.73,999999999999.99999999999999999999,,2,,,3,"), regions)
    assert result.ok
    assert result.rows[0].fiscal_capacity_index == Decimal("999999999999.99999999999999999999")


def test_an_xlsx_number_is_kept_as_the_spreadsheet_holds_it(regions):
    # A ratio computed by a formula: the float in full, as Python's str() writes it.
    data = xlsx_bytes([list(COLUMNS), ["32.73", 1 / 3, None, 2, None, None, 3, None]])
    result = parse_indicator_file(data, "a.xlsx", regions=regions)
    assert result.ok, [str(p) for p in result.problems]
    assert result.rows[0].fiscal_capacity_index == Decimal(str(1 / 3))


def test_a_sustainable_city_index_on_a_kabupaten_is_reported(regions):
    problem = only_problem(parse_csv(csv_with_rows("33.11,1,,2,,,3,50"), regions))
    assert (problem.row, problem.column) == (2, "sustainable_city_index")
    assert "kabupaten" in problem.message


@pytest.mark.parametrize("row", ["32.73,1,,2,,,3", "32.73,1,,2,,,3,,extra"])
def test_a_csv_row_with_the_wrong_number_of_cells_is_reported(row, regions):
    problem = only_problem(parse_csv(csv_with_rows(row), regions))
    assert problem.row == 2
    assert "Jumlah sel" in problem.message
    assert str(problem).startswith("Baris 2: ")


def test_all_problems_are_reported_together(regions):
    data = csv_with_rows(
        "99.99,1,,2,,,3,",  # unknown code
        GOOD_ROW,
        "33.11,1,,9,,,3,",  # ekppd out of range
        "33.74,1,,2,,nol,3,",  # bad rank
    )
    result = parse_csv(data, regions)
    assert not result.ok
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "region_code"),
        (4, "ekppd_score"),
        (5, "ekppd_rank"),
    ]
    assert [r.region_code for r in result.rows] == ["32.73"]


def test_a_problem_without_a_row_prints_without_the_row_part():
    assert str(Problem(None, "region_code", "x")) == "Kolom region_code: x"
    assert str(Problem(None, "", "Berkas tidak berisi data")) == "Berkas tidak berisi data"


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), extension=st.sampled_from([".csv", ".xlsx"]))
def test_arbitrary_bytes_never_crash_the_parser(data, extension):
    result = parse_indicator_file(data, "x" + extension, regions={"33.11": "kabupaten"})
    assert all(isinstance(p, Problem) for p in result.problems)
