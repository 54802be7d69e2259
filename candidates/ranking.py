"""Contractual default screening method for Smart City candidate regions.

Pure Python on purpose (no Django): the method is a contract that an
independent implementation is checked against, so it must be testable and
reviewable on its own, and cheap enough to re-run for sensitivity analysis.

Steps: exclude non-eligible regions; mark regions missing a starred indicator
as incomplete; min-max scale each starred indicator to 0..100 over the
complete regions; take the weighted composite; rank (ties: raw EKPPD, raw
fiscal capacity, region code); the first ``quota`` are shortlisted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "Status",
    "Weights",
    "RegionInput",
    "RegionResult",
    "screen",
    "export_rows",
    "shortlist_changes",
    "moved_weights",
    "rank_stability",
]

EXPORT_HEADER = [
    "rank",
    "region_code",
    "region_name",
    "composite_score",
    "fiscal_score",
    "governance_score",
    "green_score",
    "status",
]
WEIGHT_KEYS = ("fiscal", "governance", "green")
# Human labels (Bahasa Indonesia) of the starred indicators, used in reasons.
INDICATOR_LABELS = {
    "fiscal": "indeks kapasitas fiskal",
    "ekppd": "skor EKPPD",
    "green": "indeks kota hijau",
}
_TOL = 1e-9  # tolerance for "weights sum to 1"
_TIE_DIGITS = 9  # composites are compared rounded, so float noise never decides a tie


class Status:
    """Plain string constants, so they can be stored/exported as-is."""

    SHORTLISTED = "shortlisted"
    RANKED = "ranked"
    INCOMPLETE = "incomplete"
    EXCLUDED = "excluded"


@dataclass(frozen=True, slots=True)
class Weights:
    """Composite weights; validated on creation so a bad set can never be used."""

    fiscal: float = 0.40
    governance: float = 0.35
    green: float = 0.25

    def __post_init__(self) -> None:
        for key in WEIGHT_KEYS:
            value = float(getattr(self, key))  # accept Decimal/int input
            if not value >= 0 or math.isinf(value):  # also rejects NaN
                raise ValueError(f"Weight '{key}' must be a finite number >= 0, got {value!r}")
            object.__setattr__(self, key, value)
        total = self.fiscal + self.governance + self.green
        if abs(total - 1.0) > _TOL:
            raise ValueError(f"Weights must sum to 1 (got {total!r}: {self.as_dict()})")

    @classmethod
    def parse(cls, text: str) -> Weights:
        """Parse ``"fiscal=0.5,governance=0.3,green=0.2"`` (e.g. from a CLI option).

        All three keys are required so a typo cannot silently fall back to a default.
        """
        values: dict[str, float] = {}
        for part in (text or "").split(","):
            if not part.strip():
                continue
            key, sep, raw = part.partition("=")
            key = key.strip()
            if not sep:
                raise ValueError(f"Expected key=value, got {part.strip()!r}")
            if key not in WEIGHT_KEYS:
                raise ValueError(f"Unknown weight {key!r}; expected {', '.join(WEIGHT_KEYS)}")
            if key in values:
                raise ValueError(f"Weight {key!r} given more than once")
            try:
                values[key] = float(raw.strip())
            except ValueError:
                raise ValueError(f"Weight {key!r} is not a number: {raw.strip()!r}") from None
        missing = [k for k in WEIGHT_KEYS if k not in values]
        if missing:
            raise ValueError(f"Missing weight(s): {', '.join(missing)}")
        return cls(**values)

    def as_dict(self) -> dict[str, float]:
        return {key: getattr(self, key) for key in WEIGHT_KEYS}


class RegionInput(NamedTuple):
    """One kab/kota for the screening year. ``None`` means missing, never zero.

    A NamedTuple rather than a frozen dataclass: equally immutable, but about
    ten times cheaper to build, which matters for the per-request budget.
    """

    code: str
    name: str = ""
    fiscal: float | None = None  # fiscal_capacity_index
    ekppd: float | None = None  # ekppd_score
    green: float | None = None  # green_city_index
    administrative: bool = False  # non-autonomous kab/kota
    previously_selected: bool = False  # selected in an earlier cohort
    ineligible_reason: str = ""  # optional hard eligibility filter


class RegionResult(NamedTuple):
    """Outcome for one region; scores are 0..100, ``None`` when not scored."""

    code: str
    name: str
    status: str
    rank: int | None = None
    fiscal_score: float | None = None
    governance_score: float | None = None
    green_score: float | None = None
    composite: float | None = None
    reason: str = ""


def _exclusion_reason(r: RegionInput) -> str:
    if r.administrative:
        return "Daerah administratif (bukan otonom)"
    if r.previously_selected:
        return "Sudah terpilih pada angkatan sebelumnya"
    return (r.ineligible_reason or "").strip()


def _check_quota(quota: int) -> None:
    if isinstance(quota, bool) or not isinstance(quota, int) or quota < 0:
        raise ValueError(f"quota must be an int >= 0, got {quota!r}")


def _prepare(regions: Iterable[RegionInput]):
    """Weight-independent part: split the pool and min-max scale the indicators.

    Returns (complete, others): ``complete`` is a list of
    (region, raw_fiscal, raw_ekppd, fiscal_score, governance_score, green_score);
    ``others`` holds the incomplete then excluded results, each sorted by code.
    """
    seen: set[str] = set()
    pool: list[RegionInput] = []
    incomplete: list[RegionResult] = []
    excluded: list[RegionResult] = []
    for r in regions:
        if r.code in seen:
            raise ValueError(f"Duplicate region code {r.code!r}")
        seen.add(r.code)
        if r.administrative or r.previously_selected or (r.ineligible_reason or "").strip():
            excluded.append(
                RegionResult(r.code, r.name, Status.EXCLUDED, reason=_exclusion_reason(r))
            )
        elif r.fiscal is None or r.ekppd is None or r.green is None:
            missing = [label for key, label in INDICATOR_LABELS.items() if getattr(r, key) is None]
            incomplete.append(
                RegionResult(
                    r.code,
                    r.name,
                    Status.INCOMPLETE,
                    reason="Data indikator tidak lengkap: " + ", ".join(missing),
                )
            )
        else:
            pool.append(r)

    complete = []
    if pool:
        fs = [float(r.fiscal) for r in pool]
        es = [float(r.ekppd) for r in pool]
        gs = [float(r.green) for r in pool]
        if not all(map(math.isfinite, fs + es + gs)):  # NaN/inf would corrupt the ranking
            raise ValueError("Indicator values must be finite numbers (found NaN or infinity)")
        # One O(n) scan per indicator (C-level min/max), never per region.
        lf, le, lg = min(fs), min(es), min(gs)
        sf, se, sg = max(fs) - lf, max(es) - le, max(gs) - lg
        complete = [
            (
                r,
                f,
                e,
                100 * (f - lf) / sf if sf else 100.0,
                100 * (e - le) / se if se else 100.0,
                100 * (g - lg) / sg if sg else 100.0,
            )
            for r, f, e, g in zip(pool, fs, es, gs, strict=True)
        ]
    incomplete.sort(key=lambda x: x.code)
    excluded.sort(key=lambda x: x.code)
    return complete, incomplete + excluded


def _rank(complete, others, weights: Weights, quota: int) -> list[RegionResult]:
    wf, wg, wgr = weights.fiscal, weights.governance, weights.green
    # Sort key first: highest composite (rounded, so float noise never decides a
    # tie), then raw EKPPD, raw fiscal (higher first), then code. Codes are unique,
    # so tuple comparison never reaches the payload.
    scored = []
    for r, f, e, fs, gs, grs in complete:
        comp = wf * fs + wg * gs + wgr * grs
        scored.append((-round(comp, _TIE_DIGITS), -e, -f, r.code, r.name, fs, gs, grs, comp))
    scored.sort()
    n = len(scored)
    inside, outside = f"Masuk {quota} besar (peringkat ", f"Di luar {quota} besar (peringkat "
    tail = f" dari {n})"
    results = [
        RegionResult(
            code,
            name,
            Status.SHORTLISTED if rank <= quota else Status.RANKED,
            rank,
            fs,
            gs,
            grs,
            comp,
            (inside if rank <= quota else outside) + str(rank) + tail,
        )
        for rank, (_, _, _, code, name, fs, gs, grs, comp) in enumerate(scored, start=1)
    ]
    return results + others


def screen(
    regions: Iterable[RegionInput], *, weights: Weights = Weights(), quota: int = 120
) -> list[RegionResult]:
    """Screen regions; result is ranked ones by rank, then incomplete, then excluded (by code)."""
    _check_quota(quota)
    return _rank(*_prepare(regions), weights, quota)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def export_rows(results: Iterable[RegionResult]) -> Iterator[list[str]]:
    """Yield CSV rows (header first); scores to 4 decimals, blanks when absent."""
    yield list(EXPORT_HEADER)
    for r in results:
        yield [
            "" if r.rank is None else str(r.rank),
            r.code,
            r.name,
            _fmt(r.composite),
            _fmt(r.fiscal_score),
            _fmt(r.governance_score),
            _fmt(r.green_score),
            r.status,
        ]


def _shortlist(results: Iterable[RegionResult]) -> dict[str, int]:
    return {r.code: r.rank for r in results if r.status == Status.SHORTLISTED}


def shortlist_changes(
    before: Iterable[RegionResult], after: Iterable[RegionResult]
) -> tuple[list[str], list[str]]:
    """Codes that entered / left the shortlist; entered ordered by new rank, left by old rank."""
    old, new = _shortlist(before), _shortlist(after)
    entered = sorted((c for c in new if c not in old), key=lambda c: (new[c], c))
    left = sorted((c for c in old if c not in new), key=lambda c: (old[c], c))
    return entered, left


def moved_weights(weights: Weights, key: str, factor: float) -> Weights | None:
    """``weights`` with ``key`` moved to exactly ``w × factor`` (at most 1); None if w is 0.

    The other weights share what is left in proportion to their current values (equally if
    they are all 0), so the sum stays 1 and only the moved weight changes its share.
    """
    current = weights.as_dict()
    if current[key] == 0:  # 0 × factor is still 0: a weight of 0 cannot move
        return None
    moved = min(current[key] * factor, 1.0)
    others = [k for k in WEIGHT_KEYS if k != key]
    rest = sum(current[k] for k in others)
    share = {k: (current[k] / rest if rest else 1 / len(others)) * (1.0 - moved) for k in others}
    return Weights(**{key: moved, **share})


def rank_stability(
    regions: Iterable[RegionInput],
    *,
    weights: Weights = Weights(),
    quota: int = 120,
    step: float = 0.10,
) -> list[dict]:
    """Sensitivity check: move each weight by ±step (relative) and re-screen.

    The moved weight becomes exactly ``w × (1 ± step)`` (capped at 1); the others share the
    remainder in proportion (see `moved_weights`). A weight of 0 cannot move and gets no
    entries. Shows how much the shortlist depends on the exact weights chosen. Scaling is
    weight-independent, so it is computed once and only the ranking is redone.
    """
    _check_quota(quota)
    step = float(step)
    if not 0 <= step < 1:
        raise ValueError(f"step must be in [0, 1), got {step!r}")
    complete, others = _prepare(regions)
    base = _rank(complete, others, weights, quota)
    base_short = _shortlist(base)
    report = []
    for key in WEIGHT_KEYS:
        for direction, factor in (("+", 1 + step), ("-", 1 - step)):
            moved = moved_weights(weights, key, factor)
            if moved is None:
                continue
            results = _rank(complete, others, moved, quota)
            entered, left = shortlist_changes(base, results)
            report.append(
                {
                    "weight": key,
                    "direction": direction,
                    "weights": moved,
                    "kept": len(base_short) - len(left),
                    "shortlist_size": len(_shortlist(results)),
                    "entered": entered,
                    "left": left,
                }
            )
    return report
