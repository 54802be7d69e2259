"""Settings load in both modes, and production settings pass Django's deployment checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-a-production-secret-key-of-fifty-characters",
    "ALLOWED_HOSTS": "smartcity.example.go.id",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/smartcity",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


# Variables the test settings put in this process's environment; a fresh process starts without.
SETTINGS_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "CELERY_BROKER_URL",
    "CACHE_KEY_PREFIX",
    "DATABASE_POOL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="smartcity.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRINT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL.split(':')[0], "
    "s.CACHES['default']['BACKEND'].rsplit('.', 1)[1], s.DEBUG)"
)


def test_the_embedded_default_needs_no_services():
    result = run_manage("shell", "--no-imports", "-c", PRINT_SETTINGS, env={})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "filesystem",
        "FileBasedCache",
        "True",
    ]


def test_production_mode_uses_postgres_redis_and_a_pool():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        PRINT_SETTINGS + "; print(s.DATABASES['default']['OPTIONS']['pool']['max_size'])",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "redis",
        "RedisCache",
        "False",
        "10",
    ]


def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_language_is_indonesian_with_english_second(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"SECRET_KEY"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"ALLOWED_HOSTS"}, "ALLOWED_HOSTS must be set when DEBUG is off"),
        ({"SECRET_KEY", "ALLOWED_HOSTS"}, "SECRET_KEY and ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_a_secret_key_or_allowed_hosts(missing, message):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k not in missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    # The last line of the traceback says what to set.
    assert f"ImproperlyConfigured: {message}" in result.stderr.strip().splitlines()[-1]


@pytest.mark.django_db
def test_production_mode_serves_pages_and_hashed_static_files_after_collectstatic(
    client, settings, tmp_path
):
    # What `DEBUG=0 make run` and the Dockerfile do: collect, then serve through the manifest.
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    response = client.get(reverse("landing"))

    assert response.status_code == 200
    hashed = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', response.text)
    assert hashed, "the page links the hashed stylesheet"
    assert client.get(hashed.group(1)).status_code == 200
