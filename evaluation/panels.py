"""Writes and reads of the verification (stage II): panels, evaluators' sheets, reconciliation,
and the panel's result that feeds the region's part scores.

- A panel has at least two evaluators (`PANEL_MIN`), never one of the region's own mentors
  (any mentor assignment of the region, ended or not, by account or by e-mail, since a person
  who mentors and evaluates holds two accounts) nor anyone the conflict register excludes
  (home region or province, institution ties, declarations: `assessment.conflicts`).
- Each evaluator scores every self-assessed indicator 0–5 beside the region's own level and
  evidence, saves drafts and submits their sheet; a submitted sheet is frozen.
- An indicator is flagged when evaluators are more than one point apart, or one of them is
  more than one point from the region (`verification.disagreement`); the panel records a
  reconciled score with a reason for each.
- Submitting the panel (an evaluator on it, or staff) needs every sheet submitted and every
  flag reconciled, and the user survey imported when the instrument has survey questions. It
  computes each indicator's final score, the part and dimension scores (weighted means kept
  with six decimals), records them with the core's `result_record`, and freezes the panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.conflicts import conflicts_between
from partners.models import MentorAssignment
from smartcity.access import user_has_role
from smartcity.models import User

from . import verification
from .models import Cycle, Indicator, Part
from .models_review import (
    EvaluatorScore,
    Panel,
    PanelSeat,
    Reconciliation,
    SelfAssessment,
    SurveyImport,
)
from .services import result_record

PANEL_MIN = 2
PANEL_MAX = 5


class PanelError(Exception):
    """A panel change that cannot be made; the message is for the user."""


# --- seating -----------------------------------------------------------------------------------


def mentors_of_region(region) -> list[User]:
    """Everyone who ever mentored the region (any cohort, assignment ended or not)."""
    return list(
        User.objects.filter(
            mentor_assignments__in=MentorAssignment.objects.filter(candidate__region=region)
        ).distinct()
    )


def seat_refusals(*, panel: Panel, evaluator: User) -> list[str]:
    """Every reason `evaluator` may not sit on `panel`; empty when they may."""
    reasons = []
    if not user_has_role(evaluator, User.Role.EVALUATOR):
        reasons.append(_("%(who)s bukan evaluator.") % {"who": evaluator.display_name})
    mentors = mentors_of_region(panel.region)
    emails = {m.email.lower() for m in mentors if m.email}
    if evaluator in mentors or (evaluator.email and evaluator.email.lower() in emails):
        reasons.append(
            _("%(who)s adalah mentor %(region)s.")
            % {"who": evaluator.display_name, "region": panel.region.short_name}
        )
    reasons += conflicts_between(evaluator, panel.region)
    return reasons


def _ensure_panel_open(panel: Panel) -> None:
    if panel.status == Panel.Status.SUBMITTED:
        raise PanelError(_("Hasil panel sudah diajukan dan dibekukan."))
    if panel.cycle.status == Cycle.Status.PUBLISHED:
        raise PanelError(_("Hasil siklus ini sudah diumumkan."))


def _lock_panel(panel: Panel) -> Panel:
    return (
        Panel.objects.select_for_update(of=("self",))
        .select_related("cycle", "region__province")
        .get(pk=panel.pk)
    )


@transaction.atomic
def panel_create(
    *, cycle: Cycle, region, by, interview_at=None, interview_place: str = ""
) -> Panel:
    """A region's panel in a cycle it takes part in, with its interview slot; only a cycle with
    an instrument is verified (an imported past cycle has part scores only)."""
    if cycle.instrument_id is None:
        raise PanelError(_("Siklus ini tidak punya instrumen; tidak ada yang diverifikasi."))
    if not cycle.regions.filter(pk=region.pk).exists():
        raise PanelError(
            _("%(region)s tidak termasuk daerah peserta siklus ini.")
            % {"region": region.short_name}
        )
    if Panel.objects.filter(cycle=cycle, region=region).exists():
        raise PanelError(_("Daerah ini sudah punya panel dalam siklus ini."))
    return Panel.objects.create(
        cycle=cycle, region=region, interview_at=interview_at, interview_place=interview_place
    )


@transaction.atomic
def panel_seat_add(*, panel: Panel, evaluator: User, by) -> PanelSeat:
    """Seat an evaluator; refused for a mentor of the region or a conflicted evaluator."""
    current = _lock_panel(panel)
    _ensure_panel_open(current)
    reasons = seat_refusals(panel=current, evaluator=evaluator)
    if reasons:
        raise PanelError(" ".join(reasons))
    if current.seats.filter(evaluator=evaluator).exists():
        raise PanelError(_("Evaluator ini sudah duduk di panel ini."))
    if current.seats.count() >= PANEL_MAX:
        raise PanelError(_("Panel paling banyak %(n)s evaluator.") % {"n": PANEL_MAX})
    return PanelSeat.objects.create(panel=current, evaluator=evaluator, assigned_by=by)


@transaction.atomic
def panel_seat_remove(*, seat: PanelSeat, by) -> None:
    """Take an evaluator off an open panel before they submitted their sheet."""
    current = _lock_panel(seat.panel)
    _ensure_panel_open(current)
    if seat.status == PanelSeat.Status.SUBMITTED:
        raise PanelError(_("Lembar nilai evaluator ini sudah diajukan."))
    seat.delete()


# --- what a panel page shows -------------------------------------------------------------------


@dataclass
class IndicatorRow:
    """One indicator on the panel page: the region's answer, every evaluator's score, the flag,
    the reconciliation and the final score."""

    indicator: Indicator
    region_answer: object = None  # SelfScore or None (a self-assessment not submitted)
    scores: list = field(default_factory=list)  # EvaluatorScore or None, in seat order
    flags: list[str] = field(default_factory=list)
    reconciliation: Reconciliation | None = None
    survey_score: Decimal | None = None
    final: Decimal | None = None

    @property
    def is_survey(self) -> bool:
        return self.indicator.source == Indicator.Source.SURVEY

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def region_score(self):
        return getattr(self.region_answer, "score", None)


@dataclass
class PanelState:
    """A panel with everything its page and its submission need, in a fixed number of queries."""

    panel: Panel
    seats: list[PanelSeat]
    rows: list[IndicatorRow]
    self_assessment: SelfAssessment | None
    survey: SurveyImport | None

    @property
    def unreconciled(self) -> list[IndicatorRow]:
        return [r for r in self.rows if r.flagged and r.reconciliation is None]

    @property
    def flagged(self) -> list[IndicatorRow]:
        return [r for r in self.rows if r.flagged]

    def blockers(self) -> list[str]:
        """What stops the panel's submission, in words; empty when it may be submitted."""
        problems = []
        if len(self.seats) < PANEL_MIN:
            problems.append(_("Panel perlu sedikitnya %(n)s evaluator.") % {"n": PANEL_MIN})
        for seat in self.seats:
            if seat.status != PanelSeat.Status.SUBMITTED:
                problems.append(
                    _("Lembar nilai %(who)s belum diajukan.") % {"who": seat.evaluator.display_name}
                )
        for row in self.unreconciled:
            problems.append(
                _("%(code)s perlu nilai rekonsiliasi dengan alasan.") % {"code": row.indicator.code}
            )
        if any(r.is_survey for r in self.rows) and self.survey is None:
            problems.append(_("Survei pengguna layanan daerah ini belum diimpor."))
        for row in self.rows:
            if row.is_survey and self.survey is not None and row.final is None:
                problems.append(
                    _("Survei tidak punya jawaban untuk %(code)s.") % {"code": row.indicator.code}
                )
        missing_parts = [
            str(label)
            for value, label in Part.choices
            if not any(r.indicator.part == value for r in self.rows)
        ]
        if missing_parts:
            problems.append(
                _("Instrumen tidak punya indikator untuk bagian: %(parts)s.")
                % {"parts": ", ".join(missing_parts)}
            )
        return problems

    def scored(self) -> list[verification.Scored]:
        return [
            verification.Scored(
                part=r.indicator.part,
                dimension=r.indicator.dimension,
                weight=r.indicator.weight,
                score=r.final,
            )
            for r in self.rows
            if r.final is not None
        ]

    def part_scores(self) -> dict[str, Decimal]:
        return verification.grouped_scores(self.scored(), "part")

    def dimension_scores(self) -> dict[str, Decimal]:
        return verification.grouped_scores(self.scored(), "dimension")


