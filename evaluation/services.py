"""Writes of the evaluation: cycles move, part scores are recorded, indices and ranks are
recomputed, cycles are published and published results corrected. Views, the admin, commands
and the demo call these; none of them sets a status, a score or a rank itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from smartcity.models import Region

from . import method
from .models import Cycle, Instrument, Result, ResultRevision

RECOMPUTED_FIELDS = ["index", "rank_national", "rank_province", "rank_cohort"]


class EvaluationError(Exception):
    """A write the evaluation's rules refuse; the message is for the person who tried."""


@dataclass
class Scores:
    """One region's scores to record: the five parts (required) and any dimension scores."""

    parts: Mapping[str, Decimal]
    dimensions: Mapping[str, Decimal | None] = field(default_factory=dict)


def participant_cohorts(*, regions: Iterable[int] | None = None) -> dict[int, int]:
    """{region id: cohort id} of regions in the programme (selected or participant), in one
    query; a region in two cohorts counts under its first."""
    rows = Candidate.objects.filter(status__in=Candidate.IN_PROGRAMME).order_by("-cohort__year")
    if regions is not None:
        rows = rows.filter(region_id__in=list(regions))
    return dict(rows.values_list("region_id", "cohort_id"))


def cycle_default_regions(*, year: int):
    """The regions a cycle of `year` evaluates by default: every participant of an earlier
    cohort."""
    return Region.objects.filter(
        candidacies__status=Candidate.Status.PARTICIPANT, candidacies__cohort__year__lt=year
    ).distinct()


@transaction.atomic
def cycle_create(
    *, year: int, instrument: Instrument | None = None, name: str = "", **settings
) -> Cycle:
    """A draft cycle for `year` with the default weights (or those given) and the default
    participating regions."""
    cycle = Cycle(year=year, instrument=instrument, name=name or f"Evaluasi {year}", **settings)
    cycle.full_clean()
    cycle.save()
    cycle.regions.set(cycle_default_regions(year=year))
    return cycle


def cycle_for_year(*, year: int) -> Cycle:
    """The cycle of `year`, created as a draft if there is none (for imports of past years)."""
    cycle = Cycle.objects.filter(year=year).first()
    return cycle or cycle_create(year=year)


@transaction.atomic
def cycle_move(*, cycle: Cycle, to: str, by=None) -> Cycle:
    """Move a cycle along draft → open → verification → published; opening freezes its
    instrument. The only place a cycle's status changes (publishing: `cycle_publish`)."""
    if to == Cycle.Status.PUBLISHED:
        return cycle_publish(cycle=cycle, by=by)
    if to not in Cycle.MOVES.get(cycle.status, ()):
        raise EvaluationError(
            _("Siklus tidak dapat berpindah dari %(a)s ke %(b)s.") % {"a": cycle.status, "b": to}
        )
    if not Cycle.objects.filter(pk=cycle.pk, status=cycle.status).update(status=to):
        raise EvaluationError(_("Siklus berubah sementara itu; muat ulang dan coba lagi."))
    if to == Cycle.Status.OPEN and cycle.instrument_id:
        Instrument.objects.filter(pk=cycle.instrument_id, frozen_at__isnull=True).update(
            frozen_at=timezone.now()
        )
    cycle.refresh_from_db()
    return cycle


@transaction.atomic
def results_record(*, cycle: Cycle, scores: Mapping[int, Scores], replace: bool = False) -> int:
    """Record the part (and dimension) scores of many regions, keyed by region id, then
    recompute the cycle's indices and ranks. With `replace`, the cycle's other results go.

    Refuses a published cycle (corrections go through `result_correct`) and scores out of
    0–5. Returns how many results were written. A few queries whatever the count."""
    if cycle.is_published:
        raise EvaluationError(_("Hasil siklus yang sudah diumumkan hanya dapat dikoreksi."))
    for region_id, row in scores.items():
        for name, value in [*row.parts.items(), *row.dimensions.items()]:
            if method.score_problem(value):
                raise EvaluationError(f"{region_id} {name}: {method.score_problem(value)}")
        if set(row.parts) != set(method.PARTS):
            raise EvaluationError(_("Kelima nilai bagian harus diisi."))
    if replace:
        cycle.results.exclude(region_id__in=list(scores)).delete()
    existing = {r.region_id: r for r in cycle.results.filter(region_id__in=list(scores))}
    cohorts = participant_cohorts(regions=scores)
    new, changed = [], []
    for region_id, row in scores.items():
        result = existing.get(region_id) or Result(cycle=cycle, region_id=region_id)
        for part in method.PARTS:
            setattr(result, part, method.keep(row.parts[part]))
        for dim in method.DIMENSIONS:
            value = row.dimensions.get(dim)
            setattr(result, dim, None if value is None else method.keep(value))
        result.cohort_id = cohorts.get(region_id)
        result.index = method.index(result.parts, cycle.weights)
        (changed if result.pk else new).append(result)
    Result.objects.bulk_create(new)
    if changed:
        Result.objects.bulk_update(
            changed, [*method.PARTS, *method.DIMENSIONS, "cohort", "index", "updated_at"]
        )
    cycle_recompute(cycle=cycle)
    return len(new) + len(changed)


def result_record(
    *,
    cycle: Cycle,
    region: Region,
    parts: Mapping[str, Decimal],
    dimensions: Mapping[str, Decimal | None] | None = None,
) -> Result:
    """Record one region's five part scores (and optional dimension scores) in a cycle and
    recompute the cycle's indices and ranks. What verification and survey feed into."""
    results_record(cycle=cycle, scores={region.pk: Scores(parts, dimensions or {})})
    return cycle.results.select_related("region", "cycle").get(region=region)


