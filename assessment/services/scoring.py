"""Score sheets: one per panel seat, filled by its assessor, frozen once submitted.

A sheet moves draft → submitted by its assessor (every criterion scored) and back by staff only,
with a reason. Each move is a conditional UPDATE … WHERE status = old, so two racing clicks
cannot both win, and leaves a history row (who, when, why). Submitting the last sheet of a panel
moves the candidate to *assessed* (see `panels.candidate_status_follow_panel`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.access import user_has_role
from smartcity.models import User

from ..models import Criterion, PanelMember, Score, ScoreSheet
from .panels import OPEN_STATUSES, candidate_for_update, candidate_status_follow_panel
from .rubric import rubric_for_cohort


class ScoringError(Exception):
    """A sheet change that cannot be made; the message is for the user."""


class SheetIncomplete(ScoringError):
    """Submitting needs a score for every criterion; `missing` lists those without one."""

    def __init__(self, missing: list[Criterion]):
        self.missing = list(missing)
        super().__init__(self.missing)

    def __str__(self) -> str:
        return _("Belum dinilai: %s.") % ", ".join(f"{c.code} {c.title}" for c in self.missing)


def _criteria(sheet: ScoreSheet):
    return rubric_for_cohort(cohort=sheet.seat.candidate.cohort).criteria.order_by("order", "code")


def _check_assessor(sheet: ScoreSheet, by) -> None:
    if by.pk != sheet.seat.assessor_id:
        raise ScoringError(_("Hanya asesor pemilik kursi yang dapat mengisi lembar nilai ini."))


def _check_open(candidate) -> None:
    if candidate.status not in OPEN_STATUSES:
        raise ScoringError(_("Penetapan kandidat ini sudah diputuskan; lembar nilai tetap beku."))


def _record(sheet: ScoreSheet, by, why: str) -> None:
    """The sheet's history row for a move made by a conditional update."""
    sheet.refresh_from_db()
    ScoreSheet.history.bulk_history_create(
        [sheet], update=True, default_user=by, default_change_reason=why[:100]
    )


def sheet_for_seat(*, seat: PanelMember) -> ScoreSheet:
    """The seat's sheet, created empty the first time its assessor opens it."""
    sheet, _created = ScoreSheet.objects.select_related(
        "seat__candidate__cohort", "seat__candidate__region"
    ).get_or_create(seat=seat)
    return sheet


@transaction.atomic
def sheet_save(*, sheet: ScoreSheet, values: dict[int, tuple[int | None, str]], by) -> ScoreSheet:
    """Keep the assessor's scores so far (a draft may be partial).

    `values` maps criterion id to (value 1–5 or None, comment); None clears that criterion's
    score. Refused once submitted: a submitted sheet is part of the panel result.
    """
    _check_assessor(sheet, by)
    locked = (
        ScoreSheet.objects.select_for_update().select_related("seat__candidate").get(pk=sheet.pk)
    )
    if locked.status != ScoreSheet.Status.DRAFT:
        raise ScoringError(_("Lembar nilai sudah diajukan dan tidak dapat diubah."))
    _check_open(locked.seat.candidate)
    known = set(_criteria(sheet).values_list("pk", flat=True))
    keep, clear = [], []
    for criterion_id, (value, comment) in values.items():
        if criterion_id not in known:
            raise ScoringError(_("Kriteria tidak dikenal dalam rubrik angkatan ini."))
        if value is None:
            clear.append(criterion_id)
            continue
        if value not in range(1, 6):
            raise ScoringError(_("Nilai harus bilangan bulat 1–5."))
        keep.append(
            Score(sheet=sheet, criterion_id=criterion_id, value=value, comment=comment.strip())
        )
    Score.objects.filter(sheet=sheet, criterion_id__in=clear).delete()
    Score.objects.bulk_create(
        keep,
        update_conflicts=True,
        unique_fields=["sheet", "criterion"],
        update_fields=["value", "comment"],
    )
    return sheet


@transaction.atomic
def sheet_submit(*, sheet: ScoreSheet, by) -> ScoreSheet:
    """Freeze the sheet: every criterion must be scored (`SheetIncomplete` lists the rest).

    The candidate row is locked first so that when two assessors submit the last two sheets
    at once, the second sees the first and the candidate still moves to *assessed*.
    """
    _check_assessor(sheet, by)
    candidate = candidate_for_update(sheet.seat.candidate)
    _check_open(candidate)
    scored = set(Score.objects.filter(sheet=sheet).values_list("criterion_id", flat=True))
    missing = [c for c in _criteria(sheet) if c.pk not in scored]
    if missing:
        raise SheetIncomplete(missing)
    claimed = ScoreSheet.objects.filter(pk=sheet.pk, status=ScoreSheet.Status.DRAFT).update(
        status=ScoreSheet.Status.SUBMITTED, submitted_at=timezone.now()
    )
    if not claimed:
        raise ScoringError(_("Lembar nilai ini sudah diajukan."))
    _record(sheet, by, "diajukan")
    candidate_status_follow_panel(candidate=candidate, by=by, why="semua lembar nilai diajukan")
    return sheet


def sheet_may_reopen(sheet: ScoreSheet, *, user) -> tuple[bool, str]:
    """Whether `user` may reopen the sheet now: staff, a submitted sheet, a candidate the
    selection has not decided. For the page that asks first; `sheet_reopen` checks the same
    again under the candidate's lock."""
    if not user_has_role(user, User.Role.STAFF):
        return False, _("Hanya staf Kominfo yang dapat membuka kembali lembar nilai.")
    if sheet.status != ScoreSheet.Status.SUBMITTED:
        return False, _("Lembar nilai ini belum diajukan.")
    if sheet.seat.candidate.status not in OPEN_STATUSES:
        return False, _("Penetapan kandidat ini sudah diputuskan; lembar nilai tetap beku.")
    return True, ""


@transaction.atomic
def sheet_reopen(*, sheet: ScoreSheet, by, reason: str) -> ScoreSheet:
    """Staff reopen a submitted sheet so its assessor can correct it, with a written reason.

    Only before the selection decided the candidate; the candidate goes back to *invited*
    until the sheet is submitted again.
    """
    if not user_has_role(by, User.Role.STAFF):
        raise ScoringError(_("Hanya staf Kominfo yang dapat membuka kembali lembar nilai."))
    reason = reason.strip()
    if not reason:
        raise ScoringError(_("Tuliskan alasan membuka kembali lembar nilai."))
    candidate = candidate_for_update(sheet.seat.candidate)
    _check_open(candidate)
    claimed = ScoreSheet.objects.filter(pk=sheet.pk, status=ScoreSheet.Status.SUBMITTED).update(
        status=ScoreSheet.Status.DRAFT, submitted_at=None, reopened_reason=reason
    )
    if not claimed:
        raise ScoringError(_("Lembar nilai ini belum diajukan."))
    _record(sheet, by, f"dibuka kembali: {reason}")
    candidate_status_follow_panel(candidate=candidate, by=by, why="lembar nilai dibuka kembali")
    return sheet
