"""The sweep that re-sends every stage's lost e-mail tasks (it reads every stage, so it lives at
the top; each stage's task and its list of what is unsent live in that stage's `tasks`)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from assessment.tasks import send_selection_letters, unsent_selection_ids
from candidates.tasks import send_invitations, unsent_invitation_ids
from masterplan.tasks import notify_plan_event, unnotified_event_ids

# An e-mail task still unsent this long after its record was written is taken as lost (its
# message died with Redis, or it gave up retrying while SMTP was down) and is sent again. Older
# than MAIL_SWEEP_WINDOW it is left alone: news that old is better told by a person.
MAIL_SWEEP_AFTER = timedelta(minutes=10)
MAIL_SWEEP_WINDOW = timedelta(days=7)


@shared_task
def sweep_unsent_mail() -> dict[str, int]:
    """Re-send the e-mail tasks whose message was lost; beat runs it every five minutes.

    Each e-mail task claims what it sends (a sent-at column, or a cache key for the selection
    letters), so sending again what is merely slow never mails anyone twice.
    """
    now = timezone.now()
    window = {"since": now - MAIL_SWEEP_WINDOW, "until": now - MAIL_SWEEP_AFTER}
    invitations = unsent_invitation_ids(**window)
    if invitations:
        send_invitations.delay(invitations)
    selections = unsent_selection_ids(**window)
    for selection_id in selections:
        send_selection_letters.delay(selection_id)
    events = unnotified_event_ids(**window)
    for event_id in events:
        notify_plan_event.delay(event_id)
    return {"invitations": len(invitations), "selections": len(selections), "events": len(events)}
