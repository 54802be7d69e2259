"""`manage.py import_indicators`: the operator's way in, with clear output and exit codes."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from candidates.indicator_file import COLUMNS
from candidates.management.commands.import_indicators import Command
from candidates.models import IndicatorImport, IndicatorSet
from tests.factories import RegionFactory

ROOT = Path(__file__).resolve().parents[2]
GOOD_ROWS = ["33.11,0.6,rendah,3.2,tinggi,45,62.5,", "32.73,1.25,sedang,3.1,tinggi,12,,65.5"]


@pytest.fixture
def regions(db):
    RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    RegionFactory(code="32.73", name="Kota Bandung", city=True)


@pytest.fixture
def write_csv(tmp_path):
    def write(*rows, name="indikator-2018.csv") -> Path:
        path = tmp_path / name
        path.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
        return path

    return write


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_indicators", *map(str, args), stdout=out, stderr=err, no_color=True)
    return out.getvalue(), err.getvalue()


def run_failing(*args) -> tuple[str, str]:
    """Run the command expecting failure; returns (CommandError message, stderr)."""
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_indicators", *map(str, args), stdout=io.StringIO(), stderr=err, no_color=True
        )
    return str(caught.value), err.getvalue()


def counts():
    return IndicatorImport.objects.count(), IndicatorSet.objects.count()


def test_it_imports_a_file_and_prints_a_summary(regions, write_csv):
    path = write_csv(*GOOD_ROWS)

    out, err = run(path, "--year", 2018, "--fiscal-regulation", "PMK 126/2017")

    dataset = IndicatorImport.objects.get()
    assert (dataset.year, dataset.file_name, dataset.row_count) == (2018, path.name, 2)
    assert dataset.fiscal_regulation == "PMK 126/2017"
    assert dataset.imported_by is None
    assert "Baris: 2 (1 lengkap, 1 tidak lengkap)" in out
    assert "Data sebelumnya: tidak ada" in out
    assert f"impor #{dataset.pk}" in out
    assert err == ""


def test_it_prints_every_problem_to_stderr_and_fails_without_writing(regions, write_csv):
    path = write_csv(GOOD_ROWS[0], "99.99,1,,2,,,3,", "32.73,1,aneh,5,,,3,")

    message, err = run_failing(path, "--year", 2018)

    assert err.splitlines() == [
        "Baris 3, kolom region_code: Kode wilayah 99.99 tidak dikenal",
        "Baris 4, kolom fiscal_capacity_category: Nilai 'aneh' tidak dikenal. Pilihan: "
        "sangat_rendah, rendah, sedang, tinggi, sangat_tinggi",
        "Baris 4, kolom ekppd_score: Nilai harus antara 0 dan 4 (tertulis: 5)",
    ]
    assert "3 masalah" in message and "tidak ada data yang disimpan" in message
    assert counts() == (0, 0)


def test_it_refuses_to_replace_a_year_without_the_flag(regions, write_csv):
    run(write_csv(*GOOD_ROWS, name="lama.csv"), "--year", 2018)

    message, _ = run_failing(write_csv(GOOD_ROWS[0], name="baru.csv"), "--year", 2018)

    assert "lama.csv" in message and "2 baris" in message and "--replace" in message
    assert counts() == (1, 2)
    assert IndicatorImport.objects.get().superseded_at is None


def test_it_replaces_a_year_with_the_flag(regions, write_csv):
    run(write_csv(*GOOD_ROWS, name="lama.csv"), "--year", 2018)

    out, _ = run(write_csv(GOOD_ROWS[0], name="baru.csv"), "--year", 2018, "--replace")

    old, new = IndicatorImport.objects.order_by("pk")
    assert old.superseded_at is not None and new.superseded_at is None
    assert IndicatorSet.objects.get().dataset == new
    assert f"Mengganti data sebelumnya: lama.csv (2 baris, impor #{old.pk})" in out


def test_a_dry_run_writes_nothing_and_says_so(regions, write_csv):
    out, _ = run(write_csv(*GOOD_ROWS), "--year", 2018, "--dry-run")

    assert counts() == (0, 0)
    assert "Baris: 2" in out
    assert "--dry-run" in out and "tidak ada data yang disimpan" in out


def test_a_dry_run_over_existing_data_says_it_would_replace_it(regions, write_csv):
    run(write_csv(*GOOD_ROWS, name="lama.csv"), "--year", 2018)

    out, _ = run(write_csv(GOOD_ROWS[0]), "--year", 2018, "--dry-run")

    assert "Akan mengganti data sebelumnya: lama.csv" in out
    assert "memerlukan --replace" in out
    assert counts() == (1, 2)


def test_a_dry_run_still_fails_on_problems(regions, write_csv):
    message, err = run_failing(write_csv("99.99,1,,2,,,3,"), "--year", 2018, "--dry-run")

    assert "Baris 2, kolom region_code" in err
    assert "1 masalah" in message


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    message, _ = run_failing(tmp_path / "tidak-ada.csv", "--year", 2018)

    assert message == f"Berkas tidak ditemukan: {tmp_path / 'tidak-ada.csv'}"


def test_a_folder_is_not_taken_for_a_file(db, tmp_path):
    message, _ = run_failing(tmp_path, "--year", 2018)

    assert message.startswith("Bukan berkas")


def test_the_year_is_required(db, write_csv):
    message, _ = run_failing(write_csv(*GOOD_ROWS))

    assert "--year" in message


def test_a_year_out_of_range_fails_without_writing(regions, write_csv):
    message, err = run_failing(write_csv(*GOOD_ROWS), "--year", 1999)

    assert "Tahun 1999 tidak valid" in err
    assert counts() == (0, 0)


def test_the_help_explains_every_option():
    help_text = Command().create_parser("manage.py", "import_indicators").format_help()
    text = " ".join(help_text.split())  # argparse wraps lines

    for option in ("PATH", "--year", "--dry-run", "--replace", "--fiscal-regulation"):
        assert option in text
    assert "--ekppd-regulation" in text and "--green-source" in text
    assert "nothing is written" in text


def test_a_failure_exits_non_zero_from_the_shell(tmp_path):
    # The only test that runs a real process: CommandError must become exit status 1.
    result = subprocess.run(
        [sys.executable, "manage.py", "import_indicators", str(tmp_path / "x.csv"), "--year=2018"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "smartcity.settings"},
    )

    assert result.returncode == 1
    assert "Berkas tidak ditemukan" in result.stderr
