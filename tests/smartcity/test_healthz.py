import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from smartcity import health
from smartcity.tasks import HEARTBEAT_KEY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_heartbeat_yet():
    """Each test starts before any worker was seen (the key outlives test runs in Redis)."""
    cache.delete(HEARTBEAT_KEY)
    yield
    cache.delete(HEARTBEAT_KEY)


def healthz(client):
    response = client.get(reverse("healthz"))
    return response.status_code, json.loads(response.content)


def test_healthz_reports_every_service_up(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert (body["database"], body["cache"], body["broker"]) == ("ok", "ok", "ok")
    assert (body["storage"], body["worker"]) == ("ok", "not seen yet")


def test_healthz_reports_a_stopped_broker_as_503(client, db, monkeypatch):
    from smartcity.celery import app

    # Nothing listens on port 1: the broker is as good as stopped.
    monkeypatch.setitem(app.conf, "broker_write_url", "redis://127.0.0.1:1/0")

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["broker"].startswith("error")
    assert "127.0.0.1" not in body["broker"] and ":1" not in body["broker"]  # public: no hosts
    assert body["database"] == "ok"


def test_healthz_reports_a_stopped_cache_as_503(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    # Django's test signals reset the cache handler when CACHES changes.
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert json.loads(response.content)["cache"].startswith("error")


def _healthcheck_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "healthcheck.py"
    spec = importlib.util.spec_from_file_location("healthcheck", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_container_health_check_gets_past_the_production_host_check(
    live_server, settings, monkeypatch
):
    healthcheck = _healthcheck_script()
    settings.ALLOWED_HOSTS = ["smartcity.example.go.id"]
    url = live_server.url + reverse("healthz")

    monkeypatch.setenv("ALLOWED_HOSTS", "smartcity.example.go.id,www.example.go.id")
    assert healthcheck.main(url) == 0
    monkeypatch.setenv("ALLOWED_HOSTS", "elsewhere.example")  # a host Django refuses: 400
    assert healthcheck.main(url) == 1


def test_the_health_check_names_a_host_the_portal_accepts():
    probe_host = _healthcheck_script().probe_host

    assert probe_host("smartcity.example.go.id, b.example") == "smartcity.example.go.id"
    assert probe_host(".example.go.id") == "example.go.id"
    assert probe_host("*") == probe_host("") == "localhost"


def test_healthz_reports_a_read_only_database_as_503(client, db):
    # What a managed PostgreSQL does when its disk fills up.
    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")

    status, body = healthz(client)

    assert status == 503
    assert body["database"] == "error: read-only"


def test_healthz_reports_unwritable_private_storage_as_503(client, db, settings, tmp_path):
    (tmp_path / "blocked").write_text("a file where the folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {"location": tmp_path / "blocked" / "private"},
        },
    }

    status, body = healthz(client)

    assert status == 503
    assert body["storage"].startswith("error")
    assert "blocked" not in body["storage"]  # public: no paths


def test_healthz_reports_a_worker_not_seen_for_25_minutes_as_503(client, db):
    last_seen = (timezone.now() - timedelta(minutes=25)).isoformat()
    cache.set(HEARTBEAT_KEY, {"at": last_seen, "token": ""}, timeout=None)

    status, body = healthz(client)

    assert status == 503
    assert body["worker"] == "error: not seen for 5 minutes"
    assert body["worker_last_seen"] == last_seen


def test_healthz_reports_a_worker_seen_a_minute_ago_as_ok(client, db):
    cache.set(HEARTBEAT_KEY, {"at": (timezone.now() - timedelta(minutes=1)).isoformat()})

    status, body = healthz(client)

    assert (status, body["worker"]) == (200, "ok")


def test_a_check_that_hangs_is_cut_off_after_its_timeout(client, db, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "storage", lambda: time.sleep(10))
    started = time.monotonic()

    status, body = healthz(client)

    assert time.monotonic() - started < health.CHECK_TIMEOUT + 2
    assert status == 503
    assert body["storage"] == "error: timeout"


# On SQLite (make run), in a process of its own: a database locked by another process, or
# opened read-only, is reported as down within the check's timeout.
SQLITE_HEALTH = """
import sqlite3, sys, time
import django
from django.conf import settings
from smartcity.settings import database_from_url

path, mode = sys.argv[1:]
database = database_from_url(f"sqlite:///{path}")
if mode == "read-only":
    database["NAME"] = f"file:{path}?mode=ro"
    database["OPTIONS"]["uri"] = True
settings.configure(DATABASES={"default": database})
django.setup()
from smartcity import health

def state():
    return health._outcome("database", health.check_database)

if mode == "read-only":
    print(state())
    sys.exit()
print(state())
holder = sqlite3.connect(path, isolation_level=None)
holder.execute("BEGIN EXCLUSIVE")
started = time.monotonic()
print(state(), round(time.monotonic() - started))
holder.execute("ROLLBACK")
print(state())
"""


def run_sqlite_health(path, mode):
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_HEALTH, str(path), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_on_sqlite_a_locked_database_is_reported_within_the_timeout(tmp_path):
    free, locked, freed = run_sqlite_health(tmp_path / "db.sqlite3", "read-write")

    assert free == "ok" and freed == "ok"
    assert locked == f"error: OperationalError {health.CHECK_TIMEOUT}"


def test_on_sqlite_a_read_only_database_is_reported(tmp_path):
    run_sqlite_health(tmp_path / "db.sqlite3", "read-write")  # creates the file

    assert run_sqlite_health(tmp_path / "db.sqlite3", "read-only") == ["error: OperationalError"]
