"""The balanced proposal (`assessment.equity`): optimal and within every rule, checked against
brute force on small random instances; the fallback when rules cannot all be met; ties."""

import itertools
import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.equity import (
    MAX_PER_PROVINCE,
    MIN_KABUPATEN,
    MIN_KOTA,
    MIN_PER_ISLAND_GROUP,
    Candidate,
    EquityError,
    Rules,
    propose,
    violations,
)

# Three provinces on two island groups, so caps and minimums interact.
PROVINCES = {"11": "sumatera", "12": "sumatera", "91": "papua"}


def ranked(rows) -> list[Candidate]:
    """Candidates from (province, kind, score) rows, ranked as the panel ranking does: score
    descending, ties by the order given (standing in for normalised mean, then id)."""
    order = sorted(range(len(rows)), key=lambda i: (-rows[i][2], i))
    rank = {i: r for r, i in enumerate(order, start=1)}
    return [
        Candidate(f"{p}.{i + 1:02d}", p, PROVINCES[p], kind, score, rank[i])
        for i, (p, kind, score) in enumerate(rows)
    ]


# --- brute force, written apart from the module on purpose ------------------------------------


def units(candidate):
    return round(candidate.score * 10_000)


def measure(combo, candidates, rules, quota):
    """(island groups' total shortfall, province cap excess, shares' total shortfall) of a
    selection: zeros when it meets every rule. The minimums, by the rules' wording: at least M
    per island group that has candidates who may be pulled in (at most as many as it has)."""
    top = {c.code for c in sorted(candidates, key=lambda c: c.rank)[:quota]}
    pullable = [
        c
        for c in candidates
        if rules.min_score is None or c.score >= rules.min_score or c.code in top
    ]
    island = 0
    if rules.min_per_island_group:
        have = Counter(c.island_group for c in pullable)
        got = Counter(c.island_group for c in combo)
        island = sum(max(0, min(rules.min_per_island_group, n) - got[g]) for g, n in have.items())
    province = 0
    if rules.max_per_province is not None:
        got = Counter(c.province for c in combo)
        province = max([0, *(n - rules.max_per_province for n in got.values())])
    share = 0
    kinds = Counter(c.kind for c in combo)
    for kind, percent in (
        ("kota", rules.min_kota_percent),
        ("kabupaten", rules.min_kabupaten_percent),
    ):
        if percent:
            share += max(0, math.ceil(percent * quota / 100) - kinds[kind])
    return (island, province, share), {c.code for c in pullable}


def brute_force(candidates, rules, quota):
    """Every selection of `quota` among those who may be chosen: the least relaxation
    (island, then province, then shares), and within it the best (total units, -rank sum)."""
    quota = min(quota, len(candidates))
    _, pullable = measure([], candidates, rules, quota)
    pool = [c for c in candidates if c.code in pullable]
    best = None
    for combo in itertools.combinations(pool, quota):
        relax, _ = measure(combo, candidates, rules, quota)
        key = (
            tuple(-v for v in relax),
            sum(units(c) for c in combo),
            -sum(c.rank for c in combo),
        )
        if best is None or key > best[0]:
            best = (key, combo)
    return best


rows = st.lists(
    st.tuples(
        st.sampled_from(sorted(PROVINCES)),
        st.sampled_from(["kota", "kabupaten"]),
        st.sampled_from([40.0, 55.5, 55.5, 62.25, 70.0, 81.125, 90.0]),  # repeats make ties
    ),
    min_size=1,
    max_size=9,
)
rules = st.builds(
    Rules,
    max_per_province=st.none() | st.integers(0, 4),
    min_per_island_group=st.none() | st.integers(0, 4),
    min_kota_percent=st.none() | st.sampled_from([0, 20, 50, 80]),
    min_kabupaten_percent=st.none() | st.sampled_from([0, 30, 60]),
    min_score=st.none() | st.sampled_from([50.0, 60.0, 75.0]),
)


