"""Shared set-up for benchmarks: Django with the test settings on a throw-away database."""

import gc
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("PYTEST_XDIST_WORKER", "bench")


def setup():
    import django

    django.setup()


@contextmanager
def scratch_database():
    """A fresh `test_…_bench` database with migrations applied, dropped afterwards."""
    from django.db import connection

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def best_of(fn, *, repeat=7, number=1):
    """The fastest of `repeat` timings of `number` calls: the least disturbed by the machine.

    The garbage collector is paused while timing, as `timeit` does, so a collection that
    happens to fall on one side of a comparison does not decide it.
    """
    timings = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            timings.append((time.perf_counter() - start) / number)
    finally:
        gc.enable()
    return min(timings)


@contextmanager
def bench_admin(model_admins: dict):
    """The Django admin's pages for `{model: ModelAdmin class}`, served beside the project's.

    A throw-away admin site mounted at /bench-admin/ for the length of the block, so a bar can
    be set against what the stock admin takes for the same rows, without adding to the project's
    own admin. Yields the site, for `reverse(f"{site.name}:<app>_<model>_changelist")`.
    """
    import types

    from django.conf import settings
    from django.contrib.admin import AdminSite
    from django.test.utils import override_settings
    from django.urls import include, path

    site = AdminSite(name="bench_admin")
    for model, model_admin in model_admins.items():
        site.register(model, model_admin)
    urls = types.ModuleType("bench_admin_urls")
    urls.urlpatterns = [
        path("bench-admin/", site.urls),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[urls.__name__] = urls
    try:
        with override_settings(ROOT_URLCONF=urls.__name__):
            yield site
    finally:
        del sys.modules[urls.__name__]