def panel_state(panel: Panel) -> PanelState:
    """Seats, indicators, the region's answers, every score, reconciliations and the survey."""
    seats = list(panel.seats.select_related("evaluator__institution").order_by("assigned_at", "pk"))
    indicators = list(
        Indicator.objects.filter(instrument_id=panel.cycle.instrument_id).order_by("order", "code")
    )
    assessment = (
        SelfAssessment.objects.filter(
            cycle_id=panel.cycle_id,
            region_id=panel.region_id,
            status=SelfAssessment.Status.SUBMITTED,
        )
        .prefetch_related("scores")
        .first()
    )
    answers = {s.indicator_id: s for s in assessment.scores.all()} if assessment else {}
    given = {}
    for score in EvaluatorScore.objects.filter(seat__in=seats):
        given[score.seat_id, score.indicator_id] = score
    reconciled = {r.indicator_id: r for r in panel.reconciliations.select_related("by")}
    survey = SurveyImport.objects.filter(cycle_id=panel.cycle_id, region_id=panel.region_id).first()
    rows = []
    for indicator in indicators:
        row = IndicatorRow(indicator=indicator, region_answer=answers.get(indicator.pk))
        if row.is_survey:
            value = (survey.scores or {}).get(indicator.code) if survey else None
            row.survey_score = Decimal(value) if value is not None else None
            row.final = row.survey_score
        else:
            row.scores = [given.get((seat.pk, indicator.pk)) for seat in seats]
            values = [s.score if s else None for s in row.scores]
            row.flags = verification.disagreement(row.region_score, values)
            row.reconciliation = reconciled.get(indicator.pk)
            row.final = verification.final_score(
                values, row.reconciliation.score if row.reconciliation else None
            )
        rows.append(row)
    return PanelState(panel, seats, rows, assessment, survey)


