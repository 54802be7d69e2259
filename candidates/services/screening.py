"""Writes and computations for desk screening: rounds, immutable runs, what-if, invitations.

The ranking itself is the pure `candidates.ranking` module (the contract of DESIGN.md); this
module feeds it the year's indicators and the round's settings, and freezes what came out.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from smartcity.models import Region, User

from .. import ranking
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
# The three weights as people read them (the keys are the method's, DESIGN.md).
WEIGHT_LABELS = {
    "fiscal": _lazy("Kapasitas fiskal"),
    "governance": _lazy("Kinerja pemerintahan (EKPPD)"),
    "green": _lazy("Indeks kota hijau"),
}
EKPPD_ORDER = [c.value for c in IndicatorSet.EkppdStatus]


class ScreeningError(Exception):
    """A screening request that cannot be carried out; the message is for the user."""


@dataclass(frozen=True)
class ScreeningInputs:
    dataset_id: int
    dataset_checksum: str
    regions: list[ranking.RegionInput]
    # The indicator rows the regions were read from, by region code: what a run freezes besides
    # the ranking. The starred values are the stored Decimals, exact, not the rounded floats.
    rows: dict[str, dict]
    # The round's exclusions, code -> reason, as the run's settings record them.
    exclusions: dict[str, str]


def screening_round_for_cohort(*, cohort: Cohort) -> ScreeningRound:
    """The cohort's round, created with the default method and the cohort's invitation quota."""
    round_, _created = ScreeningRound.objects.get_or_create(
        cohort=cohort, defaults={"quota": cohort.quota_invited}
    )
    return round_


def round_ensure_open(round_: ScreeningRound) -> None:
    """Refuse to change a round whose shortlist was confirmed: its invitations went out on that
    run's ranking, so neither its settings nor its runs may move afterwards (only another
    cohort's round can be run)."""
    if round_.confirmed_run_id is not None:
        raise ScreeningError(
            _(
                "Daftar pendek angkatan %(year)s sudah dikonfirmasi: seleksi awalnya tidak dapat "
                "dijalankan ulang dan bobotnya tidak dapat diubah."
            )
            % {"year": round_.cohort.year}
        )


def _round_for_update(round_: ScreeningRound) -> ScreeningRound:
    """The round locked for a change, with the number of its last run (one query), checked
    open: two staff clicking at once, or one confirming meanwhile, are serialised here."""
    last_number = ScreeningRun.objects.filter(round=OuterRef("pk")).order_by("-number")
    locked = (
        ScreeningRound.objects.select_for_update()
        .select_related("cohort")
        .annotate(last_number=Subquery(last_number.values("number")[:1]))
        .get(pk=round_.pk)
    )
    round_ensure_open(locked)
    return locked


