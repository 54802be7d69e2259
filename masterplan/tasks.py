"""Celery tasks of the master plan; they take ids, claim their row and call plain functions."""

import gc
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from smartcity.jobs import RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT, retry_countdown, worker_name

from . import pdfjobs
from .models import Plan, PlanEvent

logger = logging.getLogger(__name__)


def event_recipients(event: PlanEvent) -> list[str]:
    """The other side of a move: the region hears from reviewers and reviewers from the region.

    Submissions go to the plan's active mentors; revision requests, endorsements and approvals
    go to the region's officials; endorsements and enactments also reach ministry staff.
    """
    from partners.models import MentorAssignment
    from smartcity.models import User

    plan = event.plan
    S = Plan.Status
    officials = User.objects.filter(
        role=User.Role.OFFICIAL, region_id=plan.candidate.region_id, is_active=True
    )
    mentors = User.objects.filter(
        pk__in=MentorAssignment.objects.active()
        .filter(candidate_id=plan.candidate_id)
        .values("mentor"),
        is_active=True,
    )
    staff = User.objects.filter(role=User.Role.STAFF, is_active=True)
    groups = {
        S.SUBMITTED: [mentors],
        S.RESUBMITTED: [mentors],
        S.REVISION: [officials],
        S.ENDORSED: [officials, staff],
        S.APPROVED: [officials, mentors],
        S.ENACTED: [staff, mentors],
    }[event.new]
    emails = set()
    for users in groups:
        emails.update(
            users.exclude(pk=event.by_id).exclude(email="").values_list("email", flat=True)
        )
    return sorted(emails)


def unnotified_event_ids(*, since, until) -> list[int]:
    """Moves between `since` and `until` whose e-mail never went out (lost or given up)."""
    return list(
        PlanEvent.objects.filter(notified_at__isnull=True, at__gte=since, at__lt=until)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def notify_plan_event(event_id: int) -> bool:
    """E-mail the other side about one move; safe to run twice (the event is claimed first)."""
    claimed = PlanEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    event = PlanEvent.objects.select_related(
        "plan__candidate__region", "plan__candidate__cohort", "by"
    ).get(pk=event_id)
    recipients = event_recipients(event)
    if not recipients:
        return False
    context = {"event": event, "plan": event.plan, "site_url": settings.SITE_URL}
    try:
        send_mail(
            subject=render_to_string("masterplan/email/event_subject.txt", context).strip(),
            message=render_to_string("masterplan/email/event.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except OSError:
        PlanEvent.objects.filter(pk=event_id).update(notified_at=None)  # let the retry send it
        raise
    return True


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # bounded by the job's attempts (MAX_ATTEMPTS), not by messages
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
)
def render_plan_pdf(self, job_id: int) -> bool:
    """Render one PDF job (routed to the `pdf` queue); safe to run twice: it claims the job
    first, so a done, failed or otherwise claimed job returns at once.

    A failed attempt goes back to requested and is retried with exponential backoff; after
    `MAX_ATTEMPTS` the job is failed with the error. A worker that dies mid-render leaves the
    job rendering: the message comes back (late ack) or the sweep re-sends it.
    """
    job = pdfjobs.pdf_job_claim(job_id, worker_name())
    if job is None:
        return False
    try:
        return pdfjobs.pdf_job_render(job=job)
    except Exception as exc:
        logger.exception("PDF job %s failed (attempt %s)", job_id, job.attempts)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if pdfjobs.pdf_job_fail(job=job, error=error):
            raise self.retry(exc=exc, countdown=retry_countdown(job.attempts)) from exc
        return False
    finally:
        # A WeasyPrint render leaves reference cycles behind; without collecting them the pool
        # process grows by ~30 % over 20 renders (bench/pdf_workers.py), with it stays flat.
        gc.collect()


@shared_task
def sweep_pdf_jobs() -> dict:
    """Re-send lost PDF messages and fail jobs out of attempts (Celery beat, every minute)."""
    return pdfjobs.pdf_jobs_sweep()
