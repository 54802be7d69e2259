"""PDF jobs with real Celery worker processes on Redis: nothing is lost when a worker is killed
mid-render or when Redis restarts with jobs queued, and the rendered PDF downloads safely.

The worker processes run `tests/masterplan/pdf_worker_settings.py`: this test's database, its
private folder (to count the files written) and, when asked, a delay before each render.
"""

from __future__ import annotations

import io
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from masterplan import pdfjobs
from masterplan.models import PdfJob, Plan, PlanEvent
from masterplan.services.workflow import plan_move, plan_submit
from tests.conftest import empty_broker
from tests.masterplan.helpers import full_plan
from tests.masterplan.pdf_worker_helpers import (
    PdfWorker,
    PrivateRedis,
    broker_at,
    wait_for,
)

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group("worker")]

S = PdfJob.Status


def all_done(*, count):
    return lambda: PdfJob.objects.filter(status=S.DONE).count() == count


@pytest.fixture
def workers(transactional_db, private_root):
    """Start workers with `workers(**options)`; every one still running is stopped after."""
    started = []

    def start(**options):
        worker = PdfWorker(**options).start()
        started.append(worker)
        return worker

    empty_broker()
    yield start
    for worker in started:
        if worker.proc.poll() is None:
            worker.stop()


@pytest.fixture
def private_redis():
    redis = PrivateRedis().start()
    yield redis
    if redis.proc.poll() is None:
        redis.kill()


def pdf_files(root):
    return sorted((root / pdfjobs.PDF_FOLDER).rglob("*.pdf"))


def sweep_as_if_later():
    """Run the sweep as beat would once the lost messages are overdue."""
    later = timezone.now() + pdfjobs.STALE_AFTER + pdfjobs.STUCK_AFTER + timedelta(seconds=1)
    return pdfjobs.pdf_jobs_sweep(now=later)


def test_a_worker_killed_mid_render_leaves_a_job_that_completes_once(workers, world, private_root):
    slow = workers(delay=30)
    plan = plan_submit(plan=full_plan(world), by=world.official)  # the hook asks for the PDF
    job = PdfJob.objects.get()
    wait_for(
        lambda: PdfJob.objects.filter(pk=job.pk, status=S.RENDERING).exists(),
        timeout=30,
        what="the worker to start rendering",
    )

    slow.kill()  # SIGKILL, as the OOM killer or a pulled plug would
    workers()
    time.sleep(2)
    job.refresh_from_db()
    # Its message is unacknowledged in Redis until the visibility timeout: the job waits.
    assert job.status == S.RENDERING and job.attempts == 1

    swept = sweep_as_if_later()
    assert swept["requeued"] == [job.pk] and swept["stale"] == 1
    wait_for(all_done(count=1), timeout=60, what="the job to be rendered again")

    job.refresh_from_db()
    assert job.attempts == 2 and job.version == plan.versions.get()
    assert [f.name for f in pdf_files(private_root)] == [job.file.rsplit("/", 1)[1]]
    assert (private_root / job.file).read_bytes()[:5] == b"%PDF-"


def test_jobs_queued_when_redis_restarts_all_complete_thanks_to_the_sweep(
    workers, world, private_root, private_redis
):
    with broker_at(private_redis.url):
        worker = workers(delay=3, broker=private_redis.url)
        plan = plan_submit(plan=full_plan(world), by=world.official)
        for n in range(3):
            plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note=f"R{n}")
            plan = plan_submit(plan=plan, by=world.official)
        assert PdfJob.objects.count() == 4
        wait_for(
            lambda: PdfJob.objects.filter(status=S.RENDERING).exists(),
            timeout=30,
            what="the first render",
        )

        # Redis dies with three messages queued and comes back empty.
        private_redis.kill()
        private_redis.start()
        time.sleep(6)  # the first render finishes; the other three messages are gone
        assert PdfJob.objects.filter(status=S.REQUESTED).count() >= 3
        assert worker.proc.poll() is None

        swept = sweep_as_if_later()
        assert len(swept["requeued"]) >= 3
        wait_for(all_done(count=4), timeout=90, what="every job to complete")

    jobs = PdfJob.objects.all()
    assert sorted(f.name for f in pdf_files(private_root)) == sorted(
        j.file.rsplit("/", 1)[1] for j in jobs
    )
    assert sorted(j.version.number for j in jobs) == [1, 2, 3, 4]


def test_the_rendered_pdf_downloads_only_for_those_who_read_the_plan(
    workers, world, private_root, client
):
    workers()
    plan = plan_submit(plan=full_plan(world), by=world.official)
    wait_for(all_done(count=1), timeout=90, what="the render")
    job = PdfJob.objects.get()
    url = reverse("plan_pdf_download", args=[plan.pk, job.pk])

    client.force_login(world.official)
    response = client.get(url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body.startswith(b"%PDF-")
    assert response["Content-Disposition"] == (
        'attachment; filename="masterplan-33.11-kabupaten-sukoharjo-v1-draf.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert job.pages >= 1 and job.file_size == len(body)

    for outsider in (world.other_official, world.other_mentor):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


RUN_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run.sh"


def test_make_runs_workers_send_e_mail_while_a_pdf_renders(workers, world):
    # The workers exactly as `scripts/run.sh` starts them, each rendering slowly.
    queue_sets = re.findall(r"worker -Q (\S+)", RUN_SCRIPT.read_text())
    assert queue_sets == ["default", "pdf"]
    for queues in queue_sets:
        workers(delay=30, queues=queues)

    plan_submit(plan=full_plan(world), by=world.official)  # asks for the PDF, e-mails the mentor
    wait_for(
        lambda: PdfJob.objects.filter(status=S.RENDERING).exists(),
        timeout=30,
        what="the PDF worker to start rendering",
    )

    wait_for(
        lambda: PlanEvent.objects.filter(notified_at__isnull=False).exists(),
        timeout=15,
        what="the submission's e-mail to go out while the PDF renders",
    )
    assert PdfJob.objects.get().status == S.RENDERING


def test_a_draft_preview_is_rendered_by_a_worker_and_says_draf(workers, world, client):
    workers()
    plan = full_plan(world)
    client.force_login(world.official)

    response = client.post(reverse("plan_pdf_preview", args=[plan.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200 and "Pratinjau dalam antrean" in response.text
    wait_for(all_done(count=1), timeout=90, what="the preview's render")
    job = PdfJob.objects.get()
    assert job.version is None and not plan.versions.exists()
    download = client.get(reverse("plan_pdf_download", args=[plan.pk, job.pk]))
    body = b"".join(download.streaming_content)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]
    assert len(pages) == job.pages and all("PRATINJAU DRAF" in page for page in pages)