def round_weights(round_: ScreeningRound) -> ranking.Weights:
    try:
        return ranking.Weights(**{k: float(v) for k, v in round_.weights.items()})
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
    {code: reason} of the round's exclusions).
    """
    out = dict.fromkeys(
        Candidate.objects.filter(
            cohort__year__lt=year, status__in=Candidate.IN_PROGRAMME
        ).values_list("region_id", flat=True),
        "",
    )
    exclusions = {}
    for exclusion in ScreeningExclusion.objects.filter(round=round_).values(
        "region_id", "reason", code=F("region__code")
    ):
        # An exclusion names its reason, even for a region selected earlier.
        out[exclusion["region_id"]] = exclusions[exclusion["code"]] = exclusion["reason"]
    return out, exclusions


def screening_inputs(*, round_: ScreeningRound) -> ScreeningInputs:
    """Everything a run ranks: the year's current indicators and who is out of the pool, why.

    Four queries whatever the number of regions: the year's current dataset, its rows with
    their region, the regions selected in earlier cohorts and the round's exclusions. The
    starred values become floats for the ranking only (float() of a Decimal is correctly
    rounded, like reading the file itself); a run stores the Decimals.
    """
    year = round_.cohort.year
    dataset = (
        IndicatorImport.objects.filter(year=year, superseded_at__isnull=True)
        .order_by("-imported_at")
        .values("pk", "checksum")
        .first()
    )
    if dataset is None:
        raise ScreeningError(
            _("Belum ada data indikator untuk tahun %(year)s. Impor data terlebih dahulu.")
            % {"year": year}
        )
    rows = list(
        IndicatorSet.objects.filter(dataset_id=dataset["pk"])
        .order_by()
        .values(
            "region_id",
            "fiscal_capacity_index",
            "ekppd_score",
            "green_city_index",
            "fiscal_capacity_category",
            "ekppd_status",
            code=F("region__code"),
            name=F("region__name"),
            is_administrative=F("region__is_administrative"),
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
    for row in rows:
        excluded = out.get(row["region_id"])  # None: in the pool; "": selected earlier
        regions.append(
            ranking.RegionInput(
                code=row["code"],
                name=row["name"],
                fiscal=_float(row["fiscal_capacity_index"]),
                ekppd=_float(row["ekppd_score"]),
                green=_float(row["green_city_index"]),
                administrative=row["is_administrative"],
                previously_selected=excluded == "",
                ineligible_reason=reason_for(
                    excluded, row["fiscal_capacity_category"], row["ekppd_status"]
                ),
            )
        )
    return ScreeningInputs(
        dataset_id=dataset["pk"],
        dataset_checksum=dataset["checksum"],
        regions=regions,
        rows={row["code"]: row for row in rows},
        exclusions=exclusions,
    )


def _float(value) -> float | None:
    return None if value is None else float(value)


def _settings_snapshot(
    round_: ScreeningRound, weights: ranking.Weights, quota: int, exclusions: dict
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
    weights: ranking.Weights | None = None,
    quota: int | None = None,
) -> ScreeningRun:
    """Run the round on the year's current data and store an immutable snapshot of it.

    `weights` and `quota` default to the round's; when given they apply to this run only (the
    run records them, the round keeps its own). A new run never rewrites an old one: it gets
    the next number and becomes the current run. Once the round's shortlist is confirmed the
    round runs no more: the confirmed run is the cohort's screening.
    """
    # Locked: two staff clicking "run" at once get consecutive numbers, not a clash; a round
    # whose shortlist was confirmed is refused (`round_ensure_open`).
    round_ = _round_for_update(round_)
    weights = round_weights(round_) if weights is None else weights
    quota = round_.quota if quota is None else quota
    inputs = screening_inputs(round_=round_)
    try:
        results = ranking.screen(inputs.regions, weights=weights, quota=quota)
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
        shortlisted_count=sum(r.status == ranking.Status.SHORTLISTED for r in results),
    )
    ScreeningResult.objects.bulk_create(
        _result_line(run, inputs.rows[result.code], result) for result in results
    )
    return run


def _result_line(run: ScreeningRun, row: dict, result: ranking.RegionResult) -> ScreeningResult:
    """A region's line in the run: the indicator values it was given, exactly, and its outcome."""
    return ScreeningResult(
        run=run,
        region_id=row["region_id"],
        status=result.status,
        rank=result.rank,
        fiscal_capacity_index=row["fiscal_capacity_index"],
        fiscal_capacity_category=row["fiscal_capacity_category"],
        ekppd_score=row["ekppd_score"],
        ekppd_status=row["ekppd_status"],
        green_city_index=row["green_city_index"],
        fiscal_score=result.fiscal_score,
        governance_score=result.governance_score,
        green_score=result.green_score,
        composite_score=result.composite,
        reason=result.reason[:300],
    )


@dataclass(frozen=True)
class WhatIf:
    weights: ranking.Weights
    quota: int
    entered: list[ranking.RegionResult]
    left: list[ranking.RegionResult]
    kept: int
    # `ranking.rank_stability`'s rows, each also with the weight's `label` and the regions
    # that enter and leave as (code, name) pairs, for people.
    stability: list[dict]
    results: dict[str, ranking.RegionResult]


