"""PDF jobs: one render per version and print kind, conditional claims, retries, the sweep and
the requests written by submission and approval. No worker process here: messages are
captured and tasks run in this process with a counting stand-in for the renderer."""

import hashlib
from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone

from masterplan import pdfjobs
from masterplan.models import PdfJob, Plan, PlanEvent
from masterplan.pdfjobs import (
    MAX_ATTEMPTS,
    PdfJobError,
    pdf_job_claim,
    pdf_job_request,
    pdf_job_retry,
    pdf_jobs_sweep,
)
from masterplan.services import workflow
from masterplan.services.workflow import WorkflowError, plan_move, plan_submit
from masterplan.tasks import render_plan_pdf
from smartcity import jobs
from smartcity.storage import private_storage
from tests.masterplan.helpers import approve, full_plan
from tests.masterplan.pdf_helpers import (
    counting_renderer,
    render_inline,
    submitted_plan,
    without_pdf_jobs,
)

pytestmark = pytest.mark.django_db

S = PdfJob.Status


@pytest.fixture
def sent(monkeypatch):
    """The job ids `render_plan_pdf.delay` was called with (no message leaves the process)."""
    ids = []
    monkeypatch.setattr(render_plan_pdf, "delay", lambda job_id: ids.append(job_id))
    return ids


def run_sent(sent):
    """Run every captured message once, in order, as a worker would."""
    while sent:
        render_plan_pdf.apply(args=[sent.pop(0)])


def test_three_requests_make_one_job_and_one_render(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks
):
    renderer = counting_renderer(monkeypatch, pages=3, seconds=0.05)
    plan = without_pdf_jobs(submitted_plan(world))
    version = plan.versions.get()
    with django_capture_on_commit_callbacks(execute=True):
        jobs = [pdf_job_request(version=version, by=world.official) for _ in range(3)]
    assert len({job.pk for job in jobs}) == 1
    assert sent == [jobs[0].pk]

    run_sent(sent)

    job = PdfJob.objects.get()
    assert renderer.calls == [(version.pk, False)]
    assert job.status == S.DONE and job.attempts == 1 and job.pages == 3
    content = private_storage().open(job.file).read()
    assert job.file_size == len(content)
    assert job.sha256 == hashlib.sha256(content).hexdigest()
    # The render's own duration, within the time the job was claimed.
    claimed_for = (job.finished_at - job.started_at).total_seconds()
    assert 0.05 <= job.render_seconds <= claimed_for
    assert job.requested_by == world.official and job.claimed_by


def test_a_done_job_is_reused_and_a_second_message_renders_nothing(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks
):
    renderer = counting_renderer(monkeypatch)
    version = without_pdf_jobs(submitted_plan(world)).versions.get()
    with django_capture_on_commit_callbacks(execute=True):
        job = pdf_job_request(version=version, by=world.official)
    run_sent(sent)

    render_plan_pdf.apply(args=[job.pk])  # a duplicate message, e.g. re-sent by the sweep
    with django_capture_on_commit_callbacks(execute=True):
        again = pdf_job_request(version=version, by=world.staff)

    assert again.pk == job.pk and again.status == S.DONE
    assert sent == [] and len(renderer.calls) == 1


def test_a_done_job_whose_file_is_gone_is_rendered_again(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks
):
    renderer = counting_renderer(monkeypatch)
    version = submitted_plan(world).versions.get()
    job = render_inline(pdf_job_request(version=version, by=world.official))
    private_storage().delete(job.file)

    with django_capture_on_commit_callbacks(execute=True):
        again = pdf_job_request(version=version, by=world.official)
    run_sent(sent)

    again.refresh_from_db()
    assert again.pk == job.pk and again.status == S.DONE and again.file != job.file
    assert private_storage().exists(again.file)
    assert len(renderer.calls) == 2


def test_only_one_of_two_claims_wins(world):
    job = pdf_job_request(version=submitted_plan(world).versions.get(), by=world.official)

    first = pdf_job_claim(job.pk, "worker-a:1")
    second = pdf_job_claim(job.pk, "worker-b:2")

    assert first is not None and second is None
    job.refresh_from_db()
    assert job.status == S.RENDERING and job.attempts == 1 and job.claimed_by == "worker-a:1"


def test_a_rendering_job_whose_worker_died_is_claimed_again(world):
    job = pdf_job_request(version=submitted_plan(world).versions.get(), by=world.official)
    pdf_job_claim(job.pk, "dead:1")
    later = timezone.now() + pdfjobs.STALE_AFTER + timedelta(seconds=1)

    assert pdf_job_claim(job.pk, "alive:2", now=timezone.now()) is None  # still rendering
    taken = pdf_job_claim(job.pk, "alive:2", now=later)

    assert taken is not None and taken.attempts == 2 and taken.claimed_by == "alive:2"


