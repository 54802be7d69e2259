"""Panel aggregation for the readiness assessment (pure Python, no Django).

Each candidate region is scored by a panel of 2-4 assessors on a rubric of weighted criteria
(grouped under vision, struktur, infrastruktur and suprastruktur). One assessor's scores for one
candidate form a *sheet*. This module turns the raw 1-5 scores into what ministry staff rank and
select on:

1. **Sheet score** (:func:`assessor_score`): the weighted mean of the 1-5 values, rescaled to
   0-100, i.e. ``100 * (sum(w*v) / sum(w) - 1) / 4``. A sheet of all 1s scores 0, all 3s 50 and
   all 5s 100.
2. **Counted sheets**: with ``complete_only`` (the default) only sheets with a score for *every*
   criterion count. A half-filled sheet would bias the panel: its mean is taken over whichever
   criteria the assessor happened to reach, so it is not comparable with a full sheet, and one
   quick, partial opinion would weigh as much as a complete one.
   Incomplete sheets are ignored, not treated as zeros.
3. **Raw panel statistics** per candidate over its counted sheets: the arithmetic ``mean``,
   the ``spread`` (max - min), the population ``stdev``, and a ``disagreement`` flag when the
   spread is strictly greater than the margin (15 points by default) so the panel can discuss.
4. **Normalised scores** correct harsh or lenient assessors (:func:`z_scores`, :func:`normalise`).
   Each counted sheet score becomes a z-score within its assessor,
   ``z = (score - mu_a) / sigma_a``, where ``mu_a`` and ``sigma_a`` are the mean and population
   standard deviation of that assessor's counted sheet scores over *all* candidates they scored.
   When ``sigma_a`` is 0 (the assessor gave every candidate the same score, or scored only one
   candidate) the sheet says nothing about relative strength, so ``z = 0``: the sheet is placed
   at the panel average rather than dividing by zero. The z-scores are then mapped back to the
   0-100 scale of the whole panel, ``normalised = overall_mean + z * overall_sd`` (mean and
   population sd of all counted sheet scores), so raw and normalised figures can be shown side by
   side. A candidate's ``normalised_mean`` is the mean of its assessors' normalised scores.
5. **Ranks** (1 = best): ``rank`` by mean descending, ties broken by normalised mean descending
   and then candidate id ascending; ``normalised_rank`` by normalised mean, then mean, then id.
   Candidates without a counted sheet are unranked (``None``) and listed last, by id.

Figures are compared rounded to 9 decimals when ranking and when comparing the spread with the
margin, so floating-point noise (e.g. 15.000000000000002 from fractional weights) never decides a
tie or raises a flag; standard deviations below 1e-9 points are treated as 0 for the same reason.

Performance: one pass over the scores with plain dicts, then work per sheet and per candidate
only. 120 candidates x 4 assessors x 12 criteria (5,760 scores) aggregate in a few milliseconds.
The inputs are duck-typed: any objects with the attributes of :class:`Score` (e.g. a
``NamedTuple``, cheaper to build than a frozen dataclass) and of :class:`Criterion` work.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "Criterion",
    "Score",
    "CandidateAggregate",
    "assessor_score",
    "aggregate",
    "z_scores",
    "normalise",
    "MIN_VALUE",
    "MAX_VALUE",
]

MIN_VALUE = 1
MAX_VALUE = 5
_VALID_VALUES = frozenset(range(MIN_VALUE, MAX_VALUE + 1))
_TIE_DIGITS = 9  # figures are compared rounded, so float noise never decides a tie
_SD_EPS = 1e-9  # a standard deviation below this (in points on 0..100) counts as 0

SheetKey = tuple[int, int]  # (candidate_id, assessor_id)


@dataclass(frozen=True, slots=True)
class Criterion:
    """One rubric criterion and its weight (a finite number > 0; Decimal/int accepted)."""

    id: int
    weight: float

    def __post_init__(self) -> None:
        weight = _checked_weight(self.weight, self.id)
        object.__setattr__(self, "weight", weight)


@dataclass(frozen=True, slots=True)
class Score:
    """One assessor's 1-5 value for one criterion of one candidate.

    Not validated on construction (thousands are built per aggregation); :func:`aggregate` and
    :func:`assessor_score` validate every score they read.
    """

    candidate_id: int
    assessor_id: int
    criterion_id: int
    value: int


@dataclass(frozen=True, slots=True)
class CandidateAggregate:
    """The panel result for one candidate. Scores are on the 0-100 scale.

    ``assessor_scores`` and ``normalised_scores`` map assessor id to that assessor's counted
    sheet score (raw and normalised), ordered by assessor id. All statistics are ``None`` and
    ``disagreement`` is ``False`` when the candidate has no counted sheet.
    """

    candidate_id: int
    assessor_scores: dict[int, float]
    mean: float | None
    spread: float | None  # max - min of assessor_scores
    stdev: float | None  # population standard deviation of assessor_scores
    disagreement: bool  # spread > margin (strictly)
    normalised_mean: float | None
    rank: int | None
    normalised_rank: int | None
    normalised_scores: dict[int, float] = field(default_factory=dict)


def assessor_score(
    scores_of_one_sheet: Iterable[Score], criteria: Mapping[int, Criterion]
) -> float | None:
    """Score one sheet: the weighted mean of its values scaled to 0..100, or None if empty.

    ``100 * (sum(w*v) / sum(w) - 1) / 4`` over the criteria scored, computed as
    ``25 * (sum(w*v) - sum(w)) / sum(w)`` so that integer weights give an exactly rounded result.
    This function scores whatever is on the sheet; note that :func:`aggregate` (by default) only
    counts *complete* sheets in the panel, because a partial sheet's mean is not comparable.

    Raises ValueError on an invalid score or criterion (see :func:`aggregate`) and when the scores
    belong to more than one (candidate, assessor) sheet.
    """
    rubric = _rubric(criteria)
    sheets = _collect(scores_of_one_sheet, rubric.by_id)
    if not sheets:
        return None
    if len(sheets) > 1:
        raise ValueError(
            f"Scores of more than one sheet (candidate, assessor) given: {sorted(sheets)}"
        )
    (sheet,) = sheets.values()
    return _sheet_score(sheet, rubric)


def aggregate(
    scores: Iterable[Score],
    criteria: Mapping[int, Criterion],
    *,
    margin: float = 15.0,
    complete_only: bool = True,
    candidate_ids: Iterable[int] = (),
) -> list[CandidateAggregate]:
    """Aggregate all panels' scores into one result per candidate, ordered by rank.

    ``criteria`` maps criterion id to :class:`Criterion` (the whole rubric: a sheet is complete
    when it scores every criterion in it). With ``complete_only`` (default) incomplete sheets are
    ignored; with ``complete_only=False`` every sheet counts with the weighted mean of the
    criteria it scores. ``candidate_ids`` optionally names candidates to report even if they have
    no score at all (they come last, unranked); candidates appearing in ``scores`` are always
    reported. See the module docstring for the method.

    Raises ValueError on a value outside 1..5 (or not a whole number), an unknown criterion id,
    a duplicate (candidate, assessor, criterion), a non-positive or non-finite weight, a
    criterion filed under another id than its own, or a negative margin.
    """
    if not margin >= 0:  # also rejects NaN
        raise ValueError(f"The disagreement margin must be >= 0, got {margin!r}")
    rubric = _rubric(criteria)
    sheets = _collect(scores, rubric.by_id)
    n_criteria = len(rubric.ids)

    # Counted sheet scores, in (candidate, assessor) order so every dict below is ordered too.
    counted: dict[SheetKey, float] = {}
    for key in sorted(sheets):
        sheet = sheets[key]
        if complete_only and len(sheet) != n_criteria:
            continue
        counted[key] = _sheet_score(sheet, rubric)
    normalised = normalise(counted)

    raw_by_candidate: dict[int, dict[int, float]] = {}
    norm_by_candidate: dict[int, dict[int, float]] = {}
    for (candidate, assessor), value in counted.items():
        raw = raw_by_candidate.get(candidate)
        if raw is None:
            raw = raw_by_candidate[candidate] = {}
            norm_by_candidate[candidate] = {}
        raw[assessor] = value
        norm_by_candidate[candidate][assessor] = normalised[(candidate, assessor)]

    # Per-candidate statistics: candidate -> (mean, spread, stdev, normalised_mean).
    stats: dict[int, tuple[float, float, float, float]] = {}
    for candidate, raw in raw_by_candidate.items():
        values = list(raw.values())
        n = len(values)
        lo, hi = min(values), max(values)
        mean = _clamp(math.fsum(values) / n, lo, hi)
        stdev = math.sqrt(math.fsum((x - mean) ** 2 for x in values) / n)
        norm = list(norm_by_candidate[candidate].values())
        norm_mean = _clamp(math.fsum(norm) / len(norm), min(norm), max(norm))
        stats[candidate] = (mean, hi - lo, stdev, norm_mean)

    def tie_key(candidate: int) -> tuple[float, float]:
        mean, _, _, norm_mean = stats[candidate]
        return round(mean, _TIE_DIGITS), round(norm_mean, _TIE_DIGITS)

    keys = {candidate: tie_key(candidate) for candidate in stats}
    by_rank = sorted(stats, key=lambda c: (-keys[c][0], -keys[c][1], c))
    by_norm_rank = sorted(stats, key=lambda c: (-keys[c][1], -keys[c][0], c))
    norm_rank = {candidate: i for i, candidate in enumerate(by_norm_rank, start=1)}

    results = []
    for rank, candidate in enumerate(by_rank, start=1):
        mean, spread, stdev, norm_mean = stats[candidate]
        results.append(
            CandidateAggregate(
                candidate_id=candidate,
                assessor_scores=raw_by_candidate[candidate],
                mean=mean,
                spread=spread,
                stdev=stdev,
                disagreement=round(spread, _TIE_DIGITS) > margin,
                normalised_mean=norm_mean,
                rank=rank,
                normalised_rank=norm_rank[candidate],
                normalised_scores=norm_by_candidate[candidate],
            )
        )
    unranked = {candidate for candidate, _ in sheets}
    unranked.update(candidate_ids)
    unranked.difference_update(stats)
    for candidate in sorted(unranked):
        results.append(
            CandidateAggregate(
                candidate_id=candidate,
                assessor_scores={},
                mean=None,
                spread=None,
                stdev=None,
                disagreement=False,
                normalised_mean=None,
                rank=None,
                normalised_rank=None,
                normalised_scores={},
            )
        )
    return results


def z_scores(sheet_scores: Mapping[SheetKey, float]) -> dict[SheetKey, float]:
    """Per-assessor z-score of each (candidate, assessor) sheet score.

    ``z = (score - mu_a) / sigma_a`` with the mean and population standard deviation of the
    assessor's scores over every candidate in ``sheet_scores``. ``z = 0`` when ``sigma_a`` is 0
    (below 1e-9), which includes an assessor who scored only one candidate: such an assessor
    shows no preference between candidates, so their sheets sit at the panel average.
    """
    by_assessor: dict[int, list[float]] = {}
    for (_, assessor), value in sheet_scores.items():
        values = by_assessor.get(assessor)
        if values is None:
            by_assessor[assessor] = [value]
        else:
            values.append(value)
    moments: dict[int, tuple[float, float]] = {}
    for assessor, values in by_assessor.items():
        mu, sigma = _mean_sd(values)
        moments[assessor] = (mu, sigma)
    result = {}
    for key, value in sheet_scores.items():
        mu, sigma = moments[key[1]]
        result[key] = (value - mu) / sigma if sigma else 0.0
    return result


def normalise(sheet_scores: Mapping[SheetKey, float]) -> dict[SheetKey, float]:
    """Normalised (harshness-corrected) score of each sheet, on the panel's 0..100 scale.

    ``overall_mean + z * overall_sd`` with :func:`z_scores` and the mean and population standard
    deviation of all the given sheet scores; every sheet gets ``overall_mean`` when that standard
    deviation is 0.
    """
    if not sheet_scores:
        return {}
    overall_mean, overall_sd = _mean_sd(list(sheet_scores.values()))
    if not overall_sd:
        return dict.fromkeys(sheet_scores, overall_mean)
    return {key: overall_mean + z * overall_sd for key, z in z_scores(sheet_scores).items()}


# --- internals ----------------------------------------------------------------------------------


def _checked_weight(weight: object, criterion_id: object) -> float:
    try:
        value = float(weight)  # accept Decimal/int input
    except (TypeError, ValueError):
        raise ValueError(
            f"Weight of criterion {criterion_id!r} is not a number: {weight!r}"
        ) from None
    if not value > 0 or math.isinf(value):  # also rejects NaN
        raise ValueError(f"Weight of criterion {criterion_id!r} must be > 0, got {weight!r}")
    return value


class _Rubric(NamedTuple):
    by_id: dict[int, float]  # criterion id -> weight
    ids: tuple[int, ...]  # in the order of the criteria mapping
    weights: tuple[float, ...]  # aligned with ids
    total: float  # sum of all weights


def _rubric(criteria: Mapping[int, Criterion]) -> _Rubric:
    """The validated weights (also for duck-typed criteria), prepared for scoring sheets."""
    by_id = {}
    for key, criterion in criteria.items():
        if criterion.id != key:
            raise ValueError(f"Criterion {criterion.id!r} is filed under id {key!r}")
        by_id[key] = _checked_weight(criterion.weight, key)
    weights = tuple(by_id.values())
    return _Rubric(by_id, tuple(by_id), weights, math.fsum(weights))


def _collect(
    scores: Iterable[Score], weights: Mapping[int, float]
) -> dict[SheetKey, dict[int, int]]:
    """The single validating pass: (candidate, assessor) -> {criterion_id: value}."""
    sheets: dict[SheetKey, dict[int, int]] = {}
    valid = _VALID_VALUES
    for score in scores:
        criterion = score.criterion_id
        value = score.value
        if criterion not in weights:
            raise ValueError(f"Unknown criterion id {criterion!r} in {score!r}")
        if value not in valid:
            raise ValueError(
                f"Score value must be a whole number {MIN_VALUE}..{MAX_VALUE}, got {value!r} "
                f"in {score!r}"
            )
        key = (score.candidate_id, score.assessor_id)
        sheet = sheets.get(key)
        if sheet is None:
            sheets[key] = {criterion: value}
        elif criterion in sheet:
            raise ValueError(
                f"Duplicate score for candidate {key[0]!r}, assessor {key[1]!r}, "
                f"criterion {criterion!r}"
            )
        else:
            sheet[criterion] = value
    return sheets


def _sheet_score(sheet: Mapping[int, int], rubric: _Rubric) -> float:
    # Summed in rubric order, so the result does not depend on the order the scores came in.
    if len(sheet) == len(rubric.ids):  # complete (ids were validated): the common, fast path
        sum_wv = math.sumprod(rubric.weights, map(sheet.__getitem__, rubric.ids))
        sum_w = rubric.total
    else:
        present = [k for k in rubric.ids if k in sheet]
        weights = rubric.by_id
        sum_wv = math.sumprod([weights[k] for k in present], [sheet[k] for k in present])
        sum_w = math.fsum(weights[k] for k in present)
    # The exact score lies in [0, 100]; clamping removes the rounding error at the ends (a full
    # sheet of 5s over weights 0.1 and 0.7 otherwise gives 100.00000000000001 on Python 3.13).
    return _clamp(25.0 * (sum_wv - sum_w) / sum_w, 0.0, 100.0)


def _mean_sd(values: list[float]) -> tuple[float, float]:
    """Mean and population standard deviation (0.0 when below the noise threshold)."""
    n = len(values)
    mean = _clamp(math.fsum(values) / n, min(values), max(values))
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in values) / n)
    return mean, (sd if sd >= _SD_EPS else 0.0)


def _clamp(x: float, lo: float, hi: float) -> float:
    # The exact mean lies in [lo, hi]; clamping only removes rounding error at the ends.
    return lo if x < lo else hi if x > hi else x
