"""Shared fixtures: the people of every role, a real Celery worker, and one headless browser."""

import importlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import django.test
import pytest
from django.conf import settings
from django.db import connection

from tests.factories import CohortFactory, RegionFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class World:
    """Two regions and one user of each role: the region's own people and outsiders.

    `official` and `mentor` belong to `region`; `other_official` and `other_mentor` do not.
    Later stages bind `mentor` to `region` with an assignment.
    """

    region: object
    other_region: object
    cohort: object
    staff: object
    official: object
    other_official: object
    mentor: object
    other_mentor: object
    assessor: object
    partner: object
    evaluator: object

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


ROLES = (
    "anonymous",
    "staff",
    "official",
    "other_official",
    "mentor",
    "other_mentor",
    "assessor",
    "partner",
    "evaluator",
)


def staff_device(user):
    """The user's confirmed authenticator (a real django-otp TOTP device), made if missing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_code(device) -> str:
    """The code an authenticator app would show for `device`, one the device will accept.

    The device refuses a time step it has already accepted (no replays), and accepts one step
    ahead; a second sign-in within the same 30 seconds types the next step's code.
    """
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


class Client(django.test.Client):
    """Django's test client; `force_login` of ministry staff also passes their second factor.

    The session is marked verified by a real device (django-otp's session key), as the code
    page does; `second_factor=False` leaves a password-only session, to test the redirects.
    """

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        if second_factor and user.is_ministry:
            from django_otp import DEVICE_ID_SESSION_KEY

            session = self.session
            session[DEVICE_ID_SESSION_KEY] = staff_device(user).persistent_id
            session.save()


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    other_region = RegionFactory(code="32.73", name="Kota Bandung", city=True)
    return World(
        region=region,
        other_region=other_region,
        cohort=CohortFactory(year=2018),
        staff=UserFactory(username="staf", staff=True),
        official=UserFactory(username="pemda-a", official=True, region=region),
        other_official=UserFactory(username="pemda-b", official=True, region=other_region),
        mentor=UserFactory(username="mentor-a", mentor=True),
        other_mentor=UserFactory(username="mentor-b", mentor=True),
        assessor=UserFactory(username="asesor-a", assessor=True),
        partner=UserFactory(username="mitra-a", partner=True),
        evaluator=UserFactory(username="evaluator-a", evaluator=True),
    )


def _worker_env() -> dict:
    """The environment of a worker process that talks to this test's database and Redis."""
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.worker_settings",
        TEST_WORKER_PROCESS="1",  # keeps CELERY_BROKER_URL below (tests/settings.py)
        TEST_DATABASE_NAME=db["NAME"],
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        REDIS_URL=settings.CACHES["default"]["LOCATION"],
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
    )
    return env


def empty_broker() -> None:
    """This test process's broker with no message left by an earlier test: none waiting, and
    none a killed worker left unacknowledged (kombu would hand those out again later)."""
    from smartcity.celery import app

    app.control.purge()
    with app.connection_for_write() as connection:
        client = connection.default_channel.client
        client.delete("unacked", "unacked_index", "unacked_mutex")


class WorkerProcess:
    """A real `celery worker` process; `kill()` sends SIGKILL, `start()` starts it again."""

    def __init__(self, queues: str = "default,pdf", concurrency: int = 1, extra=()):
        self.args = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "smartcity",
            "worker",
            "-Q",
            queues,
            "--concurrency",
            str(concurrency),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            *extra,
        ]
        self.proc = None
        self.log_path = ROOT / "var" / f"test-worker-{os.getpid()}.log"

    def start(self) -> "WorkerProcess":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "ab")  # noqa: SIM115 — closed in stop()
        self.proc = subprocess.Popen(
            self.args,
            cwd=ROOT,
            env=_worker_env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_path.read_text()[-3000:]}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.1)
        raise RuntimeError(f"worker not ready:\n{self.log_path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the whole process group: the worker dies as if the machine pulled the plug."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if not self.log.closed:
            self.log.close()


@pytest.fixture(autouse=True)
def portal_language():
    """Every test starts in the portal's language (Bahasa Indonesia): a test that reads a page in
    English leaves English active in its thread, and a service's message read afterwards by
    another test on the same worker would come out in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def seeded_rows(request):
    """In a transactional test, the rows migrations seed (six dimensions, their elements, the
    programme types).

    Transactional tests end by emptying every table, seeded rows included, so the next
    transactional test on the same process would find none. pytest-django's serialized rollback
    would restore them, but its copy lives on a database connection that a Playwright test body
    does not see; so the (idempotent) seed runs again, first thing, before other fixtures.
    """
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("masterplan.migrations.0002_seed_dimensions_and_elements").seed(
        apps, None
    )
    importlib.import_module("masterplan.migrations.0009_seed_programme_types").seed(apps, None)


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start a real Celery worker on this test's Redis database and PostgreSQL database."""
    empty_broker()
    log = ROOT / "var" / f"test-worker-{os.getpid()}.log"
    if log.exists():
        log.unlink()
    worker = WorkerProcess().start()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Debian's, driven by Playwright)."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright

    # Web-first assertions (expect) wait as long as actions do: a loaded CI machine is slow.
    expect.set_options(timeout=15_000)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server, the seeded rows in place."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def private_root(settings, tmp_path):
    """Each test stores its private uploads in its own folder, removed with tmp_path."""
    root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": root}},
    }
    return root


def sign_in(page, username: str, password: str | None = None) -> None:
    """Sign in through the login form, as a person would (the browser journeys' first step)."""
    from smartcity.models import User
    from tests.factories import TEST_PASSWORD

    user = User.objects.get(username=username)
    # Ministry staff have an authenticator (set up beforehand; tests/browser/test_login_journey
    # sets one up through the pages) and type the code it shows, as a person would.
    device = staff_device(user) if user.is_ministry else None
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    if device is not None:
        page.get_by_label("Kode verifikasi").fill(totp_code(device))
        page.get_by_role("button", name="Verifikasi").click()