# --- an evaluator's sheet ----------------------------------------------------------------------


def _lock_seat(seat: PanelSeat) -> PanelSeat:
    return (
        PanelSeat.objects.select_for_update(of=("self",))
        .select_related("panel__cycle", "panel__region")
        .get(pk=seat.pk)
    )


def _check_evaluator(seat: PanelSeat, by) -> None:
    if by.pk != seat.evaluator_id:
        raise PanelError(_("Hanya evaluator pemilik kursi yang dapat mengisi lembar nilai ini."))


def _scored_indicator_ids(panel: Panel) -> set[int]:
    return set(
        Indicator.objects.filter(
            instrument_id=panel.cycle.instrument_id, source=Indicator.Source.SELF_ASSESSMENT
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def seat_save(*, seat: PanelSeat, values: dict[int, tuple[int | None, str]], by) -> PanelSeat:
    """Keep an evaluator's scores so far (a draft may be partial); None clears a score."""
    _check_evaluator(seat, by)
    current = _lock_seat(seat)
    _ensure_panel_open(current.panel)
    if current.status != PanelSeat.Status.DRAFT:
        raise PanelError(_("Lembar nilai sudah diajukan dan tidak dapat diubah."))
    known = _scored_indicator_ids(current.panel)
    keep, clear = [], []
    for indicator_id, (value, note) in values.items():
        if indicator_id not in known:
            raise PanelError(_("Indikator tidak dikenal dalam instrumen siklus ini."))
        if value is None:
            clear.append(indicator_id)
        elif value not in range(0, 6):
            raise PanelError(_("Nilai harus bilangan bulat 0–5."))
        else:
            keep.append(
                EvaluatorScore(
                    seat=current, indicator_id=indicator_id, score=value, note=(note or "").strip()
                )
            )
    EvaluatorScore.objects.filter(seat=current, indicator_id__in=clear).delete()
    EvaluatorScore.objects.bulk_create(
        keep,
        update_conflicts=True,
        unique_fields=["seat", "indicator"],
        update_fields=["score", "note"],
    )
    return current


@transaction.atomic
def seat_submit(*, seat: PanelSeat, by) -> PanelSeat:
    """Freeze the evaluator's sheet: every self-assessed indicator must be scored."""
    _check_evaluator(seat, by)
    current = _lock_seat(seat)
    _ensure_panel_open(current.panel)
    scored = set(current.scores.values_list("indicator_id", flat=True))
    missing = (
        Indicator.objects.filter(pk__in=_scored_indicator_ids(current.panel) - scored)
        .order_by("order", "code")
        .values_list("code", flat=True)
    )
    if missing:
        raise PanelError(_("Belum dinilai: %(codes)s.") % {"codes": ", ".join(missing)})
    if not PanelSeat.objects.filter(pk=current.pk, status=PanelSeat.Status.DRAFT).update(
        status=PanelSeat.Status.SUBMITTED, submitted_at=timezone.now()
    ):
        raise PanelError(_("Lembar nilai ini sudah diajukan."))
    current.refresh_from_db()
    PanelSeat.history.bulk_history_create(
        [current], update=True, default_user=by, default_change_reason="diajukan"
    )
    return current


# --- reconciliation and the panel's result -----------------------------------------------------


def may_act_for_panel(user, panel: Panel) -> bool:
    """Evaluators seated on the panel and staff reconcile and submit it."""
    if user_has_role(user, User.Role.STAFF):
        return True
    return panel.seats.filter(evaluator=user).exclude(panel__region_id=user.home_region_id).exists()


@transaction.atomic
def reconcile(*, panel: Panel, indicator: Indicator, score: int, reason: str, by) -> Reconciliation:
    """Record the panel's agreed score for a flagged indicator, with its reason (required).

    Only once every evaluator has submitted (the flag is then final) and only for a flagged
    indicator; recording it again replaces the earlier one while the panel is open.
    """
    current = _lock_panel(panel)
    _ensure_panel_open(current)
    if not may_act_for_panel(by, current):
        raise PanelError(_("Hanya evaluator panel ini atau staf yang dapat merekonsiliasi."))
    reason = (reason or "").strip()
    if not reason:
        raise PanelError(_("Tuliskan alasan nilai rekonsiliasi."))
    if score not in range(0, 6):
        raise PanelError(_("Nilai harus bilangan bulat 0–5."))
    state = panel_state(current)
    if any(seat.status != PanelSeat.Status.SUBMITTED for seat in state.seats):
        raise PanelError(_("Rekonsiliasi dilakukan setelah semua evaluator mengajukan nilai."))
    row = next((r for r in state.rows if r.indicator.pk == indicator.pk), None)
    if row is None or not row.flagged:
        raise PanelError(_("Indikator ini tidak ditandai berbeda; tidak perlu rekonsiliasi."))
    found, _created = Reconciliation.objects.update_or_create(
        panel=current,
        indicator=indicator,
        defaults={"score": score, "reason": reason, "by": by},
    )
    return found


def _text(value: Decimal) -> str:
    return str(verification.keep(value))


@transaction.atomic
def panel_submit(*, panel: Panel, by):
    """Freeze the panel's result and record the region's part and dimension scores.

    Refused while something blocks it (`PanelState.blockers`). The conditional UPDATE makes
    two racing submissions end with one winner; the recorded result then recomputes the
    cycle's indices and ranks (`evaluation.services.result_record`).
    """
    current = _lock_panel(panel)
    _ensure_panel_open(current)
    if not may_act_for_panel(by, current):
        raise PanelError(_("Hanya evaluator panel ini atau staf yang dapat mengajukan hasilnya."))
    state = panel_state(current)
    problems = state.blockers()
    if problems:
        raise PanelError(" ".join(problems))
    parts = state.part_scores()
    dimensions = state.dimension_scores()
    outcome = {
        "indicators": {r.indicator.code: _text(r.final) for r in state.rows if r.final is not None},
        "parts": {k: _text(v) for k, v in parts.items()},
        "dimensions": {k: _text(v) for k, v in dimensions.items()},
        "respondents": state.survey.respondents if state.survey else None,
    }
    if not Panel.objects.filter(pk=current.pk, status=Panel.Status.OPEN).update(
        status=Panel.Status.SUBMITTED, submitted_at=timezone.now(), submitted_by=by, outcome=outcome
    ):
        raise PanelError(_("Hasil panel sudah diajukan."))
    result = result_record(
        cycle=current.cycle, region=current.region, parts=parts, dimensions=dimensions
    )
    current.refresh_from_db()
    Panel.history.bulk_history_create(
        [current], update=True, default_user=by, default_change_reason="hasil diajukan"
    )
    return result
