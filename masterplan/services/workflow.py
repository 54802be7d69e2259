"""The master plan's workflow: creating a plan, moving it and freezing its versions.

draft → submitted → revision ↔ resubmitted → endorsed (mentor) → approved (Kominfo) → enacted.

Two moves are decisions that ask for more than a click:

- **Endorsement** (`plan_endorse`). Each mentor actively assigned to the region endorses the
  latest submitted version; the plan moves to endorsed only when every one of them has. An
  endorsement counts for the version it was given on: a resubmission needs them all again. A
  mentor whose assignment ended is no longer waited for (the rule reads the assignments as they
  are at each endorsement), and any assigned mentor's next endorsement click then completes it.
- **Approval** (`plan_approve`). Ministry staff record the approval letter's number and date:
  a date not in the future and not before the approved version was submitted.

Each move is a conditional UPDATE on the status the caller read, so of two racing clicks exactly
one wins; it records a `PlanEvent` (who, when, from, to, why) and, after commit, e-mails the
other side through Celery. Submitting freezes the working copy into a new `PlanVersion`; that
version (and, on approval, the approved print of the latest one) gets its `PdfJob` row in the
same transaction, the render being sent to a worker after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidates.models import Candidate
from partners.models import MentorAssignment
from smartcity.storage import save_private
from smartcity.uploads import validate_pdf
from smartcity.validators import NOTE_MAX

from ..access import may_move
from ..models import Plan, PlanEndorsement, PlanEvent, PlanVersion, ReviewComment
from ..pdfjobs import pdf_job_request
from ..snapshot import plan_problems, plan_snapshot, snapshot_sha256

REGULATION_MAX_BYTES = 20 * 1024 * 1024
LETTER_NUMBER_MAX = 100


class WorkflowError(Exception):
    """A move the plan's state or the user's role does not allow; the message says why."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


def plan_for_candidate(*, candidate: Candidate, by=None) -> Plan:
    """The candidacy's plan, created as a draft on first use (5 years from the cohort's next).

    Only regions in the programme write one: selection and the MoU come first.
    """
    if candidate.status not in Candidate.IN_PROGRAMME:
        raise WorkflowError(_("Hanya daerah peserta program yang menyusun masterplan."))
    plan, _created = Plan.objects.get_or_create(
        candidate=candidate,
        defaults={"start_year": candidate.cohort.year + 1, "updated_by": by},
    )
    return plan


def open_blocking_comments(plan: Plan):
    return ReviewComment.objects.filter(
        plan=plan, parent__isnull=True, blocking=True, status=ReviewComment.Status.OPEN
    )


@transaction.atomic
def plan_move(*, plan: Plan, to: str, by, note: str = "", **fields) -> Plan:
    """Move `plan` from the status it was read with to `to`; the only place status changes.

    Raises WorkflowError when `by` may not make this move, when the plan changed meanwhile,
    when a submission has errors (listed in `.problems`), or when approval meets an open
    blocking comment. `fields` are extra columns written by the same UPDATE (enactment).
    """
    allowed, reason = may_move(by, plan, to)
    if not allowed:
        raise WorkflowError(reason)
    S = Plan.Status
    old = plan.status
    now = timezone.now()
    updates = {"status": to, "status_changed_at": now, "updated_by": by, **fields}
    version = None
    if to in (S.SUBMITTED, S.RESUBMITTED):
        data = plan_snapshot(plan)
        errors = [p for p in plan_problems(data) if p.is_error]
        if errors:
            raise WorkflowError(_("Masterplan belum dapat diajukan."), problems=errors)
        updates["version_count"] = F("version_count") + 1
    if to == S.REVISION and not note.strip():
        raise WorkflowError(_("Tuliskan apa yang perlu direvisi."))
    if len(note) > NOTE_MAX:
        raise WorkflowError(_("Catatan paling banyak %(n)s karakter.") % {"n": NOTE_MAX})
    if to == S.ENDORSED:
        # The endorsing mentor's own record, then every other assigned mentor's: a plan is
        # endorsed by its whole team (see `plan_endorse`).
        _record_endorsement(plan=plan, by=by, note=note)
        state = endorsements_of(plan)
        if state.missing:
            raise WorkflowError(waiting_message(state))
    if to == S.APPROVED:
        if not (fields.get("approval_letter_number") and fields.get("approval_letter_date")):
            raise WorkflowError(_("Pengesahan memerlukan nomor dan tanggal surat pengesahan."))
        if open_blocking_comments(plan).exists():
            raise WorkflowError(
                _("Masih ada komentar wajib yang terbuka; masterplan belum dapat disahkan.")
            )
        updates["approved_at"] = now
    claimed = Plan.objects.filter(pk=plan.pk, status=old, version_count=plan.version_count).update(
        **updates
    )
    if not claimed:
        raise WorkflowError(_("Masterplan telah berubah; muat ulang halaman lalu coba lagi."))
    if to in (S.SUBMITTED, S.RESUBMITTED):
        version = PlanVersion.objects.create(
            plan=plan,
            number=plan.version_count + 1,
            data=data,
            sha256=snapshot_sha256(data),
            created_by=by,
        )
    event = PlanEvent.objects.create(
        plan=plan, old=old, new=to, by=by, note=note.strip(), version=version
    )
    plan.refresh_from_db()
    if version is not None:
        _request_pdf(version=version, plan=plan, by=by)
    elif to == S.APPROVED:
        _request_pdf(version=latest_version(plan), plan=plan, by=by)
    from ..tasks import notify_plan_event

    transaction.on_commit(lambda: notify_plan_event.delay(event.pk))
    return plan


