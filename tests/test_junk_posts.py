"""Every form answers junk with a message, never a server error, the admin's included.

Each page the URL × role matrix opens (tests/test_url_matrix.py) is read for its POST forms, and
each form gets junk in every field (huge integers, NaN, 1e309, 10,000 characters, NUL, impossible
dates, choices that are not offered; tests/junk.py samples them deterministically). The admin's
add and change forms get the same. On PostgreSQL here; the admin's add forms on SQLite below.
"""

import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.conftest import ROLES
from tests.factories import UserFactory
from tests.junk import post_junk_into_page
from tests.test_url_matrix import EXPECTATIONS, url_kwargs
from tests.urlmatrix import OK

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(name for name, expected in EXPECTATIONS.items() if OK in expected.values())
# Signing out or switching language would end the round early; neither takes input.
SKIP_ACTIONS = ("/akun/keluar/", "/admin/logout/", "/bahasa/")


def junk_client(user) -> Client:
    client = Client(raise_request_exception=False)  # a 500 is counted, not raised
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_junk_into_every_form_of_a_page_gets_no_server_error(world, name):
    url = reverse(name, kwargs=url_kwargs(name, world))
    failures = []
    for role in ROLES:
        user = world.user(role)
        if user is None or EXPECTATIONS[name][role] != OK:
            continue
        client = junk_client(user)
        failures += post_junk_into_page(
            client, url, skip=SKIP_ACTIONS, seed=zlib.crc32(name.encode())
        )
    assert not failures


def admin_models():
    return sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


@pytest.mark.parametrize(("app_label", "model_name"), admin_models())
def test_junk_into_the_admins_add_and_change_forms_gets_no_server_error(
    world, app_label, model_name
):
    client = junk_client(UserFactory(username="root", is_staff=True, is_superuser=True))
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    pages = [reverse(f"admin:{app_label}_{model_name}_add")]
    existing = model._default_manager.first()
    if existing is not None:
        pages.append(reverse(f"admin:{app_label}_{model_name}_change", args=[existing.pk]))
    failures = []
    for page in pages:
        failures += post_junk_into_page(
            client, page, skip=SKIP_ACTIONS, seed=zlib.crc32(model_name.encode())
        )
    assert not failures


# The admin's add forms again, on an SQLite file in a process of its own (make run's database):
# a 21-digit id in a foreign-key field once raised OverflowError there.
ON_SQLITE = """
import django
django.setup()
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from smartcity.models import User
from tests.junk import post_junk_into_page

SKIP = ("/akun/keluar/", "/admin/logout/", "/bahasa/")
setup_test_environment()
call_command("migrate", verbosity=0)
client = Client(raise_request_exception=False)
client.force_login(User.objects.create(username="root", is_staff=True, is_superuser=True))
failures = []
for model in admin.site._registry:
    opts = model._meta
    page = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    failures += post_junk_into_page(client, page, skip=SKIP)
print("pages", len(admin.site._registry), "failures", failures)
"""


def test_junk_into_the_admins_add_forms_on_sqlite_gets_no_server_error(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "smartcity.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "LOG_LEVEL": "CRITICAL",
    }

    result = subprocess.run(
        [sys.executable, "-c", ON_SQLITE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("failures []"), result.stdout[-3000:]
