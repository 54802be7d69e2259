"""Tests for the readiness-assessment panel aggregation (pure Python, no Django).

Expected numbers are worked out by hand in the comments. Sheet scores use
score = 100 * (weighted mean - 1) / 4 = 25 * (weighted mean - 1), so 1 -> 0, 3 -> 50, 5 -> 100.
"""

import math
import random
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assessment.aggregation import (
    CandidateAggregate,
    Criterion,
    Score,
    aggregate,
    assessor_score,
    normalise,
    z_scores,
)


def rubric(*weights):
    """Criteria 1..n with the given weights."""
    return {i: Criterion(i, w) for i, w in enumerate(weights, start=1)}


def sheet(candidate, assessor, *values):
    """One assessor's scores for one candidate, for criteria 1..n in order."""
    return [Score(candidate, assessor, k, v) for k, v in enumerate(values, start=1)]


def by_id(results):
    return {r.candidate_id: r for r in results}


def approx(x):
    return pytest.approx(x, abs=1e-9)


# --- one sheet -----------------------------------------------------------------------------------


def test_weights_decide_which_criterion_counts_more():
    criteria = rubric(3, 1)
    # (3*5 + 1*1) / 4 = 16/4 = 4  -> 25 * (4 - 1) = 75   (unweighted: mean 3 -> 50)
    assert assessor_score(sheet(1, 10, 5, 1), criteria) == 75.0
    # (3*1 + 1*5) / 4 = 8/4 = 2   -> 25 * (2 - 1) = 25   (unweighted: mean 3 -> 50)
    assert assessor_score(sheet(1, 10, 1, 5), criteria) == 25.0


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0)]
)
def test_values_1_to_5_map_linearly_onto_0_to_100(value, expected):
    # The same value everywhere gives a weighted mean of exactly that value, whatever the weights.
    assert assessor_score(sheet(1, 10, value, value, value), rubric(1, 2, 3.5)) == expected


def test_assessor_score_of_an_empty_sheet_is_none():
    assert assessor_score([], rubric(1, 1)) is None


def test_assessor_score_of_a_partial_sheet_uses_only_the_criteria_scored():
    # Criterion 3 (weight 2) not scored: (1*5 + 1*3) / 2 = 4 -> 75
    scores = [Score(1, 10, 1, 5), Score(1, 10, 2, 3)]
    assert assessor_score(scores, rubric(1, 1, 2)) == 75.0


def test_assessor_score_rejects_scores_of_more_than_one_sheet():
    with pytest.raises(ValueError, match="more than one sheet"):
        assessor_score(sheet(1, 10, 3) + sheet(1, 20, 3), rubric(1))


def test_fractional_weights_give_the_same_score_in_any_input_order():
    criteria = rubric(0.1, 0.2, 0.7, 0.3)
    scores = sheet(1, 10, 2, 5, 4, 1)
    # (0.2 + 1.0 + 2.8 + 0.3) / 1.3 = 4.3 / 1.3 = 3.3077 -> 25 * 2.3077 = 57.6923
    assert assessor_score(scores, criteria) == pytest.approx(25 * (4.3 / 1.3 - 1))
    assert assessor_score(scores, criteria) == assessor_score(reversed(scores), criteria)


# --- panel statistics ----------------------------------------------------------------------------


def test_mean_spread_and_population_stdev_of_the_panel():
    scores = sheet(1, 10, 2) + sheet(1, 20, 3) + sheet(1, 30, 5)  # 25, 50, 100
    (result,) = aggregate(scores, rubric(1))
    assert result.assessor_scores == {10: 25.0, 20: 50.0, 30: 100.0}
    # mean = (25 + 50 + 100) / 3 = 175/3 = 58.333...
    assert result.mean == approx(175 / 3)
    # spread = 100 - 25 = 75
    assert result.spread == 75.0
    # deviations -100/3, -25/3, 125/3 -> squares (10000 + 625 + 15625) / 9 = 26250/9;
    # population variance = 26250/27 = 972.22 -> stdev = 31.1805
    assert result.stdev == approx(math.sqrt(26250 / 27))
    assert result.disagreement is True  # 75 > 15


