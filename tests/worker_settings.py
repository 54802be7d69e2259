"""Settings for a Celery worker process started by a test: the test's own database."""

import os
from pathlib import Path

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["TEST_DATABASE_NAME"]  # noqa: F405

# The test's own private folder (the `private_root` fixture), so the worker writes where the
# test looks.
if os.environ.get("PRIVATE_MEDIA_ROOT"):
    PRIVATE_MEDIA_ROOT = Path(os.environ["PRIVATE_MEDIA_ROOT"])
    STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