def test_a_render_that_lost_its_claim_keeps_no_file(world, private_root, monkeypatch):
    counting_renderer(monkeypatch)
    job = pdf_job_request(version=submitted_plan(world).versions.get(), by=world.official)
    slow = pdf_job_claim(job.pk, "slow:1")
    later = timezone.now() + pdfjobs.STALE_AFTER + timedelta(seconds=1)
    fast = pdf_job_claim(job.pk, "fast:2", now=later)

    assert pdfjobs.pdf_job_render(job=fast) is True
    assert pdfjobs.pdf_job_render(job=slow) is False

    files = list((private_root / pdfjobs.PDF_FOLDER).rglob("*.pdf"))
    job.refresh_from_db()
    assert [f.name for f in files] == [job.file.rsplit("/", 1)[1]]


def test_a_render_that_keeps_failing_ends_failed_with_the_error(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks
):
    renderer = counting_renderer(monkeypatch, error=RuntimeError("font hilang"))
    with django_capture_on_commit_callbacks(execute=True):
        submitted_plan(world)
    job = PdfJob.objects.get()

    # Eager retries run at once; in a worker each waits 10 s, then 20 s.
    run_sent(sent)

    job.refresh_from_db()
    assert len(renderer.calls) == MAX_ATTEMPTS
    assert job.status == S.FAILED and job.attempts == MAX_ATTEMPTS
    assert job.error == "RuntimeError: font hilang" and job.finished_at is not None
    assert not job.file and not (private_root / pdfjobs.PDF_FOLDER).exists()


