"""Celery tasks of the assessment stage; they take ids and call plain functions."""

from collections import defaultdict

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

# How long a sent letter stays claimed: far longer than any retry or re-delivery of the task.
CLAIM_SECONDS = 60 * 60 * 24 * 30


def _claim_key(selection, candidate_id: int) -> str:
    # The decision time makes the key unique even if ids are reused (a recreated database).
    stamp = int(selection.decided_at.timestamp() * 1_000_000)
    return f"assessment:selection-letter:{selection.pk}:{stamp}:{candidate_id}"


def unsent_selection_ids(*, since, until) -> list[int]:
    """Decisions made between `since` and `until` whose letters did not all go out."""
    from .models import Selection

    return list(
        Selection.objects.filter(
            letters_sent_at__isnull=True, decided_at__gte=since, decided_at__lt=until
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_selection_letters(selection_id: int) -> int:
    """E-mail the decision to the officials of every candidate region, selected or not.

    One message per region. Each is claimed with an atomic `cache.add` before it is sent (and
    released if sending fails, so the retry sends it): a task that is re-delivered or run twice
    skips the regions already told. The claim lives in the cache, not the database (the model
    has no "notified" column), so if the cache is wiped between two runs a region may get the
    letter twice: delivery is at-least-once, never at-most-once. Returns the messages sent.
    """
    from candidates.models import Candidate
    from smartcity.models import User

    from .models import Selection

    selection = Selection.objects.select_related("cohort").filter(pk=selection_id).first()
    if selection is None:
        return 0
    candidates = list(
        Candidate.objects.filter(cohort=selection.cohort).select_related("region", "cohort")
    )
    recipients = defaultdict(list)
    for region_id, email in (
        User.objects.filter(
            region_id__in=[c.region_id for c in candidates],
            role=User.Role.OFFICIAL,
            is_active=True,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("region_id", "email")
    ):
        recipients[region_id].append(email)
    ranks = {pk: rank for rank, pk in enumerate(selection.ranking, start=1)}

    sent = 0
    for candidate in candidates:
        to = recipients.get(candidate.region_id)
        if not to:
            continue
        key = _claim_key(selection, candidate.pk)
        if not cache.add(key, 1, timeout=CLAIM_SECONDS):
            continue
        context = {
            "candidate": candidate,
            "selection": selection,
            "selected": candidate.status
            in (Candidate.Status.SELECTED, Candidate.Status.PARTICIPANT),
            "rank": ranks.get(candidate.pk),
            "ranked_count": len(ranks),
            "report_url": settings.SITE_URL + reverse("candidate_report", args=[candidate.pk]),
        }
        try:
            send_mail(
                subject=render_to_string("assessment/email/selection_subject.txt", context).strip(),
                message=render_to_string("assessment/email/selection.txt", context),
                from_email=None,
                recipient_list=to,
            )
        except OSError:
            cache.delete(key)  # release the claim so the retry sends it
            raise
        sent += 1
    # Every region is told (or has no address): the mail sweep can leave this decision alone.
    Selection.objects.filter(pk=selection.pk).update(letters_sent_at=timezone.now())
    return sent
