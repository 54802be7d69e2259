"""`manage.py propose_selection`: its errors, each with a clear message and a non-zero exit."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.assessment.builders_results import small_cohort


def run(*args):
    call_command("propose_selection", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_an_unknown_year_is_an_error_naming_the_cohorts(world):
    with pytest.raises(CommandError, match="There is no cohort for 2031. Cohorts: 2018."):
        run("--year", "2031", "--out", "-")


def test_a_cohort_without_complete_panels_has_nothing_to_propose(world):
    with pytest.raises(CommandError, match="nothing to propose"):
        run("--year", "2018", "--out", "-")


@pytest.mark.parametrize(
    "args", [["--quota", "0"], ["--max-per-province", "0"], ["--min-per-island-group", "x"]]
)
def test_out_of_range_options_are_refused(world, args):
    with pytest.raises(CommandError, match="invalid"):
        run("--year", "2018", *args, "--out", "-")


def test_an_unwritable_path_is_an_error(world, tmp_path):
    small_cohort(world, quota=2)

    with pytest.raises(CommandError, match="Cannot write"):
        run("--year", "2018", "--out", str(tmp_path / "missing" / "usulan.csv"))
