"""`import_evaluation` and `export_evaluation`: all or nothing, every problem listed, the
documented columns."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from evaluation.models import Cycle, Result
from evaluation.services import cycle_publish
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

HEADER = "region_code,baseline,output,outcome,impact,quick_win"


@pytest.fixture
def regions():
    return {
        "jambi": RegionFactory(code="15.71", name="Kota Jambi", city=True),
        "kediri": RegionFactory(code="35.71", name="Kota Kediri", city=True),
        "sukoharjo": RegionFactory(code="33.11", name="Kabupaten Sukoharjo"),
    }


def write(tmp_path, text, name="nilai.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_evaluation", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_clean_file_creates_the_cycle_and_its_results(tmp_path, regions):
    path = write(
        tmp_path,
        f"{HEADER}\n15.71,3.84,3.18,3.53,3.63,3.35\n3571,3.60,3.21,3.23,3.07,3.65\n",
    )
    out, _ = run(path, "--year", "2024")
    assert "Berhasil: 2 hasil evaluasi 2024 disimpan." in out
    cycle = Cycle.objects.get(year=2024)
    jambi = cycle.results.get(region=regions["jambi"])
    assert (jambi.index_display, jambi.rank_national) == (Decimal("3.48"), 1)
    assert cycle.results.get(region=regions["kediri"]).rank_national == 2
    assert set(cycle.regions.all()) == {regions["jambi"], regions["kediri"]}


def test_every_bad_row_and_column_is_listed_and_nothing_is_written(tmp_path, regions):
    path = write(
        tmp_path,
        f"{HEADER},governance\n"
        "15.71,3.84,3.18,3.53,3.63,3.35,2.5\n"
        "99.99,3.60,6,3.23,,3.65,\n"
        "35.71,abc,3.21,3.23,3.07,3.65,-1\n"
        "15.71,1,1,1,1,1,\n",
    )
    with pytest.raises(CommandError, match="6 masalah; tidak ada data yang disimpan"):
        _, err = run(path, "--year", "2024")
    err_lines = run_errors(path)
    assert err_lines == [
        "Baris 3, kolom region_code: Kode wilayah 99.99 tidak dikenal",
        "Baris 3, kolom output: Nilai harus antara 0 dan 5 (tertulis: 6)",
        "Baris 3, kolom impact: Nilai wajib diisi",
        "Baris 4, kolom baseline: 'abc' bukan angka yang valid (contoh: 3.25 atau 3,25)",
        "Baris 4, kolom governance: Nilai harus antara 0 dan 5 (tertulis: -1)",
        "Baris 5, kolom region_code: Baris ganda: kode 15.71 sudah ada di baris 2",
    ]
    assert not Cycle.objects.exists() and not Result.objects.exists()


def run_errors(path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_evaluation", path, "--year", "2024", stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


def test_a_missing_column_is_reported_once_not_per_row(tmp_path, regions):
    path = write(tmp_path, "region_code,baseline,output,outcome,impact\n15.71,1,1,1,1\n")
    assert run_errors(path) == [
        "Baris 1, kolom quick_win: Kolom wajib 'quick_win' tidak ditemukan di baris judul"
    ]


def test_a_dry_run_writes_nothing(tmp_path, regions):
    path = write(tmp_path, f"{HEADER}\n15.71,3.84,3.18,3.53,3.63,3.35\n")
    out, _ = run(path, "--year", "2024", "--dry-run")
    assert "Uji coba (--dry-run)" in out
    assert not Cycle.objects.exists()


def test_a_second_import_needs_replace_and_then_replaces(tmp_path, regions):
    run(write(tmp_path, f"{HEADER}\n15.71,1,1,1,1,1\n33.11,2,2,2,2,2\n"), "--year", "2022")
    again = write(tmp_path, f"{HEADER}\n35.71,3.60,3.21,3.23,3.07,3.65\n", "lagi.csv")
    assert "gunakan --replace" in run_errors_year(again, "2022")[0]
    out, _ = run(again, "--year", "2022", "--replace")
    assert "Mengganti 2 hasil sebelumnya (2 tidak ada di berkas dan dihapus)" in out
    assert list(Result.objects.values_list("region__code", flat=True)) == ["35.71"]


def run_errors_year(path, year):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_evaluation", path, "--year", year, stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


def test_a_published_cycle_is_never_replaced(tmp_path, regions, world):
    run(write(tmp_path, f"{HEADER}\n15.71,1,1,1,1,1\n"), "--year", "2022")
    cycle_publish(cycle=Cycle.objects.get(year=2022), by=world.staff)
    errors = run_errors_year(write(tmp_path, f"{HEADER}\n15.71,2,2,2,2,2\n", "b.csv"), "2022")
    assert errors == ["Siklus 2022 sudah diumumkan; hasilnya hanya dapat dikoreksi."]
    assert Result.objects.get().baseline == 1


def test_an_xlsx_file_with_dimension_scores_is_read(tmp_path, regions):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            *HEADER.split(","),
            "governance",
            "branding",
            "economy",
            "living",
            "society",
            "environment",
        ]
    )
    sheet.append(["35.71", 3.60, 3.21, 3.23, 3.07, 3.65, 2.75, 2.75, 3.5, 3.33, 3.33, 2.75])
    path = tmp_path / "kediri.xlsx"
    book.save(path)
    run(str(path), "--year", "2022")
    kediri = Result.objects.get()
    assert kediri.economy == Decimal("3.5") and kediri.environment == Decimal("2.75")
    assert abs(kediri.index_display - Decimal("3.31")) <= Decimal("0.01")


def test_any_kab_kota_is_accepted_but_not_a_province(tmp_path, regions):
    errors = run_errors(write(tmp_path, f"{HEADER}\n15,1,1,1,1,1\n"))
    assert "kode provinsi" in errors[0]


def test_the_export_writes_the_documented_columns_in_rank_order(tmp_path, regions, capsys):
    run(
        write(
            tmp_path,
            f"{HEADER}\n33.11,3,3,3,3,3\n15.71,3.84,3.18,3.53,3.63,3.35\n35.71,3,3,3,3,3\n",
        ),
        "--year",
        "2024",
    )
    out = io.StringIO()
    call_command("export_evaluation", "--year", "2024", "--out", "-", stdout=out)
    assert out.getvalue().splitlines() == [
        "rank,region_code,region_name,baseline,output,outcome,impact,quick_win,index",
        "1,15.71,Kota Jambi,3.84,3.18,3.53,3.63,3.35,3.48",
        "2,33.11,Kabupaten Sukoharjo,3.00,3.00,3.00,3.00,3.00,3.00",
        "2,35.71,Kota Kediri,3.00,3.00,3.00,3.00,3.00,3.00",
    ]
    target = tmp_path / "out.csv"
    call_command("export_evaluation", "--year", "2024", "--out", str(target), stdout=io.StringIO())
    assert target.read_text().splitlines()[1].startswith("1,15.71,")


def test_the_export_of_a_missing_year_fails_clearly():
    with pytest.raises(CommandError, match="There is no evaluation cycle for 2030"):
        call_command("export_evaluation", "--year", "2030", "--out", "-")
