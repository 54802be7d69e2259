import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from candidates.management.commands.screen import Command
from candidates.models import Cohort, ScreeningRound, ScreeningRun
from tests.candidates.helpers import indicators_for
from tests.factories import RegionFactory


@pytest.fixture
def year_2021(db):
    a = RegionFactory(code="33.01", name="Kabupaten A")
    b = RegionFactory(code="33.02", name="Kabupaten B")
    admin = RegionFactory(code="31.71", name="Kota Administrasi Jakarta Pusat", city=True)
    admin.is_administrative = True
    admin.save()
    indicators_for({a: (1, 2, 30), b: (2, 3, 60), admin: (5, 4, 90)}, year=2021)


def test_screen_creates_the_years_cohort_and_round_and_exports(year_2021, tmp_path):
    out = StringIO()
    path = tmp_path / "ranking.csv"

    call_command("screen", "--year", "2021", "--quota", "1", "--export", str(path), stdout=out)

    assert Cohort.objects.filter(year=2021).exists()
    run = ScreeningRun.objects.get()
    assert run.parameters["quota"] == 1
    rows = list(csv.reader(path.open()))
    assert [row[0] for row in rows] == ["rank", "1", "2", ""]
    assert [row[1] for row in rows[1:]] == ["33.02", "33.01", "31.71"]
    assert [row[7] for row in rows[1:]] == ["shortlisted", "ranked", "excluded"]
    assert "Run #1" in out.getvalue()


def test_screen_records_the_weights_it_was_given(year_2021):
    call_command(
        "screen", "--year", "2021", "--weights", "fiscal=1,governance=0,green=0", stdout=StringIO()
    )

    assert ScreeningRun.objects.get().parameters["weights"] == {
        "fiscal": 1.0,
        "governance": 0.0,
        "green": 0.0,
    }


def test_quota_and_weights_on_the_command_line_apply_to_that_run_only(year_2021):
    out = StringIO()
    weights = "fiscal=0.2,governance=0.3,green=0.5"
    call_command("screen", "--year", "2021", "--quota", "50", "--weights", weights, stdout=out)
    call_command("screen", "--year", "2021", stdout=StringIO())

    first, second = ScreeningRun.objects.order_by("number")
    assert first.parameters["quota"] == 50
    assert first.parameters["weights"] == {"fiscal": 0.2, "governance": 0.3, "green": 0.5}
    assert first.note == f"manage.py screen --quota 50 --weights {weights}"
    # The plain run uses the round's own settings: the defaults, untouched by the first run.
    assert second.parameters["quota"] == 120
    assert second.parameters["weights"] == {"fiscal": 0.4, "governance": 0.35, "green": 0.25}
    assert second.note == "manage.py screen"
    round_ = ScreeningRound.objects.get(cohort__year=2021)
    assert (round_.quota, round_.weight_fiscal, round_.weight_green) == (120, 0.4, 0.25)
    assert "The round's own settings are unchanged" in out.getvalue()


def test_a_plain_screen_uses_settings_saved_on_the_round(year_2021):
    call_command("screen", "--year", "2021", stdout=StringIO())
    round_ = ScreeningRound.objects.get(cohort__year=2021)
    round_.quota, round_.weight_fiscal, round_.weight_green = 2, 0.5, 0.15
    round_.save()

    call_command("screen", "--year", "2021", stdout=StringIO())

    latest = ScreeningRun.objects.order_by("-number").first()
    assert latest.parameters["quota"] == 2
    assert latest.parameters["weights"] == {"fiscal": 0.5, "governance": 0.35, "green": 0.15}


def test_the_help_says_quota_and_weights_are_for_that_run_only():
    help_text = Command().create_parser("manage.py", "screen").format_help()

    assert "this run only" in " ".join(help_text.split())


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("fiscal=0.5,governance=0.5,green=0.5", "sum to 1"),
        ("fiscal=0.5,governance=0.5", "Missing weight"),
        ("fiscal=-0.5,governance=1,green=0.5", ">= 0"),
        ("fiskal=1,governance=0,green=0", "Unknown weight"),
    ],
)
def test_screen_refuses_bad_weights_and_records_nothing(year_2021, weights, message):
    with pytest.raises(CommandError, match=message):
        call_command("screen", "--year", "2021", "--weights", weights, stdout=StringIO())

    assert not ScreeningRun.objects.exists()
    assert not Cohort.objects.filter(year=2021).exists()


def test_screen_on_a_year_without_data_fails_clearly(db):
    with pytest.raises(CommandError, match="Belum ada data indikator untuk tahun 1999"):
        call_command("screen", "--year", "1999", stdout=StringIO())

    assert not Cohort.objects.filter(year=1999).exists()
