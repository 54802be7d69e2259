"""The evaluation's arithmetic: the published results it must reproduce, and its properties."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation import method

D = Decimal


def parts(*values):
    return dict(zip(method.PARTS, (D(v) for v in values), strict=True))


@pytest.mark.parametrize(
    ("scores", "published"),
    [
        # Kota Jambi (15.71), 2024: rank 13 of 191.
        (("3.84", "3.18", "3.53", "3.63", "3.35"), D("3.48")),
        # Kota Kediri (35.71), 2022: rank 22, up from 3.06 in 2021.
        (("3.60", "3.21", "3.23", "3.07", "3.65"), D("3.31")),
    ],
    ids=["jambi-2024", "kediri-2022"],
)
def test_the_default_weights_reproduce_the_published_index(scores, published):
    shown = method.display(method.index(parts(*scores), method.DEFAULT_WEIGHTS))
    # The published part scores are themselves rounded to two decimals, hence ±0.01.
    assert abs(shown - published) <= D("0.01")


def test_jambis_index_is_kept_with_more_precision_than_shown():
    kept = method.index(parts("3.84", "3.18", "3.53", "3.63", "3.35"), method.DEFAULT_WEIGHTS)
    assert kept == D("3.475000")
    assert method.display(kept) == D("3.48")  # half up, as the ministry rounds


def test_the_change_is_between_the_indices_as_shown():
    assert method.change(D("3.690000"), D("3.265000")) == D("0.42")  # 3.69 − 3.27, not 0.425
    assert method.change(D("3"), None) is None


def test_kediris_change_against_2021_is_a_quarter_point():
    kept = method.index(parts("3.60", "3.21", "3.23", "3.07", "3.65"), method.DEFAULT_WEIGHTS)
    assert abs(method.display(method.change(kept, D("3.06"))) - D("0.25")) <= D("0.01")


def test_weights_that_do_not_sum_to_one_are_refused():
    weights = dict(method.DEFAULT_WEIGHTS, impact=D("0.30"))
    assert method.weights_problem(weights) == "Jumlah bobot kelima bagian harus 1 (100%)."
    with pytest.raises(ValueError):
        method.index(parts(1, 1, 1, 1, 1), weights)


def test_negative_or_missing_weights_are_refused():
    assert method.weights_problem(dict(method.DEFAULT_WEIGHTS, baseline=D("-0.1"), output=D("0.4")))
    assert method.weights_problem({p: D("0.25") for p in method.PARTS[:4]})


def test_the_other_published_weighting_is_accepted():
    other = dict(zip(method.PARTS, map(D, ("0.1", "0.2", "0.3", "0.3", "0.1")), strict=True))
    assert method.weights_problem(other) is None


def test_ties_share_a_rank_and_the_next_rank_skips():
    ranks = method.competition_ranks({"a": D("3.5"), "b": D("3.1"), "c": D("3.5"), "d": D("2")})
    assert ranks == {"a": 1, "c": 1, "b": 3, "d": 4}


def test_a_region_without_an_index_is_not_ranked():
    assert method.competition_ranks({"a": None, "b": D(1)}) == {"a": None, "b": 1}


def test_ranks_within_groups_start_at_one_in_each():
    values = {"a": D(3), "b": D(4), "c": D(2), "d": D(5)}
    groups = {"a": "p1", "b": "p1", "c": "p2", "d": None}
    assert method.grouped_ranks(values, groups) == {"a": 2, "b": 1, "c": 1, "d": None}


def test_top_keeps_everyone_tied_at_the_cut_off():
    values = {"a": D(4), "b": D(3), "c": D(3), "d": D(2)}
    assert method.top(values, 2) == ["a", "b", "c"]
    assert method.top(values, 1) == ["a"]


def test_award_candidates_are_chosen_per_dimension_and_skip_missing_scores():
    rows = [
        ("a", {"governance": D(4), "branding": None}),
        ("b", {"governance": D(3), "branding": D(2)}),
    ]
    chosen = method.award_candidates(rows, 1)
    assert chosen["governance"] == ["a"]
    assert chosen["branding"] == ["b"]
    assert chosen["economy"] == []


scores = st.decimals(min_value=0, max_value=5, places=2)
part_scores = st.fixed_dictionaries(dict.fromkeys(method.PARTS, scores))


@st.composite
def weights(draw):
    """Five non-negative weights in hundredths that sum to exactly 1."""
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=4, max_size=4)))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    return {p: D(s) / 100 for p, s in zip(method.PARTS, shares, strict=True)}


# No deadline: on a loaded shared machine one example can take longer than 200 ms.
@settings(deadline=None)
@given(part_scores, weights())
def test_the_index_stays_within_the_part_scores(parts_, weights_):
    assert sum(weights_.values()) == 1
    value = method.index(parts_, weights_)
    assert min(parts_.values()) - D("0.000001") <= value <= max(parts_.values()) + D("0.000001")
    assert 0 <= method.display(value) <= 5


@settings(deadline=None)
@given(scores, weights())
def test_equal_parts_give_that_score_whatever_the_weights(score, weights_):
    assert method.index(dict.fromkeys(method.PARTS, score), weights_) == method.keep(score)


@settings(deadline=None)
@given(st.dictionaries(st.integers(0, 60), st.decimals(0, 5, places=1), min_size=1))
def test_competition_ranks_count_the_regions_ahead(values):
    ranks = method.competition_ranks(values)
    for key, value in values.items():
        ahead = sum(1 for other in values.values() if other > value)
        assert ranks[key] == ahead + 1
    # Equal values share a rank; a better value never ranks behind a worse one.
    for a in values:
        for b in values:
            if values[a] == values[b]:
                assert ranks[a] == ranks[b]
            elif values[a] > values[b]:
                assert ranks[a] < ranks[b]
