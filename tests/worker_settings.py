"""Settings for a Celery worker process started by a test: the test's own database."""

import os

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["TEST_DATABASE_NAME"]  # noqa: F405
