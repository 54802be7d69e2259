"""Test settings: the real settings on PostgreSQL and Redis, with a few test-only overrides."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/smartcity")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DEBUG", "1")
# Django's pool would open against the configured database before pytest-django switches to the
# test database, and keep retrying in the background; tests use plain connections. The pool
# settings themselves are checked in tests/smartcity/test_settings.py.
os.environ["DATABASE_POOL"] = "0"

# Each pytest-xdist worker gets its own Redis database, so a Celery worker started by one test
# process never takes the tasks of the other.
_xdist = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
_redis_db = 1 + int(_xdist.removeprefix("gw") or 0) if _xdist.startswith("gw") else 1
# Several test runs side by side on one machine (a developer's parallel sessions) pick their own.
_redis_db = int(os.environ.get("TEST_REDIS_DB", _redis_db))
_base_redis = os.environ["REDIS_URL"].rsplit("/", 1)[0]
os.environ["REDIS_URL"] = f"{_base_redis}/{_redis_db}"
# The broker is this test process's Redis database too. Not a setdefault: pytest-xdist's
# workers inherit the controller's environment, where this module already ran as "gw0", so both
# workers' Celery workers would share database 1 and take each other's tasks. Only a worker
# process a test starts keeps the broker it was handed (conftest._worker_env, a private Redis).
if os.environ.get("TEST_WORKER_PROCESS") != "1":
    os.environ["CELERY_BROKER_URL"] = os.environ["REDIS_URL"]
os.environ["CACHE_KEY_PREFIX"] = f"test-{_xdist}"

from smartcity.settings import *  # noqa: E402

# The URL matrix and crawls ask the open data API far more often than a client would; the
# throttling test sets its own low rate.
OPEN_DATA_THROTTLE_RATE = "100000/min"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / _xdist
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