def test_a_failure_then_success_is_done_on_the_second_attempt(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks
):
    renderer = counting_renderer(monkeypatch)
    original = renderer.__call__

    def flaky(version, *, approved, book="all"):
        if not renderer.calls:
            renderer.calls.append("boom")
            raise OSError("disk penuh")
        return original(version, approved=approved)

    monkeypatch.setattr("masterplan.pdf.render_version_pdf_pages", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        submitted_plan(world)
    job = PdfJob.objects.get()
    run_sent(sent)

    job.refresh_from_db()
    assert job.status == S.DONE and job.attempts == 2 and job.error == ""


def test_retry_backoff_doubles():
    assert [jobs.retry_countdown(n) for n in (1, 2, 3)] == [10, 20, 40]


def failed_job(world, monkeypatch, sent, capture):
    counting_renderer(monkeypatch, error=RuntimeError("rusak"))
    with capture(execute=True):
        submitted_plan(world)
    job = PdfJob.objects.get()
    run_sent(sent)
    job.refresh_from_db()
    assert job.status == S.FAILED
    return job


def test_a_failed_job_is_not_requeued_by_a_new_request(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks
):
    job = failed_job(world, monkeypatch, sent, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again = pdf_job_request(version=job.version, by=world.official)
    assert again.status == S.FAILED and sent == []


@pytest.mark.parametrize("who", ["staff", "official"])
def test_staff_or_the_requester_retry_a_failed_job(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks, who
):
    job = failed_job(world, monkeypatch, sent, django_capture_on_commit_callbacks)
    renderer = counting_renderer(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        job = pdf_job_retry(job=job, by=getattr(world, who))
    assert job.status == S.REQUESTED and job.attempts == 0 and job.error == ""
    run_sent(sent)
    job.refresh_from_db()
    assert job.status == S.DONE and len(renderer.calls) == 1


@pytest.mark.parametrize("who", ["mentor", "other_official", "partner"])
def test_others_may_not_retry_a_failed_job(
    world, private_root, sent, monkeypatch, django_capture_on_commit_callbacks, who
):
    job = failed_job(world, monkeypatch, sent, django_capture_on_commit_callbacks)
    with pytest.raises(PdfJobError):
        pdf_job_retry(job=job, by=getattr(world, who))
    job.refresh_from_db()
    assert job.status == S.FAILED


def test_only_a_failed_job_can_be_retried(world):
    job = pdf_job_request(version=submitted_plan(world).versions.get(), by=world.official)
    with pytest.raises(PdfJobError):
        pdf_job_retry(job=job, by=world.staff)


def test_the_sweep_resends_stuck_and_stale_jobs_and_leaves_fresh_ones(
    world, private_root, sent, django_capture_on_commit_callbacks
):
    plan = submitted_plan(world)
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Ubah.")
    plan = plan_submit(plan=plan, by=world.official)
    v1, v2 = plan.versions.order_by("number")
    stuck = pdf_job_request(version=v1, by=world.official)  # its message was lost
    stale = pdf_job_request(version=v2, by=world.official)
    pdf_job_claim(stale.pk, "killed:9")  # its worker was SIGKILLed mid-render
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        assert pdf_jobs_sweep(now=now)["requeued"] == []  # nothing is late yet
    assert sent == []

    later = now + pdfjobs.STALE_AFTER + pdfjobs.STUCK_AFTER
    with django_capture_on_commit_callbacks(execute=True):
        swept = pdf_jobs_sweep(now=later)
    assert swept == {
        "requeued": sorted([stuck.pk, stale.pk]),
        "stale": 1,
        "failed": 0,
        "previews_removed": 0,
    }
    assert sorted(sent) == sorted([stuck.pk, stale.pk])
    assert set(PdfJob.objects.values_list("status", flat=True)) == {S.REQUESTED}

    with django_capture_on_commit_callbacks(execute=True):
        assert pdf_jobs_sweep(now=later)["requeued"] == []  # just re-sent: not again


def test_the_sweep_fails_a_job_that_died_on_every_attempt(world):
    job = pdf_job_request(version=submitted_plan(world).versions.get(), by=world.official)
    now = timezone.now()
    for attempt in range(MAX_ATTEMPTS):
        at = now + attempt * (pdfjobs.STALE_AFTER + timedelta(seconds=1))
        assert pdf_job_claim(job.pk, f"w:{attempt}", now=at) is not None

    swept = pdf_jobs_sweep(now=now + MAX_ATTEMPTS * (pdfjobs.STALE_AFTER + timedelta(seconds=1)))

    job.refresh_from_db()
    assert swept["failed"] == 1 and swept["requeued"] == []
    assert job.status == S.FAILED and "3 kali" in job.error


def test_a_submitted_version_has_its_job_before_the_move_commits(
    world, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = plan_submit(plan=full_plan(world), by=world.official)
        # Still inside the transaction: the row is there, no message has left yet.
        job = PdfJob.objects.get()
        assert sent == []

    assert job.version == plan.versions.get() and job.approved is False
    assert job.status == S.REQUESTED and job.requested_by == world.official
    for callback in callbacks:
        callback()
    assert sent == [job.pk]  # only the Celery message waited for the commit


def test_a_resubmission_requests_the_new_versions_print(world):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Ubah.")
    plan = plan_submit(plan=plan, by=world.official)

    assert list(PdfJob.objects.order_by("pk").values_list("version__number", "approved")) == [
        (1, False),
        (2, False),
    ]


def test_approval_requests_the_approved_print_of_the_latest_version(
    world, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_submit(plan=full_plan(world), by=world.official)
        plan = plan_move(plan=plan, to=Plan.Status.ENDORSED, by=world.mentor)
        plan = approve(plan, world.staff)

    version = plan.versions.get()
    assert list(PdfJob.objects.order_by("pk").values_list("version", "approved")) == [
        (version.pk, False),
        (version.pk, True),
    ]
    approved = PdfJob.objects.get(approved=True)
    assert approved.requested_by == world.staff and sent[-1] == approved.pk


@pytest.mark.parametrize("error", [DatabaseError("disk penuh"), RuntimeError("bug")])
def test_a_job_that_cannot_be_written_undoes_the_submission(world, monkeypatch, error):
    def broken(**kwargs):
        raise error

    monkeypatch.setattr(workflow, "pdf_job_request", broken)
    plan = full_plan(world)

    with pytest.raises((WorkflowError, RuntimeError)) as caught:
        plan_submit(plan=plan, by=world.official)

    # A database failure is told to the user as a refused move; anything else is a bug (500).
    assert isinstance(caught.value, WorkflowError) == isinstance(error, DatabaseError)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.version_count == 0
    assert not plan.versions.exists() and not PlanEvent.objects.filter(plan=plan).exists()
    assert not PdfJob.objects.exists()


def test_a_job_that_cannot_be_written_undoes_the_approval(world, monkeypatch):
    plan = plan_submit(plan=full_plan(world), by=world.official)
    plan = plan_move(plan=plan, to=Plan.Status.ENDORSED, by=world.mentor)

    def broken(**kwargs):
        raise DatabaseError("koneksi putus")

    monkeypatch.setattr(workflow, "pdf_job_request", broken)
    with pytest.raises(WorkflowError, match="PDF"):
        approve(plan, world.staff)

    plan.refresh_from_db()
    assert plan.status == Plan.Status.ENDORSED and plan.approved_at is None
    assert list(PdfJob.objects.values_list("approved", flat=True)) == [False]
