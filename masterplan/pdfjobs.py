"""PDF jobs: every plan-version PDF is rendered by a Celery worker, and none is ever lost.

A `PdfJob` row is the truth, the Celery message only a nudge. The row moves
requested → rendering → done / failed through the conditional UPDATEs every render job shares
(`smartcity.jobs`), so any number of messages for one job (repeated clicks, a redelivery after a
worker died, a re-send by the sweep) render it once. What is the plans' own is here:

- `pdf_job_request` gets or creates the row for (version, print kind) and sends a message after
  commit; a job already requested, rendering or done is reused as it is. `plan_move` calls it
  inside its own transaction for every submitted version and for the approved print, so the
  move and its job are written together or not at all.
- `pdf_job_claim` takes a job for one worker (`jobs.claim`): a rendering job counts as
  abandoned once it started longer ago than the hard time limit allows.
- `pdf_job_render` renders the version (or preview) and stores the file under the plan's folder
  with the page count WeasyPrint laid out (`jobs.finish`).
- `pdf_jobs_sweep` (Celery beat, every minute) re-sends messages that seem lost: a job still
  requested after `STUCK_AFTER` (Redis restarted without persistence, a worker killed while
  holding a retry) or rendering past the hard limit (SIGKILL, OOM); after `MAX_ATTEMPTS`
  claims the job fails with the last error. It also removes finished draft previews older
  than `PREVIEW_KEEP`, with their files.

A **draft preview** (`pdf_preview_request`) is a job without a version: it holds a snapshot of
the plan's working copy taken when someone asked for it and prints it marked DRAF, so the
region can read its plan as a document before submitting it. It is never a `PlanVersion`; the
same working copy (same SHA-256) reuses its job, a changed one gets a new job and the plan's
older previews are removed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity import jobs
from smartcity.access import user_has_role
from smartcity.jobs import (
    MAX_ATTEMPTS,
    RENDER_SOFT_TIME_LIMIT,  # noqa: F401  (the render task's limits, `tasks.py`)
    RENDER_TIME_LIMIT,  # noqa: F401
    STALE_AFTER,
    STUCK_AFTER,
)
from smartcity.models import User
from smartcity.storage import private_storage

from . import access
from .models import PdfJob, Plan, PlanVersion

logger = logging.getLogger(__name__)

S = PdfJob.Status

# A draft preview is read once, soon after it is made: older ones are removed by the sweep.
PREVIEW_KEEP = timedelta(days=1)

PDF_FOLDER = "masterplan/pdf"


class PdfJobError(Exception):
    """A request the job's state or the user's role does not allow; the message says why."""


def _enqueue(job_id: int) -> None:
    from .tasks import render_plan_pdf

    transaction.on_commit(lambda: render_plan_pdf.delay(job_id))


def _file_exists(name: str) -> bool:
    return bool(name) and private_storage().exists(name)


# --- requests -------------------------------------------------------------------------------


@transaction.atomic
def pdf_job_request(*, version: PlanVersion, by=None, book: str = PdfJob.Book.WHOLE) -> PdfJob:
    """The PDF job of this version in its current print kind, for the whole plan or one of its
    books (`PdfJob.Book`), created and enqueued if needed.

    Repeated requests attach to the existing job (three clicks, one render). A done job whose
    file is still stored is returned as it is; a done job whose file went missing is rendered
    again. A failed job stays failed: `pdf_job_retry` re-queues it.
    """
    from .pdf import is_approved_print

    if book not in PdfJob.Book.values:
        raise PdfJobError(_("Buku yang diminta tidak dikenal."))
    approved = is_approved_print(version)
    job, created = PdfJob.objects.get_or_create(
        version=version,
        approved=approved,
        book=book,
        defaults={"requested_by": by, "enqueued_at": timezone.now()},
    )
    if created:
        _enqueue(job.pk)
        return job
    if job.status == S.DONE and not _file_exists(job.file):
        jobs.requeue(job, was=S.DONE, enqueue=_enqueue)
        job.refresh_from_db()
    return job


@transaction.atomic
def pdf_job_retry(*, job: PdfJob, by) -> PdfJob:
    """Re-queue a failed job with a fresh set of attempts."""
    allowed, reason = access.may_retry_pdf(by, job)
    if not allowed:
        raise PdfJobError(reason)
    if not jobs.requeue(job, was=S.FAILED, enqueue=_enqueue):
        raise PdfJobError(_("Hanya PDF yang gagal dibuat yang dapat diulang."))
    job.refresh_from_db()
    return job


# --- the worker's side ----------------------------------------------------------------------


def pdf_job_claim(job_id: int, worker: str, *, now=None) -> PdfJob | None:
    """Take the job for this worker (`jobs.claim`), or None when it is not to be rendered by
    this message; a rendering job counts as abandoned after `STALE_AFTER`."""
    if not jobs.claim(
        PdfJob, job_id, worker, stale_after=STALE_AFTER, max_attempts=MAX_ATTEMPTS, now=now
    ):
        return None
    return PdfJob.objects.select_related("version__plan", "plan").get(pk=job_id)


def pdf_job_render(*, job: PdfJob) -> bool:
    """Render a claimed job, store the file under its plan's folder and mark it done
    (`jobs.finish`); False if the claim was lost meanwhile."""
    from . import pdf

    started = time.monotonic()
    content, pages = pdf.render_version_pdf_pages(
        job.printed_version(), approved=job.approved, book=job.book
    )
    return jobs.finish(
        job,
        content=content,
        pages=pages,
        seconds=time.monotonic() - started,
        folder=f"{PDF_FOLDER}/{job.plan_id_printed}",
    )


def pdf_job_fail(*, job: PdfJob, error: str) -> bool:
    """Record a failed attempt (`jobs.fail`); True when another attempt should follow (the
    caller schedules it)."""
    return jobs.fail(job, error=error, max_attempts=MAX_ATTEMPTS)


def pdf_jobs_sweep(*, now=None) -> dict:
    """Re-send the messages of jobs that seem lost and fail those out of attempts
    (`jobs.sweep`), then remove the draft previews older than `PREVIEW_KEEP`."""
    now = now or timezone.now()
    swept = jobs.sweep(
        PdfJob.objects.all(),
        stale_after=STALE_AFTER,
        stuck_after=STUCK_AFTER,
        max_attempts=MAX_ATTEMPTS,
        enqueue=_enqueue,
        now=now,
    )
    if swept["requeued"] or swept["failed"]:
        logger.warning(
            "PDF sweep: %s re-enqueued, %s failed", len(swept["requeued"]), swept["failed"]
        )
    swept["previews_removed"] = _remove_previews(
        PdfJob.objects.filter(plan__isnull=False, requested_at__lt=now - PREVIEW_KEEP)
    )
    return swept


# --- draft previews of the working copy -----------------------------------------------------


def _remove_previews(jobs) -> int:
    """Delete finished preview jobs among `jobs` and their files; a preview still waiting or
    rendering is left to finish (a render whose row is gone deletes its own file)."""
    finished = list(jobs.filter(status__in=(S.DONE, S.FAILED)).values_list("pk", "file"))
    for _pk, name in finished:
        if name:
            private_storage().delete(name)
    PdfJob.objects.filter(pk__in=[pk for pk, _name in finished]).delete()
    return len(finished)


@transaction.atomic
def pdf_preview_request(*, plan: Plan, by) -> PdfJob:
    """A draft preview of the plan's working copy as it is now, created and enqueued if needed.

    The snapshot is taken here (a few queries, no rendering) and kept on the job, so the worker
    prints exactly what was asked for. The same working copy reuses its job: three clicks make
    one render, and a finished preview is reused until the plan changes; a failed one is sent
    round again, since asking anew is the retry. A new preview removes the plan's older ones.
    Raises PdfJobError when `by` may not preview this plan now.
    """
    from .snapshot import plan_snapshot, snapshot_sha256

    allowed, reason = access.may_preview_pdf(by, plan)
    if not allowed:
        raise PdfJobError(reason)
    data = plan_snapshot(plan)
    sha = snapshot_sha256(data)
    job, created = PdfJob.objects.get_or_create(
        plan=plan,
        preview_sha256=sha,
        defaults={"preview_data": data, "requested_by": by, "enqueued_at": timezone.now()},
    )
    if created:
        _remove_previews(PdfJob.objects.filter(plan=plan).exclude(pk=job.pk))
        _enqueue(job.pk)
        return job
    again = (job.status == S.DONE and not _file_exists(job.file)) or job.status == S.FAILED
    if again:
        jobs.requeue(job, was=job.status, enqueue=_enqueue)
        job.refresh_from_db()
    return job


@dataclass
class PreviewSlot:
    """What the plan page's draft-preview box shows one user."""

    plan: Plan
    job: PdfJob | None  # the plan's latest preview
    current_sha256: str  # the working copy's, to tell whether the preview still matches it
    may_request: bool

    @property
    def polling(self) -> bool:
        return self.job is not None and self.job.status in (S.REQUESTED, S.RENDERING)

    @property
    def outdated(self) -> bool:
        """The working copy changed since this preview was asked for."""
        return (
            self.job is not None
            and bool(self.current_sha256)
            and self.job.preview_sha256 != self.current_sha256
        )


