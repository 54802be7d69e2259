"""The verification's arithmetic, free of Django: disagreement flags, final indicator scores and
the part and dimension scores they make.

- An indicator is **flagged** when its evaluators' scores are more than `DISAGREEMENT_MARGIN`
  (1 point) apart, or when any of them is more than that from the region's own score. A flagged
  indicator needs a reconciled score, with a reason, before the panel can submit.
- Its **final score** is the reconciled score when there is one, else the mean of the
  evaluators' scores (3 and 4 make 3.5).
- A survey-sourced indicator's final score is the mean of the survey's answers to it.
- A **part score** is the mean of the final scores of the part's indicators, weighted by each
  indicator's weight in its part (every weight 1 by default: the plain mean); a **dimension
  score** likewise over the indicators tagged with that dimension. Both are kept with six
  decimals (`method.keep`) and shown with two, never rounded before the index is computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# "A difference of more than 1 point between evaluators (or from the region's score)".
DISAGREEMENT_MARGIN = 1
SCORE_LEVELS = range(0, 6)
KEPT = Decimal("0.000001")


def keep(value: Decimal) -> Decimal:
    """A score at the precision stored (six decimals, half up), as the core keeps results."""
    return Decimal(value).quantize(KEPT, rounding=ROUND_HALF_UP)


def disagreement(
    region_score: int | None, evaluator_scores: Sequence[int | None], *, margin=DISAGREEMENT_MARGIN
) -> list[str]:
    """Why an indicator is flagged ("evaluators", "region"), empty when it is not.

    Only scores given count: an evaluator who has not scored yet disagrees with nobody.
    """
    given = [s for s in evaluator_scores if s is not None]
    reasons = []
    if given and max(given) - min(given) > margin:
        reasons.append("evaluators")
    if region_score is not None and any(abs(s - region_score) > margin for s in given):
        reasons.append("region")
    return reasons


def final_score(evaluator_scores: Sequence[int | None], reconciled: int | None) -> Decimal | None:
    """The reconciled score if any, else the mean of the evaluators' scores (None if none)."""
    if reconciled is not None:
        return Decimal(reconciled)
    given = [Decimal(s) for s in evaluator_scores if s is not None]
    if not given:
        return None
    return sum(given) / len(given)


def survey_score(answers: Iterable[int | None]) -> Decimal | None:
    """The mean of the answers given to one survey question (None when nobody answered)."""
    given = [Decimal(a) for a in answers if a is not None]
    if not given:
        return None
    return sum(given) / len(given)


@dataclass(frozen=True)
class Scored:
    """One indicator's final score with what groups it: its part, dimension and weight."""

    part: str
    dimension: str
    weight: Decimal
    score: Decimal


def weighted_mean(items: Sequence[Scored]) -> Decimal | None:
    """Σ weight × score / Σ weight; the plain mean when every weight is 0; None for no items."""
    if not items:
        return None
    total = sum(Decimal(i.weight) for i in items)
    if total == 0:
        return keep(sum(i.score for i in items) / len(items))
    return keep(sum(Decimal(i.weight) * i.score for i in items) / total)


def grouped_scores(items: Iterable[Scored], key: str) -> dict[str, Decimal]:
    """The weighted mean of the final scores per part (`key="part"`) or dimension."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for item in items:
        groups[getattr(item, key)].append(item)
    return {name: weighted_mean(members) for name, members in groups.items()}
