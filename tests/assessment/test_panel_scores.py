"""`assessment.selectors.panel_scores`: the panel means and ranks of many cohorts at once, for
the national dashboard, the same as each cohort's results page."""

from assessment.models import ScoreSheet
from assessment.selectors import panel_scores
from assessment.services.results import cohort_results
from tests.assessment.builders_results import (
    assessor,
    candidate,
    scored_cohort,
    sheet,
    small_cohort,
    small_rubric,
)
from tests.factories import CohortFactory


def test_the_scores_of_every_cohort_are_those_of_its_results_page(world):
    small_cohort(world)
    other = CohortFactory(year=2019)
    scored_cohort(other, candidates=7, assessors=3, by=world.staff)

    scores = panel_scores()

    for cohort in (world.cohort, other):
        rows = [row for row in cohort_results(cohort=cohort) if row.rank is not None]
        assert {row.candidate.pk: (row.mean, row.rank) for row in rows} == {
            pk: (s.mean, s.rank) for pk, s in scores.items() if s.cohort_id == cohort.pk
        }
    assert len(scores) == 3 + 7


def test_the_hand_computed_cohort_scores_75_62_5_and_31_25(world):
    _, (x, y, z), _ = small_cohort(world)
    scores = panel_scores(cohort_ids=[world.cohort.pk])
    assert [(scores[c.pk].mean, scores[c.pk].rank) for c in (x, y, z)] == [
        (75.0, 1),
        (62.5, 2),
        (31.25, 3),
    ]


def test_drafts_and_half_filled_sheets_do_not_count(world):
    cohort = world.cohort
    small_rubric(cohort, 1, 1)
    ani, budi = assessor("ani"), assessor("budi")
    drafted = candidate(cohort, "35.01")
    sheet(drafted, ani, [5, 5], by=world.staff, submitted=False)
    half = candidate(cohort, "35.02")
    sheet(half, ani, [5], by=world.staff)
    counted = candidate(cohort, "35.03")
    sheet(counted, budi, [3, 3], by=world.staff)

    assert set(panel_scores()) == {counted.pk}
    assert ScoreSheet.objects.count() == 3


def test_one_cohort_is_read_alone_in_two_queries(world, django_assert_num_queries):
    small_cohort(world)
    other = CohortFactory(year=2019)
    scored_cohort(other, candidates=4, assessors=2, by=world.staff)
    # 1. the rubrics' criteria, 2. the counted scores.
    with django_assert_num_queries(2):
        scores = panel_scores(cohort_ids=[other.pk])
    assert {s.cohort_id for s in scores.values()} == {other.pk}
    with django_assert_num_queries(2):
        assert len(panel_scores()) == 3 + 4