def test_a_single_assessor_has_no_spread_and_no_disagreement():
    (result,) = aggregate(sheet(1, 10, 4, 2), rubric(1, 1))  # (4 + 2) / 2 = 3 -> 50
    assert (result.mean, result.spread, result.stdev, result.disagreement) == (
        50.0,
        0.0,
        0.0,
        False,
    )


def test_identical_assessor_scores_have_exactly_that_mean():
    # Weights 0.1, 0.7 and values (4, 3): (0.4 + 2.1) / 0.8 = 3.125 -> 53.125 (53.125000000000014
    # in floats). Summing three of those and dividing by 3 lands one float above (...02), which
    # would put the mean outside [min, max]; the mean is kept within the assessor scores.
    scores = [s for a in (10, 20, 30) for s in sheet(1, a, 4, 3)]
    (result,) = aggregate(scores, rubric(0.1, 0.7))
    assert result.mean == result.assessor_scores[10] == pytest.approx(53.125)
    assert (result.spread, result.stdev) == (0.0, 0.0)


# Five equally weighted criteria. Assessor 10: all 4s -> 75.
# Assessor 20: 3,3,3,4,4 -> (17 - 5) * 25 / 5 = 60, so the spread is 75 - 60 = 15 exactly.
AT_MARGIN = sheet(1, 10, 4, 4, 4, 4, 4) + sheet(1, 20, 3, 3, 3, 4, 4)


def test_a_spread_exactly_at_the_margin_is_not_a_disagreement():
    (result,) = aggregate(AT_MARGIN, rubric(1, 1, 1, 1, 1), margin=15.0)
    assert result.spread == 15.0
    assert result.disagreement is False


def test_a_spread_just_above_the_margin_is_a_disagreement():
    # The same 15-point spread against the largest margin below 15 (14.999999999999998).
    (result,) = aggregate(AT_MARGIN, rubric(1, 1, 1, 1, 1), margin=math.nextafter(15.0, 0.0))
    assert result.disagreement is True


def test_the_next_step_on_the_rubric_above_the_default_margin_is_a_disagreement():
    # Assessor 20: 3,3,3,3,4 -> (16 - 5) * 25 / 5 = 55; spread 75 - 55 = 20 > 15
    scores = sheet(1, 10, 4, 4, 4, 4, 4) + sheet(1, 20, 3, 3, 3, 3, 4)
    (result,) = aggregate(scores, rubric(1, 1, 1, 1, 1))
    assert (result.spread, result.disagreement) == (20.0, True)


def test_float_noise_in_the_spread_does_not_raise_the_flag():
    # Weights 0.1 and 0.2: assessor 10 (2, 5) -> (0.2 + 1.0) / 0.3 = 4 -> 75;
    # assessor 20 (1, 4) -> (0.1 + 0.8) / 0.3 = 3 -> 50 (in floats 49.99999999999999).
    # The spread is exactly the 25-point margin; only float noise (25.000000000000007) is above.
    scores = sheet(1, 10, 2, 5) + sheet(1, 20, 1, 4)
    (result,) = aggregate(scores, rubric(0.1, 0.2), margin=25.0)
    assert result.spread == approx(25.0)
    assert result.disagreement is False


# --- normalisation -------------------------------------------------------------------------------


