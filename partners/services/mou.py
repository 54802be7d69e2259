"""The MoU (nota kesepahaman) a selected region signs with the ministry.

The writes; who may see which MoU is decided in `partners.access`. Only ministry staff record a
signing or a withdrawal: the views gate those with `role_required(STAFF)`, the services trust
their caller.
A MoU moves pending → signed or pending → withdrawn, each with a conditional UPDATE so two
racing clicks cannot both win, and each move leaves a row in the MoU's history (who and when).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import Candidate
from candidates.services.candidacy import candidate_move
from smartcity.storage import private_storage, save_private
from smartcity.uploads import validate_pdf

from ..models import MoU

# A scanned, signed MoU of a dozen pages fits easily; anything larger is probably not one.
MOU_MAX_BYTES = 15 * 1024 * 1024


class MoUError(Exception):
    """A move the MoU's state does not allow (or that lost a race); the message says why."""


def mou_for_candidate(*, candidate: Candidate) -> MoU:
    """The candidacy's MoU, created pending on first use.

    Only regions in the programme (selected, later participants) sign one: the MoU is what
    follows the selection letter, so asking for another candidacy's MoU is a mistake.
    """
    if candidate.status not in Candidate.IN_PROGRAMME:
        raise MoUError(_("Hanya daerah terpilih yang menandatangani MoU."))
    mou, _created = MoU.objects.get_or_create(candidate=candidate)
    return mou


def _move(*, mou: MoU, to: str, by, reason: str = "", **fields) -> MoU:
    """Move `mou` from the status it was read with to `to`, or raise if that is not allowed.

    The UPDATE only matches while the row still has the old status: of two staff members
    recording the same signing at once, exactly one succeeds and the other is told to reload.
    A queryset update sends no signals, so the history row is written by saving once more
    inside the same transaction, with who did it and why.
    """
    old = mou.status
    if to not in MoU.MOVES.get(old, ()):
        raise MoUError(
            _("MoU berstatus “%(status)s” tidak dapat diubah lagi.")
            % {"status": mou.get_status_display()}
        )
    if not MoU.objects.filter(pk=mou.pk, status=old).update(status=to, updated_by=by, **fields):
        raise MoUError(_("MoU telah diubah oleh orang lain; muat ulang halaman dan coba lagi."))
    mou.refresh_from_db()
    mou._history_user = by
    mou._change_reason = reason or f"{old} → {to}"
    mou.save(update_fields=["updated_at"])
    return mou


def mou_sign(*, mou: MoU, signing_date, venue: str, head_name: str, head_title: str, upload, by):
    """Record the signing of a pending MoU with the signed document (staff only).

    The document is judged by its content (a real, unencrypted PDF without scripts, at most
    15 MB), stored privately under a random name, and fingerprinted with SHA-256 so the region
    can check that the copy it downloads is the one the ministry recorded. A refused file raises
    `ValidationError` before anything is stored; a lost race removes the stored file again.
    """
    validated = validate_pdf(upload, max_bytes=MOU_MAX_BYTES)
    stored = save_private(validated, folder="mou")
    try:
        with transaction.atomic():
            signed = _move(
                mou=mou,
                to=MoU.Status.SIGNED,
                by=by,
                reason=_("Ditandatangani"),
                signing_date=signing_date,
                venue=venue,
                head_name=head_name,
                head_title=head_title,
                document=stored,
                document_name=validated.original_name,
                document_size=validated.size,
                sha256=validated.sha256,
            )
            _candidate_joins(signed.candidate_id, by=by)
            return signed
    except BaseException:
        private_storage().delete(stored)
        raise


def _candidate_joins(candidate_id: int, *, by) -> None:
    """A selected region whose MoU is signed is a participant of the programme (DESIGN.md);
    a candidate already past that (a participant) stays as it is."""
    candidate = Candidate.objects.select_for_update(of=("self",)).get(pk=candidate_id)
    if candidate.status == Candidate.Status.SELECTED:
        candidate_move(
            candidate=candidate,
            to=Candidate.Status.PARTICIPANT,
            by=by,
            reason=_("MoU ditandatangani"),
        )


@transaction.atomic
def mou_withdraw(*, mou: MoU, reason: str, by) -> MoU:
    """Withdraw a pending MoU (staff only), e.g. when a region declines; the reason is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise MoUError(_("Tuliskan alasan pembatalan MoU."))
    return _move(mou=mou, to=MoU.Status.WITHDRAWN, by=by, reason=reason, withdrawn_reason=reason)