@settings(max_examples=150, deadline=None)
@given(rows=rows, rules=rules, quota=st.integers(0, 6))
def test_the_proposal_is_optimal_and_meets_every_rule_brute_force_can(rows, rules, quota):
    candidates = ranked(rows)
    (relax_key, total, rank_sum), combo = brute_force(candidates, rules, quota)

    proposal = propose(candidates, rules, quota=quota)

    picked = [c for c in candidates if c.code in set(proposal.chosen)]
    assert len(picked) == min(quota, len(candidates))
    relax, pullable = measure(picked, candidates, rules, min(quota, len(candidates)))
    assert set(proposal.chosen) <= pullable
    # The same least relaxation as brute force (none when the rules can all be met)...
    assert tuple(-v for v in relax) == relax_key
    assert proposal.feasible == (relax == (0, 0, 0))
    # ...and within it the highest total, ties going to the better ranks.
    assert sum(units(c) for c in picked) == total
    assert -sum(c.rank for c in picked) == rank_sum


@settings(max_examples=60, deadline=None)
@given(rows=rows, rules=rules, quota=st.integers(0, 6))
def test_the_answer_does_not_depend_on_the_order_candidates_come_in(rows, rules, quota):
    candidates = ranked(rows)

    forward = propose(candidates, rules, quota=quota)
    backward = propose(list(reversed(candidates)), rules, quota=quota)

    assert forward == backward


def test_without_rules_the_proposal_is_the_ranking():
    candidates = ranked([("11", "kota", 90.0), ("11", "kota", 80.0), ("91", "kabupaten", 70.0)])

    proposal = propose(candidates, Rules(), quota=2)

    assert proposal.chosen == proposal.ranking == ("11.01", "11.02")
    assert proposal.feasible and not proposal.entering and not proposal.leaving


def test_a_province_cap_lets_the_next_region_of_another_province_in_and_says_why():
    candidates = ranked(
        [("11", "kota", 90.0), ("11", "kota", 85.0), ("12", "kota", 60.0), ("91", "kota", 50.0)]
    )

    proposal = propose(candidates, Rules(max_per_province=1), quota=2)

    assert proposal.chosen == ("11.01", "12.03")
    assert proposal.leaving == ("11.02",) and proposal.entering == ("12.03",)
    assert proposal.why == {"11.02": (MAX_PER_PROVINCE,), "12.03": (MAX_PER_PROVINCE,)}


def test_an_island_group_minimum_pulls_in_its_best_region():
    candidates = ranked(
        [("11", "kota", 90.0), ("12", "kota", 85.0), ("91", "kota", 50.0), ("91", "kota", 60.0)]
    )

    proposal = propose(candidates, Rules(min_per_island_group=1), quota=2)

    assert proposal.chosen == ("11.01", "91.04")
    assert proposal.why["91.04"] == (MIN_PER_ISLAND_GROUP,)
    assert proposal.why["12.02"] == (MIN_PER_ISLAND_GROUP,)


def test_no_rule_pulls_in_a_region_below_the_minimum_score():
    candidates = ranked([("11", "kota", 90.0), ("12", "kota", 85.0), ("91", "kota", 40.0)])

    proposal = propose(candidates, Rules(min_per_island_group=1, min_score=50.0), quota=2)

    # Papua's only candidate is below the floor: the group has no one who may be pulled in.
    assert proposal.chosen == ("11.01", "12.02")
    assert proposal.feasible


def test_a_region_below_the_minimum_score_keeps_a_place_it_earned_by_rank():
    candidates = ranked([("11", "kota", 45.0), ("91", "kota", 40.0), ("12", "kota", 30.0)])

    proposal = propose(candidates, Rules(min_score=50.0), quota=2)

    assert proposal.chosen == ("11.01", "91.02")


def test_equal_scores_go_to_the_better_ranked_region():
    # Two regions of Papua tie on score; the ranking put 91.03 first (its tie-break).
    candidates = [
        Candidate("11.01", "11", "sumatera", "kota", 90.0, 1),
        Candidate("11.02", "11", "sumatera", "kota", 80.0, 2),
        Candidate("91.03", "91", "papua", "kota", 60.0, 3),
        Candidate("91.01", "91", "papua", "kota", 60.0, 4),
    ]

    proposal = propose(candidates, Rules(min_per_island_group=1), quota=2)

    assert proposal.chosen == ("11.01", "91.03")


