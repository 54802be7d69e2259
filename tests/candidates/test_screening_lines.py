"""`candidates.selectors.screening_lines`: each cohort's screening as it stands, for the
national dashboard: the confirmed run, or the latest run while none is confirmed."""

from candidates.selectors import runs_of_record, screening_lines
from candidates.services import screening_round_for_cohort, screening_run
from tests.candidates.helpers import indicators_for, screened_world
from tests.factories import CohortFactory, RegionFactory


def test_a_confirmed_round_is_read_from_its_confirmed_run(world):
    run = screened_world(world, confirm=True)
    lines = screening_lines()
    assert {(line.region_code, line.run_id, line.confirmed) for line in lines} == {
        ("33.11", run.pk, True),
        ("32.73", run.pk, True),
    }
    first = next(line for line in lines if line.region_code == "33.11")
    assert (first.cohort_year, first.status, first.rank) == (2018, "shortlisted", 1)
    assert first.status_label == "Daftar pendek"


def test_an_unconfirmed_round_is_read_from_its_latest_run(world):
    first = screened_world(world, confirm=False)
    round_ = screening_round_for_cohort(cohort=world.cohort)
    round_.weight_fiscal, round_.weight_green = 0.25, 0.40
    round_.save()
    latest = screening_run(round_=round_, by=world.staff)
    assert latest.pk != first.pk
    assert runs_of_record() == {latest.pk: (2018, False)}
    assert {line.run_id for line in screening_lines()} == {latest.pk}


def test_lines_come_oldest_cohort_first_and_can_be_one_regions(world, django_assert_num_queries):
    screened_world(world, confirm=False)
    cohort = CohortFactory(year=2019)
    extra = RegionFactory(code="35.01")
    indicators_for({world.region: (1, 2, 3), extra: (3, 2, 1)}, year=2019)
    screening_run(round_=screening_round_for_cohort(cohort=cohort), by=world.staff)
    # 1. each round's run of record, 2. their lines.
    with django_assert_num_queries(2):
        lines = screening_lines(region=world.region)
    assert [(line.region_code, line.cohort_year) for line in lines] == [
        ("33.11", 2018),
        ("33.11", 2019),
    ]
    assert [line.cohort_year for line in screening_lines(cohort_years=[2019])] == [2019, 2019]


def test_no_round_means_no_lines_and_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert screening_lines() == []