def _request_pdf(*, version: PlanVersion, plan: Plan, by) -> None:
    """Every submitted version gets its draft print and approval the approved print of the
    latest version. The job row is written in the move's transaction (only the message waits for
    the commit), so the sweep always finds it; if it cannot be written the move fails too."""
    version.plan = plan  # the print kind depends on the status just written
    try:
        pdf_job_request(version=version, by=by)
    except DatabaseError as exc:
        raise WorkflowError(
            _("PDF masterplan tidak dapat dijadwalkan; tidak ada yang berubah. Coba lagi.")
        ) from exc


# --- endorsement by every assigned mentor ----------------------------------------------------


@dataclass
class Endorsements:
    """Where the mentors' endorsement of a plan's latest version stands."""

    version_number: int
    mentors: list = field(default_factory=list)  # actively assigned, in assignment order
    given: dict = field(default_factory=dict)  # mentor id → PlanEndorsement of that version

    @property
    def missing(self) -> list:
        return [m for m in self.mentors if m.pk not in self.given]

    @property
    def done(self) -> list:
        """(mentor, endorsement) for the assigned mentors who endorsed, in assignment order."""
        return [(m, self.given[m.pk]) for m in self.mentors if m.pk in self.given]

    @property
    def complete(self) -> bool:
        return self.version_number > 0 and bool(self.mentors) and not self.missing

    def has_endorsed(self, user) -> bool:
        return getattr(user, "pk", None) in self.given


def endorsements_of(plan: Plan) -> Endorsements:
    """The mentors actively assigned to the plan's region and which of them endorsed its latest
    version (two queries)."""
    assignments = (
        MentorAssignment.objects.active()
        .filter(candidate_id=plan.candidate_id)
        .select_related("mentor")
        .order_by("assigned_at", "pk")
    )
    given = {}
    if plan.version_count:
        given = {
            e.mentor_id: e
            for e in PlanEndorsement.objects.filter(plan=plan, version__number=plan.version_count)
        }
    return Endorsements(
        version_number=plan.version_count,
        mentors=[a.mentor for a in assignments],
        given=given,
    )


def waiting_message(state: Endorsements) -> str:
    """ "Menunggu persetujuan mentor kedua: Sari." — what the plan still waits for."""
    missing = state.missing
    names = ", ".join(m.display_name for m in missing)
    if len(missing) == 1 and len(state.mentors) == 2:
        return _("Menunggu persetujuan mentor kedua: %(names)s.") % {"names": names}
    return ngettext(
        "Menunggu persetujuan %(n)d mentor lagi: %(names)s.",
        "Menunggu persetujuan %(n)d mentor lagi: %(names)s.",
        len(missing),
    ) % {"n": len(missing), "names": names}


def _record_endorsement(*, plan: Plan, by, note: str) -> bool:
    """Record `by`'s endorsement of the latest version; False when it was already there."""
    version = latest_version(plan)
    _endorsement, created = PlanEndorsement.objects.get_or_create(
        version=version, mentor=by, defaults={"plan": plan, "note": note.strip()[:NOTE_MAX]}
    )
    return created


@transaction.atomic
def plan_endorse(*, plan: Plan, by, note: str = "", version_number: int | None = None) -> Plan:
    """An assigned mentor endorses the plan's latest version; the plan moves to endorsed once
    every mentor actively assigned to the region has endorsed that version.

    Returns the plan, endorsed or still under review (then `endorsements_of(plan)` says who is
    missing). `version_number` is the version the mentor read: if the region resubmitted since,
    nothing is recorded. Raises WorkflowError when `by` may not endorse, when the plan changed
    meanwhile, or when `by` already endorsed this version and others are still missing.
    """
    allowed, reason = may_move(by, plan, Plan.Status.ENDORSED)
    if not allowed:
        raise WorkflowError(reason)
    if len(note) > NOTE_MAX:
        raise WorkflowError(_("Catatan paling banyak %(n)s karakter.") % {"n": NOTE_MAX})
    # Two mentors endorsing at the same moment: the row lock makes the second wait, and then
    # see the first one's endorsement, so exactly one of them moves the plan.
    locked = Plan.objects.select_for_update().only("status", "version_count").get(pk=plan.pk)
    if (locked.status, locked.version_count) != (plan.status, plan.version_count):
        raise WorkflowError(_("Masterplan telah berubah; muat ulang halaman lalu coba lagi."))
    if version_number is not None and version_number != plan.version_count:
        raise WorkflowError(
            _(
                "Masterplan telah diajukan ulang (versi %(n)s) sejak halaman ini dibuka; "
                "periksa versi terbaru lalu setujui lagi."
            )
            % {"n": plan.version_count}
        )
    created = _record_endorsement(plan=plan, by=by, note=note)
    state = endorsements_of(plan)
    if state.missing:
        if not created:
            raise WorkflowError(
                _("Anda sudah menyetujui versi %(n)s.") % {"n": plan.version_count}
                + " "
                + waiting_message(state)
            )
        return plan
    return plan_move(plan=plan, to=Plan.Status.ENDORSED, by=by, note=note)


