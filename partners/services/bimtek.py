"""The Bimtek log: the four technical-guidance workshops of each region in the programme.

Staff and the region's assigned mentors (an active `MentorAssignment`) record the workshops and
upload their documents; the region's officials read the log. Who may read or record which log
is decided in `partners.access` (404 for everyone else, the same answer as for a candidacy that
does not exist); this module holds the writes and the reads of a candidacy already checked there.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from candidates.models import Candidate
from smartcity.models import User
from smartcity.storage import private_storage, save_private
from smartcity.uploads import validate_document

from ..models import BimtekDocument, BimtekSession, MentorAssignment

DOCUMENT_MAX_BYTES = 15 * 1024 * 1024
FINAL_QUICK_WINS = 3


class BimtekError(Exception):
    """A record the Bimtek rules do not allow; the message says why."""


# --- reads without a permission check (the caller's: `partners.access`) ---------------------------


def bimtek_assigned_mentors(candidate: Candidate):
    """The candidacy's active mentors: the only people a session may list as present."""
    return (
        User.objects.filter(
            pk__in=MentorAssignment.objects.active().filter(candidate=candidate).values("mentor")
        )
        .select_related("institution")
        .order_by("username")
    )


def bimtek_sessions_of(candidate: Candidate) -> dict[int, BimtekSession | None]:
    """{stage: session or None} for the four stages, with mentors and documents loaded."""
    found = {
        s.stage: s
        for s in BimtekSession.objects.filter(candidate=candidate).prefetch_related(
            "mentors", "documents"
        )
    }
    return {stage: found.get(stage) for stage in BimtekSession.Stage.values}


def bimtek_progress(cohort):
    """The cohort's regions in the programme with the highest stage recorded (one query)."""
    return list(
        Candidate.objects.filter(cohort=cohort, status__in=Candidate.IN_PROGRAMME)
        .select_related("region")
        .annotate(highest_stage=Max("bimtek_sessions__stage"))
        .order_by("region__code")
    )


# --- writes ---------------------------------------------------------------------------------


def _quick_win_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def bimtek_record(*, candidate: Candidate, stage: int, data: dict, mentors, by) -> BimtekSession:
    """Record one workshop of a region (staff or an assigned mentor; the view checks who).

    The workshops build on each other, so stage N needs stage N−1 recorded first, and each is
    recorded once: a correction is an admin matter with history, not a second record. Bimtek IV
    closes the mentoring with exactly three final quick wins. Mentors present must be on the
    region's team. Two people recording the same stage at once meet the unique constraint; the
    loser gets a clear error rather than a server error.
    """
    if stage not in BimtekSession.Stage.values:
        raise BimtekError(_("Tahap Bimtek tidak dikenal."))
    recorded = set(
        BimtekSession.objects.filter(candidate=candidate).values_list("stage", flat=True)
    )
    if stage in recorded:
        raise BimtekError(_("Bimtek tahap ini sudah dicatat."))
    if stage > 1 and stage - 1 not in recorded:
        raise BimtekError(
            _("Catat Bimtek %(prev)s lebih dahulu.") % {"prev": BimtekSession.Stage(stage - 1).name}
        )
    quick_wins = _quick_win_lines(data.get("final_quick_wins", ""))
    if stage == BimtekSession.Stage.IV:
        if len(quick_wins) != FINAL_QUICK_WINS:
            raise BimtekError(_("Bimtek IV menetapkan tepat tiga quick win final, satu per baris."))
    elif quick_wins or data.get("commitment_signed"):
        raise BimtekError(_("Lembar komitmen dan quick win final dicatat pada Bimtek IV."))
    mentors = list(mentors)
    allowed = set(bimtek_assigned_mentors(candidate).values_list("pk", flat=True))
    if any(m.pk not in allowed for m in mentors):
        raise BimtekError(_("Mentor yang hadir harus mentor yang ditugaskan ke daerah ini."))
    try:
        with transaction.atomic():
            session = BimtekSession(
                candidate=candidate,
                stage=stage,
                date=data["date"],
                place=data["place"],
                attendance=data.get("attendance") or 0,
                minutes=data.get("minutes", ""),
                outputs=data.get("outputs", ""),
                commitment_signed=bool(data.get("commitment_signed")),
                final_quick_wins="\n".join(quick_wins),
                recorded_by=by,
            )
            session._history_user = by
            session.save()
            session.mentors.set(mentors)
    except IntegrityError as exc:
        raise BimtekError(_("Bimtek tahap ini baru saja dicatat orang lain.")) from exc
    return session


def bimtek_document_add(*, session: BimtekSession, upload, by) -> BimtekDocument:
    """Attach a PDF or photo to a recorded workshop (attendance list, minutes, slides).

    Judged by content, stored privately under a random name; a refused file raises
    `ValidationError` and nothing is stored.
    """
    validated = validate_document(upload, max_bytes=DOCUMENT_MAX_BYTES)
    stored = save_private(validated, folder="bimtek")
    try:
        return BimtekDocument.objects.create(
            session=session,
            file=stored,
            original_name=validated.original_name,
            content_type=validated.content_type,
            size=validated.size,
            sha256=validated.sha256,
            uploaded_by=by,
        )
    except BaseException:
        private_storage().delete(stored)
        raise
