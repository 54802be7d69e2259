"""The foundation's Celery task: the worker heartbeat /healthz shows."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "worker:heartbeat"


@shared_task
def worker_heartbeat(token: str = "") -> None:
    """Record that a worker is alive and consuming; beat sends one a minute, /healthz shows it."""
    # Kept without expiry: an expired key would read as "not seen yet" rather than as a worker
    # that stopped, and /healthz reports the latter as down.
    cache.set(HEARTBEAT_KEY, {"at": timezone.now().isoformat(), "token": token}, timeout=None)