def _recompute(cycle: Cycle) -> list[Result]:
    """Indices and the three ranks of every result of a cycle from its weights: one SELECT
    (of plain values) and one bulk UPDATE. Returns the results whose values changed."""
    names = ["pk", "region__province_id", "cohort_id", *method.PARTS, *RECOMPUTED_FIELDS]
    rows = [dict(zip(names, values, strict=True)) for values in cycle.results.values_list(*names)]
    weights = cycle.weights
    indices = {r["pk"]: method.index(r, weights) for r in rows}
    national = method.competition_ranks(indices)
    province = method.grouped_ranks(indices, {r["pk"]: r["region__province_id"] for r in rows})
    cohort = method.grouped_ranks(indices, {r["pk"]: r["cohort_id"] for r in rows})
    changed = []
    for r in rows:
        pk = r["pk"]
        new = (indices[pk], national[pk], province[pk], cohort[pk])
        if tuple(r[name] for name in RECOMPUTED_FIELDS) != new:
            changed.append(Result(pk=pk, **dict(zip(RECOMPUTED_FIELDS, new, strict=True))))
    if changed:
        Result.objects.bulk_update(changed, RECOMPUTED_FIELDS)
    return changed


@transaction.atomic
def cycle_recompute(*, cycle: Cycle) -> int:
    """Recompute every index and rank of an unpublished cycle (after new scores or a weight
    change). Returns how many results changed."""
    if cycle.is_published:
        raise EvaluationError(_("Hasil siklus yang sudah diumumkan hanya dapat dikoreksi."))
    return len(_recompute(cycle))


@transaction.atomic
def cycle_set_weights(*, cycle: Cycle, weights: Mapping[str, Decimal]) -> int:
    """Change an unpublished cycle's five weights (they must sum to 1) and recompute every
    index and rank. Returns how many results changed."""
    if cycle.is_published:
        raise EvaluationError(_("Bobot siklus yang sudah diumumkan tidak dapat diubah."))
    problem = method.weights_problem(weights)
    if problem:
        raise EvaluationError(problem)
    for part, weight in weights.items():
        setattr(cycle, f"weight_{part}", Decimal(weight))
    cycle.save(update_fields=[f"weight_{part}" for part in method.PARTS])
    return len(_recompute(cycle))


def _snapshot(result: Result) -> dict:
    values = {name: getattr(result, name) for name in (*method.PARTS, *method.DIMENSIONS)}
    values["index"] = result.index
    snap = {k: (None if v is None else str(v)) for k, v in values.items()}
    snap.update(
        rank_national=result.rank_national,
        rank_province=result.rank_province,
        rank_cohort=result.rank_cohort,
    )
    return snap


@transaction.atomic
def cycle_publish(*, cycle: Cycle, by=None) -> Cycle:
    """Publish a cycle under verification (or any unpublished cycle of imported past scores):
    recompute, then write revision 1 of every result. From now on results change only by
    `result_correct`."""
    if cycle.is_published:
        raise EvaluationError(_("Siklus ini sudah diumumkan."))
    if not cycle.results.exists():
        raise EvaluationError(_("Siklus tanpa hasil tidak dapat diumumkan."))
    _recompute(cycle)
    if not Cycle.objects.filter(pk=cycle.pk, status=cycle.status).update(
        status=Cycle.Status.PUBLISHED, published_at=timezone.now(), published_by=by
    ):
        raise EvaluationError(_("Siklus berubah sementara itu; muat ulang dan coba lagi."))
    results = list(cycle.results.all())
    cycle.results.update(revision=1)
    ResultRevision.objects.bulk_create(
        ResultRevision(result=r, number=1, scores=_snapshot(r), by=by) for r in results
    )
    cycle.refresh_from_db()
    return cycle


@transaction.atomic
def result_correct(
    *,
    result: Result,
    parts: Mapping[str, Decimal],
    dimensions: Mapping[str, Decimal | None] | None = None,
    reason: str,
    by,
) -> Result:
    """Correct a published result: new scores, recomputed ranks, and a new recorded revision
    for it and for every other result whose rank moved. Earlier revisions stay as they were."""
    cycle = result.cycle
    if not cycle.is_published:
        raise EvaluationError(_("Hanya hasil yang sudah diumumkan yang dikoreksi dengan revisi."))
    if not reason.strip():
        raise EvaluationError(_("Koreksi memerlukan alasan."))
    dimensions = dimensions or {}
    values = {**parts, **dimensions}
    for name, value in values.items():
        if method.score_problem(value):
            raise EvaluationError(f"{name}: {method.score_problem(value)}")
    update = {p: method.keep(parts[p]) for p in method.PARTS}
    update.update(
        {
            d: None if dimensions.get(d) is None else method.keep(dimensions[d])
            for d in method.DIMENSIONS
        }
    )
    Result.objects.filter(pk=result.pk).update(**update)
    changed = {r.pk for r in _recompute(cycle)} | {result.pk}
    touched = list(cycle.results.filter(pk__in=changed))
    Result.objects.filter(pk__in=changed).update(revision=F("revision") + 1)
    revisions = []
    for r in touched:
        note = (
            reason
            if r.pk == result.pk
            else _("Peringkat berubah karena koreksi %(region)s")
            % {"region": result.region.short_name}
        )
        revisions.append(
            ResultRevision(
                result=r, number=r.revision + 1, scores=_snapshot(r), reason=note[:300], by=by
            )
        )
    ResultRevision.objects.bulk_create(revisions)
    result.refresh_from_db()
    return result