def test_a_harsh_assessor_is_corrected_by_the_z_scores():
    # Assessor 20 is always one point below assessor 10 (one criterion).
    #   candidate:     1    2    3
    #   assessor 10:   5    4    3  -> 100, 75, 50   mu 75, sigma sqrt((625 + 0 + 625) / 3)
    #   assessor 20:   4    3    2  ->  75, 50, 25   mu 50, same sigma = 20.4124
    # z for both assessors: +25/20.4124 = +sqrt(1.5), 0, -sqrt(1.5)
    # All six scores: mean 375/6 = 62.5; squared deviations 37.5^2 * 2 + 12.5^2 * 4 = 3437.5,
    # population variance 3437.5 / 6 = 572.9167.
    # normalised = 62.5 + z * sqrt(572.9167) = 62.5 +- sqrt(1.5 * 572.9167) = 62.5 +- sqrt(859.375)
    #            = 91.8151, 62.5, 33.1849 -- the same for both assessors.
    scores = []
    for candidate, value in [(1, 5), (2, 4), (3, 3)]:
        scores += sheet(candidate, 10, value) + sheet(candidate, 20, value - 1)
    results = by_id(aggregate(scores, rubric(1)))
    expected = {1: 62.5 + math.sqrt(859.375), 2: 62.5, 3: 62.5 - math.sqrt(859.375)}
    for candidate, value in expected.items():
        result = results[candidate]
        assert result.normalised_scores == {10: approx(value), 20: approx(value)}
        assert result.normalised_mean == approx(value)
    # Raw means keep the harshness: (100 + 75) / 2 = 87.5, (75 + 50) / 2 = 62.5, 37.5
    assert [results[c].mean for c in (1, 2, 3)] == [87.5, 62.5, 37.5]
    assert [results[c].disagreement for c in (1, 2, 3)] == [True, True, True]  # 25 > 15


def test_an_assessor_who_gives_everyone_the_same_score_gets_z_zero():
    #   candidate:     1    2    3
    #   assessor 10:   4    4    4  ->  75, 75, 75   sigma 0 -> z = 0, 0, 0
    #   assessor 20:   5    3    1  -> 100, 50,  0   mu 50, sigma sqrt(5000/3) -> z = +-sqrt(1.5), 0
    # All six: mean 375/6 = 62.5; squared deviations 3 * 12.5^2 + 37.5^2 + 12.5^2 + 62.5^2
    #   = 468.75 + 1406.25 + 156.25 + 3906.25 = 5937.5, variance 5937.5/6 = 989.5833.
    # Assessor 10 normalised: 62.5 for everyone.
    # Assessor 20 normalised: 62.5 +- sqrt(1.5 * 989.5833) = 62.5 +- sqrt(1484.375) (38.5276), 62.5.
    # normalised_mean = (62.5 + 62.5 +- 38.5276) / 2 = 62.5 +- 19.2638 = 81.7638, 62.5, 43.2362
    scores = []
    for candidate, value in [(1, 5), (2, 3), (3, 1)]:
        scores += sheet(candidate, 10, 4) + sheet(candidate, 20, value)
    results = by_id(aggregate(scores, rubric(1)))
    d = math.sqrt(1484.375)
    assert results[1].normalised_scores == {10: approx(62.5), 20: approx(62.5 + d)}
    assert results[3].normalised_scores == {10: approx(62.5), 20: approx(62.5 - d)}
    assert [results[c].normalised_mean for c in (1, 2, 3)] == [
        approx(62.5 + d / 2),
        approx(62.5),
        approx(62.5 - d / 2),
    ]


def test_an_assessor_whose_scores_differ_only_by_float_noise_gets_z_zero():
    # Weights 0.1, 0.2, 0.7 (sum 1). Assessor 10 gives candidate 1 (1, 1, 4): 0.1 + 0.2 + 2.8 = 3.1
    # and candidate 2 (2, 4, 3): 0.2 + 0.8 + 2.1 = 3.1, both 25 * 2.1 = 52.5 -- but in floats
    # 52.49999999999999 and 52.5. Without a noise threshold on sigma that 7e-15 difference would
    # become z = -1 and +1. Assessor 20 gives 5s (100) and 1s (0) so the panel has a spread.
    # Overall {52.5, 52.5, 100, 0}: mean 51.25, so assessor 10's sheets both normalise to 51.25.
    criteria = rubric(0.1, 0.2, 0.7)
    scores = sheet(1, 10, 1, 1, 4) + sheet(2, 10, 2, 4, 3)
    scores += sheet(1, 20, 5, 5, 5) + sheet(2, 20, 1, 1, 1)
    results = by_id(aggregate(scores, criteria))
    assert results[1].assessor_scores[10] != results[2].assessor_scores[10]  # the float noise
    assert results[1].normalised_scores[10] == approx(51.25)
    assert results[2].normalised_scores[10] == approx(51.25)


