"""The verification's arithmetic (evaluation/verification.py): flags, final and part scores."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from evaluation.verification import (
    Scored,
    disagreement,
    final_score,
    grouped_scores,
    survey_score,
    weighted_mean,
)

levels = st.integers(min_value=0, max_value=5)


def test_evaluators_one_point_apart_are_not_flagged():
    assert disagreement(3, [3, 4]) == []


def test_evaluators_two_points_apart_are_flagged():
    assert disagreement(None, [2, 4]) == ["evaluators"]


def test_an_evaluator_two_points_from_the_region_is_flagged():
    assert disagreement(5, [3, 3]) == ["region"]


def test_an_unscored_evaluator_disagrees_with_nobody():
    assert disagreement(1, [None, None]) == []


@given(region=st.one_of(st.none(), levels), scores=st.lists(levels, min_size=1, max_size=4))
def test_flagged_exactly_when_some_pair_is_more_than_one_point_apart(region, scores):
    pairs = [(a, b) for a in scores for b in scores]
    if region is not None:
        pairs += [(region, s) for s in scores]
    assert bool(disagreement(region, scores)) == any(abs(a - b) > 1 for a, b in pairs)


def test_the_final_score_is_the_mean_without_reconciliation():
    assert final_score([3, 4], None) == Decimal("3.5")


def test_a_reconciled_score_replaces_the_mean():
    assert final_score([1, 4], 3) == Decimal(3)


@given(scores=st.lists(levels, min_size=1, max_size=5))
def test_a_final_score_lies_between_the_lowest_and_highest_score(scores):
    assert min(scores) <= final_score(scores, None) <= max(scores)


def test_a_survey_score_is_the_mean_of_the_answers_given():
    assert survey_score([4, 5, None, 3]) == Decimal(4)
    assert survey_score([None]) is None


def test_part_scores_keep_six_decimals():
    items = [
        Scored("output", "governance", Decimal(1), Decimal(3)),
        Scored("output", "economy", Decimal(1), Decimal(3)),
        Scored("output", "living", Decimal(1), Decimal(4)),
        Scored("impact", "living", Decimal(1), Decimal("3.5")),
    ]
    parts = grouped_scores(items, "part")
    assert parts == {"output": Decimal("3.333333"), "impact": Decimal("3.500000")}
    assert grouped_scores(items, "dimension")["living"] == Decimal("3.750000")


def test_weights_within_a_part_count():
    items = [
        Scored("output", "governance", Decimal(3), Decimal(4)),
        Scored("output", "economy", Decimal(1), Decimal(0)),
    ]
    assert weighted_mean(items) == Decimal("3.000000")


@given(st.lists(st.tuples(levels, st.integers(0, 3)), min_size=1, max_size=8))
def test_a_part_score_stays_within_0_and_5(pairs):
    items = [Scored("output", "governance", Decimal(w), Decimal(s)) for s, w in pairs]
    assert Decimal(0) <= weighted_mean(items) <= Decimal(5)
