"""Panels of the readiness assessment: who sits on a candidate's panel, and the conflict register.

A candidate is scored by a panel of 2–4 assessors. Fewer than 2 is allowed *while staff build a
panel* (seats are added one at a time), but such a panel is never complete: the candidate stays
*invited*, the results page flags it and the selection refuses it. A 5th seat is always refused.

An assessor never sits on a panel they are in conflict with (home province, an institution tie,
a declared conflict: `assessment.conflicts`) unless staff override it with a written reason,
which is kept on the seat. Their own home region is never overridable.

A candidate's status follows its panel: it is *assessed* exactly when it has at least two seats
and every seat has a submitted sheet; adding a seat or reopening a sheet sends it back to
*invited*. Once the
selection decided (selected, not selected, participant) its panel no longer changes.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from candidates.models import Candidate
from candidates.services.candidacy import candidate_move
from smartcity.access import user_has_role
from smartcity.models import Region, User

from ..conflicts import conflicts_between
from ..models import AssessmentSession, ConflictDeclaration, PanelMember, ScoreSheet

MIN_SEATS = 2  # below this a panel is never complete
MAX_SEATS = 4
# Panels change only before the selection decided the candidate's fate.
OPEN_STATUSES = (Candidate.Status.INVITED, Candidate.Status.ASSESSED)


class PanelError(Exception):
    """A panel change that cannot be made; the message is for the user."""


class ConflictError(PanelError):
    """The assessor is in conflict with the candidate's region; `reasons` says why."""

    def __init__(self, reasons: list[str]):
        self.reasons = list(reasons)
        super().__init__(
            _("Asesor memiliki konflik kepentingan dengan daerah ini: %s. ")
            % "; ".join(self.reasons)
            + _("Isi alasan pengecualian konflik bila asesor tetap ditugaskan.")
        )


@dataclass
class DeclarationOutcome:
    """What a declaration did: the register row, and the seats it emptied or left in place."""

    declaration: ConflictDeclaration
    created: bool
    removed: list[PanelMember] = field(default_factory=list)
    kept: list[PanelMember] = field(default_factory=list)  # sheets already submitted


def candidate_for_update(candidate: Candidate) -> Candidate:
    """Lock the candidate row: seat changes and sheet submissions of one candidate serialize,
    so the 4-seat limit and the move to *assessed* are decided on committed data."""
    return (
        Candidate.objects.select_for_update(of=("self",))
        .select_related("region", "cohort")
        .get(pk=candidate.pk)
    )


def panel_seat_check(*, candidate: Candidate, assessor, session=None) -> list[str]:
    """Refuse a seat that may never be added (PanelError); otherwise return the conflict
    reasons, which only a written override lets through.

    Shared by `panel_seat_add` and the admin form, so staff see every problem before saving.
    """
    if not user_has_role(assessor, User.Role.ASSESSOR):
        raise PanelError(_("Hanya pengguna berperan asesor yang dapat duduk di panel."))
    if candidate.status not in OPEN_STATUSES:
        raise PanelError(_("Penetapan kandidat ini sudah diputuskan; panelnya tidak diubah lagi."))
    if session is not None and session.cohort_id != candidate.cohort_id:
        raise PanelError(_("Sesi asesmen itu milik angkatan lain."))
    seats = PanelMember.objects.filter(candidate=candidate)
    if seats.filter(assessor=assessor).exists():
        raise PanelError(_("Asesor ini sudah duduk di panel kandidat tersebut."))
    if seats.count() >= MAX_SEATS:
        raise PanelError(
            _("Panel sudah berisi %(n)s asesor, jumlah terbanyak yang diizinkan.")
            % {"n": MAX_SEATS}
        )
    if assessor.home_region_id == candidate.region_id:
        raise PanelError(
            _("Asesor tidak pernah menilai daerah asalnya sendiri, juga tidak dengan pengecualian.")
        )
    return conflicts_between(assessor, candidate.region)


@transaction.atomic
def panel_seat_add(
    *,
    candidate: Candidate,
    assessor,
    by,
    session: AssessmentSession | None = None,
    override_reason: str = "",
) -> PanelMember:
    """Seat an assessor on a candidate's panel.

    Refuses non-assessors, a 5th seat, a session of another cohort and a candidate whose
    selection is decided. A conflicted assessor raises `ConflictError` unless staff give an
    `override_reason`, recorded on the seat; a reason given where there is no conflict is not
    kept (the field means "seated despite a conflict"). An assessed candidate goes back to
    *invited*: its new assessor has yet to score.
    """
    candidate = candidate_for_update(candidate)
    reasons = panel_seat_check(candidate=candidate, assessor=assessor, session=session)
    override_reason = override_reason.strip()
    if reasons and not override_reason:
        raise ConflictError(reasons)
    seat = PanelMember.objects.create(
        candidate=candidate,
        assessor=assessor,
        session=session,
        override_reason=override_reason if reasons else "",
        assigned_by=by,
    )
    candidate_status_follow_panel(candidate=candidate, by=by, why="asesor ditambahkan")
    return seat