def test_an_assessor_who_scored_one_candidate_gets_z_zero_and_ties_break_on_the_raw_mean():
    # Assessor 10 scored only candidate 1 (3 -> 50), assessor 20 only candidate 2 (5 -> 100).
    # Both z = 0, so both normalised = overall mean (50 + 100) / 2 = 75: a tie broken by raw mean.
    scores = sheet(1, 10, 3) + sheet(2, 20, 5)
    results = aggregate(scores, rubric(1))
    assert [r.candidate_id for r in results] == [2, 1]
    assert [(r.mean, r.normalised_mean) for r in results] == [(100.0, 75.0), (50.0, 75.0)]
    assert [(r.rank, r.normalised_rank) for r in results] == [(1, 1), (2, 2)]


def test_when_every_sheet_scores_the_same_the_normalised_score_is_that_score():
    scores = [s for c in (1, 2) for a in (10, 20) for s in sheet(c, a, 3, 3)]  # all 50
    results = aggregate(scores, rubric(1, 2))
    assert [r.normalised_mean for r in results] == [50.0, 50.0]
    assert [r.rank for r in results] == [1, 2]  # full tie: candidate id


def test_z_scores_and_normalise_of_nothing_are_empty():
    assert z_scores({}) == {}
    assert normalise({}) == {}


# --- complete sheets -----------------------------------------------------------------------------


# Two equally weighted criteria.
#   candidate 1: assessor 10 scores both (5, 5 -> 100); assessor 20 only criterion 1 (1 -> 0).
#   candidate 2: only assessor 30, only criterion 2 (4 -> 75).
PARTIAL = (
    sheet(1, 10, 5, 5) + [Score(1, 20, 1, 1)] + [Score(2, 30, 2, 4)]  # criterion 2 only
)


def test_incomplete_sheets_are_ignored_by_default():
    first, second = aggregate(PARTIAL, rubric(1, 1))
    assert (first.candidate_id, first.assessor_scores, first.mean) == (1, {10: 100.0}, 100.0)
    assert (first.spread, first.disagreement, first.rank) == (0.0, False, 1)
    # Candidate 2 has only an incomplete sheet: reported, but unranked.
    assert second == CandidateAggregate(
        candidate_id=2,
        assessor_scores={},
        mean=None,
        spread=None,
        stdev=None,
        disagreement=False,
        normalised_mean=None,
        rank=None,
        normalised_rank=None,
    )


def test_incomplete_sheets_count_when_complete_only_is_off():
    results = by_id(aggregate(PARTIAL, rubric(1, 1), complete_only=False))
    # candidate 1: (100 + 0) / 2 = 50, spread 100; candidate 2: 75
    assert results[1].assessor_scores == {10: 100.0, 20: 0.0}
    assert (results[1].mean, results[1].spread, results[1].disagreement) == (50.0, 100.0, True)
    assert (results[2].mean, results[2].rank, results[1].rank) == (75.0, 1, 2)


# --- ranking -------------------------------------------------------------------------------------


def test_a_tie_on_the_mean_is_broken_by_the_normalised_mean():
    # One criterion.
    #   candidate:      1    2    3
    #   assessor 10:    3    5    3  ->  50, 100, 50   mu 200/3, sigma sqrt(5000/9) = 23.5702
    #   assessor 20:    5    3    1  -> 100,  50,  0   mu 50, sigma sqrt(5000/3) = 40.8248
    # Raw means: 75, 75, 25 -- candidates 1 and 2 tie.
    # z (assessor 10): -sqrt(0.5), +sqrt(2), -sqrt(0.5);  z (assessor 20): +sqrt(1.5), 0, -sqrt(1.5)
    # mean z: candidate 1 (sqrt(1.5) - sqrt(0.5)) / 2 = 0.2588; candidate 2 sqrt(2) / 2 = 0.7071
    # All six {0, 50, 50, 50, 100, 100}: mean 350/6 = 58.333, variance 7083.33/6, sd 34.3592
    # normalised_mean = 58.333 + mean z * 34.3592 = 67.2262 (1), 82.6290 (2), 25.1404 (3)
    # So candidate 2 ranks above candidate 1 although its id is higher.
    scores = []
    for candidate, v10, v20 in [(1, 3, 5), (2, 5, 3), (3, 3, 1)]:
        scores += sheet(candidate, 10, v10) + sheet(candidate, 20, v20)
    results = aggregate(scores, rubric(1))
    assert [r.candidate_id for r in results] == [2, 1, 3]
    assert [r.mean for r in results] == [75.0, 75.0, 25.0]
    sd = math.sqrt(7083.333333333333 / 6)
    assert results[0].normalised_mean == approx(350 / 6 + math.sqrt(0.5) * sd)
    assert results[1].normalised_mean == approx(
        350 / 6 + (math.sqrt(1.5) - math.sqrt(0.5)) / 2 * sd
    )
    assert [(r.rank, r.normalised_rank) for r in results] == [(1, 1), (2, 2), (3, 3)]


