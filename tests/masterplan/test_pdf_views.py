"""The plan-PDF views: staff and the region ask for it, everyone who reads the plan watches and
downloads it, partners only the latest version's, and staff retry a failed one."""

import pytest
from django.urls import reverse

from masterplan.models import PdfJob, Plan
from masterplan.pdfjobs import pdf_job_claim, pdf_job_fail, pdf_job_request
from masterplan.services.workflow import plan_move, plan_submit
from masterplan.tasks import render_plan_pdf
from tests.masterplan.helpers import approve
from tests.masterplan.pdf_helpers import (
    counting_renderer,
    render_inline,
    submitted_plan,
    without_pdf_jobs,
)

pytestmark = pytest.mark.django_db

S = PdfJob.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sent(monkeypatch):
    ids = []
    monkeypatch.setattr(render_plan_pdf, "delay", lambda job_id: ids.append(job_id))
    return ids


@pytest.fixture
def renderer(monkeypatch):
    return counting_renderer(monkeypatch, pages=4)


def request_url(plan):
    return reverse("plan_pdf_request", args=[plan.pk])


def status_url(plan):
    return reverse("plan_pdf_status", args=[plan.pk])


def download_url(job):
    return reverse("plan_pdf_download", args=[job.version.plan_id, job.pk])


@pytest.mark.parametrize("who", ["official", "staff"])
def test_staff_and_the_region_ask_for_the_pdf_and_three_clicks_make_one_job(
    client, world, sent, django_capture_on_commit_callbacks, who
):
    plan = without_pdf_jobs(submitted_plan(world))
    client.force_login(getattr(world, who))
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(request_url(plan), **HTMX) for _ in range(3)]

    job = PdfJob.objects.get()
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert sent == [job.pk] and job.requested_by == getattr(world, who)
    html = responses[-1].content.decode()
    assert 'hx-trigger="every 2s"' in html and "PDF dalam antrean" in html


def test_a_plain_form_post_goes_back_to_the_plan_page(client, world, sent):
    plan = without_pdf_jobs(submitted_plan(world))
    client.force_login(world.official)
    response = client.post(request_url(plan))
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert PdfJob.objects.count() == 1


@pytest.mark.parametrize("who", ["mentor", "other_mentor", "partner", "assessor"])
def test_other_roles_may_not_ask_for_the_pdf(client, world, sent, who):
    plan = without_pdf_jobs(submitted_plan(world))
    client.force_login(getattr(world, who))
    assert client.post(request_url(plan)).status_code == 403
    assert not PdfJob.objects.exists()


def test_another_regions_official_is_told_the_plan_does_not_exist(client, world, sent):
    plan = without_pdf_jobs(submitted_plan(world))
    client.force_login(world.other_official)
    assert client.post(request_url(plan)).status_code == 404
    assert not PdfJob.objects.exists()


def test_a_plan_never_submitted_has_no_pdf_to_ask_for(client, world, sent):
    from tests.masterplan.helpers import full_plan

    plan = full_plan(world)
    client.force_login(world.official)
    assert client.post(request_url(plan)).status_code == 404


def test_asking_anonymously_leads_to_the_login_page(client, world):
    plan = submitted_plan(world)
    response = client.post(request_url(plan))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_status_polls_while_rendering_and_stops_with_the_download_link(
    client, world, private_root, renderer
):
    plan = submitted_plan(world)
    job = pdf_job_request(version=plan.versions.get(), by=world.official)
    client.force_login(world.mentor)
    pdf_job_claim(job.pk, "w:1")

    rendering = client.get(status_url(plan)).content.decode()
    assert 'hx-trigger="every 2s"' in rendering and "PDF sedang dibuat" in rendering

    PdfJob.objects.filter(pk=job.pk).update(status=S.REQUESTED, attempts=0)
    job = render_inline(job)
    done = client.get(status_url(plan)).content.decode()
    assert "hx-trigger" not in done
    assert download_url(job) in done and "4 halaman" in done


def test_a_failed_job_shows_its_error_to_staff_with_a_retry_button_only(
    client, world, private_root, renderer
):
    plan = submitted_plan(world)
    job = pdf_job_request(version=plan.versions.get(), by=world.official)
    for attempt in range(3):
        claimed = pdf_job_claim(job.pk, f"w:{attempt}")
        pdf_job_fail(job=claimed, error="RuntimeError: font hilang")
    retry = reverse("plan_pdf_retry", args=[plan.pk, job.pk])

    client.force_login(world.staff)
    staff_sees = client.get(status_url(plan)).content.decode()
    client.force_login(world.official)
    official_sees = client.get(status_url(plan)).content.decode()

    assert "font hilang" in staff_sees and retry in staff_sees
    assert "PDF gagal dibuat" in official_sees
    assert "font hilang" not in official_sees and retry not in official_sees