def screening_what_if(
    *, round_: ScreeningRound, weights: ranking.Weights, quota: int | None = None
) -> WhatIf:
    """How the shortlist would change under other weights, and how stable it is; writes nothing.

    Compared with the round's current settings on today's data, so the difference shown is the
    effect of the weights alone. Stability moves each non-zero weight by exactly ±10 % of itself,
    the others sharing the remainder in proportion (`ranking.moved_weights`).
    """
    quota = round_.quota if quota is None else quota
    inputs = screening_inputs(round_=round_)
    base = ranking.screen(inputs.regions, weights=round_weights(round_), quota=round_.quota)
    trial = ranking.screen(inputs.regions, weights=weights, quota=quota)
    entered, left = ranking.shortlist_changes(base, trial)
    by_code_trial = {r.code: r for r in trial}
    by_code_base = {r.code: r for r in base}
    shortlisted = [r for r in trial if r.status == ranking.Status.SHORTLISTED]
    names = {region.code: region.name for region in inputs.regions}
    stability = [
        {
            **row,
            "label": WEIGHT_LABELS[row["weight"]],
            "entered_regions": [(code, names[code]) for code in row["entered"]],
            "left_regions": [(code, names[code]) for code in row["left"]],
        }
        for row in ranking.rank_stability(inputs.regions, weights=weights, quota=quota)
    ]
    return WhatIf(
        weights=weights,
        quota=quota,
        entered=[by_code_trial[c]._replace(name=names[c]) for c in entered],
        left=[by_code_base[c]._replace(name=names[c]) for c in left],
        kept=len(shortlisted) - len(entered),
        stability=stability,
        results=by_code_trial,
    )


@transaction.atomic
def screening_round_update(
    *, round_: ScreeningRound, weights: ranking.Weights, quota: int, by=None
) -> ScreeningRound:
    """Save new weights and quota on the round; the next run uses them (history keeps the old).
    A confirmed round keeps the settings its shortlist was drawn with."""
    round_ = _round_for_update(round_)
    round_.weight_fiscal = weights.fiscal
    round_.weight_governance = weights.governance
    round_.weight_green = weights.green
    round_.quota = quota
    round_._history_user = by
    round_.save()
    return round_


def shortlist_may_confirm(run: ScreeningRun) -> tuple[bool, str]:
    """Whether the run's shortlist may be confirmed now, and if not why: only the current run
    of a round not confirmed yet. Shared by the confirmation page and `shortlist_confirm`."""
    round_ = run.round
    if round_.confirmed_run_id is not None:
        return False, _("Daftar pendek angkatan ini sudah dikonfirmasi.")
    if round_.current_run != run:
        return False, _("Hanya hasil terbaru yang dapat dikonfirmasi.")
    return True, ""


@dataclass(frozen=True)
class ShortlistConfirmation:
    """What confirming a run's shortlist will change, for the page that asks before it does."""

    run: ScreeningRun
    shortlisted: list[ScreeningResult]  # in rank order, with region and province
    already_candidates: int  # shortlisted regions already candidates of the cohort: they keep it
    without_email: list[Region]  # shortlisted regions no official can be e-mailed at
    cohort_moves_to_assessment: bool

    @property
    def not_invited(self) -> int:
        return self.run.pool_size - len(self.shortlisted)


def shortlist_confirmation(*, run: ScreeningRun) -> ShortlistConfirmation:
    """What `shortlist_confirm` would do to the run's cohort, regions and officials; writes
    nothing. Three queries: the shortlist, the cohort's candidacies among it, and which of its
    regions have an official with an e-mail address."""
    shortlisted = list(
        run.results.filter(status=ScreeningResult.Status.SHORTLISTED)
        .select_related("region__province")
        .order_by("rank", "region__code")
    )
    region_ids = [result.region_id for result in shortlisted]
    cohort = run.round.cohort
    reachable = set(
        User.objects.filter(region_id__in=region_ids, role=User.Role.OFFICIAL, is_active=True)
        .exclude(email="")
        .values_list("region_id", flat=True)
    )
    return ShortlistConfirmation(
        run=run,
        shortlisted=shortlisted,
        already_candidates=Candidate.objects.filter(
            cohort=cohort, region_id__in=region_ids
        ).count(),
        without_email=[r.region for r in shortlisted if r.region_id not in reachable],
        cohort_moves_to_assessment=cohort.status
        in (Cohort.Status.PLANNING, Cohort.Status.SCREENING),
    )


@transaction.atomic
def shortlist_confirm(*, run: ScreeningRun, by) -> list[Candidate]:
    """Turn the current run's shortlist into invited candidates and send the invitations.

    Only the current run of an unconfirmed round may be confirmed; the conditional update makes
    two racing confirmations end with one winner. E-mails go out through Celery after commit.
    """
    from ..tasks import send_invitations

    round_ = run.round
    allowed, refusal = shortlist_may_confirm(run)
    if not allowed:
        raise ScreeningError(refusal)
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
