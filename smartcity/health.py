"""Health of what the portal depends on, for /healthz and `make test`.

Each check answers "ok" or raises; each is bounded by CHECK_TIMEOUT seconds, so a hung disk,
cache or broker makes /healthz answer 503 quickly instead of hanging with it. The database is
checked for a write (a locked or read-only database cannot take a form), private storage for a
file written and removed, and the worker by the heartbeat beat sends every minute.
"""

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimeout
from datetime import timedelta

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .celery import app as celery_app
from .storage import private_storage
from .tasks import HEARTBEAT_KEY

logger = logging.getLogger(__name__)

CHECK_TIMEOUT = 3  # seconds, per check
# Beat sends a heartbeat every minute; five missed ones mean no worker is consuming.
WORKER_STALE_AFTER = timedelta(minutes=5)


class Unhealthy(Exception):
    """A check's own verdict, e.g. "read-only"; reported as "error: <message>"."""


def check_database() -> str:
    """The database takes a write now: not locked by another process, not read-only."""
    if connection.vendor == "sqlite":
        return _check_sqlite_writable()
    return _check_postgresql_writable()


def _check_sqlite_writable() -> str:
    # A write transaction that is rolled back: it must get SQLite's write lock (waiting at most
    # CHECK_TIMEOUT, not the requests' longer busy timeout) and the file must be writable.
    busy_ms = int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {CHECK_TIMEOUT * 1000}")
        try:
            with transaction.atomic():
                cursor.execute("CREATE TABLE healthz_probe (id integer)")
                transaction.set_rollback(True)
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
    return "ok"


def _check_postgresql_writable() -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{CHECK_TIMEOUT}s"])
        cursor.execute(
            "SELECT pg_is_in_recovery(), current_setting('transaction_read_only'),"
            " current_setting('default_transaction_read_only')"
        )
        in_recovery, read_only, default_read_only = cursor.fetchone()
    if in_recovery or "on" in (read_only, default_read_only):
        raise Unhealthy("read-only")
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


def check_storage() -> str:
    """Uploads can be stored: a small file is written to private storage and removed."""
    storage = private_storage()
    name = storage.save(f"healthz/{uuid.uuid4().hex}", ContentFile(b"ok"))
    storage.delete(name)
    return "ok"


def check_worker() -> str:
    """A worker ran beat's heartbeat within WORKER_STALE_AFTER.

    Before the first heartbeat (a fresh cache) the answer is "not seen yet", which does not count
    as down: a new deployment must be able to start its web server before its worker.
    """
    heartbeat = cache.get(HEARTBEAT_KEY)
    if not heartbeat:
        return "not seen yet"
    if timezone.now() - parse_datetime(heartbeat["at"]) > WORKER_STALE_AFTER:
        raise Unhealthy(f"not seen for {int(WORKER_STALE_AFTER.total_seconds() // 60)} minutes")
    return "ok"


# The database runs in the request's own thread (its connection belongs to it) with the
# database's own timeouts; the others run in a thread each, bounded by CHECK_TIMEOUT.
CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "storage": check_storage,
    "worker": check_worker,
}
IN_THREAD = ("cache", "broker", "storage", "worker")
NOT_DOWN = {"ok", "not seen yet"}


def _outcome(name: str, answer) -> str:
    """Call `answer` (a check, or the wait for a check's thread) and turn failures into text."""
    try:
        return answer()
    except Unhealthy as exc:
        logger.warning("health check %s: %s", name, exc)
        return f"error: {exc}"
    except CheckTimeout:
        logger.warning("health check %s took longer than %ss", name, CHECK_TIMEOUT)
        return "error: timeout"
    except Exception as exc:  # noqa: BLE001 — any failure means "down"
        logger.warning("health check %s failed: %s", name, exc, exc_info=exc)
        return f"error: {exc.__class__.__name__}"


def service_states() -> tuple[bool, dict[str, str]]:
    """Run every check; a failing one reports "error: <kind>" instead of raising.

    /healthz is public: the answer names only the kind of error; hosts, ports, paths and
    messages go to the log, for operators.
    """
    pool = ThreadPoolExecutor(max_workers=len(IN_THREAD), thread_name_prefix="healthz")
    try:
        started = time.monotonic()
        futures = {name: pool.submit(CHECKS[name]) for name in IN_THREAD}
        states = {"database": _outcome("database", check_database)}
        for name, future in futures.items():
            left = max(0.0, CHECK_TIMEOUT - (time.monotonic() - started))
            states[name] = _outcome(name, lambda future=future, left=left: future.result(left))
    finally:
        # A check that hangs is left to finish on its own; the answer does not wait for it.
        pool.shutdown(wait=False, cancel_futures=True)
    return all(state in NOT_DOWN for state in states.values()), states