def test_rules_that_cannot_all_be_met_say_which_and_by_how_much():
    # Two island groups, one place: one group must go without.
    candidates = ranked([("11", "kota", 90.0), ("91", "kota", 50.0)])

    proposal = propose(candidates, Rules(min_per_island_group=1), quota=1)

    assert not proposal.feasible
    assert proposal.relaxed == (MIN_PER_ISLAND_GROUP,)
    assert proposal.chosen == ("11.01",)
    [shortfall] = proposal.shortfalls
    assert (shortfall.rule, shortfall.amount, shortfall.where) == (
        MIN_PER_ISLAND_GROUP,
        1,
        ("papua",),
    )


def test_the_fallback_relaxes_the_shares_before_the_province_cap():
    # Two places; 100 % kabupaten is only possible with both of province 11's kabupaten, which
    # the cap of 1 forbids: the share gives way, the cap holds.
    candidates = ranked(
        [("11", "kabupaten", 90.0), ("11", "kabupaten", 80.0), ("12", "kota", 70.0)]
    )

    proposal = propose(candidates, Rules(max_per_province=1, min_kabupaten_percent=100), quota=2)

    assert proposal.relaxed == ("share",)
    assert proposal.chosen == ("11.01", "12.03")
    assert [(s.rule, s.amount) for s in proposal.shortfalls] == [(MIN_KABUPATEN, 1)]


def test_the_fallback_relaxes_the_province_cap_before_the_island_minimum():
    # Four places, at most 1 per province, at least 2 per island group: Papua's two are in one
    # province. Keeping the cap would leave Papua one short; the cap gives way instead.
    candidates = [
        Candidate("11.01", "11", "sumatera", "kota", 90.0, 1),
        Candidate("12.01", "12", "sumatera", "kota", 85.0, 2),
        Candidate("13.01", "13", "sumatera", "kota", 80.0, 3),
        Candidate("91.01", "91", "papua", "kota", 50.0, 4),
        Candidate("91.02", "91", "papua", "kota", 40.0, 5),
    ]

    proposal = propose(candidates, Rules(max_per_province=1, min_per_island_group=2), quota=4)

    assert proposal.relaxed == (MAX_PER_PROVINCE,)
    assert proposal.chosen == ("11.01", "12.01", "91.01", "91.02")
    assert [(s.rule, s.amount, s.where) for s in proposal.shortfalls] == [
        (MAX_PER_PROVINCE, 1, ("91",))
    ]


def test_violations_of_the_pure_ranking_are_reported_with_the_same_yardstick():
    candidates = ranked([("11", "kota", 90.0), ("11", "kota", 85.0), ("91", "kabupaten", 50.0)])

    found = violations(
        candidates,
        ["11.01", "11.02"],
        Rules(max_per_province=1, min_per_island_group=1, min_kota_percent=0),
        quota=2,
    )

    assert [(s.rule, s.amount, s.where) for s in found] == [
        (MAX_PER_PROVINCE, 1, ("11",)),
        (MIN_PER_ISLAND_GROUP, 1, ("papua",)),
    ]
    assert MIN_KOTA not in {s.rule for s in found}


@pytest.mark.parametrize(
    "bad",
    [
        {"max_per_province": -1},
        {"min_per_island_group": -2},
        {"min_kota_percent": 101},
        {"min_kabupaten_percent": -5},
    ],
)
def test_rules_out_of_range_are_refused(bad):
    with pytest.raises(EquityError):
        Rules(**bad)


def test_a_region_given_twice_is_refused():
    twice = [Candidate("11.01", "11", "sumatera", "kota", 50.0, 1)] * 2
    with pytest.raises(EquityError, match="twice"):
        propose(twice, Rules(), quota=1)
