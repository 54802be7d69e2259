"""Start-up stays light: heavy libraries load where they are used, not in every process."""

import os
import subprocess
import sys

from django.conf import settings

HEAVY = ["lokal", "pypdf", "openpyxl", "weasyprint", "PIL"]


def test_django_setup_loads_no_heavy_library():
    # A fresh process: this test run's own imports (pypdf in the tests) must not hide one.
    script = (
        "import sys, django; django.setup(); "
        f"print(' '.join(name for name in {HEAVY!r} if name in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartcity.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == []
