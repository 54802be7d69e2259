"""The indicator import service: all or nothing, explicit replacement, a constant query count."""

import hashlib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates import indicator_file
from candidates.indicator_file import COLUMNS
from candidates.models import IndicatorImport, IndicatorSet, ScreeningResult
from candidates.services import (
    ImportSummary,
    IndicatorImportError,
    ReplaceRequired,
    indicators_import,
)
from smartcity.tabular import ParsedFile
from tests.factories import RegionFactory, UserFactory

HEADER = ",".join(COLUMNS)
SUKOHARJO = "33.11,0.6012,rendah,3.2145,sangat_tinggi,45,62.5,"
BANDUNG = "32.73,1.25,sedang,3.1,tinggi,12,70,65.5"
SURAKARTA_INCOMPLETE = "33.72,,,2.9,tinggi,,71.25,60"


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def xlsx_bytes(*rows) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(COLUMNS)
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def counts() -> tuple[int, int]:
    return IndicatorImport.objects.count(), IndicatorSet.objects.count()


def import_csv(*rows, year=2018, **kwargs) -> ImportSummary:
    return indicators_import(year=year, data=csv_bytes(*rows), file_name="data.csv", **kwargs)


@pytest.fixture
def regions(db):
    return {
        "33.11": RegionFactory(code="33.11", name="Kabupaten Sukoharjo"),
        "33.12": RegionFactory(code="33.12", name="Kabupaten Wonogiri"),
        "32.73": RegionFactory(code="32.73", name="Kota Bandung", city=True),
        "33.72": RegionFactory(code="33.72", name="Kota Surakarta", city=True),
    }


@pytest.fixture
def officer(db):
    return UserFactory(username="kominfo-impor", staff=True, first_name="Rina", last_name="Sari")


# --- a good file ---------------------------------------------------------------------------


def test_a_valid_file_is_imported_with_its_sources_and_who_loaded_it(regions, officer):
    data = csv_bytes(SUKOHARJO, BANDUNG)

    summary = indicators_import(
        year=2018,
        data=data,
        file_name="indikator-2018.csv",
        by=officer,
        fiscal_regulation="PMK 126/PMK.07/2017",
        ekppd_regulation="Kepmendagri 120-4220 Tahun 2017",
        green_source="KLHK",
    )

    dataset = summary.dataset
    assert dataset.year == 2018
    assert dataset.file_name == "indikator-2018.csv"
    assert dataset.row_count == 2
    assert dataset.checksum == hashlib.sha256(data).hexdigest()
    assert dataset.imported_by == officer
    assert dataset.imported_at is not None
    assert dataset.superseded_at is None
    assert dataset.fiscal_regulation == "PMK 126/PMK.07/2017"
    assert dataset.ekppd_regulation == "Kepmendagri 120-4220 Tahun 2017"
    assert dataset.green_source == "KLHK"
    assert not dataset.is_demo
    assert summary.replaced is None and not summary.would_replace

    bandung = IndicatorSet.objects.get(region=regions["32.73"], year=2018)
    assert bandung.dataset == dataset
    assert bandung.fiscal_capacity_index == Decimal("1.25")
    assert bandung.fiscal_capacity_category == "sedang"
    assert bandung.ekppd_score == Decimal("3.1")
    assert bandung.ekppd_status == "tinggi"
    assert bandung.ekppd_rank == 12
    assert bandung.green_city_index == Decimal("70")
    assert bandung.sustainable_city_index == Decimal("65.5")


def test_an_empty_cell_is_stored_as_null_not_zero(regions):
    import_csv(SURAKARTA_INCOMPLETE)

    row = IndicatorSet.objects.get(region=regions["33.72"], year=2018)
    assert row.fiscal_capacity_index is None
    assert row.fiscal_capacity_category == ""
    assert row.ekppd_rank is None
    assert row.ekppd_score == Decimal("2.9")
    assert not row.is_complete


def test_the_summary_counts_complete_and_incomplete_rows(regions):
    summary = import_csv(SUKOHARJO, BANDUNG, SURAKARTA_INCOMPLETE)

    assert (summary.row_count, summary.complete_count, summary.incomplete_count) == (3, 2, 1)
    assert [row.region_code for row in summary.rows] == ["33.11", "32.73", "33.72"]


def test_an_xlsx_file_is_imported_like_a_csv(regions):
    data = xlsx_bytes(["33.11", 0.6, "rendah", 3.2, "tinggi", 45, 62.5], ["32.73", 1.1])

    summary = indicators_import(year=2018, data=data, file_name="Indikator.XLSX")

    assert summary.row_count == 2 and summary.incomplete_count == 1
    bandung = IndicatorSet.objects.get(region=regions["32.73"])
    assert bandung.fiscal_capacity_index == Decimal("1.1")
    assert bandung.ekppd_score is None and bandung.green_city_index is None


def test_only_the_name_of_an_uploaded_path_is_recorded(regions):
    summary = indicators_import(
        year=2018, data=csv_bytes(SUKOHARJO), file_name="C:\\Users\\rina\\data\\ikf.csv"
    )

    assert summary.dataset.file_name == "ikf.csv"


# --- a bad file: nothing is written, every problem is reported --------------------------------

BAD_FILES = {
    "unknown region code": (
        csv_bytes(SUKOHARJO, "99.99,1,,2,,,3,"),
        "data.csv",
        [(3, "region_code")],
    ),
    "duplicate rows": (
        csv_bytes(SUKOHARJO, BANDUNG, "33.11,0.5,,2,,,3,"),
        "data.csv",
        [(4, "region_code")],
    ),
    "out-of-range values": (
        csv_bytes("33.11,-1,,4.5,,0,101,", "32.73,1,,2,,,50,100.5"),
        "data.csv",
        [
            (2, "fiscal_capacity_index"),
            (2, "ekppd_score"),
            (2, "ekppd_rank"),
            (2, "green_city_index"),
            (3, "sustainable_city_index"),
        ],
    ),
    "bad categories": (
        csv_bytes("33.11,1,lumayan,2,luar_biasa,,3,"),
        "data.csv",
        [(2, "fiscal_capacity_category"), (2, "ekppd_status")],
    ),
    "sustainability index for a kabupaten": (
        csv_bytes("33.11,1,,2,,,3,50"),
        "data.csv",
        [(2, "sustainable_city_index")],
    ),
    "missing columns": (
        b"region_code,fiscal_capacity_index\n33.11,1\n",
        "data.csv",
        [(1, "ekppd_score"), (1, "green_city_index")],
    ),
    "wrong encoding": (
        "region_code,fiscal_capacity_index,ekppd_score,green_city_index\n33.11,1,2,3 ±\n".encode(
            "cp1252"
        ),
        "data.csv",
        [(None, "")],
    ),
    "values that cannot be stored": (
        csv_bytes(
            "33.11,1234567890123,,2,,99999999999,3,",  # 13 integer digits; rank > 2147483647
            "32.73,0.123456789012345678901,,3.0000000000000000000001,,,3,",  # 21 and 22 decimals
        ),
        "data.csv",
        [
            (2, "fiscal_capacity_index"),
            (2, "ekppd_rank"),
            (3, "fiscal_capacity_index"),
            (3, "ekppd_score"),
        ],
    ),
    "empty file": (b"", "data.csv", [(None, "")]),
    "header only": (csv_bytes(), "data.csv", [(None, "")]),
    "unsupported format": (csv_bytes(SUKOHARJO), "data.ods", [(None, "")]),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_writes_nothing_and_reports_every_problem_with_row_and_column(regions, case):
    data, file_name, expected = case

    with pytest.raises(IndicatorImportError) as caught:
        indicators_import(year=2018, data=data, file_name=file_name)

    assert [(problem.row, problem.column) for problem in caught.value.problems] == expected
    assert counts() == (0, 0)


def test_values_are_stored_exactly_as_the_file_wrote_them(regions):
    # Before: 4 (fiscal, EKPPD) or 2 (green) decimals, rounded silently; 1234567 overflowed.
    import_csv(
        "33.11,0.12345678,,3.123456789012,,2147483647,62.123456789,",
        "32.73,1234567,,2,,,99.999999999999,50.5",
    )

    sukoharjo = IndicatorSet.objects.get(region=regions["33.11"])
    assert sukoharjo.fiscal_capacity_index == Decimal("0.12345678")
    assert sukoharjo.ekppd_score == Decimal("3.123456789012")
    assert sukoharjo.green_city_index == Decimal("62.123456789")
    assert sukoharjo.ekppd_rank == 2147483647
    bandung = IndicatorSet.objects.get(region=regions["32.73"])
    assert bandung.fiscal_capacity_index == Decimal("1234567")
    assert bandung.green_city_index == Decimal("99.999999999999")


def test_the_parsers_limits_are_what_the_columns_hold():
    for model in (IndicatorSet, ScreeningResult):
        for name in ("fiscal_capacity_index", "ekppd_score", "green_city_index"):
            field = model._meta.get_field(name)
            assert field.decimal_places == indicator_file.MAX_DECIMAL_PLACES
            assert field.max_digits - field.decimal_places == indicator_file.MAX_INTEGER_DIGITS
    field = IndicatorSet._meta.get_field("sustainable_city_index")
    assert (field.max_digits, field.decimal_places) == (32, 20)
    rank_range = connection.ops.integer_field_range("PositiveIntegerField")
    assert rank_range[1] == indicator_file.RANK_MAX


def test_a_value_the_database_refuses_anyway_is_reported_not_raised(regions, monkeypatch):
    # Should the parser and the columns ever disagree, the import still reports and writes nothing.
    too_big = indicator_file.IndicatorRow(
        row=2,
        region_code="33.11",
        fiscal_capacity_index=Decimal("1" * 20),
        fiscal_capacity_category="",
        ekppd_score=Decimal(2),
        ekppd_status="",
        ekppd_rank=None,
        green_city_index=Decimal(3),
        sustainable_city_index=None,
    )
    monkeypatch.setattr(
        "candidates.services.indicators.parse_indicator_file",
        lambda *args, **kwargs: ParsedFile(rows=[too_big], checksum="x"),
    )

    with pytest.raises(IndicatorImportError, match="tidak dapat disimpan"):
        import_csv(SUKOHARJO)
    assert counts() == (0, 0)


def test_one_bad_row_among_good_ones_writes_nothing_at_all(regions):
    with pytest.raises(IndicatorImportError):
        import_csv(SUKOHARJO, BANDUNG, "33.72,1,,9,,,50,")

    assert counts() == (0, 0)


def test_the_error_lists_every_problem_on_its_own_line(regions):
    with pytest.raises(IndicatorImportError) as caught:
        import_csv("99.99,1,,2,,,3,", "33.11,x,,2,,,3,")

    lines = str(caught.value).splitlines()
    assert "2 masalah" in lines[0]
    assert lines[1].startswith("- Baris 2, kolom region_code: ")
    assert lines[2].startswith("- Baris 3, kolom fiscal_capacity_index: ")


@pytest.mark.parametrize("year", [1999, 2101, 0])
def test_a_year_outside_2000_to_2100_is_refused(regions, year):
    with pytest.raises(IndicatorImportError, match="Tahun"):
        import_csv(SUKOHARJO, year=year)

    assert counts() == (0, 0)


def test_a_source_longer_than_its_field_is_refused_before_anything_is_written(regions):
    with pytest.raises(IndicatorImportError, match="terlalu panjang"):
        import_csv(SUKOHARJO, green_source="x" * 201)

    assert counts() == (0, 0)


# --- replacing a year ------------------------------------------------------------------------


@pytest.fixture
def existing(regions, officer):
    return indicators_import(
        year=2018, data=csv_bytes(SUKOHARJO, BANDUNG), file_name="lama.csv", by=officer
    ).dataset


def test_importing_a_year_that_has_data_is_refused_without_replace(existing):
    before = list(IndicatorSet.objects.values_list("pk", "dataset_id", "ekppd_score"))

    with pytest.raises(ReplaceRequired) as caught:
        import_csv("33.11,0.1,,1,,,10,")

    assert counts() == (1, 2)
    assert list(IndicatorSet.objects.values_list("pk", "dataset_id", "ekppd_score")) == before
    existing.refresh_from_db()
    assert existing.superseded_at is None
    assert caught.value.existing == existing


def test_the_refusal_names_the_existing_dataset_and_how_to_replace_it(existing):
    with pytest.raises(ReplaceRequired) as caught:
        import_csv(SUKOHARJO)

    message = str(caught.value)
    assert "tahun 2018" in message
    assert "lama.csv" in message
    assert "2 baris" in message
    assert "Rina Sari (kominfo-impor)" in message
    assert str(existing.imported_at.astimezone().year) in message
    assert "--replace" in message


def test_replacing_supersedes_the_old_dataset_and_records_the_new_one(existing, regions):
    replacer = UserFactory(username="kominfo-2", staff=True)
    data = csv_bytes(SURAKARTA_INCOMPLETE)

    summary = indicators_import(
        year=2018, data=data, file_name="baru.csv", by=replacer, replace=True
    )

    existing.refresh_from_db()
    new = summary.dataset
    assert summary.replaced == existing
    assert existing.superseded_at == new.imported_at
    assert new.superseded_at is None
    assert (new.file_name, new.row_count, new.imported_by) == ("baru.csv", 1, replacer)
    assert new.checksum == hashlib.sha256(data).hexdigest()
    # The old dataset stays as the audit record; only its rows make way.
    assert IndicatorImport.objects.count() == 2
    assert list(IndicatorSet.objects.values_list("region__code", "dataset_id")) == [
        ("33.72", new.pk)
    ]


def test_replacing_only_touches_the_year_being_imported(existing, regions):
    other_year = import_csv(SUKOHARJO, year=2019).dataset

    import_csv(BANDUNG, replace=True)

    other_year.refresh_from_db()
    assert other_year.superseded_at is None
    assert IndicatorSet.objects.filter(year=2019, dataset=other_year).count() == 1


def test_replacing_with_a_bad_file_keeps_the_old_data(existing):
    with pytest.raises(IndicatorImportError):
        import_csv("99.99,1,,2,,,3,", replace=True)

    existing.refresh_from_db()
    assert existing.superseded_at is None
    assert counts() == (1, 2)


def test_every_replaced_dataset_is_kept_as_history(existing):
    second = import_csv(BANDUNG, replace=True).dataset
    third = import_csv(SUKOHARJO, replace=True).dataset

    current = IndicatorImport.objects.filter(year=2018, superseded_at__isnull=True)
    assert list(current) == [third]
    assert set(IndicatorImport.objects.values_list("pk", flat=True)) == {
        existing.pk,
        second.pk,
        third.pk,
    }


def test_replace_on_a_year_without_data_is_a_plain_import(regions):
    summary = import_csv(SUKOHARJO, replace=True)

    assert summary.replaced is None
    assert counts() == (1, 1)


# --- dry runs --------------------------------------------------------------------------------


def test_a_dry_run_validates_and_writes_nothing(regions):
    summary = import_csv(SUKOHARJO, BANDUNG, SURAKARTA_INCOMPLETE, dry_run=True)

    assert summary.dry_run and summary.dataset is None
    assert (summary.row_count, summary.complete_count, summary.incomplete_count) == (3, 2, 1)
    assert counts() == (0, 0)


def test_a_dry_run_still_reports_every_problem(regions):
    with pytest.raises(IndicatorImportError) as caught:
        import_csv("99.99,1,,2,,,3,", dry_run=True)

    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "region_code")]


def test_a_dry_run_reports_a_replacement_instead_of_refusing(existing):
    summary = import_csv(BANDUNG, dry_run=True)

    assert summary.would_replace
    assert summary.replaced == existing
    existing.refresh_from_db()
    assert existing.superseded_at is None
    assert counts() == (1, 2)


# --- performance -----------------------------------------------------------------------------


@pytest.fixture
def thirty_regions(db):
    return [RegionFactory(code=f"35.{number:02d}") for number in range(1, 31)]


def rows_for(regions) -> list[str]:
    return [f"{region.code},1.5,sedang,2.5,tinggi,,50," for region in regions]


def queries_to_import(rows, *, year, replace=False) -> int:
    with CaptureQueriesContext(connection) as captured:
        import_csv(*rows, year=year, replace=replace)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows(thirty_regions):
    few = queries_to_import(rows_for(thirty_regions[:3]), year=2018)
    many = queries_to_import(rows_for(thirty_regions), year=2019)

    assert IndicatorSet.objects.filter(year=2019).count() == 30
    assert few == many


def test_replacing_takes_as_many_queries_for_thirty_rows_as_for_three(thirty_regions):
    import_csv(*rows_for(thirty_regions), year=2018)
    import_csv(*rows_for(thirty_regions), year=2019)

    few = queries_to_import(rows_for(thirty_regions[:3]), year=2018, replace=True)
    many = queries_to_import(rows_for(thirty_regions), year=2019, replace=True)

    assert few == many


def test_an_import_takes_a_fixed_handful_of_queries(thirty_regions, django_assert_num_queries):
    # SAVEPOINT (the atomic block inside the test's transaction); every kab/kota; the year's
    # current dataset (locked); INSERT the dataset; INSERT all rows; RELEASE SAVEPOINT.
    with django_assert_num_queries(6):
        import_csv(*rows_for(thirty_regions))
    # On replacement two more: mark the old dataset superseded; DELETE its rows.
    with django_assert_num_queries(8):
        import_csv(*rows_for(thirty_regions), replace=True)