def preview_slot(user, plan: Plan, data: dict | None = None) -> PreviewSlot | None:
    """The plan's latest draft preview and whether this user may ask for one; None for those
    who never see previews or when the plan is not being written (one query otherwise).

    `data`, the working copy's snapshot the page already holds, tells an outdated preview."""
    from .snapshot import snapshot_sha256

    if not access.may_preview_pdf(user, plan)[0]:
        return None
    job = (
        PdfJob.objects.filter(plan=plan)
        .defer("preview_data")
        .order_by("-requested_at", "-pk")
        .first()
    )
    return PreviewSlot(
        plan=plan,
        job=job,
        current_sha256=snapshot_sha256(data) if data is not None else "",
        may_request=True,
    )


# --- the region's emblem on the cover ------------------------------------------------------

EMBLEM_MAX_BYTES = 2 * 1024 * 1024


def plan_emblem_save(*, plan: Plan, by, upload) -> Plan:
    """Store the region's emblem for the PDF cover: a JPEG or PNG checked by its content (as
    every upload, `smartcity.uploads.validate_image`), kept in the private storage. The
    region's officials and staff may set it at any stage; prints made afterwards show it."""
    from smartcity.storage import save_private
    from smartcity.uploads import validate_image

    if not access.may_request_pdf(by, plan)[0]:
        raise PdfJobError(_("Hanya pemerintah daerah dan Kominfo yang dapat mengunggah lambang."))
    validated = validate_image(upload, max_bytes=EMBLEM_MAX_BYTES)
    old = plan.emblem_file
    name = save_private(validated, folder=f"masterplan/emblem/{plan.pk}")
    Plan.objects.filter(pk=plan.pk).update(emblem_file=name, emblem_sha256=validated.sha256)
    if old and old != name:
        private_storage().delete(old)
    plan.emblem_file, plan.emblem_sha256 = name, validated.sha256
    return plan


