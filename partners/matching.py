"""Suggested assignment of mentors to regions for the mentoring stage (*pendampingan*).

Pure Python on purpose (no Django): staff get a *suggestion* that they adjust and confirm,
so the method must be reviewable and testable on its own, deterministic, and fast enough
to re-run on every edit (50 regions x 40 mentors takes a few milliseconds).

Hard rules, never broken by what :func:`suggest` adds:

* a mentor never takes more regions than their ``capacity``;
* a mentor is never assigned to a region they are in conflict with: a pair in ``conflicts``
  (declared conflicts and institution ties, computed by the caller), their home region, or
  any region in their home province (see :func:`is_blocked`);
* a mentor appears at most once in a region's team, and a team never grows past
  ``team_size``.

Soft goals, in order: fill every region with a full team; spread institutions (a team's
members come from different institutions, and no institution carries too large a share
overall); cover the dimensions each region needs.

Method (deterministic, independent of the order of the inputs):

1. **Greedy, most constrained region first.** Repeatedly take the pending region with the
   least slack (mentors still eligible and with spare capacity, minus the seats it still
   needs; then fewest such mentors; then id) and fill all its seats. Each seat goes to the
   candidate with the best key, compared in this order:

   a. their institution is not yet in the team (team diversity);
   b. their institution is still below its fair share of all seats
      (``ceil(seats / institutions with capacity)``), so no institution takes a large
      overall share unless the others cannot;
   c. most *new* needed dimensions covered, i.e. not yet covered by the team;
   d. fewest seats already held by their institution;
   e. most remaining capacity (spreads the load over mentors);
   f. lowest mentor id (determinism).

   (a) and (b) come before (c) because spreading institutions ranks above covering
   dimensions. Only the fair-share *threshold* outranks dimensions, not the raw load (d):
   otherwise the load would decide almost every pick and dimensions would hardly count.

   A region that cannot get all its seats from mentors with spare capacity is deferred
   (left empty for now), so it does not waste capacity on a team that stays incomplete.
2. **Bounded repair.** For each deferred region (fewest missing seats first) look for
   *augmenting chains*: an eligible mentor who is out of capacity leaves a region where a
   replacement is available, possibly several steps deep (breadth first, bounded depth and
   work). Every region on the chain keeps its size and stays conflict-free; only the last
   replacement uses spare capacity. If the region cannot be completed, the chain moves are
   rolled back.
3. **Leftovers.** Regions still incomplete get whatever eligible spare capacity remains
   (a partial team is still a useful start for staff) and are reported in
   :attr:`Suggestion.unfilled` with a reason in Bahasa Indonesia.

``existing`` assignments (already adjusted or confirmed by staff) are kept as they are,
come first in their team, and count against the mentor's ``capacity``: pass the capacity
that is free for *this* suggestion including the existing pairs (i.e. net of load from
elsewhere, not net of ``existing``). They are never moved by the repair step. If an
existing pair itself breaks a rule it is still kept, and :meth:`Suggestion.quality` counts
it, so the screen can show it; the suggestion never adds a violation of its own.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "DIMENSIONS",
    "REASON_CAPACITY",
    "REASON_CONFLICTS",
    "REASON_NO_MENTORS",
    "REASON_TOO_FEW",
    "MentorInfo",
    "Quality",
    "RegionNeed",
    "Suggestion",
    "evaluate",
    "is_blocked",
    "suggest",
]

#: The six smart-city dimensions, in the order of the master-plan template.
DIMENSIONS: tuple[str, ...] = (
    "governance",
    "branding",
    "economy",
    "living",
    "society",
    "environment",
)
_ALL_DIMENSIONS = frozenset(DIMENSIONS)

# Reasons for an incomplete team (Bahasa Indonesia, shown to staff as they are). Decided
# after leftovers are handed out, in this order, about the mentors not in the team:
#: There are no mentors at all.
REASON_NO_MENTORS = "Belum ada mentor yang tersedia"
#: Every mentor not in the team conflicts with the region (declared, institution tie,
#: home region or home province): more capacity would not help.
REASON_CONFLICTS = "Semua mentor yang tersisa berkonflik"
#: Some mentors outside the team are free of conflicts, but fewer than the empty seats.
REASON_TOO_FEW = "Mentor tanpa konflik tidak cukup"
#: Enough mentors are free of conflicts, but their capacity is used up elsewhere.
REASON_CAPACITY = "Kapasitas mentor tidak cukup"

_NO_EXISTING: Mapping[int, Iterable[int]] = MappingProxyType({})
# Bounds of the repair step: chain length (mentors moved per seat) and total work
# (candidate pairs examined over the whole repair), so its cost stays predictable.
_MAX_CHAIN = 6
_REPAIR_BUDGET = 200_000


def _check_id(value: object, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{what} must be an int, got {value!r}")


def _dimension_set(value: Iterable[str], what: str) -> frozenset[str]:
    if isinstance(value, str):  # a lone string would silently become a set of letters
        raise ValueError(f"{what} must be a set of dimension names, got the string {value!r}")
    dims = frozenset(value)
    unknown = dims - _ALL_DIMENSIONS
    if unknown:
        raise ValueError(
            f"{what} has unknown dimensions {sorted(map(str, unknown))}; "
            f"expected a subset of {list(DIMENSIONS)}"
        )
    return dims


@dataclass(frozen=True, slots=True)
class RegionNeed:
    """A region (kabupaten/kota) that needs a mentor team.

    ``dimensions_needed`` are the dimensions its master plan needs help with (all six by
    default); an empty set means no preference and always counts as fully covered.
    """

    id: int
    province_id: int
    dimensions_needed: frozenset[str] = _ALL_DIMENSIONS

    def __post_init__(self) -> None:
        _check_id(self.id, "RegionNeed.id")
        _check_id(self.province_id, f"RegionNeed {self.id}: province_id")
        dims = _dimension_set(self.dimensions_needed, f"RegionNeed {self.id}: dimensions_needed")
        object.__setattr__(self, "dimensions_needed", dims)


@dataclass(frozen=True, slots=True)
class MentorInfo:
    """A mentor who could join region teams.

    ``capacity`` is how many regions they can mentor at once in this suggestion (already net
    of load elsewhere; pairs passed as ``existing`` to :func:`suggest` use it up).
    ``expertise`` is a subset of :data:`DIMENSIONS`. A mentor never mentors their home region
    or any region of their home province.
    """

    id: int
    institution_id: int
    capacity: int
    expertise: frozenset[str] = frozenset()
    home_region_id: int | None = None
    home_province_id: int | None = None

    def __post_init__(self) -> None:
        _check_id(self.id, "MentorInfo.id")
        _check_id(self.institution_id, f"MentorInfo {self.id}: institution_id")
        _check_id(self.capacity, f"MentorInfo {self.id}: capacity")
        if self.capacity < 0:
            raise ValueError(f"MentorInfo {self.id}: capacity must be >= 0, got {self.capacity}")
        for name in ("home_region_id", "home_province_id"):
            if getattr(self, name) is not None:
                _check_id(getattr(self, name), f"MentorInfo {self.id}: {name}")
        dims = _dimension_set(self.expertise, f"MentorInfo {self.id}: expertise")
        object.__setattr__(self, "expertise", dims)


@dataclass(frozen=True, slots=True)
class Quality:
    """Figures of merit of an assignment (see :func:`evaluate`)."""

    #: Regions whose team has at least ``team_size`` different members.
    regions_covered: int
    #: Number of regions assessed.
    regions_total: int
    #: Number of (mentor, region) pairs assigned.
    assignments: int
    #: Mentors holding more regions than their capacity (0 for anything :func:`suggest` adds).
    capacity_exceeded: int
    #: Assigned pairs that are blocked (declared conflict, home region or home province).
    conflicts: int
    #: Extra occurrences of a mentor already in the same team.
    duplicates: int
    #: The largest share of all assignments held by one institution (0..1; 0 if none).
    largest_institution_share: float
    #: Mean over regions of the fraction of needed dimensions the team's expertise covers
    #: (a region needing none counts as 1; 1.0 when there are no regions).
    dimension_coverage: float


@dataclass(frozen=True)
class Suggestion:
    """The result of :func:`suggest`.

    ``teams`` has every region id, in input order, with its mentor ids (existing members
    first); ``unfilled`` maps each region without a full team to the reason, in Bahasa
    Indonesia (one of the ``REASON_*`` constants).
    """

    teams: dict[int, list[int]]
    unfilled: dict[int, str]
    _regions: tuple[RegionNeed, ...] = field(repr=False, compare=False)
    _mentors: tuple[MentorInfo, ...] = field(repr=False, compare=False)
    _conflicts: frozenset[tuple[int, int]] = field(repr=False, compare=False)
    _team_size: int = field(repr=False, compare=False)

    def quality(self) -> Quality:
        """Figures of merit of the (current) teams, computed by :func:`evaluate`."""
        return evaluate(
            self.teams,
            self._regions,
            self._mentors,
            team_size=self._team_size,
            conflicts=self._conflicts,
        )


def is_blocked(
    mentor: MentorInfo,
    region: RegionNeed,
    conflicts: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset(),
    *,
    home_provinces: Iterable[int] = (),
) -> bool:
    """Whether ``mentor`` may never mentor ``region``.

    Blocked: a declared ``(mentor id, region id)`` conflict, the mentor's home region, or a
    region in the mentor's home province (``home_province_id``, plus ``home_provinces``: the
    province of their home region when the caller knows it).
    """
    return (
        (mentor.id, region.id) in conflicts
        or mentor.home_region_id == region.id
        or mentor.home_province_id == region.province_id
        or region.province_id in home_provinces
    )


def _validate(
    regions: Iterable[RegionNeed],
    mentors: Iterable[MentorInfo],
    team_size: int,
    conflicts: Iterable[tuple[int, int]],
) -> tuple[tuple[RegionNeed, ...], tuple[MentorInfo, ...], frozenset[tuple[int, int]]]:
    if not isinstance(team_size, int) or isinstance(team_size, bool) or team_size < 1:
        raise ValueError(f"team_size must be an int >= 1, got {team_size!r}")
    regions = tuple(regions)
    mentors = tuple(mentors)
    for kind, items, cls in (("region", regions, RegionNeed), ("mentor", mentors, MentorInfo)):
        seen: set[int] = set()
        for item in items:
            if not isinstance(item, cls):
                raise ValueError(f"expected {cls.__name__}, got {item!r}")
            if item.id in seen:
                raise ValueError(f"duplicate {kind} id {item.id}")
            seen.add(item.id)
    pairs = []
    for pair in conflicts:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ValueError(f"conflicts must hold (mentor_id, region_id) pairs, got {pair!r}")
        pairs.append(pair)  # unknown ids are fine: they simply never match
    return regions, mentors, frozenset(pairs)


def _home_provinces(
    mentors: Sequence[MentorInfo], regions: Sequence[RegionNeed]
) -> dict[int, frozenset[int]]:
    """Per mentor, the provinces to avoid beyond ``home_province_id``: that of their home
    region when the home region is one of ``regions`` (so the rule holds even when the caller
    filled in only ``home_region_id``)."""
    province_of = {r.id: r.province_id for r in regions}
    out = {}
    for m in mentors:
        prov = province_of.get(m.home_region_id) if m.home_region_id is not None else None
        out[m.id] = frozenset() if prov is None else frozenset({prov})
    return out


def evaluate(
    teams: Mapping[int, Sequence[int]],
    regions: Iterable[RegionNeed],
    mentors: Iterable[MentorInfo],
    *,
    team_size: int = 2,
    conflicts: Iterable[tuple[int, int]] = frozenset(),
) -> Quality:
    """Score any assignment (a suggestion, or one staff edited) against the rules and goals.

    Regions missing from ``teams`` count as empty; an id in ``teams`` that is not among
    ``regions``/``mentors`` is a ValueError.
    """
    regions, mentors, conflicts = _validate(regions, mentors, team_size, conflicts)
    region_by_id = {r.id: r for r in regions}
    mentor_by_id = {m.id: m for m in mentors}
    extra_provinces = _home_provinces(mentors, regions)
    for rid, team in teams.items():
        if rid not in region_by_id:
            raise ValueError(f"teams has unknown region id {rid!r}")
        for mid in team:
            if mid not in mentor_by_id:
                raise ValueError(f"teams[{rid}] has unknown mentor id {mid!r}")

    load: dict[int, int] = {}
    by_institution: dict[int, int] = {}
    covered = n_conflicts = duplicates = assignments = 0
    coverage_sum = 0.0
    for region in regions:
        team = teams.get(region.id, ())
        members = set(team)
        duplicates += len(team) - len(members)
        covered += len(members) >= team_size
        expertise: set[str] = set()
        for mid in members:
            mentor = mentor_by_id[mid]
            assignments += 1
            load[mid] = load.get(mid, 0) + 1
            inst = mentor.institution_id
            by_institution[inst] = by_institution.get(inst, 0) + 1
            expertise |= mentor.expertise
            n_conflicts += is_blocked(
                mentor, region, conflicts, home_provinces=extra_provinces[mid]
            )
        needed = region.dimensions_needed
        coverage_sum += len(needed & expertise) / len(needed) if needed else 1.0
    return Quality(
        regions_covered=covered,
        regions_total=len(regions),
        assignments=assignments,
        capacity_exceeded=sum(load[mid] > mentor_by_id[mid].capacity for mid in load),
        conflicts=n_conflicts,
        duplicates=duplicates,
        largest_institution_share=(max(by_institution.values()) / assignments)
        if assignments
        else 0.0,
        dimension_coverage=coverage_sum / len(regions) if regions else 1.0,
    )


class _State:
    """Mutable working state of one :func:`suggest` call."""

    def __init__(self, regions, mentors, team_size, conflicts, existing):
        self.team_size = team_size
        self.region = {r.id: r for r in regions}
        self.mentor = {m.id: m for m in mentors}
        extra_provinces = _home_provinces(mentors, regions)
        # Static eligibility: mentor ids that may ever join each region.
        self.eligible: dict[int, frozenset[int]] = {
            r.id: frozenset(
                m.id
                for m in mentors
                if not is_blocked(m, r, conflicts, home_provinces=extra_provinces[m.id])
            )
            for r in regions
        }
        # The same, per mentor: the regions they may join (ascending ids).
        self.regions_of: dict[int, list[int]] = {m.id: [] for m in mentors}
        for rid in sorted(self.eligible):
            for mid in self.eligible[rid]:
                self.regions_of[mid].append(rid)
        self.teams: dict[int, list[int]] = {r.id: [] for r in regions}
        self.pinned: dict[int, frozenset[int]] = {}
        self.remaining = {m.id: m.capacity for m in mentors}
        self.inst_load: dict[int, int] = {}
        for rid, mids in existing.items():
            if rid not in self.region:
                raise ValueError(f"existing has unknown region id {rid!r}")
            team = self.teams[rid]
            for mid in mids:
                if mid not in self.mentor:
                    raise ValueError(f"existing[{rid}] has unknown mentor id {mid!r}")
                if mid not in team:  # the same pair twice is still one assignment
                    team.append(mid)
                    self._take(mid)
            self.pinned[rid] = frozenset(team)
        self.available = {mid for mid, left in self.remaining.items() if left > 0}
        # Fair share per institution: all seats spread evenly over the institutions that
        # can take any (rounded up). Only a preference, see _key.
        seats = sum(max(team_size, len(t)) for t in self.teams.values())
        institutions = {m.institution_id for m in mentors if m.capacity > 0}
        self.fair_share = math.ceil(seats / len(institutions)) if institutions else 0
        self.budget = _REPAIR_BUDGET

    def _take(self, mid: int) -> None:
        self.remaining[mid] -= 1
        inst = self.mentor[mid].institution_id
        self.inst_load[inst] = self.inst_load.get(inst, 0) + 1

    def need(self, rid: int) -> int:
        return max(0, self.team_size - len(self.teams[rid]))

    def candidates(self, rid: int) -> set[int]:
        """Eligible mentors with spare capacity who are not yet in the team."""
        return (self.eligible[rid] & self.available).difference(self.teams[rid])

    def _key(self, mid: int, rid: int, team_insts: set[int], covered: frozenset[str]):
        mentor = self.mentor[mid]
        inst = mentor.institution_id
        load = self.inst_load.get(inst, 0)
        new_dims = len((mentor.expertise & self.region[rid].dimensions_needed) - covered)
        return (
            inst in team_insts,
            load >= self.fair_share,
            -new_dims,
            load,
            -self.remaining[mid],
            mid,
        )

    def add_best(self, rid: int, pool: set[int]) -> int:
        """Add the best of ``pool`` (non-empty, all candidates) to the team of ``rid``."""
        team = self.teams[rid]
        team_insts = {self.mentor[m].institution_id for m in team}
        covered = frozenset().union(*(self.mentor[m].expertise for m in team))
        best = min(pool, key=lambda mid: self._key(mid, rid, team_insts, covered))
        team.append(best)
        self._take(best)
        if self.remaining[best] == 0:
            self.available.discard(best)
        return best

    def fill(self, rid: int, seats: int) -> list[int]:
        """Add up to ``seats`` of the best candidates, one at a time; return who joined."""
        added = []
        for _ in range(seats):
            pool = self.candidates(rid)
            if not pool:
                break
            added.append(self.add_best(rid, pool))
        return added

    # --- repair --------------------------------------------------------------------

    def _chain(self, target: int) -> list[tuple[int, int | None, int]] | None:
        """A shortest augmenting chain giving ``target`` one more member, or None.

        Returned as steps ``(region, leaving mentor or None, joining mentor)``, from the
        target outwards: the first mentor joins ``target``; each following one replaces
        the previous in a region where that mentor is movable (not pinned); the last one
        has spare capacity. Breadth first over mentors, ids in ascending order.
        """
        team = self.teams[target]
        starts = sorted(self.eligible[target].difference(team))
        parent: dict[int, tuple[int | None, int]] = dict.fromkeys(starts, (None, target))
        queue = deque((m, 1) for m in starts)
        # Regions where each mentor sits and may be moved from (never the target).
        seats: dict[int, list[int]] = {}
        for rid in sorted(self.teams):
            if rid == target:
                continue
            pinned = self.pinned.get(rid, frozenset())
            for mid in self.teams[rid]:
                if mid not in pinned:
                    seats.setdefault(mid, []).append(rid)
        while queue:
            mid, depth = queue.popleft()
            if self.remaining[mid] > 0:
                return self._unwind(mid, parent)
            if depth >= _MAX_CHAIN:
                continue
            for rid in seats.get(mid, ()):
                members = self.teams[rid]
                for other in sorted(self.eligible[rid].difference(members)):
                    self.budget -= 1
                    if self.budget <= 0:
                        return None
                    if other not in parent:
                        parent[other] = (mid, rid)
                        queue.append((other, depth + 1))
        return None

    @staticmethod
    def _unwind(last: int, parent) -> list[tuple[int, int | None, int]]:
        steps = []
        mid: int | None = last
        while mid is not None:
            previous, rid = parent[mid]
            steps.append((rid, previous, mid))
            mid = previous
        steps.reverse()
        return steps

    def _apply(self, steps: list[tuple[int, int | None, int]]) -> None:
        for rid, leaving, joining in steps:
            team = self.teams[rid]
            if leaving is None:
                team.append(joining)
            else:
                team[team.index(leaving)] = joining
                self.inst_load[self.mentor[leaving].institution_id] -= 1
            inst = self.mentor[joining].institution_id
            self.inst_load[inst] = self.inst_load.get(inst, 0) + 1
        # Every mentor on the chain but the last gains one seat and gives one up, so only
        # the last one uses capacity.
        last = steps[-1][2]
        self.remaining[last] -= 1
        if self.remaining[last] == 0:
            self.available.discard(last)

    def repair(self, rid: int) -> bool:
        """Try to complete the team of ``rid`` with augmenting chains; all or nothing."""
        saved = (
            {r: list(t) for r, t in self.teams.items()},
            dict(self.remaining),
            dict(self.inst_load),
            set(self.available),
        )
        for _ in range(self.need(rid)):
            pool = self.candidates(rid)
            if pool:  # spare capacity is there after all: the best direct pick
                self.add_best(rid, pool)
                continue
            steps = self._chain(rid)
            if steps is None:
                self.teams, self.remaining, self.inst_load, self.available = saved
                return False
            self._apply(steps)
        return True

    def reason(self, rid: int) -> str:
        if not self.mentor:
            return REASON_NO_MENTORS
        free_of_conflict = len(self.eligible[rid].difference(self.teams[rid]))
        if free_of_conflict == 0:
            return REASON_CONFLICTS
        if free_of_conflict < self.need(rid):
            return REASON_TOO_FEW
        return REASON_CAPACITY


def suggest(
    regions: Iterable[RegionNeed],
    mentors: Iterable[MentorInfo],
    *,
    team_size: int = 2,
    conflicts: Iterable[tuple[int, int]] = frozenset(),
    existing: Mapping[int, Iterable[int]] = _NO_EXISTING,
) -> Suggestion:
    """Suggest a team of ``team_size`` mentors for every region (see the module docstring).

    ``conflicts`` holds ``(mentor_id, region_id)`` pairs that must never be assigned (ids
    not among the inputs are fine); home regions and provinces are excluded as well.
    ``existing`` maps region ids to mentor ids already assigned: they are kept, first in
    their team, and use up capacity.

    Raises ValueError for nonsense input: ``team_size`` < 1, duplicate ids, a malformed
    conflict pair, or an ``existing`` id that is not among ``regions``/``mentors``
    (capacities and dimensions are checked when building :class:`MentorInfo` and
    :class:`RegionNeed`).
    """
    regions, mentors, conflicts = _validate(regions, mentors, team_size, conflicts)
    state = _State(regions, mentors, team_size, conflicts, existing)

    # 1. Greedy: the most constrained pending region first, filled completely or deferred.
    pending = {r.id: state.need(r.id) for r in regions if state.need(r.id)}  # seats to fill
    counts = {rid: len(state.candidates(rid)) for rid in pending}  # candidates per region
    deferred = []
    while pending:
        best = min(pending, key=lambda rid: (counts[rid] - pending[rid], counts[rid], rid))
        seats = pending.pop(best)
        if counts[best] < seats:
            deferred.append(best)
            continue
        added = state.fill(best, seats)
        # Only regions open to a mentor who is now fully booked lose candidates.
        booked = [mid for mid in added if mid not in state.available]
        for rid in {rid for mid in booked for rid in state.regions_of[mid]}:
            if rid in pending:
                counts[rid] = len(state.candidates(rid))

    # 2. Repair, fewest missing seats first. 3. Leftover capacity for the rest.
    deferred.sort(key=lambda rid: (state.need(rid), rid))
    still_short = [rid for rid in deferred if not state.repair(rid)]
    for rid in still_short:
        state.fill(rid, state.need(rid))

    unfilled = {r.id: state.reason(r.id) for r in regions if state.need(r.id)}
    return Suggestion(
        teams={r.id: state.teams[r.id] for r in regions},
        unfilled=unfilled,
        _regions=regions,
        _mentors=mentors,
        _conflicts=conflicts,
        _team_size=team_size,
    )