def test_a_full_tie_is_broken_by_the_lower_candidate_id():
    # Candidates 7 and 3 get identical panels (4 and 2 -> 75, 25); candidate 5 gets 5 and 1.
    scores = []
    for candidate, v10, v20 in [(7, 4, 2), (5, 5, 1), (3, 4, 2)]:
        scores += sheet(candidate, 10, v10) + sheet(candidate, 20, v20)
    results = aggregate(scores, rubric(1))
    # Raw means (75 + 25) / 2 = 50 and (100 + 0) / 2 = 50 all tie.
    # Assessor 10 scored 75, 100, 75 and assessor 20 25, 0, 25: mirror images, so each
    # candidate's two z-scores cancel (-sqrt(0.5) + sqrt(0.5), +sqrt(2) - sqrt(2)) and the
    # normalised means tie too (up to float noise): the candidate id decides.
    assert [r.mean for r in results] == [50.0, 50.0, 50.0]
    assert [r.candidate_id for r in results] == [3, 5, 7]
    assert [r.normalised_rank for r in results] == [1, 2, 3]


def test_the_normalised_rank_corrects_for_a_harsh_assessor_on_another_panel():
    # Lenient assessor 10 sits on the panels of candidates 1 and 2, harsh assessor 20 on 3 and 4.
    #   candidate 1: a10 5 -> 100    candidate 3: a20 3 -> 50
    #   candidate 2: a10 4 ->  75    candidate 4: a20 2 -> 25
    # Raw ranks: 1, 2, 3, 4.
    # z: a10 mu 87.5, sigma 12.5 -> +1 (1), -1 (2);  a20 mu 37.5, sigma 12.5 -> +1 (3), -1 (4)
    # Overall {100, 75, 50, 25}: mean 62.5, variance (37.5^2 + 12.5^2 + 12.5^2 + 37.5^2) / 4
    # = 781.25, sd 27.9508. Normalised: 1 and 3 -> 62.5 + 27.9508 = 90.4508 (tie, broken by the
    # raw mean: 1 first), 2 and 4 -> 62.5 - 27.9508 = 34.5492 (2 first).
    scores = sheet(1, 10, 5) + sheet(2, 10, 4) + sheet(3, 20, 3) + sheet(4, 20, 2)
    results = aggregate(scores, rubric(1))
    assert [(r.candidate_id, r.rank, r.normalised_rank) for r in results] == [
        (1, 1, 1),
        (2, 2, 3),
        (3, 3, 2),
        (4, 4, 4),
    ]
    sd = math.sqrt(781.25)
    assert [r.normalised_mean for r in results] == [
        approx(62.5 + sd),
        approx(62.5 - sd),
        approx(62.5 + sd),
        approx(62.5 - sd),
    ]


def test_candidates_without_counted_sheets_come_last_ordered_by_id():
    scores = sheet(9, 10, 2, 2) + [Score(4, 10, 1, 5)] + sheet(6, 10, 3, 3)
    results = aggregate(scores, rubric(1, 1), candidate_ids=[8, 1, 6])
    # 6 (50) and 9 (25) are ranked; 4 (incomplete) and 1, 8 (no score at all) are not.
    assert [(r.candidate_id, r.rank, r.normalised_rank) for r in results] == [
        (6, 1, 1),
        (9, 2, 2),
        (1, None, None),
        (4, None, None),
        (8, None, None),
    ]
    assert all(r.mean is None and r.assessor_scores == {} for r in results[2:])


