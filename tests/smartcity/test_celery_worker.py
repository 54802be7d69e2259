"""A real worker process on Redis runs a task end to end."""

import time
import uuid

import pytest
from django.core.cache import cache

from smartcity.tasks import HEARTBEAT_KEY, worker_heartbeat


@pytest.mark.worker
@pytest.mark.xdist_group("worker")
def test_a_real_worker_on_redis_runs_a_task(celery_worker_process):
    token = uuid.uuid4().hex
    cache.delete(HEARTBEAT_KEY)

    worker_heartbeat.delay(token)

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        beat = cache.get(HEARTBEAT_KEY)
        if beat and beat["token"] == token:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the worker did not run the task within 20 s")
    assert celery_worker_process.proc.poll() is None
