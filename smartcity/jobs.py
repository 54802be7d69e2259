"""Documents rendered by Celery workers, none ever lost: the fields and the moves every such job
shares (a master plan's PDF, the ministry's briefing).

A job's row is the truth, the Celery message only a nudge. The row moves requested → rendering →
done / failed through conditional UPDATEs, so any number of messages for one job (repeated
clicks, a redelivery after a worker died, a re-send by the sweep) render it once:

- `claim` takes a job for one worker: requested → rendering, or a rendering job whose worker
  must be dead (started before `stale_after`); it counts the attempt.
- `finish` stores the rendered file in the private storage and marks the job done, but only if
  its claim still holds (a render that lost its claim deletes its file).
- `fail` records a failed attempt: back to requested while attempts remain, else failed.
- `requeue` sends a job round again as if new, if it is still in the status the caller saw.
- `sweep` re-sends the messages of jobs that seem lost and fails those out of attempts.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Callable
from datetime import timedelta
from uuid import uuid4

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .storage import private_storage

RETRY_BACKOFF = 10  # seconds before the 2nd attempt; doubled for each further one
# The limits of every render on the `pdf` queue (a plan's PDF, a briefing). Per render; the
# worker's own limits (settings.CELERY_TASK_*) are longer and catch the rest.
RENDER_SOFT_TIME_LIMIT = 100  # seconds: the task gets SoftTimeLimitExceeded and retries
RENDER_TIME_LIMIT = 120  # seconds: the child process is killed
# A job rendering longer than this has no live worker (the hard limit would have ended it).
STALE_AFTER = timedelta(seconds=RENDER_TIME_LIMIT + 30)
# A job requested this long ago without being claimed has probably lost its message.
STUCK_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 3


class RenderJob(models.Model):
    """The state of one document a worker renders; a concrete job adds what it prints."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Diminta")
        RENDERING = "rendering", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    # When the last message for this job was sent: the sweep re-sends one that seems lost.
    enqueued_at = models.DateTimeField(_("masuk antrean pada"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai dibuat pada"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    render_seconds = models.FloatField(_("lama pembuatan (detik)"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("jumlah halaman"), null=True, blank=True)
    # A name in the private storage.
    file = models.CharField(_("berkas tersimpan"), max_length=200, blank=True)
    file_size = models.PositiveIntegerField(_("ukuran berkas (bita)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("galat"), blank=True)
    claimed_by = models.CharField(
        _("dikerjakan oleh"), max_length=200, blank=True, help_text=_("Worker (host:pid).")
    )

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def retry_countdown(attempts: int) -> int:
    """Seconds before the next attempt after `attempts` failed ones: 10, 20, 40…"""
    return RETRY_BACKOFF * 2 ** max(attempts - 1, 0)


def claim(
    model: type[RenderJob],
    job_id: int,
    worker: str,
    *,
    stale_after: timedelta,
    max_attempts: int,
    now=None,
) -> bool:
    """Take the job for this worker: one conditional UPDATE, so of two messages for one job
    exactly one wins; a done or failed job, or one another live worker renders, is left alone."""
    now = now or timezone.now()
    S = RenderJob.Status
    return bool(
        model.objects.filter(pk=job_id, attempts__lt=max_attempts)
        .filter(Q(status=S.REQUESTED) | Q(status=S.RENDERING, started_at__lt=now - stale_after))
        .update(
            status=S.RENDERING,
            attempts=F("attempts") + 1,
            started_at=now,
            claimed_by=worker[:200],
        )
    )


def still_ours(job: RenderJob):
    """The job's row as long as our claim holds (same attempt, still rendering)."""
    return type(job).objects.filter(
        pk=job.pk, status=RenderJob.Status.RENDERING, attempts=job.attempts
    )


def finish(job: RenderJob, *, content: bytes, pages: int, seconds: float, folder: str) -> bool:
    """Store the rendered file and mark the job done; False (and the file removed) when the
    claim was lost meanwhile. The file is written before the row says done, so a done job always
    has its file."""
    name = private_storage().save(f"{folder}/{uuid4().hex}.pdf", ContentFile(content))
    done = still_ours(job).update(
        status=RenderJob.Status.DONE,
        file=name,
        file_size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        pages=pages,
        render_seconds=round(seconds, 3),
        finished_at=timezone.now(),
        error="",
    )
    if not done:
        private_storage().delete(name)
    return bool(done)


def fail(job: RenderJob, *, error: str, max_attempts: int) -> bool:
    """Record a failed attempt: back to requested while attempts remain, else failed.

    Returns True when another attempt should follow (the caller schedules it)."""
    retry = job.attempts < max_attempts
    now = timezone.now()
    if retry:
        updated = still_ours(job).update(
            status=RenderJob.Status.REQUESTED,
            error=error,
            enqueued_at=now + timedelta(seconds=retry_countdown(job.attempts)),
        )
    else:
        updated = still_ours(job).update(
            status=RenderJob.Status.FAILED, error=error, finished_at=now
        )
    return bool(updated) and retry


def requeue(job: RenderJob, *, was: str, enqueue: Callable[[int], None]) -> bool:
    """Send the job round again as if new (no file, fresh attempts), if it is still in status
    `was`: one conditional UPDATE, so of two requests at once only one enqueues it. `enqueue`
    sends the job's message once the transaction commits (`transaction.on_commit`)."""
    requeued = (
        type(job)
        .objects.filter(pk=job.pk, status=was)
        .update(
            status=RenderJob.Status.REQUESTED,
            file="",
            file_size=None,
            sha256="",
            attempts=0,
            error="",
            started_at=None,
            finished_at=None,
            claimed_by="",
            enqueued_at=timezone.now(),
        )
    )
    if requeued:
        enqueue(job.pk)
    return bool(requeued)


def sweep(
    jobs,
    *,
    stale_after: timedelta,
    stuck_after: timedelta,
    max_attempts: int,
    enqueue: Callable[[int], None],
    now=None,
) -> dict:
    """Re-send the messages of `jobs` that seem lost (requested for longer than `stuck_after`,
    or rendering past `stale_after`: the worker died); fail those out of attempts, saying so in
    their error. Safe next to live workers: a re-sent message for a job meanwhile claimed or
    done is dropped by `claim`."""
    now = now or timezone.now()
    S = RenderJob.Status
    stale = Q(status=S.RENDERING, started_at__lt=now - stale_after)
    stuck = Q(status=S.REQUESTED) & (
        Q(enqueued_at__lt=now - stuck_after) | Q(enqueued_at__isnull=True)
    )
    gave_up = gettext(
        "Pembuatan PDF terhenti %(n)s kali (proses pekerja mati atau melewati batas waktu)."
    ) % {"n": max_attempts}
    failed = jobs.filter(stale | stuck, attempts__gte=max_attempts).update(
        status=S.FAILED, finished_at=now, error=gave_up
    )
    with transaction.atomic():
        rows = list(
            jobs.filter(stale | stuck)
            .select_for_update(skip_locked=True)
            .values_list("pk", "status")
        )
        # A stale rendering job goes back to requested: its worker is gone.
        jobs.filter(pk__in=[pk for pk, _status in rows]).update(status=S.REQUESTED, enqueued_at=now)
        for pk, _status in rows:
            enqueue(pk)  # sends after commit
    return {
        "requeued": sorted(pk for pk, _status in rows),
        "stale": sum(1 for _pk, status in rows if status == S.RENDERING),
        "failed": failed,
    }