@transaction.atomic
def panel_seat_schedule(*, seat: PanelMember, session: AssessmentSession | None, by) -> PanelMember:
    """Move a seat to another session of the candidate's cohort (or none yet)."""
    if session is not None and session.cohort_id != seat.candidate.cohort_id:
        raise PanelError(_("Sesi asesmen itu milik angkatan lain."))
    PanelMember.objects.filter(pk=seat.pk).update(session=session)
    seat.refresh_from_db()
    PanelMember.history.bulk_history_create(
        [seat], update=True, default_user=by, default_change_reason="sesi diubah"
    )
    return seat


def _remove(seat: PanelMember, by, why: str) -> None:
    """Delete a seat and its draft sheet (with its scores); the caller holds the lock."""
    ScoreSheet.objects.filter(seat=seat, status=ScoreSheet.Status.DRAFT).delete()
    if ScoreSheet.objects.filter(seat=seat).exists():
        raise PanelError(_("Lembar nilai asesor ini sudah diajukan; kursinya tidak dapat dilepas."))
    seat._history_user = by
    seat._change_reason = why[:100]
    seat.delete()


@transaction.atomic
def panel_seat_remove(*, seat: PanelMember, by) -> None:
    """Take an assessor off a panel, only while their sheet is not submitted.

    A submitted sheet is part of the result and stays; staff reopen it first if they must.
    Removing the last unsubmitted seat can complete the panel, moving the candidate to
    *assessed*.
    """
    candidate = candidate_for_update(seat.candidate)
    if candidate.status not in OPEN_STATUSES:
        raise PanelError(_("Penetapan kandidat ini sudah diputuskan; panelnya tidak diubah lagi."))
    _remove(seat, by, "kursi dilepas")
    candidate_status_follow_panel(candidate=candidate, by=by, why="asesor dilepas")


@transaction.atomic
def conflict_declare(*, person, region: Region, reason: str, declared_by) -> DeclarationOutcome:
    """Record a conflict of interest between a person and a region (the register).

    When an assessor declares a conflict on a candidate of their panel, their seat is removed if
    its sheet is not submitted, and staff seat a replacement. A submitted sheet is kept: the
    declaration stands and is shown to staff, who decide whether to reopen or keep it. A second
    declaration for the same pair keeps the first one's reason.
    """
    reason = reason.strip()
    if not reason:
        raise PanelError(_("Tuliskan alasan konflik kepentingan."))
    declaration, created = ConflictDeclaration.objects.get_or_create(
        person=person, region=region, defaults={"reason": reason[:300], "declared_by": declared_by}
    )
    outcome = DeclarationOutcome(declaration=declaration, created=created)
    seats = PanelMember.objects.filter(
        assessor=person, candidate__region=region, candidate__status__in=OPEN_STATUSES
    ).select_related("candidate")
    for seat in seats:
        candidate = candidate_for_update(seat.candidate)
        submitted = ScoreSheet.objects.filter(seat=seat, status=ScoreSheet.Status.SUBMITTED)
        if submitted.exists():
            outcome.kept.append(seat)
            continue
        _remove(seat, declared_by, "konflik dideklarasikan")
        outcome.removed.append(seat)
        candidate_status_follow_panel(
            candidate=candidate, by=declared_by, why="konflik dideklarasikan"
        )
    return outcome


def candidate_status_follow_panel(*, candidate: Candidate, by, why: str) -> None:
    """Keep the candidate's status in step with its panel: *assessed* exactly when it has at
    least `MIN_SEATS` seats and every one has a submitted sheet, else *invited*.

    The move (a conditional update with a history row) is `candidate_move`'s; callers hold the
    candidate's lock, so two assessors submitting at once cannot both miss the last sheet.
    """
    submitted = Q(sheet__status=ScoreSheet.Status.SUBMITTED)
    sheets = PanelMember.objects.filter(candidate=candidate).aggregate(
        seats=Count("pk"), submitted=Count("pk", filter=submitted)
    )
    complete = sheets["seats"] >= MIN_SEATS and sheets["submitted"] == sheets["seats"]
    old, new = (
        (Candidate.Status.INVITED, Candidate.Status.ASSESSED)
        if complete
        else (Candidate.Status.ASSESSED, Candidate.Status.INVITED)
    )
    if candidate.status == old:
        candidate_move(candidate=candidate, to=new, by=by, reason=why)
