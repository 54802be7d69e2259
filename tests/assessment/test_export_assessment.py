"""The results export: the staff download (CSV, XLSX) and `manage.py export_assessment`."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from assessment.services.selection import selection_make
from tests.assessment.builders_results import assessor, candidate, sheet, small_cohort

DESIGN = ["region_code", "panel_score", "rank", "selected"]
EXTRA = [
    "region_name",
    "normalised_score",
    "normalised_rank",
    "spread",
    "disagreement",
    "assessors",
]


@pytest.fixture
def small(world):
    cohort, (x, y, z), people = small_cohort(world, quota=2)
    # W has only a draft: listed, unranked.
    w = candidate(cohort, "35.02", "Kabupaten Ponorogo")
    sheet(w, assessor("cara"), (5, 5, 5), by=world.staff, submitted=False)
    return cohort, (x, y, z, w), people


def select(world, x, y):
    selection_make(
        cohort=world.cohort,
        selected_ids={x.pk},
        letter_number="B-1/2018",
        letter_date=datetime.date(2018, 4, 20),
        reasons={y.pk: "Belum siap"},
        by=world.staff,
    )


def read_csv(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def download(client, world, fmt):
    client.force_login(world.staff)
    return client.get(reverse("assessment_export", args=[2018, fmt]))


def test_the_csv_starts_with_the_design_columns_then_the_extras(client, small, world):
    response = download(client, world, "csv")

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="asesmen-2018-hasil.csv"'
    rows = read_csv(response.content)
    assert rows[0] == DESIGN + EXTRA
    assert rows[1][:4] == ["33.11", "75.0000", "1", ""]  # nothing selected yet: empty
    assert rows[1][4:] == [
        "Kabupaten Sukoharjo",
        rows[1][5],
        "1",
        "0.0000",
        "0",
        "Ani Lestari: 75.0000; Budi Santoso: 75.0000",
    ]
    assert rows[2][:4] == ["32.73", "62.5000", "2", ""] and rows[2][7:9] == ["25.0000", "1"]
    assert rows[3][:4] == ["35.01", "31.2500", "3", ""]
    assert rows[4] == ["35.02", "", "", "", "Kabupaten Ponorogo", "", "", "", "", ""]


def test_after_the_selection_selected_is_1_or_0(client, small, world):
    _, (x, y, _, _), _ = small
    select(world, x, y)

    rows = read_csv(download(client, world, "csv").content)

    assert [row[3] for row in rows[1:]] == ["1", "0", "0", "0"]


def test_the_xlsx_holds_the_same_table_with_numbers_as_numbers(client, small, world):
    response = download(client, world, "xlsx")

    sheet_ = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet_.iter_rows(values_only=True))
    assert list(rows[0]) == DESIGN + EXTRA
    assert rows[1][:3] == ("33.11", 75.0, 1)
    assert rows[4][:3] == ("35.02", None, None)


def test_an_unknown_format_is_not_found(client, small, world):
    assert download(client, world, "pdf").status_code == 404


def test_the_command_writes_exactly_the_design_columns(small, world, tmp_path):
    _, (x, y, _, _), _ = small
    select(world, x, y)
    out = tmp_path / "asesmen.csv"

    call_command("export_assessment", "--year", "2018", "--out", str(out), stdout=io.StringIO())

    assert read_csv(out.read_bytes()) == [
        DESIGN,
        ["33.11", "75.0000", "1", "1"],
        ["32.73", "62.5000", "2", "0"],
        ["35.01", "31.2500", "3", "0"],
        ["35.02", "", "", "0"],
    ]


def test_the_command_leaves_selected_empty_before_the_selection(small, tmp_path):
    out = tmp_path / "asesmen.csv"

    call_command("export_assessment", "--year", "2018", "--out", str(out), stdout=io.StringIO())

    assert [row[3] for row in read_csv(out.read_bytes())[1:]] == ["", "", "", ""]


def test_the_command_can_write_to_standard_output(small):
    stdout = io.StringIO()

    call_command("export_assessment", "--year", "2018", "--out", "-", stdout=stdout)

    assert stdout.getvalue().splitlines()[0] == ",".join(DESIGN)


def test_the_command_explains_a_missing_cohort(world, tmp_path):
    with pytest.raises(CommandError, match="There is no cohort for 2031. Cohorts: 2018."):
        call_command("export_assessment", "--year", "2031", "--out", str(tmp_path / "x.csv"))


def test_the_command_explains_a_path_it_cannot_write(small, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_assessment", "--year", "2018", "--out", str(tmp_path / "no" / "x.csv"))


def test_the_command_has_help(capsys):
    with pytest.raises(SystemExit):
        call_command("export_assessment", "--help")

    assert "region_code,panel_score,rank,selected" in capsys.readouterr().out