def test_no_scores_give_no_results():
    assert aggregate([], rubric(1)) == []


def test_the_input_order_does_not_change_the_result():
    rng = random.Random(7)
    criteria = rubric(0.1, 0.7, 0.2)
    scores = [
        Score(c, a, k, rng.randint(1, 5)) for c in range(1, 6) for a in (1, 2, 3) for k in (1, 2, 3)
    ]
    shuffled = scores[:]
    rng.shuffle(shuffled)
    assert aggregate(shuffled, criteria) == aggregate(scores, criteria)


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 6, -1, 2.5, float("nan")])
def test_a_score_outside_1_to_5_is_rejected(value):
    with pytest.raises(ValueError, match="1..5"):
        aggregate([Score(1, 10, 1, value)], rubric(1))
    with pytest.raises(ValueError, match="1..5"):
        assessor_score([Score(1, 10, 1, value)], rubric(1))


def test_an_unknown_criterion_is_rejected():
    with pytest.raises(ValueError, match="Unknown criterion id 3"):
        aggregate([Score(1, 10, 3, 4)], rubric(1, 1))


def test_a_duplicate_score_is_rejected():
    scores = sheet(1, 10, 4, 4) + [Score(1, 10, 2, 3)]
    with pytest.raises(
        ValueError, match="Duplicate score for candidate 1, assessor 10, criterion 2"
    ):
        aggregate(scores, rubric(1, 1))


@pytest.mark.parametrize("weight", [0, -1.0, float("nan"), float("inf"), "heavy"])
def test_a_criterion_needs_a_positive_finite_weight(weight):
    with pytest.raises(ValueError, match="Weight of criterion 1"):
        Criterion(1, weight)


@pytest.mark.parametrize("weight", [0, -0.5])
def test_aggregate_rejects_a_non_positive_weight_even_on_duck_typed_criteria(weight):
    criteria = {1: SimpleNamespace(id=1, weight=weight)}
    with pytest.raises(ValueError, match="must be > 0"):
        aggregate(sheet(1, 10, 3), criteria)


def test_a_criterion_filed_under_another_id_is_rejected():
    with pytest.raises(ValueError, match="filed under id 1"):
        aggregate(sheet(1, 10, 3), {1: Criterion(2, 1.0)})


def test_a_negative_margin_is_rejected():
    with pytest.raises(ValueError, match="margin"):
        aggregate(sheet(1, 10, 3), rubric(1), margin=-1)


def test_a_decimal_weight_is_accepted_as_a_float():
    from decimal import Decimal

    assert Criterion(1, Decimal("1.5")).weight == 1.5


# --- properties ----------------------------------------------------------------------------------

WEIGHTS = st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 0.1, 0.7])


@st.composite
def panels(draw, holes=False):
    """(criteria, scores): up to 6 candidates x 4 assessors x 4 criteria.

    Each assessor scores any subset of the candidates; with ``holes`` a sheet may miss criteria.
    """
    n_criteria = draw(st.integers(1, 4))
    criteria = rubric(*draw(st.lists(WEIGHTS, min_size=n_criteria, max_size=n_criteria)))
    cell = st.sampled_from([None, 1, 2, 3, 4, 5]) if holes else st.integers(1, 5)
    scores = []
    for candidate in range(1, draw(st.integers(1, 6)) + 1):
        for assessor in range(1, draw(st.integers(1, 4)) + 1):
            if draw(st.booleans()):
                continue  # this assessor is not on this candidate's panel
            for k in criteria:
                value = draw(cell)
                if value is not None:
                    scores.append(Score(candidate, assessor, k, value))
    return criteria, scores


