"""Liveness of the three services the portal depends on, for /healthz and `make test`."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)
    return "ok"


def check_broker() -> str:
    # One quick attempt: a health check must answer fast, not retry for minutes.
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def service_states() -> tuple[bool, dict[str, str]]:
    """Run every check; a failing one reports "error: <kind>" instead of raising.

    /healthz is public: the answer names only the kind of error; hosts, ports and messages go
    to the log, for operators.
    """
    states = {}
    for name, check in CHECKS.items():
        try:
            states[name] = check()
        except Exception as exc:  # noqa: BLE001 — any failure means "down"
            logger.warning("health check %s failed: %s", name, exc, exc_info=exc)
            states[name] = f"error: {exc.__class__.__name__}"
    return all(state == "ok" for state in states.values()), states
