"""Celery tasks of the screening stage; they take ids and call plain functions."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Candidate, ScreeningResult


def unsent_invitation_ids(*, since, until) -> list[int]:
    """Candidates invited by a confirmed shortlist between `since` and `until` whose e-mail was
    never sent: its message was lost (a restarted Redis) or it gave up retrying (SMTP down)."""
    from django.db.models import Exists, OuterRef

    shortlisted = ScreeningResult.objects.filter(
        run=OuterRef("cohort__screening__confirmed_run"),
        region=OuterRef("region"),
        status=ScreeningResult.Status.SHORTLISTED,
    )
    return list(
        Candidate.objects.filter(
            Exists(shortlisted),
            invitation_sent_at__isnull=True,
            created_at__gte=since,
            created_at__lt=until,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_invitations(candidate_ids: list[int]) -> int:
    """E-mail each invited region's officials; safe to run twice (each candidate is claimed)."""
    from smartcity.models import User

    sent = 0
    for candidate in Candidate.objects.filter(pk__in=candidate_ids).select_related(
        "region", "cohort"
    ):
        claimed = Candidate.objects.filter(pk=candidate.pk, invitation_sent_at__isnull=True).update(
            invitation_sent_at=timezone.now()
        )
        if not claimed:
            continue
        recipients = list(
            User.objects.filter(region=candidate.region, role=User.Role.OFFICIAL, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not recipients:
            continue
        result = (
            ScreeningResult.objects.filter(
                run=candidate.cohort.screening.confirmed_run, region=candidate.region
            )
            .only("rank", "composite_score")
            .first()
        )
        context = {"candidate": candidate, "result": result, "site_url": settings.SITE_URL}
        subject = render_to_string("candidates/email/invitation_subject.txt", context).strip()
        try:
            send_mail(
                subject=subject,
                message=render_to_string("candidates/email/invitation.txt", context),
                from_email=None,
                recipient_list=recipients,
            )
        except OSError:
            # Release the claim so the retry sends it.
            Candidate.objects.filter(pk=candidate.pk).update(invitation_sent_at=None)
            raise
        sent += 1
    return sent