@settings(max_examples=150, deadline=None)
@given(panels(holes=True))
@example(  # found by CI on Python 3.13: the weighted sum of 5s rounded just above 100
    (rubric(0.1, 0.7), [Score(1, 1, 1, 5), Score(1, 1, 2, 5)])
)
def test_property_the_mean_lies_between_the_lowest_and_highest_assessor_score(panel):
    criteria, scores = panel
    for result in aggregate(scores, criteria):
        if result.rank is None:
            continue
        values = list(result.assessor_scores.values())
        assert min(values) <= result.mean <= max(values)
        assert result.spread == max(values) - min(values)
        assert 0 <= result.stdev <= result.spread / 2 + 1e-9
        norm = list(result.normalised_scores.values())
        assert min(norm) <= result.normalised_mean <= max(norm)
        assert all(0 <= v <= 100 for v in values)


@settings(max_examples=150, deadline=None)
@given(panels(holes=True), st.booleans())
def test_property_ranks_are_a_permutation_of_the_candidates_with_counted_sheets(panel, complete):
    criteria, scores = panel
    results = aggregate(scores, criteria, complete_only=complete)
    ranked = [r for r in results if r.assessor_scores]
    assert results[: len(ranked)] == ranked  # ranked candidates first
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))
    assert sorted(r.normalised_rank for r in ranked) == list(range(1, len(ranked) + 1))
    unranked = results[len(ranked) :]
    assert all(r.rank is None and r.normalised_rank is None for r in unranked)
    assert [r.candidate_id for r in unranked] == sorted(r.candidate_id for r in unranked)
    assert sorted(r.candidate_id for r in results) == sorted({s.candidate_id for s in scores})
    # The raw means agree with scoring each counted sheet on its own.
    for r in ranked:
        for assessor, value in r.assessor_scores.items():
            own = [
                s for s in scores if (s.candidate_id, s.assessor_id) == (r.candidate_id, assessor)
            ]
            assert value == assessor_score(own, criteria)
            if complete:
                assert len(own) == len(criteria)


@st.composite
def shifted_panels(draw):
    """(criteria, scores, shifted scores): assessor 1's values all raised by the same 1..3.

    Assessor 1 draws from 1..5-shift, so the shifted values stay within 1..5 without filtering.
    """
    shift = draw(st.integers(1, 3))
    n_criteria = draw(st.integers(1, 4))
    criteria = rubric(*draw(st.lists(WEIGHTS, min_size=n_criteria, max_size=n_criteria)))
    scores, shifted = [], []
    for candidate in range(1, draw(st.integers(2, 6)) + 1):
        for assessor in range(1, draw(st.integers(1, 4)) + 1):
            if draw(st.booleans()):
                continue
            top = 5 - shift if assessor == 1 else 5
            for k in criteria:
                value = draw(st.integers(1, top))
                scores.append(Score(candidate, assessor, k, value))
                moved = value + shift if assessor == 1 else value
                shifted.append(Score(candidate, assessor, k, moved))
    return criteria, scores, shifted


def sheet_scores(results):
    return {(r.candidate_id, a): v for r in results for a, v in r.assessor_scores.items()}


@settings(max_examples=150, deadline=None)
@given(shifted_panels())
def test_property_a_uniformly_harsher_assessor_changes_no_z_score_nor_normalised_order(panel):
    # Adding c to every value of one assessor adds 25c to each of their sheet scores, so their
    # mean moves by 25c and their sd is unchanged: every z-score stays the same. The normalised
    # means are overall_mean + overall_sd * (mean z) and the overall figures change, so the
    # *order* of the normalised means is what is preserved (exact ties are then broken on the raw
    # mean, which does change, so near-ties are left out of the comparison).
    criteria, scores, shifted = panel
    before, after = aggregate(scores, criteria), aggregate(shifted, criteria)
    z_before, z_after = z_scores(sheet_scores(before)), z_scores(sheet_scores(after))
    assert z_before.keys() == z_after.keys()
    for key, z in z_before.items():
        assert z_after[key] == pytest.approx(z, abs=1e-9)
    norm_before = {r.candidate_id: r.normalised_mean for r in before}
    norm_after = {r.candidate_id: r.normalised_mean for r in after}
    for i in norm_before:
        for j in norm_before:
            if norm_before[i] - norm_before[j] > 1e-6:
                assert norm_after[i] > norm_after[j]