# --- the plan page --------------------------------------------------------------------------


@dataclass
class BookSlot:
    """One line of the PDF box: the whole plan or one book, and its job if asked for."""

    book: str
    label: str
    job: PdfJob | None
    may_retry: bool

    @property
    def polling(self) -> bool:
        return self.job is not None and self.job.status in (S.REQUESTED, S.RENDERING)


@dataclass
class PdfSlot:
    """What the plan page's PDF box shows one user."""

    plan: Plan
    version: PlanVersion | None  # the version printed: the latest submitted one
    job: PdfJob | None  # the whole plan's
    approved: bool  # printed without the DRAF watermark
    may_request: bool
    may_retry: bool
    is_staff: bool
    books: list[BookSlot] = field(default_factory=list)  # the whole plan first, then I–III

    @property
    def polling(self) -> bool:
        return any(slot.polling for slot in self.books) or (
            self.job is not None and self.job.status in (S.REQUESTED, S.RENDERING)
        )


def pdf_slot(user, plan: Plan, version: PlanVersion | None = None) -> PdfSlot:
    """The latest version's job in its current print kind, and what this user may do with it."""
    from .pdf import is_approved_print

    if version is None:
        version = plan.versions.order_by("-number").first()
    jobs, approved = {}, False
    if version is not None:
        version.plan = plan
        approved = is_approved_print(version)
        jobs = {
            job.book: job
            for job in PdfJob.objects.filter(version=version, approved=approved).defer(
                "preview_data"
            )
        }
    is_staff = user_has_role(user, User.Role.STAFF)
    job = jobs.get(PdfJob.Book.WHOLE)

    def failed(job):
        # The page offers the retry to staff, who also read the error.
        return is_staff and job is not None and job.status == S.FAILED

    return PdfSlot(
        plan=plan,
        version=version,
        job=job,
        approved=approved,
        may_request=version is not None and access.may_request_pdf(user, plan)[0],
        may_retry=failed(job),
        is_staff=is_staff,
        books=[
            BookSlot(
                book=value, label=str(label), job=jobs.get(value), may_retry=failed(jobs.get(value))
            )
            for value, label in PdfJob.Book.choices
        ]
        if version is not None
        else [],
    )


def plan_page_pdf(user, plan, version, data: dict | None = None) -> dict:
    """What the plan page's PDF slots show this user: the submitted version's print and, while
    the plan is written, the working copy's draft preview (`data` is the page's snapshot)."""
    return {
        "pdf": pdf_slot(user, plan, version),
        "pdf_preview": preview_slot(user, plan, data if version is None else None),
    }
