"""Tests for the suggested assignment of mentors to regions (pure Python, no Django)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partners.matching import (
    DIMENSIONS,
    REASON_CAPACITY,
    REASON_CONFLICTS,
    REASON_NO_MENTORS,
    REASON_TOO_FEW,
    MentorInfo,
    RegionNeed,
    evaluate,
    suggest,
)

REASONS = {REASON_CAPACITY, REASON_CONFLICTS, REASON_NO_MENTORS, REASON_TOO_FEW}


def R(id, province=None, needs=DIMENSIONS):
    """A region; by default alone in its own province and needing all six dimensions."""
    return RegionNeed(
        id=id,
        province_id=1000 + id if province is None else province,
        dimensions_needed=frozenset(needs),
    )


def M(id, capacity=1, institution=None, expertise=(), home_region=None, home_province=None):
    """A mentor; by default the only one of their institution, with no expertise or home."""
    return MentorInfo(
        id=id,
        institution_id=id if institution is None else institution,
        capacity=capacity,
        expertise=frozenset(expertise),
        home_region_id=home_region,
        home_province_id=home_province,
    )


def blocked(mentor, region, conflicts, regions):
    """The no-go rule, written out independently of the module."""
    home_provinces = {mentor.home_province_id}
    home_provinces |= {r.province_id for r in regions if r.id == mentor.home_region_id}
    return (
        (mentor.id, region.id) in conflicts
        or mentor.home_region_id == region.id
        or region.province_id in home_provinces
    )


def assert_rules_hold(result, regions, mentors, conflicts, team_size):
    """Capacity, conflicts, duplicates and team size checked by hand, then by quality()."""
    by_id = {m.id: m for m in mentors}
    load = dict.fromkeys(by_id, 0)
    for region in regions:
        team = result.teams[region.id]
        assert len(team) == len(set(team)), f"duplicate mentor in region {region.id}"
        assert len(team) <= team_size
        for mid in team:
            load[mid] += 1
            assert not blocked(by_id[mid], region, conflicts, regions), (mid, region.id)
    for mid, n in load.items():
        assert n <= by_id[mid].capacity, f"mentor {mid} over capacity"
    q = result.quality()
    assert (q.capacity_exceeded, q.conflicts, q.duplicates) == (0, 0, 0)


# --- filling teams and capacity ---------------------------------------------------------


def test_every_region_gets_a_full_team_when_mentors_suffice():
    regions = [R(10), R(11), R(12)]
    mentors = [M(1, capacity=2), M(2, capacity=2), M(3, capacity=2)]

    result = suggest(regions, mentors, team_size=2)

    assert all(len(team) == 2 for team in result.teams.values())
    assert result.unfilled == {}
    assert result.quality().regions_covered == 3
    assert_rules_hold(result, regions, mentors, set(), 2)


def test_a_mentor_never_gets_more_regions_than_their_capacity():
    regions = [R(10), R(11), R(12)]
    mentors = [M(1, capacity=2), M(2, capacity=2)]  # 4 seats for 6 needed

    result = suggest(regions, mentors, team_size=2)

    assert sorted(len(team) for team in result.teams.values()) == [0, 2, 2]
    assert_rules_hold(result, regions, mentors, set(), 2)


def test_a_region_short_of_capacity_is_reported_with_the_capacity_reason():
    regions = [R(10), R(11)]
    mentors = [M(1, capacity=1), M(2, capacity=1), M(3, capacity=0)]

    result = suggest(regions, mentors, team_size=2)

    assert result.teams == {10: [1, 2], 11: []}
    assert result.unfilled == {11: REASON_CAPACITY}


def test_a_mentor_with_zero_capacity_is_never_assigned():
    result = suggest([R(10)], [M(1, capacity=0), M(2, capacity=1)], team_size=1)

    assert result.teams == {10: [2]}


def test_teams_of_one_are_possible():
    result = suggest([R(10), R(11)], [M(1, capacity=2)], team_size=1)

    assert result.teams == {10: [1], 11: [1]}
    assert result.unfilled == {}


def test_an_incomplete_region_still_gets_the_mentors_left_over():
    regions = [R(10), R(11)]
    mentors = [M(1, capacity=1), M(2, capacity=1), M(3, capacity=1)]

    result = suggest(regions, mentors, team_size=2)

    full, partial = sorted(result.teams.values(), key=len, reverse=True)
    assert len(full) == 2 and len(partial) == 1
    assert list(result.unfilled.values()) == [REASON_CAPACITY]


def test_the_most_constrained_region_is_served_first():
    # Region 11 can only have mentor 1; region 10 can have either. Filling 10 first with the
    # lower id would strand 11.
    regions = [R(10), R(11)]
    mentors = [M(1, capacity=1), M(2, capacity=1)]

    result = suggest(regions, mentors, team_size=1, conflicts={(2, 11)})

    assert result.teams == {10: [2], 11: [1]}


def test_repair_pass_moves_a_mentor_to_complete_a_region_the_greedy_left_short():
    # Eligible: region 10 -> {2, 3, 4}, region 11 -> {1, 2, 3}; every mentor takes one region.
    # Equal slack, so the greedy fills 10 first with the lowest ids [2, 3], leaving 11 only
    # mentor 1. Repair: 2 moves to 11 and 4 takes 2's seat in 10.
    regions = [R(10), R(11)]
    mentors = [M(1), M(2), M(3), M(4)]
    conflicts = {(1, 10), (4, 11)}

    result = suggest(regions, mentors, team_size=2, conflicts=conflicts)

    assert result.teams == {10: [4, 3], 11: [1, 2]}
    assert result.unfilled == {}
    assert_rules_hold(result, regions, mentors, conflicts, 2)


def test_repair_never_moves_an_existing_assignment():
    # As above, but staff confirmed [2, 3] for region 10: region 11 stays short.
    regions = [R(10), R(11)]
    mentors = [M(1), M(2), M(3), M(4)]

    result = suggest(
        regions, mentors, team_size=2, conflicts={(1, 10), (4, 11)}, existing={10: [2, 3]}
    )

    assert result.teams == {10: [2, 3], 11: [1]}
    assert result.unfilled == {11: REASON_CAPACITY}


# --- conflicts and home regions ---------------------------------------------------------


def test_a_declared_conflict_is_never_assigned():
    conflicts = {(1, 10)}

    result = suggest(
        [R(10), R(11)], [M(1, capacity=2), M(2, capacity=2)], team_size=1, conflicts=conflicts
    )

    assert result.teams[10] == [2]
    assert result.quality().conflicts == 0


def test_a_mentor_never_mentors_their_home_region():
    result = suggest([R(10), R(11)], [M(1, capacity=2, home_region=10)], team_size=1)

    assert result.teams == {10: [], 11: [1]}
    assert result.unfilled == {10: REASON_CONFLICTS}


def test_a_mentor_never_mentors_a_region_in_their_home_province():
    regions = [R(10, province=5), R(11, province=5), R(12, province=6)]

    result = suggest(regions, [M(1, capacity=3, home_province=5)], team_size=1)

    assert result.teams == {10: [], 11: [], 12: [1]}


def test_the_home_province_follows_from_the_home_region_when_only_that_is_known():
    regions = [R(10, province=5), R(11, province=5), R(12, province=6)]

    result = suggest(regions, [M(1, capacity=3, home_region=10)], team_size=1)

    assert result.teams == {10: [], 11: [], 12: [1]}


def test_conflicts_with_unknown_ids_are_ignored():
    result = suggest([R(10)], [M(1)], team_size=1, conflicts={(99, 10), (1, 99)})

    assert result.teams == {10: [1]}


def test_reason_says_all_remaining_mentors_conflict():
    result = suggest([R(10)], [M(1), M(2)], team_size=2, conflicts={(1, 10), (2, 10)})

    assert result.unfilled == {10: REASON_CONFLICTS}


def test_reason_says_all_remaining_mentors_conflict_once_the_free_ones_are_in_the_team():
    result = suggest([R(10)], [M(1), M(2), M(3)], team_size=3, conflicts={(1, 10)})

    assert result.teams == {10: [2, 3]}
    assert result.unfilled == {10: REASON_CONFLICTS}


def test_reason_says_too_few_mentors_are_free_of_conflict_even_with_more_capacity():
    mentors = [M(1), M(2, capacity=0), M(3, capacity=0)]

    result = suggest([R(10)], mentors, team_size=3, conflicts={(1, 10)})

    assert result.unfilled == {10: REASON_TOO_FEW}  # only 2 conflict-free mentors for 3 seats


def test_reason_says_there_are_no_mentors():
    result = suggest([R(10)], [], team_size=2)

    assert result.teams == {10: []}
    assert result.unfilled == {10: REASON_NO_MENTORS}


# --- institutions and dimensions ---------------------------------------------------------


def test_team_members_come_from_different_institutions_when_possible():
    # Mentors 1 and 2 (institution 7) cover everything; mentor 3 (institution 8) nothing.
    mentors = [
        M(1, capacity=1, institution=7, expertise=DIMENSIONS),
        M(2, capacity=1, institution=7, expertise=DIMENSIONS),
        M(3, capacity=1, institution=8),
    ]

    result = suggest([R(10)], mentors, team_size=2)

    assert result.teams == {10: [1, 3]}


def test_no_institution_takes_more_than_its_fair_share_while_others_can_serve():
    # Four single-mentor teams, two institutions: fair share is 2 seats each, so the expert
    # of institution 7 serves two regions and the mentor of institution 8 the other two.
    regions = [R(10), R(11), R(12), R(13)]
    mentors = [
        M(1, capacity=4, institution=7, expertise=DIMENSIONS),
        M(2, capacity=4, institution=8),
    ]

    result = suggest(regions, mentors, team_size=1)

    assert result.teams == {10: [1], 11: [1], 12: [2], 13: [2]}
    assert result.quality().largest_institution_share == 0.5


def test_needed_dimensions_are_preferred():
    mentors = [
        M(1, expertise={"governance"}),
        M(2, expertise={"economy"}),
        M(3, expertise={"environment"}),
    ]

    result = suggest([R(10, needs={"economy", "environment"})], mentors, team_size=2)

    assert sorted(result.teams[10]) == [2, 3]
    assert result.quality().dimension_coverage == 1.0


def test_the_second_member_is_chosen_for_the_dimensions_the_first_does_not_cover():
    mentors = [
        M(1, expertise={"governance", "economy", "living"}),
        M(2, expertise={"governance", "economy", "society"}),  # only one new dimension
        M(3, expertise={"branding", "environment"}),  # two new dimensions
    ]

    result = suggest([R(10)], mentors, team_size=2)

    assert result.teams == {10: [1, 3]}
    assert result.quality().dimension_coverage == pytest.approx(5 / 6)


def test_remaining_capacity_breaks_ties_so_load_is_spread():
    mentors = [M(1, capacity=1, institution=7), M(2, capacity=3, institution=7)]

    result = suggest([R(10)], mentors, team_size=1)

    assert result.teams == {10: [2]}


# --- existing assignments ------------------------------------------------------------------


def test_existing_assignments_are_kept_and_use_up_capacity():
    regions = [R(10), R(11)]
    mentors = [M(1, capacity=1), M(2, capacity=1)]

    result = suggest(regions, mentors, team_size=1, existing={11: [1]})

    assert result.teams == {10: [2], 11: [1]}


def test_existing_members_come_first_and_the_team_is_topped_up():
    mentors = [M(1), M(2), M(3)]

    result = suggest([R(10)], mentors, team_size=3, existing={10: [3]})

    assert result.teams[10][0] == 3
    assert sorted(result.teams[10]) == [1, 2, 3]


def test_an_existing_pair_listed_twice_counts_once():
    result = suggest([R(10)], [M(1, capacity=1), M(2)], team_size=2, existing={10: [1, 1]})

    assert result.teams == {10: [1, 2]}


def test_an_existing_pair_that_breaks_a_rule_is_kept_and_shows_in_quality():
    result = suggest(
        [R(10), R(11)],
        [M(1, capacity=1)],
        team_size=1,
        conflicts={(1, 10)},
        existing={10: [1], 11: [1]},
    )

    assert result.teams == {10: [1], 11: [1]}
    q = result.quality()
    assert (q.conflicts, q.capacity_exceeded) == (1, 1)


# --- quality figures -------------------------------------------------------------------------


def test_quality_figures_of_a_hand_built_assignment():
    regions = [R(10, province=1, needs={"economy", "living"}), R(11, province=2, needs=())]
    mentors = [
        M(1, capacity=1, institution=7, expertise={"economy"}),
        M(2, capacity=2, institution=7),
        M(3, capacity=1, institution=8, home_province=2),
    ]

    q = evaluate({10: [1, 2], 11: [2, 3, 3]}, regions, mentors, team_size=2)

    assert q.regions_covered == 2
    assert q.regions_total == 2
    assert q.assignments == 4  # the repeated 3 counts once, as a duplicate
    assert q.duplicates == 1
    assert q.capacity_exceeded == 0
    assert q.conflicts == 1  # mentor 3 in their home province
    assert q.largest_institution_share == 0.75
    assert q.dimension_coverage == pytest.approx((1 / 2 + 1) / 2)


def test_a_team_padded_with_a_duplicate_does_not_count_as_covered():
    q = evaluate({10: [1, 1]}, [R(10)], [M(1, capacity=2)], team_size=2)

    assert (q.regions_covered, q.duplicates) == (0, 1)


def test_quality_of_nothing_is_empty_but_well_defined():
    q = suggest([], []).quality()

    assert (q.regions_covered, q.regions_total, q.assignments) == (0, 0, 0)
    assert q.largest_institution_share == 0.0
    assert q.dimension_coverage == 1.0


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize("team_size", [0, -1, True, 1.5, "2"])
def test_a_team_size_that_is_not_a_positive_int_is_refused(team_size):
    with pytest.raises(ValueError, match="team_size"):
        suggest([R(10)], [M(1)], team_size=team_size)


def test_a_negative_capacity_is_refused():
    with pytest.raises(ValueError, match="capacity"):
        M(1, capacity=-1)


@pytest.mark.parametrize("dims", [{"health"}, "economy"])
def test_unknown_dimensions_are_refused(dims):
    with pytest.raises(ValueError, match="dimension"):
        M(1, expertise=dims)
    with pytest.raises(ValueError, match="dimension"):
        RegionNeed(id=10, province_id=1, dimensions_needed=dims)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate region"):
        suggest([R(10), R(10)], [M(1)])
    with pytest.raises(ValueError, match="duplicate mentor"):
        suggest([R(10)], [M(1), M(1)])


def test_existing_with_unknown_ids_is_refused():
    with pytest.raises(ValueError, match="unknown region"):
        suggest([R(10)], [M(1)], existing={99: [1]})
    with pytest.raises(ValueError, match="unknown mentor"):
        suggest([R(10)], [M(1)], existing={10: [99]})


def test_a_conflict_that_is_not_a_pair_is_refused():
    with pytest.raises(ValueError, match="pairs"):
        suggest([R(10)], [M(1)], conflicts={(1, 10, 3)})


def test_dimension_sets_may_be_given_as_any_iterable():
    region = RegionNeed(id=10, province_id=1, dimensions_needed=["economy", "living"])

    assert region.dimensions_needed == frozenset({"economy", "living"})


# --- properties ------------------------------------------------------------------------------

dimension_sets = st.frozensets(st.sampled_from(DIMENSIONS))


@st.composite
def instances(draw, *, ample=False, min_mentors=0):
    """Small random instances. With ``ample``: every capacity >= the number of regions."""
    n_regions = draw(st.integers(0, 8))
    n_provinces = draw(st.integers(1, 4))
    regions = [
        RegionNeed(
            id=100 + i,
            province_id=draw(st.integers(1, n_provinces)),
            dimensions_needed=draw(dimension_sets),
        )
        for i in range(n_regions)
    ]
    region_ids = [r.id for r in regions] + [999]  # 999: a home region outside the cohort
    n_mentors = draw(st.integers(min_mentors, 8))
    low = n_regions if ample else 0
    mentors = [
        MentorInfo(
            id=1 + j,
            institution_id=draw(st.integers(1, 3)),
            capacity=draw(st.integers(low, low + 3)),
            expertise=draw(dimension_sets),
            home_region_id=draw(st.none() | st.sampled_from(region_ids)),
            home_province_id=draw(st.none() | st.integers(1, n_provinces + 1)),
        )
        for j in range(n_mentors)
    ]
    pairs = [(m.id, r.id) for m in mentors for r in regions]
    conflicts = set(draw(st.lists(st.sampled_from(pairs), max_size=12))) if pairs else set()
    team_size = draw(st.integers(1, 3))
    return regions, mentors, conflicts, team_size


@st.composite
def instances_with_existing(draw):
    """Instances plus a valid ``existing`` (no rule broken), built from drawn pairs."""
    regions, mentors, conflicts, team_size = draw(instances())
    left = {m.id: m.capacity for m in mentors}
    existing: dict[int, list[int]] = {}
    for m in mentors:
        for r in regions:
            team = existing.setdefault(r.id, [])
            if (
                draw(st.booleans())
                and left[m.id] > 0
                and len(team) < team_size
                and not blocked(m, r, conflicts, regions)
            ):
                team.append(m.id)
                left[m.id] -= 1
    return regions, mentors, conflicts, team_size, existing


@settings(max_examples=150, deadline=None)
@given(instances())
def test_suggestion_never_breaks_capacity_conflicts_duplicates_or_team_size(instance):
    regions, mentors, conflicts, team_size = instance

    result = suggest(regions, mentors, team_size=team_size, conflicts=conflicts)

    assert list(result.teams) == [r.id for r in regions]
    assert_rules_hold(result, regions, mentors, conflicts, team_size)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_unfilled_lists_exactly_the_incomplete_teams_with_a_known_reason(instance):
    regions, mentors, conflicts, team_size = instance

    result = suggest(regions, mentors, team_size=team_size, conflicts=conflicts)

    short = {rid for rid, team in result.teams.items() if len(team) < team_size}
    assert set(result.unfilled) == short
    assert set(result.unfilled.values()) <= REASONS
    assert result.quality().regions_covered == len(regions) - len(short)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_no_incomplete_team_leaves_an_eligible_mentor_with_spare_capacity(instance):
    regions, mentors, conflicts, team_size = instance

    result = suggest(regions, mentors, team_size=team_size, conflicts=conflicts)

    load = {m.id: sum(m.id in team for team in result.teams.values()) for m in mentors}
    for region in regions:
        team = result.teams[region.id]
        if region.id in result.unfilled:
            spare = [
                m.id
                for m in mentors
                if m.id not in team
                and load[m.id] < m.capacity
                and not blocked(m, region, conflicts, regions)
            ]
            assert spare == [], (region.id, spare)


@settings(max_examples=150, deadline=None)
@given(instances(ample=True, min_mentors=3))
def test_with_ample_capacity_and_no_conflicts_every_region_gets_a_full_team(instance):
    regions, mentors, _, team_size = instance  # team_size <= 3 <= number of mentors
    free = [  # the same mentors without home region or province, and no conflicts
        MentorInfo(m.id, m.institution_id, m.capacity, m.expertise) for m in mentors
    ]

    result = suggest(regions, free, team_size=team_size)

    assert result.unfilled == {}
    assert all(len(team) == team_size for team in result.teams.values())


@settings(max_examples=150, deadline=None)
@given(instances(ample=True))
def test_with_ample_capacity_a_region_is_full_exactly_when_enough_mentors_are_free_of_conflict(
    instance,
):
    regions, mentors, conflicts, team_size = instance

    result = suggest(regions, mentors, team_size=team_size, conflicts=conflicts)

    for region in regions:
        eligible = sum(not blocked(m, region, conflicts, regions) for m in mentors)
        assert (len(result.teams[region.id]) == team_size) == (eligible >= team_size)
        if eligible < team_size:
            assert result.unfilled[region.id] in {
                REASON_CONFLICTS,
                REASON_TOO_FEW,
                REASON_NO_MENTORS,
            }


@settings(max_examples=150, deadline=None)
@given(instances_with_existing())
def test_existing_assignments_are_kept_first_and_nothing_added_breaks_a_rule(instance):
    regions, mentors, conflicts, team_size, existing = instance

    result = suggest(regions, mentors, team_size=team_size, conflicts=conflicts, existing=existing)

    for rid, kept in existing.items():
        assert result.teams[rid][: len(kept)] == kept
    assert_rules_hold(result, regions, mentors, conflicts, team_size)


@settings(max_examples=150, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_the_same_input_in_any_order_gives_the_same_suggestion(instance, rnd):
    regions, mentors, conflicts, team_size = instance
    first = suggest(regions, mentors, team_size=team_size, conflicts=conflicts)
    shuffled_regions, shuffled_mentors = list(regions), list(mentors)
    rnd.shuffle(shuffled_regions)
    rnd.shuffle(shuffled_mentors)

    again = suggest(regions, mentors, team_size=team_size, conflicts=conflicts)
    shuffled = suggest(shuffled_regions, shuffled_mentors, team_size=team_size, conflicts=conflicts)

    assert again == first
    assert shuffled.teams == first.teams  # dict equality: same teams, whatever the key order
    assert shuffled.unfilled == first.unfilled
