"""The master plan's workflow: creating a plan, moving it and freezing its versions.

draft → submitted → revision ↔ resubmitted → endorsed (mentor) → approved (Kominfo) → enacted.

Each move is a conditional UPDATE on the status the caller read, so of two racing clicks exactly
one wins; it records a `PlanEvent` (who, when, from, to, why) and, after commit, e-mails the
other side through Celery. Submitting freezes the working copy into a new `PlanVersion`; that
version (and, on approval, the approved print of the latest one) gets its `PdfJob` row in the
same transaction, the render being sent to a worker after commit.
"""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from smartcity.storage import save_private
from smartcity.uploads import validate_pdf
from smartcity.validators import NOTE_MAX

from ..access import may_move
from ..models import Plan, PlanEvent, PlanVersion, ReviewComment
from ..pdfjobs import pdf_job_request
from ..snapshot import plan_problems, plan_snapshot, snapshot_sha256

REGULATION_MAX_BYTES = 20 * 1024 * 1024


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
    if to == S.APPROVED:
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
