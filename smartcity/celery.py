"""The Celery application: a `default` queue for e-mails and small jobs, a `pdf` queue for renders.

Reliability settings live in settings.py (CELERY_*): late acks, re-queue when a worker dies,
prefetch 1 and a visibility timeout longer than the longest task.
"""

import os
from pathlib import Path

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")

app = Celery("smartcity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("pdf"))
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folder(sender, **kwargs):
    """The filesystem broker of `make run` needs its folder before the first message."""
    options = sender.conf.broker_transport_options
    for key in ("data_folder_in", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
