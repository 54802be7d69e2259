"""The briefing: the dashboard of one cohort (or all) and one province (or Indonesia) as a PDF of
a few pages, "Laporan status program", for a minister's desk or a meeting's table: the funnel,
the map, pemerataan, the approved budgets and what needs attention.

It is rendered by a Celery worker on the `pdf` queue, like the master plans' PDFs, with the same
limits and the same moves (`smartcity.jobs`): the row is the truth, the message a nudge, and the
sweep re-sends what a restarted Redis or a killed worker lost. It prints the programme as it is
when the worker renders it, with that moment on its cover.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Cohort
from masterplan.pdf import html_to_pdf_pages
from smartcity import jobs
from smartcity.access import user_has_role
from smartcity.geometry import attribution, map_svg
from smartcity.models import User
from smartcity.profile import SOURCE

from . import overview, pemerataan
from .layers import DEFAULT_LAYER, LAYERS
from .models import BriefingJob
from .money import money
from .regions import Scope, places

logger = logging.getLogger(__name__)

S = BriefingJob.Status
FOLDER = "dashboard/briefing"
# Rows of each worklist the briefing prints; the count of the rest follows them.
ATTENTION_ROWS = 6
TOP_PROGRAMMES = 5


class BriefingError(Exception):
    """A request the user's role does not allow; the message says why."""


# --- what it prints -------------------------------------------------------------------------


@dataclass
class Worklist:
    """A dashboard worklist cut to what a page can hold."""

    title: str
    action: str
    items: list
    more: int


def briefing_context(user, *, scope: Scope, now: datetime | None = None) -> dict:
    """Everything the briefing prints for `scope`, as `user` (ministry staff) sees it: the same
    figures, by the same code, as the dashboard's pages."""
    now = now or timezone.now()
    cohorts, found_places = overview.cohorts(), places()
    summary = overview.summary(user, scope=scope, cohorts=cohorts, places=found_places, now=now)
    found_money = money(scope=scope, places=found_places)
    cohort_rows = list(Cohort.objects.order_by("year"))
    cohort = next((c for c in cohort_rows if c.year == scope.cohort_year), None)
    layer = LAYERS[DEFAULT_LAYER].compute(user, cohort, cohort_rows)
    province_name = next(
        (p.province_name for p in found_places.values() if p.province_code == scope.province),
        "",
    )
    return {
        "scope": scope,
        "cohort": cohort,
        "province_name": province_name,
        "generated_at": now,
        "progress": summary.progress,
        "quick_wins": list(summary.progress.quick_win_counts.items()),
        "worklists": [
            Worklist(
                w.title, w.action, w.items[:ATTENTION_ROWS], max(len(w.items) - ATTENTION_ROWS, 0)
            )
            for w in summary.worklists
        ],
        "attention_count": summary.attention_count,
        "spread": summary.spread,
        "islands": summary.spread.breakdowns[0],
        "measure_labels": [pemerataan.MEASURE_LABELS[stage] for stage in pemerataan.MEASURES],
        "money": found_money,
        "top_programmes": found_money.top[:TOP_PROGRAMMES],
        "map": map_svg(layer.colours(), label=layer.title),
        "legend": layer.legend(),
        "map_title": layer.title,
        "map_attribution": attribution(),
        "population_source": SOURCE,
    }


def render_briefing(job: BriefingJob, *, now: datetime | None = None) -> tuple[bytes, int]:
    """The briefing of the job's filter as PDF bytes and their page count."""
    scope = Scope(cohort_year=job.cohort_year, province=job.province or None)
    context = briefing_context(job.requested_by, scope=scope, now=now)
    return html_to_pdf_pages(render_to_string("dashboard/briefing_pdf.html", context))


# --- requests and the worker's side ---------------------------------------------------------


def _enqueue(job_id: int) -> None:
    from .tasks import render_briefing_pdf

    transaction.on_commit(lambda: render_briefing_pdf.delay(job_id))


@transaction.atomic
def briefing_request(*, scope: Scope, by) -> BriefingJob:
    """A briefing of `scope`, created and enqueued; one for the same filter that is still
    waiting or rendering is reused (it will print the same programme)."""
    if not user_has_role(by, User.Role.STAFF):
        raise BriefingError(_("Hanya staf Kominfo yang dapat membuat laporan status program."))
    filters = {"cohort_year": scope.cohort_year, "province": scope.province or ""}
    waiting = BriefingJob.objects.filter(**filters, status__in=(S.REQUESTED, S.RENDERING))
    job = waiting.order_by("-pk").first()
    if job is None:
        job = BriefingJob.objects.create(**filters, requested_by=by, enqueued_at=timezone.now())
        _enqueue(job.pk)
    return job


@transaction.atomic
def briefing_retry(*, job: BriefingJob, by) -> bool:
    """Send a failed briefing round again; False when it is not failed (any more)."""
    if not user_has_role(by, User.Role.STAFF):
        raise BriefingError(_("Hanya staf Kominfo yang dapat membuat laporan status program."))
    return jobs.requeue(job, was=S.FAILED, enqueue=_enqueue)


def briefing_claim(job_id: int, worker: str) -> BriefingJob | None:
    """The job for this worker to render, or None when this message is not to render it."""
    if not jobs.claim(
        BriefingJob,
        job_id,
        worker,
        stale_after=jobs.STALE_AFTER,
        max_attempts=jobs.MAX_ATTEMPTS,
    ):
        return None
    return BriefingJob.objects.select_related("requested_by").get(pk=job_id)


def briefing_render(job: BriefingJob) -> bool:
    """Render a claimed job and store it; False if the claim was lost meanwhile."""
    started = time.monotonic()
    content, pages = render_briefing(job)
    return jobs.finish(
        job, content=content, pages=pages, seconds=time.monotonic() - started, folder=FOLDER
    )


def briefing_fail(job: BriefingJob, error: str) -> bool:
    """Record a failed attempt; True when another should follow."""
    return jobs.fail(job, error=error, max_attempts=jobs.MAX_ATTEMPTS)


def briefings_sweep(*, now=None) -> dict:
    """Re-send lost briefing messages and fail those out of attempts (Celery beat)."""
    return jobs.sweep(
        BriefingJob.objects.all(),
        stale_after=jobs.STALE_AFTER,
        stuck_after=jobs.STUCK_AFTER,
        max_attempts=jobs.MAX_ATTEMPTS,
        enqueue=_enqueue,
        now=now,
    )


def briefing_filename(job: BriefingJob) -> str:
    """`laporan-status-program-2018-provinsi-33-20261207.pdf`"""
    parts = ["laporan-status-program", str(job.cohort_year or "semua-angkatan")]
    if job.province:
        parts.append(f"provinsi-{job.province}")
    parts.append(timezone.localtime(job.finished_at or job.requested_at).strftime("%Y%m%d"))
    return "-".join(parts) + ".pdf"
