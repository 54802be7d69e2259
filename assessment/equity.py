"""A balanced selection (*pemerataan*): the `quota` candidates with the highest total panel score
that meet the cohort's equity rules, computed exactly as an integer programme.

Pure Python over plain dataclasses (no Django), solved with SciPy's `milp` (HiGHS). What it
decides, in order:

1. **Who may be pulled in.** With a minimum readiness score (`Rules.min_score`), a candidate
   below it is proposed only if the pure ranking selects it anyway: no rule pulls it in.
2. **The rules.** At most `max_per_province` per province; at least `min_per_island_group` per
   island group that has candidates who may be pulled in (capped at how many it has); at least
   `min_kota_percent` % of the places for kota and `min_kabupaten_percent` % for kabupaten
   (rounded up to whole places). The quota is always filled (as far as there are candidates).
3. **The objective.** The highest total score, panel scores taken to 4 decimals (as exported).
   **Ties** go the ranking's way: of selections with the same total, the one whose ranks sum
   lowest wins, so of two regions with equal scores the better ranked one enters — the ranking
   already broke their tie (normalised mean, then candidate id: `aggregation`). The model is
   built in rank order, so the same inputs give the same answer whatever order they come in.
4. **When the rules cannot all be met**, the fallback relaxes them in this order, each by as
   little as needed: first the kota/kabupaten shares, then the cap per province, last the
   minimum per island group (the heart of pemerataan: Indonesia from its periphery). The
   proposal then says which rules it could not meet and by how many places (`shortfalls`).

`violations` checks any selection against the rules; it is what the proposal reports and what
the side-by-side page shows of the pure ranking.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

KOTA = "kota"
KABUPATEN = "kabupaten"

# The rules, in the order the fallback relaxes them (first relaxed first).
SHARE = "share"
MAX_PER_PROVINCE = "max_per_province"
MIN_PER_ISLAND_GROUP = "min_per_island_group"
MIN_KOTA = "min_kota_percent"
MIN_KABUPATEN = "min_kabupaten_percent"
RELAXATION_ORDER = (SHARE, MAX_PER_PROVINCE, MIN_PER_ISLAND_GROUP)

_SCORE_UNITS = 10_000  # scores compared to 4 decimals, as integers


class EquityError(ValueError):
    """Rules or candidates that make no sense (a negative cap, a share above 100 %)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked candidate: region code, province code, island group (None outside Indonesia's
    provinces), kind (`kota` or `kabupaten`), panel score and rank (1 = best)."""

    code: str
    province: str
    island_group: str | None
    kind: str
    score: float
    rank: int


@dataclass(frozen=True, slots=True)
class Rules:
    """The equity rules; None switches a rule off."""

    max_per_province: int | None = None
    min_per_island_group: int | None = None
    min_kota_percent: int | None = None
    min_kabupaten_percent: int | None = None
    min_score: float | None = None

    def __post_init__(self):
        for name in ("max_per_province", "min_per_island_group"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise EquityError(f"{name} must be at least 0, not {value}")
        for name in ("min_kota_percent", "min_kabupaten_percent"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 100:
                raise EquityError(f"{name} must be between 0 and 100, not {value}")

    def as_dict(self) -> dict:
        return {
            "max_per_province": self.max_per_province,
            "min_per_island_group": self.min_per_island_group,
            "min_kota_percent": self.min_kota_percent,
            "min_kabupaten_percent": self.min_kabupaten_percent,
            "min_score": self.min_score,
        }


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A rule a selection does not meet: `required` places against `achieved`, where (the
    provinces over the cap, the island groups or the kind short of places)."""

    rule: str
    required: int
    achieved: int
    where: tuple[str, ...] = ()

    @property
    def amount(self) -> int:
        """By how many places the rule is missed (over a cap, or short of a minimum)."""
        return abs(self.achieved - self.required)