def test_staff_retry_a_failed_job(client, world, sent, django_capture_on_commit_callbacks):
    plan = submitted_plan(world)
    job = pdf_job_request(version=plan.versions.get(), by=world.official)
    for attempt in range(3):
        pdf_job_fail(job=pdf_job_claim(job.pk, f"w:{attempt}"), error="x")
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plan_pdf_retry", args=[plan.pk, job.pk]), **HTMX)
    job.refresh_from_db()
    assert response.status_code == 200 and job.status == S.REQUESTED and sent == [job.pk]


@pytest.mark.parametrize("who", ["official", "mentor"])
def test_only_staff_retry_from_the_page(client, world, sent, who):
    plan = submitted_plan(world)
    job = pdf_job_request(version=plan.versions.get(), by=world.official)
    client.force_login(getattr(world, who))
    assert client.post(reverse("plan_pdf_retry", args=[plan.pk, job.pk])).status_code == 403


def test_the_plan_page_offers_the_button_to_the_region_only_before_a_job_exists(client, world):
    plan = without_pdf_jobs(submitted_plan(world))
    client.force_login(world.official)
    assert "Buat PDF" in client.get(plan.get_absolute_url()).content.decode()
    client.force_login(world.mentor)
    mentor_sees = client.get(plan.get_absolute_url()).content.decode()
    assert "Buat PDF" not in mentor_sees and "belum dibuat" in mentor_sees


@pytest.mark.parametrize("who", ["staff", "official", "mentor", "partner"])
def test_readers_download_the_pdf_as_an_attachment(client, world, private_root, renderer, who):
    plan = submitted_plan(world)
    job = render_inline(pdf_job_request(version=plan.versions.get(), by=world.official))
    client.force_login(getattr(world, who))

    response = client.get(download_url(job))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="masterplan-33.11-kabupaten-sukoharjo-v1-draf.pdf"'
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and len(body) == job.file_size


@pytest.mark.parametrize("who", ["other_official", "other_mentor"])
def test_outsiders_are_told_the_pdf_does_not_exist(client, world, private_root, renderer, who):
    plan = submitted_plan(world)
    job = render_inline(pdf_job_request(version=plan.versions.get(), by=world.official))
    client.force_login(getattr(world, who))
    assert client.get(download_url(job)).status_code == 404


def test_downloading_anonymously_leads_to_the_login_page(client, world, private_root, renderer):
    plan = submitted_plan(world)
    job = render_inline(pdf_job_request(version=plan.versions.get(), by=world.official))
    response = client.get(download_url(job))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_partners_download_only_the_latest_versions_pdf(client, world, private_root, renderer):
    plan = submitted_plan(world)
    old = render_inline(pdf_job_request(version=plan.versions.get(), by=world.official))
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Ubah.")
    plan = plan_submit(plan=plan, by=world.official)
    new = render_inline(pdf_job_request(version=plan.versions.get(number=2), by=world.official))

    client.force_login(world.partner)
    assert client.get(download_url(old)).status_code == 404
    assert client.get(download_url(new)).status_code == 200
    client.force_login(world.mentor)
    assert client.get(download_url(old)).status_code == 200


def test_a_pdf_still_rendering_cannot_be_downloaded(client, world):
    plan = submitted_plan(world)
    job = pdf_job_request(version=plan.versions.get(), by=world.official)
    client.force_login(world.official)
    assert client.get(download_url(job)).status_code == 404


def test_the_approved_print_is_named_without_draf(client, world, private_root, renderer):
    plan = submitted_plan(world)
    plan = plan_move(plan=plan, to=Plan.Status.ENDORSED, by=world.mentor)
    plan = approve(plan, world.staff)
    job = render_inline(pdf_job_request(version=plan.versions.get(), by=world.staff))
    client.force_login(world.official)

    response = client.get(download_url(job))

    assert job.approved and renderer.calls == [(job.version_id, True)]
    assert response["Content-Disposition"].endswith('-v1.pdf"')


def test_a_plan_never_submitted_has_no_pdf_status(client, world):
    from tests.masterplan.helpers import full_plan

    plan = full_plan(world)
    client.force_login(world.official)
    assert client.get(status_url(plan)).status_code == 404
    assert "plan-pdf-status" not in client.get(plan.get_absolute_url()).content.decode()


def test_an_earlier_versions_page_links_to_its_own_pdf(client, world, private_root, renderer):
    plan = submitted_plan(world)
    first = render_inline(pdf_job_request(version=plan.versions.get(), by=world.official))
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Ubah.")
    plan = plan_submit(plan=plan, by=world.official)
    client.force_login(world.mentor)

    page = client.get(reverse("plan_version", args=[plan.pk, 1])).text
    later = client.get(reverse("plan_version", args=[plan.pk, 2])).text

    assert download_url(first) in page and "cetakan draf" in page
    assert download_url(first) not in later  # version 2 has no finished print yet
    assert client.get(download_url(first)).status_code == 200
