"""The evaluation's arithmetic, free of Django: the index, ranks, changes and award candidates.

- **Index** = Σ weight × part score over the five parts (each 0–5, weights ≥ 0 summing to 1),
  kept with six decimals and shown with two (half up: 3.475 → 3.48).
- **Ranks** use standard competition ranking ("1224"): regions with the same index (to the six
  decimals kept) share a rank, and the next rank skips as many places as shared it. Within a
  tie, lists order by region code, which never affects the rank itself.
- **Change** = this year's index − the previous cycle's, both as shown (two decimals), so a
  reader can check it against the two indices on the page (3.27 → 3.69 is +0.42, as the
  ministry reports Kediri's 3.06 → 3.31 as +0.25).
- **Award candidates** per dimension: the regions with the best dimension score, the top `n`
  ranks by the same competition ranking (so a tie at the cut-off keeps everyone tied).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

PARTS = ("baseline", "output", "outcome", "impact", "quick_win")
DIMENSIONS = ("governance", "branding", "economy", "living", "society", "environment")
DEFAULT_WEIGHTS = {
    "baseline": Decimal("0.10"),
    "output": Decimal("0.20"),
    "outcome": Decimal("0.30"),
    "impact": Decimal("0.20"),
    "quick_win": Decimal("0.20"),
}
SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(5)
KEPT = Decimal("0.000001")
SHOWN = Decimal("0.01")


def keep(value: Decimal) -> Decimal:
    """A score at the precision stored (six decimals)."""
    return Decimal(value).quantize(KEPT, rounding=ROUND_HALF_UP)


def display(value: Decimal | None) -> Decimal | None:
    """A score as pages and exports show it: two decimals, half up."""
    if value is None:
        return None
    return Decimal(value).quantize(SHOWN, rounding=ROUND_HALF_UP)


def weights_problem(weights: Mapping[str, Decimal]) -> str | None:
    """Why these weights cannot be used (in Indonesian, for the form), or None if they can."""
    if set(weights) != set(PARTS):
        return "Bobot harus untuk kelima bagian."
    if any(Decimal(w) < 0 for w in weights.values()):
        return "Bobot tidak boleh negatif."
    if sum(Decimal(w) for w in weights.values()) != 1:
        return "Jumlah bobot kelima bagian harus 1 (100%)."
    return None


def score_problem(value: Decimal | None) -> str | None:
    """Why a part or dimension score is out of bounds, or None."""
    if value is None:
        return None
    if not (SCORE_MIN <= Decimal(value) <= SCORE_MAX):
        return "Nilai harus antara 0 dan 5."
    return None


def index(parts: Mapping[str, Decimal], weights: Mapping[str, Decimal]) -> Decimal:
    """The weighted sum of the five part scores, at the kept precision."""
    problem = weights_problem(weights)
    if problem:
        raise ValueError(problem)
    return keep(sum(Decimal(weights[p]) * Decimal(parts[p]) for p in PARTS))


def competition_ranks(values: Mapping[Hashable, Decimal | None]) -> dict[Hashable, int | None]:
    """Standard competition ranking, highest value first: {a: 3.5, b: 3.5, c: 3.1} →
    {a: 1, b: 1, c: 3}. A key whose value is None gets None (not ranked)."""
    ranked = sorted((v for v in values.values() if v is not None), reverse=True)
    first_place: dict[Decimal, int] = {}
    for position, value in enumerate(ranked, start=1):
        first_place.setdefault(value, position)
    return {key: (None if v is None else first_place[v]) for key, v in values.items()}


def grouped_ranks(
    values: Mapping[Hashable, Decimal | None], groups: Mapping[Hashable, Hashable | None]
) -> dict[Hashable, int | None]:
    """Competition ranks within each group (province, cohort); a key in no group gets None."""
    by_group: dict[Hashable, dict[Hashable, Decimal | None]] = {}
    for key, value in values.items():
        group = groups.get(key)
        if group is not None:
            by_group.setdefault(group, {})[key] = value
    ranks: dict[Hashable, int | None] = dict.fromkeys(values)
    for members in by_group.values():
        ranks.update(competition_ranks(members))
    return ranks


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """This year's shown index minus last year's, or None when either is missing."""
    if current is None or previous is None:
        return None
    return display(current) - display(previous)


def top(values: Mapping[Hashable, Decimal | None], n: int) -> list[Hashable]:
    """The keys ranked 1..n (ties at the cut-off all kept), best first, then by key."""
    ranks = competition_ranks(values)
    chosen = [key for key, rank in ranks.items() if rank is not None and rank <= n]
    return sorted(chosen, key=lambda key: (ranks[key], str(key)))


def award_candidates(
    dimension_scores: Iterable[tuple[Hashable, Mapping[str, Decimal | None]]], n: int
) -> dict[str, list[Hashable]]:
    """For each dimension, the top `n` keys by that dimension's score."""
    rows = list(dimension_scores)
    return {dim: top({key: scores.get(dim) for key, scores in rows}, n) for dim in DIMENSIONS}
