"""Celery tasks of the dashboard: the briefing PDF, on the `pdf` queue like the plans' PDFs."""

import gc
import logging

from celery import shared_task

from smartcity.jobs import RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT, retry_countdown, worker_name

from . import briefing

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # bounded by the job's attempts, not by messages
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
)
def render_briefing_pdf(self, job_id: int) -> bool:
    """Render one briefing; safe to run twice (it claims the job first)."""
    job = briefing.briefing_claim(job_id, worker_name())
    if job is None:
        return False
    try:
        return briefing.briefing_render(job)
    except Exception as exc:
        logger.exception("Briefing %s failed (attempt %s)", job_id, job.attempts)
        if briefing.briefing_fail(job, f"{type(exc).__name__}: {exc}"[:2000]):
            raise self.retry(exc=exc, countdown=retry_countdown(job.attempts)) from exc
        return False
    finally:
        gc.collect()  # WeasyPrint leaves reference cycles behind (see masterplan.tasks)


@shared_task
def sweep_briefings() -> dict:
    """Re-send lost briefing messages and fail those out of attempts (Celery beat)."""
    return briefing.briefings_sweep()
