"""Writes and computations for desk screening: rounds, immutable runs, what-if, invitations.

The ranking itself is the pure `candidates.screening` module (the contract of DESIGN.md); this
module feeds it the year's indicators and the round's settings, and freezes what came out.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.models import Region

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
from .candidacy import candidates_invite

FISCAL_ORDER = [c.value for c in IndicatorSet.FiscalCategory]
EKPPD_ORDER = [c.value for c in IndicatorSet.EkppdStatus]


class ScreeningError(Exception):
    """A screening request that cannot be carried out; the message is for the user."""


@dataclass(frozen=True)
class ScreeningInputs:
    dataset_id: int
    dataset_checksum: str
    regions: list[screening.RegionInput]
    # The raw rows, in the order of `regions`: what a run freezes besides the ranking. The three
    # starred values are the database's exact text ("0.601200000000"), not rounded floats.
    rows: list[tuple]
    # The round's exclusions, code -> reason, as the run's settings record them.
    exclusions: dict[str, str]


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


def _regions_out_of_pool(*, round_: ScreeningRound, year: int):
    """Who is out of the pool, and the round's exclusions as its runs record them.

    Returns ({region id: "" if selected in an earlier cohort, else the exclusion reason},
    {code: reason} of the round's exclusions). One round trip for both, in plain (portable)
    SQL: this runs on every what-if, and the ORM's UNION costs several times the database's own
    work here (bench/screening.py).
    """
    statuses = list(Candidate.IN_PROGRAMME)
    quote = connection.ops.quote_name
    sql = (
        f"SELECT c.region_id, '', NULL FROM {quote(Candidate._meta.db_table)} c "
        f"JOIN {quote(Cohort._meta.db_table)} h ON h.id = c.cohort_id "
        f"WHERE h.year < %s AND c.status IN ({', '.join(['%s'] * len(statuses))}) "
        "UNION ALL "
        f"SELECT e.region_id, e.reason, r.code FROM {quote(ScreeningExclusion._meta.db_table)} e "
        f"JOIN {quote(Region._meta.db_table)} r ON r.id = e.region_id "
        "WHERE e.round_id = %s"
    )
    out, exclusions = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, *statuses, round_.pk])
        for region_id, reason, code in cursor.fetchall():
            if code is None:
                out.setdefault(region_id, "")
            else:
                out[region_id] = exclusions[code] = reason  # an exclusion names its reason
    return out, exclusions


def screening_inputs(*, round_: ScreeningRound) -> ScreeningInputs:
    """Everything a run ranks: the year's current indicators and who is out of the pool, why.

    Three queries whatever the number of regions: the year's current dataset, its rows with
    their region, then the regions out by an earlier selection or by the round's exclusions.
    The starred values come as the database's text and become floats here (float() of a decimal
    text is correctly rounded, like reading the file itself); this runs on every what-if, so it
    is kept lean (bench/).
    """
    year = round_.cohort.year
    dataset = (
        IndicatorImport.objects.filter(year=year, superseded_at__isnull=True)
        .order_by("-imported_at")
        .values_list("pk", "checksum")
        .first()
    )
    if dataset is None:
        raise ScreeningError(
            _("Belum ada data indikator untuk tahun %(year)s. Impor data terlebih dahulu.")
            % {"year": year}
        )
    rows = list(
        IndicatorSet.objects.filter(dataset_id=dataset[0])
        .order_by()
        .values_list(
            "region_id",
            "region__code",
            "region__name",
            "region__is_administrative",
            Cast("fiscal_capacity_index", TextField()),
            Cast("ekppd_score", TextField()),
            Cast("green_city_index", TextField()),
            "fiscal_capacity_category",
            "ekppd_status",
        )
    )
    out, exclusions = _regions_out_of_pool(round_=round_, year=year)
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

    regions = []
    region_input = screening.RegionInput
    filtered = fiscal_minimum or ekppd_minimum
    for rid, code, name, admin, fiscal, ekppd, green, fcat, estatus in rows:
        excluded = out.get(rid)  # None: in the pool; "": selected earlier; else: the reason
        reason = reason_for(excluded, fcat, estatus) if excluded or filtered else ""
        regions.append(
            region_input(
                code,
                name,
                None if fiscal is None else float(fiscal),
                None if ekppd is None else float(ekppd),
                None if green is None else float(green),
                admin,
                excluded == "",
                reason,
            )
        )
    return ScreeningInputs(dataset[0], dataset[1], regions, rows, exclusions)


def _settings_snapshot(
    round_: ScreeningRound, weights: screening.Weights, quota: int, exclusions: dict
) -> dict:
    return {
        "method": round_.method,
        "weights": weights.as_dict(),
        "quota": quota,
        "min_fiscal_category": round_.min_fiscal_category,
        "min_ekppd_status": round_.min_ekppd_status,
        "exclusions": exclusions,
    }


@transaction.atomic
def screening_run(
    *,
    round_: ScreeningRound,
    by=None,
    note: str = "",
    weights: screening.Weights | None = None,
    quota: int | None = None,
) -> ScreeningRun:
    """Run the round on the year's current data and store an immutable snapshot of it.

    `weights` and `quota` default to the round's; when given they apply to this run only (the
    run records them, the round keeps its own). A new run never rewrites an old one: it gets
    the next number and becomes the current run. A confirmed shortlist stays what it was:
    later runs are for analysis, they invite no one.
    """
    # Lock the round: two staff clicking "run" at once get consecutive numbers, not a clash.
    # The last run's number comes with it, in the same query.
    last_number = ScreeningRun.objects.filter(round=OuterRef("pk")).order_by("-number")
    round_ = (
        ScreeningRound.objects.select_for_update()
        .select_related("cohort")
        .annotate(last_number=Subquery(last_number.values("number")[:1]))
        .get(pk=round_.pk)
    )
    weights = round_weights(round_) if weights is None else weights
    quota = round_.quota if quota is None else quota
    inputs = screening_inputs(round_=round_)
    try:
        results = screening.screen(inputs.regions, weights=weights, quota=quota)
    except ValueError as exc:  # a quota below 0 given by the caller
        raise ScreeningError(str(exc)) from exc
    run = ScreeningRun.objects.create(
        round=round_,
        number=(round_.last_number or 0) + 1,
        dataset_id=inputs.dataset_id,
        dataset_checksum=inputs.dataset_checksum,
        parameters=_settings_snapshot(round_, weights, quota, inputs.exclusions),
        note=note,
        run_by=by,
        pool_size=len(results),
        ranked_count=sum(r.rank is not None for r in results),
        shortlisted_count=sum(r.status == screening.Status.SHORTLISTED for r in results),
    )
    given = {row[1]: row for row in inputs.rows}
    lines = []
    for r in results:
        region_id, _code, _name, _admin, fiscal, ekppd, green, category, status = given[r.code]
        lines.append(  # in the order of RESULT_COLUMNS
            (run.pk, region_id, r.status, r.rank, fiscal, category, ekppd, status, green)
            + (r.fiscal_score, r.governance_score, r.green_score, r.composite, r.reason[:300])
        )
    _results_store(lines)
    return run


RESULT_COLUMNS = (
    "run",
    "region",
    "status",
    "rank",
    "fiscal_capacity_index",
    "fiscal_capacity_category",
    "ekppd_score",
    "ekppd_status",
    "green_city_index",
    "fiscal_score",
    "governance_score",
    "green_score",
    "composite_score",
    "reason",
)


def _results_store(rows: list[tuple]) -> None:
    """Write a run's lines (tuples in the order of RESULT_COLUMNS) in one statement.

    On PostgreSQL through COPY: with `bulk_create`, building and preparing 514 model instances
    took most of a run's time (about 40 of 50 ms in bench/screening.py), while the lines are
    plain values already. Raw values are decimal text, so nothing is rounded on the way. Other
    databases (the SQLite of `make run`) take the portable `bulk_create`.
    """
    meta = ScreeningResult._meta
    fields = [meta.get_field(name) for name in RESULT_COLUMNS]
    if connection.vendor != "postgresql":
        names = [field.attname for field in fields]
        ScreeningResult.objects.bulk_create(
            ScreeningResult(**dict(zip(names, row, strict=True))) for row in rows
        )
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


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
    effect of the weights alone. Stability moves each non-zero weight by exactly ±10 % of itself,
    the others sharing the remainder in proportion (`screening.moved_weights`).
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
    candidates = candidates_invite(cohort=cohort, region_ids=region_ids)
    Cohort.objects.filter(
        pk=cohort.pk, status__in=[Cohort.Status.PLANNING, Cohort.Status.SCREENING]
    ).update(status=Cohort.Status.ASSESSMENT)
    ids = [c.pk for c in candidates]
    transaction.on_commit(lambda: send_invitations.delay(ids))
    return candidates
