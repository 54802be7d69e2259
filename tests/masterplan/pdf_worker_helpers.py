"""Real worker processes and a throw-away Redis for the PDF-job tests and `bench/pdf_workers.py`.

`PdfWorker` runs `tests/masterplan/pdf_worker_settings.py`: the caller's database, its private
folder (PRIVATE_MEDIA_ROOT) and, when asked, a delay before each render. `PrivateRedis` is a
redis-server without persistence on a free port, so a test may kill and restart it without
touching the shared Redis other test processes use.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

from smartcity.celery import app
from tests import conftest
from tests.conftest import ROOT, WorkerProcess


class WaitTimeout(AssertionError):
    pass


def wait_for(predicate, *, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise WaitTimeout(f"timed out after {timeout} s waiting for {what}")


class PdfWorker(WorkerProcess):
    """A worker on `pdf_worker_settings` with its own log, broker and render delay."""

    serial = 0

    def __init__(self, *, delay=0.0, broker=None, concurrency=1, env=None, queues="default,pdf"):
        PdfWorker.serial += 1
        # A node name of its own, as two workers of `make run` on one host have.
        name = ("-n", f"test{PdfWorker.serial}@%h")
        super().__init__(queues=queues, concurrency=concurrency, extra=name)
        self.extra_env = env or {}
        self.log_path = ROOT / "var" / f"test-pdfworker-{os.getpid()}-{PdfWorker.serial}.log"
        self.log_path.unlink(missing_ok=True)
        self.delay, self.broker = delay, broker

    def start(self):
        env = conftest._worker_env()
        env.update(
            DJANGO_SETTINGS_MODULE="tests.masterplan.pdf_worker_settings",
            PDF_TEST_RENDER_DELAY=str(self.delay),
        )
        if self.broker:
            env["CELERY_BROKER_URL"] = self.broker
        env.update(self.extra_env)
        original = conftest._worker_env
        conftest._worker_env = lambda: env
        try:
            return super().start()
        finally:
            conftest._worker_env = original


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A throw-away redis-server without persistence: a restart loses every queued message."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)


@contextmanager
def broker_at(url):
    """Send this process's Celery messages to `url` (the app caches its connection pools)."""

    def reset():
        # Only forget the pools: kombu keeps them per URL and closing one closes it for good.
        app._pool = None
        app.amqp._producer_pool = None

    keys = ("broker_url", "broker_read_url", "broker_write_url")
    old = {key: app.conf[key] for key in keys}
    reset()
    app.conf.update(dict.fromkeys(keys, url))
    try:
        yield
    finally:
        reset()
        app.conf.update(old)
