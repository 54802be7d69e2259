"""Writes and computations for desk screening: rounds, immutable runs, what-if, invitations.

The ranking itself is the pure `candidates.screening` module (the contract of DESIGN.md); this
module feeds it the year's indicators and the round's settings, and freezes what came out.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import FloatField, Max, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import screening
from ..models import (
    Candidate,
    Cohort,
    IndicatorImport,
    IndicatorSet,
    ScreeningExclusion,
    ScreeningResult,
    ScreeningRound,
    ScreeningRun,
)

FISCAL_ORDER = [c.value for c in IndicatorSet.FiscalCategory]
EKPPD_ORDER = [c.value for c in IndicatorSet.EkppdStatus]


class ScreeningError(Exception):
    """A screening request that cannot be carried out; the message is for the user."""


@dataclass(frozen=True)
class ScreeningInputs:
    dataset_id: int
    regions: list[screening.RegionInput]
    # The raw rows, in the order of `regions`: what a run freezes besides their values.
    rows: list[tuple]


def screening_round_for_cohort(*, cohort: Cohort) -> ScreeningRound:
    """The cohort's round, created with the default method and the cohort's invitation quota."""
    round_, _created = ScreeningRound.objects.get_or_create(
        cohort=cohort, defaults={"quota": cohort.quota_invited}
    )
    return round_


def round_weights(round_: ScreeningRound) -> screening.Weights:
    try:
        return screening.Weights(**{k: float(v) for k, v in round_.weights.items()})
    except ValueError as exc:
        raise ScreeningError(str(exc)) from exc


def _below(value: str, minimum: str, order: list[str]) -> bool:
    """A missing category fails a minimum: the filter asks for evidence of at least that level."""
    if not minimum:
        return False
    return value not in order or order.index(value) < order.index(minimum)


def _regions_out_of_pool(*, round_: ScreeningRound, year: int) -> dict[int, str]:
    """Region ids out of the pool: selected in an earlier cohort ("") or excluded (the reason).

    One round trip for both, in plain (portable) SQL: this runs on every what-if, and the
    ORM's UNION costs several times the database's own work here (bench/screening.py).
    """
    statuses = list(Candidate.IN_PROGRAMME)
    quote = connection.ops.quote_name
    sql = (
        f"SELECT c.region_id, '' FROM {quote(Candidate._meta.db_table)} c "
        f"JOIN {quote(Cohort._meta.db_table)} h ON h.id = c.cohort_id "
        f"WHERE h.year < %s AND c.status IN ({', '.join(['%s'] * len(statuses))}) "
        "UNION ALL "
        f"SELECT e.region_id, e.reason FROM {quote(ScreeningExclusion._meta.db_table)} e "
        "WHERE e.round_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, *statuses, round_.pk])
        return dict(cursor.fetchall())


def screening_inputs(*, round_: ScreeningRound) -> ScreeningInputs:
    """Everything a run ranks: the year's current indicators and who is out of the pool, why.

    Two queries whatever the number of regions: the current dataset's rows with their region,
    then the regions out by an earlier selection or by the round's exclusions. Values come back
    as floats in plain tuples: this runs on every what-if, so it is kept lean (bench/).
    """
    year = round_.cohort.year
    current = IndicatorImport.objects.filter(year=year, superseded_at__isnull=True)
    rows = (
        IndicatorSet.objects.filter(dataset_id=Subquery(current.values("pk")[:1]))
        .order_by()
        .values_list(
            "dataset_id",
            "region_id",
            "region__code",
            "region__name",
            "region__is_administrative",
            Cast("fiscal_capacity_index", FloatField()),
            Cast("ekppd_score", FloatField()),
            Cast("green_city_index", FloatField()),
            "fiscal_capacity_category",
            "ekppd_status",
        )
    )
    out = _regions_out_of_pool(round_=round_, year=year)
    fiscal_minimum, ekppd_minimum = round_.min_fiscal_category, round_.min_ekppd_status

    def reason_for(excluded, fiscal_category, ekppd_status) -> str:
        if excluded:
            return _("Dikecualikan: %(reason)s") % {"reason": excluded}
        if fiscal_minimum and _below(fiscal_category, fiscal_minimum, FISCAL_ORDER):
            return _("Kategori kapasitas fiskal di bawah syarat minimum (%(min)s)") % {
                "min": round_.get_min_fiscal_category_display()
            }
        if ekppd_minimum and _below(ekppd_status, ekppd_minimum, EKPPD_ORDER):
            return _("Status EKPPD di bawah syarat minimum (%(min)s)") % {
                "min": round_.get_min_ekppd_status_display()
            }
        return ""

    rows = list(rows)
    dataset_id, regions = None, []
    region_input = screening.RegionInput
    filtered = fiscal_minimum or ekppd_minimum
    for row in rows:
        dataset_id, rid, code, name, admin, fiscal, ekppd, green, fcat, estatus = row
        excluded = out.get(rid)  # None: in the pool; "": selected earlier; else: the reason
        reason = reason_for(excluded, fcat, estatus) if excluded or filtered else ""
        prev = excluded == ""
        regions.append(region_input(code, name, fiscal, ekppd, green, admin, prev, reason))
    if dataset_id is None:
        raise ScreeningError(
            _("Belum ada data indikator untuk tahun %(year)s. Impor data terlebih dahulu.")
            % {"year": year}
        )
    return ScreeningInputs(dataset_id, regions, rows)


def _settings_snapshot(round_: ScreeningRound, weights: screening.Weights) -> dict:
    return {
        "method": round_.method,
        "weights": weights.as_dict(),
        "quota": round_.quota,
        "min_fiscal_category": round_.min_fiscal_category,
        "min_ekppd_status": round_.min_ekppd_status,
        "exclusions": dict(round_.exclusions.values_list("region__code", "reason")),
    }


@transaction.atomic
def screening_run(*, round_: ScreeningRound, by=None, note: str = "") -> ScreeningRun:
    """Run the round on the year's current data and store an immutable snapshot of it.

    A new run never rewrites an old one: it gets the next number and becomes the current run.
    A confirmed shortlist stays what it was: later runs are for analysis, they invite no one.
    """
    # Lock the round: two staff clicking "run" at once get consecutive numbers, not a clash.
    round_ = ScreeningRound.objects.select_for_update().select_related("cohort").get(pk=round_.pk)
    weights = round_weights(round_)
    inputs = screening_inputs(round_=round_)
    results = screening.screen(inputs.regions, weights=weights, quota=round_.quota)
    number = (round_.runs.aggregate(n=Max("number"))["n"] or 0) + 1
    dataset = IndicatorImport.objects.get(pk=inputs.dataset_id)
    run = ScreeningRun.objects.create(
        round=round_,
        number=number,
        dataset=dataset,
        dataset_checksum=dataset.checksum,
        parameters=_settings_snapshot(round_, weights),
        note=note,
        run_by=by,
        pool_size=len(results),
        ranked_count=sum(r.rank is not None for r in results),
        shortlisted_count=sum(r.status == screening.Status.SHORTLISTED for r in results),
    )
    pairs = zip(inputs.regions, inputs.rows, strict=True)
    given = {region.code: (region, row) for region, row in pairs}
    ScreeningResult.objects.bulk_create(
        [_result_row(run, result, *given[result.code]) for result in results]
    )
    return run


def _decimal(value: float | None) -> Decimal | None:
    # The database gave these values as floats; their shortest repr is the stored decimal.
    return None if value is None else Decimal(repr(value))


def _result_row(run, result: screening.RegionResult, given: screening.RegionInput, row: tuple):
    region_id, fiscal_category, ekppd_status = row[1], row[8], row[9]
    return ScreeningResult(
        run=run,
        region_id=region_id,
        status=result.status,
        rank=result.rank,
        fiscal_capacity_index=_decimal(given.fiscal),
        fiscal_capacity_category=fiscal_category,
        ekppd_score=_decimal(given.ekppd),
        ekppd_status=ekppd_status,
        green_city_index=_decimal(given.green),
        fiscal_score=result.fiscal_score,
        governance_score=result.governance_score,
        green_score=result.green_score,
        composite_score=result.composite,
        reason=result.reason[:300],
    )


@dataclass(frozen=True)
class WhatIf:
    weights: screening.Weights
    quota: int
    entered: list[screening.RegionResult]
    left: list[screening.RegionResult]
    kept: int
    stability: list[dict]
    results: dict[str, screening.RegionResult]


def screening_what_if(
    *, round_: ScreeningRound, weights: screening.Weights, quota: int | None = None
) -> WhatIf:
    """How the shortlist would change under other weights, and how stable it is; writes nothing.

    Compared with the round's current settings on today's data, so the difference shown is the
    effect of the weights alone. Stability nudges each weight by ±10 % (renormalised).
    """
    quota = round_.quota if quota is None else quota
    inputs = screening_inputs(round_=round_)
    base = screening.screen(inputs.regions, weights=round_weights(round_), quota=round_.quota)
    trial = screening.screen(inputs.regions, weights=weights, quota=quota)
    entered, left = screening.shortlist_changes(base, trial)
    by_code_trial = {r.code: r for r in trial}
    by_code_base = {r.code: r for r in base}
    shortlisted = [r for r in trial if r.status == screening.Status.SHORTLISTED]
    return WhatIf(
        weights=weights,
        quota=quota,
        entered=[by_code_trial[c] for c in entered],
        left=[by_code_base[c] for c in left],
        kept=len(shortlisted) - len(entered),
        stability=screening.rank_stability(inputs.regions, weights=weights, quota=quota),
        results=by_code_trial,
    )


@transaction.atomic
def screening_round_update(
    *, round_: ScreeningRound, weights: screening.Weights, quota: int, by=None
) -> ScreeningRound:
    """Save new weights and quota on the round; the next run uses them (history keeps the old)."""
    round_.weight_fiscal = weights.fiscal
    round_.weight_governance = weights.governance
    round_.weight_green = weights.green
    round_.quota = quota
    round_._history_user = by
    round_.save()
    return round_


@transaction.atomic
def shortlist_confirm(*, run: ScreeningRun, by) -> list[Candidate]:
    """Turn the current run's shortlist into invited candidates and send the invitations.

    Only the current run of an unconfirmed round may be confirmed; the conditional update makes
    two racing confirmations end with one winner. E-mails go out through Celery after commit.
    """
    from ..tasks import send_invitations

    round_ = run.round
    if round_.current_run != run:
        raise ScreeningError(_("Hanya hasil terbaru yang dapat dikonfirmasi."))
    claimed = ScreeningRound.objects.filter(pk=round_.pk, confirmed_run__isnull=True).update(
        confirmed_run=run, confirmed_at=timezone.now(), confirmed_by=by
    )
    if not claimed:
        raise ScreeningError(_("Daftar pendek angkatan ini sudah dikonfirmasi."))
    cohort = round_.cohort
    region_ids = list(
        run.results.filter(status=ScreeningResult.Status.SHORTLISTED).values_list(
            "region_id", flat=True
        )
    )
    existing = set(
        Candidate.objects.filter(cohort=cohort, region_id__in=region_ids).values_list(
            "region_id", flat=True
        )
    )
    Candidate.objects.bulk_create(
        [
            Candidate(cohort=cohort, region_id=rid, status=Candidate.Status.INVITED)
            for rid in region_ids
            if rid not in existing
        ]
    )
    Cohort.objects.filter(
        pk=cohort.pk, status__in=[Cohort.Status.PLANNING, Cohort.Status.SCREENING]
    ).update(status=Cohort.Status.ASSESSMENT)
    candidates = list(Candidate.objects.filter(cohort=cohort, region_id__in=region_ids))
    ids = [c.pk for c in candidates]
    transaction.on_commit(lambda: send_invitations.delay(ids))
    return candidates