@dataclass(frozen=True, slots=True)
class Proposal:
    """The balanced proposal beside the pure ranking (codes in rank order).

    `feasible` is False when the rules could not all be met; `relaxed` names the rules the
    fallback loosened (in `RELAXATION_ORDER`) and `shortfalls` by how much each is missed.
    `why` gives each departure from the ranking the rules it serves (entering and leaving).
    """

    quota: int
    chosen: tuple[str, ...]
    ranking: tuple[str, ...]
    feasible: bool
    relaxed: tuple[str, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    why: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def entering(self) -> tuple[str, ...]:
        ranked = set(self.ranking)
        return tuple(code for code in self.chosen if code not in ranked)

    @property
    def leaving(self) -> tuple[str, ...]:
        chosen = set(self.chosen)
        return tuple(code for code in self.ranking if code not in chosen)


def _targets(candidates: Sequence[Candidate], rules: Rules, quota: int, pullable) -> dict:
    """What each minimum asks of a selection of `quota` (places)."""
    groups = Counter(c.island_group for c in candidates if c.code in pullable and c.island_group)
    island = {}
    if rules.min_per_island_group:
        island = {g: min(rules.min_per_island_group, n) for g, n in sorted(groups.items())}
    kinds = {}
    if rules.min_kota_percent:
        kinds[KOTA] = math.ceil(rules.min_kota_percent * quota / 100)
    if rules.min_kabupaten_percent:
        kinds[KABUPATEN] = math.ceil(rules.min_kabupaten_percent * quota / 100)
    return {"island": island, "kinds": kinds}


def pure_ranking(candidates: Iterable[Candidate], quota: int) -> list[Candidate]:
    """The first `quota` candidates by rank."""
    return sorted(candidates, key=lambda c: c.rank)[:quota]


def violations(
    candidates: Sequence[Candidate], chosen: Iterable[str], rules: Rules, *, quota: int
) -> list[Shortfall]:
    """Every rule the selection `chosen` (codes) does not meet, in `RELAXATION_ORDER`.

    The minimums are those of the proposal for `quota` places (see `_targets`); the pure
    ranking is checked with the same yardstick, so the page can say what it misses.
    """
    by_code = {c.code: c for c in candidates}
    picked = [by_code[code] for code in chosen]
    top = {c.code for c in pure_ranking(candidates, quota)}
    targets = _targets(candidates, rules, quota, _pullable(candidates, rules, top))
    found = []
    kinds = Counter(c.kind for c in picked)
    for kind, rule in ((KOTA, MIN_KOTA), (KABUPATEN, MIN_KABUPATEN)):
        need = targets["kinds"].get(kind)
        if need is not None and kinds[kind] < need:
            found.append(Shortfall(rule, need, kinds[kind], (kind,)))
    if rules.max_per_province is not None:
        provinces = Counter(c.province for c in picked)
        over = sorted(p for p, n in provinces.items() if n > rules.max_per_province)
        if over:
            excess = sum(provinces[p] - rules.max_per_province for p in over)
            cap = rules.max_per_province
            found.append(
                Shortfall(MAX_PER_PROVINCE, cap * len(over), cap * len(over) + excess, tuple(over))
            )
    groups = Counter(c.island_group for c in picked)
    short = sorted(g for g, need in targets["island"].items() if groups[g] < need)
    if short:
        need = sum(targets["island"][g] for g in short)
        found.append(
            Shortfall(MIN_PER_ISLAND_GROUP, need, sum(groups[g] for g in short), tuple(short))
        )
    return found


def _pullable(candidates: Sequence[Candidate], rules: Rules, top: set[str]) -> set[str]:
    """Candidates the proposal may select: above the minimum score, or selected by rank anyway."""
    if rules.min_score is None:
        return {c.code for c in candidates}
    return {c.code for c in candidates if c.score >= rules.min_score or c.code in top}


def propose(candidates: Sequence[Candidate], rules: Rules, *, quota: int) -> Proposal:
    """The balanced proposal for `quota` places (see the module's docstring for the rules)."""
    if quota < 0:
        raise EquityError(f"quota must be at least 0, not {quota}")
    codes = [c.code for c in candidates]
    if len(set(codes)) != len(codes):
        raise EquityError("a region appears twice among the candidates")
    ordered = sorted(candidates, key=lambda c: (c.rank, c.code))
    quota = min(quota, len(ordered))
    top = [c.code for c in ordered[:quota]]
    pullable = _pullable(ordered, rules, set(top))
    pool = [c for c in ordered if c.code in pullable]
    targets = _targets(ordered, rules, quota, pullable)

    model = _Model(pool, rules, quota, targets)
    x = model.solve(elastic=None)
    relaxed: tuple[str, ...] = ()
    if x is None:
        slack = model.least_relaxation()
        relaxed = tuple(rule for rule in RELAXATION_ORDER if slack[rule] > 0)
        x = model.solve(elastic=slack)
        if x is None:  # pragma: no cover - the least relaxation is feasible by construction
            raise EquityError("no selection meets even the relaxed rules")
    chosen = tuple(c.code for c, on in zip(pool, x, strict=True) if on)
    shortfalls = tuple(violations(ordered, chosen, rules, quota=quota))
    return Proposal(
        quota=quota,
        chosen=chosen,
        ranking=tuple(top),
        feasible=not relaxed,
        relaxed=relaxed,
        shortfalls=shortfalls,
        why=_why(ordered, chosen, top, rules, targets),
    )


class _Model:
    """The integer programme: one binary per candidate who may be pulled in, plus (for the
    fallback) one non-negative integer slack per rule family: the province cap raised by
    `s_prov`, each island group's minimum lowered by its own `s_g`, each kind's by `s_k`."""

    def __init__(self, pool: list[Candidate], rules: Rules, quota: int, targets: dict):
        self.pool = pool
        self.rules = rules
        self.quota = quota
        self.n = len(pool)
        self.groups = list(targets["island"])
        self.kinds = list(targets["kinds"])
        self.targets = targets
        # Columns: x_0..x_{n-1}, s_prov, s_g for each group, s_k for each kind.
        self.s_prov = self.n
        self.s_group = {g: self.n + 1 + i for i, g in enumerate(self.groups)}
        self.s_kind = {k: self.n + 1 + len(self.groups) + i for i, k in enumerate(self.kinds)}
        self.width = self.n + 1 + len(self.groups) + len(self.kinds)
        self.provinces = sorted({c.province for c in pool})

    def _constraints(self) -> list[LinearConstraint]:
        n, pool = self.n, self.pool
        rows, lower, upper = [], [], []

        def add(coefficients: dict[int, float], lo: float, hi: float):
            row = np.zeros(self.width)
            for column, value in coefficients.items():
                row[column] = value
            rows.append(row)
            lower.append(lo)
            upper.append(hi)

        add(dict.fromkeys(range(n), 1.0), self.quota, self.quota)
        if self.rules.max_per_province is not None:
            for province in self.provinces:
                members = {i: 1.0 for i, c in enumerate(pool) if c.province == province}
                add(members | {self.s_prov: -1.0}, -np.inf, self.rules.max_per_province)
        for group in self.groups:
            members = {i: 1.0 for i, c in enumerate(pool) if c.island_group == group}
            add(members | {self.s_group[group]: 1.0}, self.targets["island"][group], np.inf)
        for kind in self.kinds:
            members = {i: 1.0 for i, c in enumerate(pool) if c.kind == kind}
            add(members | {self.s_kind[kind]: 1.0}, self.targets["kinds"][kind], np.inf)
        return [LinearConstraint(np.array(rows), np.array(lower), np.array(upper))]

    def _bounds(self, slack: dict[str, int] | None, *, free: bool = False) -> Bounds:
        upper = np.ones(self.width)
        lower = np.zeros(self.width)
        for column in (self.s_prov, *self.s_group.values(), *self.s_kind.values()):
            upper[column] = self.n + self.quota + 1 if free else 0  # room for any relaxation
        if slack is not None:
            upper[self.s_prov] = slack[MAX_PER_PROVINCE]
            for column in self.s_group.values():
                upper[column] = slack[MIN_PER_ISLAND_GROUP]
            for column in self.s_kind.values():
                upper[column] = slack[SHARE]
        return Bounds(lower, upper)

    def _relaxation_rows(self, slack: dict[str, int]) -> list[LinearConstraint]:
        # The totals of each rule's slack may not exceed the least relaxation found.
        rows = []
        for rule, columns in (
            (MIN_PER_ISLAND_GROUP, list(self.s_group.values())),
            (SHARE, list(self.s_kind.values())),
        ):
            if columns:
                row = np.zeros(self.width)
                row[columns] = 1.0
                rows.append(LinearConstraint(row[np.newaxis, :], -np.inf, slack[rule]))
        return rows

    def solve(self, *, elastic: dict[str, int] | None) -> list[bool] | None:
        """The best selection with the rules as given (or relaxed by `elastic`), or None."""
        if self.n == 0:
            return []
        # Highest total (4 decimals), then lowest sum of ranks: one integer objective whose
        # rank term can never outweigh one score unit (K exceeds the largest rank bonus sum).
        k = self.n * (self.n + 1) // 2 + 1
        c = np.zeros(self.width)
        for i, candidate in enumerate(self.pool):
            units = round(candidate.score * _SCORE_UNITS)
            c[i] = -(units * k + (self.n - i))  # pool is in rank order
        constraints = self._constraints()
        if elastic is not None:
            constraints += self._relaxation_rows(elastic)
        result = milp(
            c,
            integrality=np.ones(self.width),
            bounds=self._bounds(elastic),
            constraints=constraints,
            options={"mip_rel_gap": 0.0, "presolve": True},
        )
        if result.status == 2:  # infeasible
            return None
        if result.x is None:
            raise EquityError(f"the solver stopped: {result.message}")
        return [bool(round(v)) for v in result.x[: self.n]]

    def least_relaxation(self) -> dict[str, int]:
        """The smallest relaxation, lexicographically in reverse `RELAXATION_ORDER`: island
        shortfall first (loosened last), then the province cap, then the shares."""
        q = self.quota
        w_share = 1
        w_prov = 2 * q + 1  # more than any share slack total (two kinds, each at most q)
        w_island = w_prov * (self.n + 1) + 2 * q + 1  # more than any province and share cost
        c = np.zeros(self.width)
        c[self.s_prov] = w_prov
        for column in self.s_group.values():
            c[column] = w_island
        for column in self.s_kind.values():
            c[column] = w_share
        result = milp(
            c,
            integrality=np.ones(self.width),
            bounds=self._bounds(None, free=True),
            constraints=self._constraints(),
            options={"mip_rel_gap": 0.0},
        )
        if result.x is None:  # only the quota itself could fail, and it never does
            raise EquityError(f"the solver stopped: {result.message}")
        x = [round(v) for v in result.x]
        return {
            MAX_PER_PROVINCE: x[self.s_prov],
            MIN_PER_ISLAND_GROUP: sum(x[col] for col in self.s_group.values()),
            SHARE: sum(x[col] for col in self.s_kind.values()),
        }


def _why(
    ordered: list[Candidate],
    chosen: Sequence[str],
    top: Sequence[str],
    rules: Rules,
    targets: dict,
) -> dict[str, tuple[str, ...]]:
    """For each departure from the ranking, the rules it serves.

    Entering: its island group or its kind is short of its minimum in the pure ranking, or
    (otherwise) it takes the place of a region of a province over the cap. Leaving: its
    province is over the cap in the pure ranking, or its kind is more than the other kind's
    minimum leaves room for, or (otherwise) it makes room for an island group's minimum.
    """
    by_code = {c.code: c for c in ordered}
    ranked = [by_code[code] for code in top]
    chosen_set, top_set = set(chosen), set(top)
    provinces = Counter(c.province for c in ranked)
    groups = Counter(c.island_group for c in ranked)
    kinds = Counter(c.kind for c in ranked)
    short_kinds = {k for k, need in targets["kinds"].items() if kinds[k] < need}
    cap = rules.max_per_province
    why: dict[str, tuple[str, ...]] = {}
    for code in chosen:
        if code in top_set:
            continue
        c = by_code[code]
        reasons = []
        if targets["island"].get(c.island_group, 0) > groups[c.island_group]:
            reasons.append(MIN_PER_ISLAND_GROUP)
        if c.kind in short_kinds:
            reasons.append(MIN_KOTA if c.kind == KOTA else MIN_KABUPATEN)
        why[code] = tuple(reasons) or ((MAX_PER_PROVINCE,) if cap is not None else ())
    for code in top:
        if code in chosen_set:
            continue
        c = by_code[code]
        reasons = []
        if cap is not None and provinces[c.province] > cap:
            reasons.append(MAX_PER_PROVINCE)
        if short_kinds and c.kind not in short_kinds:
            reasons.append(MIN_KOTA if KOTA in short_kinds else MIN_KABUPATEN)
        why[code] = tuple(reasons) or ((MIN_PER_ISLAND_GROUP,) if targets["island"] else ())
    return why