# --- approval with the ministry's letter ----------------------------------------------------


def submitted_on(plan: Plan) -> date | None:
    """The day (in Jakarta) the plan's latest version was submitted."""
    version = latest_version(plan)
    return timezone.localdate(version.created_at) if version else None


def approval_letter_problems(
    *, plan: Plan, number: str, letter_date: date | None, today: date | None = None
) -> dict[str, str]:
    """What is wrong with an approval letter for this plan, by field (`letter_number`,
    `letter_date`); empty when nothing is. Shared by the approval form and `plan_approve`."""
    problems = {}
    number = (number or "").strip()
    if not number:
        problems["letter_number"] = _("Isi nomor surat pengesahan.")
    elif len(number) > LETTER_NUMBER_MAX:
        problems["letter_number"] = _("Nomor surat paling banyak %(n)s karakter.") % {
            "n": LETTER_NUMBER_MAX
        }
    if letter_date is None:
        problems["letter_date"] = _("Isi tanggal surat pengesahan.")
        return problems
    today = today or timezone.localdate()
    submitted = submitted_on(plan)
    if letter_date > today:
        problems["letter_date"] = _("Tanggal surat tidak boleh setelah hari ini (%(today)s).") % {
            "today": formats.date_format(today)
        }
    elif submitted is not None and letter_date < submitted:
        problems["letter_date"] = _(
            "Tanggal surat tidak boleh sebelum masterplan versi %(n)s diajukan (%(date)s)."
        ) % {"n": plan.version_count, "date": formats.date_format(submitted)}
    return problems


def approval_note(number: str, letter_date: date, note: str = "") -> str:
    """The history's line for an approval: the letter, then staff's own note."""
    letter = _("Surat pengesahan nomor %(number)s tanggal %(date)s.") % {
        "number": number.strip(),
        "date": formats.date_format(letter_date),
    }
    return f"{letter}\n{note.strip()}" if note.strip() else letter


def plan_approve(
    *, plan: Plan, by, letter_number: str, letter_date: date | None, note: str = ""
) -> Plan:
    """Ministry staff approve an endorsed plan with their approval letter's number and date.

    Raises WorkflowError when `by` may not approve or the plan cannot be approved now (see
    `plan_move`: an open blocking comment, a change meanwhile), and ValidationError keyed by
    field (`letter_number`, `letter_date`) for a letter that cannot be right.
    """
    allowed, reason = may_move(by, plan, Plan.Status.APPROVED)
    if not allowed:
        raise WorkflowError(reason)
    problems = approval_letter_problems(plan=plan, number=letter_number, letter_date=letter_date)
    if problems:
        raise ValidationError(problems)
    return plan_move(
        plan=plan,
        to=Plan.Status.APPROVED,
        by=by,
        note=approval_note(letter_number, letter_date, note),
        approval_letter_number=letter_number.strip(),
        approval_letter_date=letter_date,
    )


def plan_submit(*, plan: Plan, by, note: str = "") -> Plan:
    """Submit the plan to its mentors (first time) or resubmit it after a revision."""
    to = Plan.Status.RESUBMITTED if plan.status == Plan.Status.REVISION else Plan.Status.SUBMITTED
    return plan_move(plan=plan, to=to, by=by, note=note)


def plan_enact(*, plan: Plan, by, regulation_type: str, number: str, date, upload) -> Plan:
    """Record the regulation (Perwal/Perbup/Perda) that enacts an approved plan, with its text."""
    if regulation_type not in Plan.Regulation.values:
        raise WorkflowError(_("Pilih jenis regulasi."))
    if not number.strip() or date is None:
        raise WorkflowError(_("Nomor dan tanggal regulasi wajib diisi."))
    allowed, reason = may_move(by, plan, Plan.Status.ENACTED)
    if not allowed:
        raise WorkflowError(reason)
    validated = validate_pdf(upload, max_bytes=REGULATION_MAX_BYTES)
    name = save_private(validated, folder=f"masterplan/regulation/{plan.pk}")
    return plan_move(
        plan=plan,
        to=Plan.Status.ENACTED,
        by=by,
        note=f"{Plan.Regulation(regulation_type).label} {number.strip()}",
        regulation_type=regulation_type,
        regulation_number=number.strip(),
        regulation_date=date,
        regulation_file=name,
        regulation_file_name=validated.original_name,
        regulation_sha256=validated.sha256,
    )


def latest_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()
