"""The draft PDF preview: while the region writes its plan, its official (and its mentors and
staff) print the working copy as it is now, marked DRAF on every page, rendered by a worker and
never stored as a version."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from masterplan import pdf
from masterplan.models import PdfJob, Plan, PlanVersion
from masterplan.pdfjobs import (
    PdfJobError,
    pdf_jobs_sweep,
    pdf_preview_request,
)
from masterplan.services.workflow import plan_move, plan_submit
from masterplan.snapshot import plan_snapshot, snapshot_sha256
from masterplan.tasks import render_plan_pdf
from smartcity.storage import private_storage
from tests.masterplan.helpers import full_plan
from tests.masterplan.pdf_helpers import counting_renderer, render_inline

pytestmark = pytest.mark.django_db

S = PdfJob.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sent(monkeypatch):
    ids = []
    monkeypatch.setattr(render_plan_pdf, "delay", lambda job_id: ids.append(job_id))
    return ids


@pytest.fixture
def plan(world):
    return full_plan(world)


def preview_url(plan):
    return reverse("plan_pdf_preview", args=[plan.pk])


def download_url(job):
    return reverse("plan_pdf_download", args=[job.plan_id, job.pk])


# --- asking for it --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["official", "mentor", "staff"])
def test_the_region_its_mentor_and_staff_ask_for_a_preview_and_three_clicks_make_one_job(
    client, world, plan, sent, django_capture_on_commit_callbacks, who
):
    client.force_login(getattr(world, who))
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(preview_url(plan), **HTMX) for _ in range(3)]

    job = PdfJob.objects.get()
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert sent == [job.pk] and job.requested_by == getattr(world, who)
    assert job.version is None and job.plan == plan and not job.approved
    assert job.preview_sha256 == snapshot_sha256(plan_snapshot(plan))
    html = responses[-1].content.decode()
    assert 'hx-trigger="every 2s"' in html and "Pratinjau dalam antrean" in html
    # Not a version, and the plan is still the region's draft.
    assert not PlanVersion.objects.exists()
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


@pytest.mark.parametrize("who", ["partner", "assessor"])
def test_other_roles_may_not_ask_for_a_preview(client, world, plan, sent, who):
    client.force_login(getattr(world, who))
    assert client.post(preview_url(plan)).status_code == 403
    assert not PdfJob.objects.exists()


@pytest.mark.parametrize("who", ["other_official", "other_mentor"])
def test_another_regions_people_are_told_the_plan_does_not_exist(client, world, plan, sent, who):
    client.force_login(getattr(world, who))
    assert client.post(preview_url(plan)).status_code == 404
    assert client.get(reverse("plan_pdf_preview_status", args=[plan.pk])).status_code == 404
    assert not PdfJob.objects.exists()


def test_a_submitted_plan_has_no_preview_its_version_has_a_pdf(client, world, plan, sent):
    plan = plan_submit(plan=plan, by=world.official)
    PdfJob.objects.all().delete()
    client.force_login(world.official)
    assert client.post(preview_url(plan)).status_code == 404
    assert "Pratinjau PDF (draf)" not in client.get(plan.get_absolute_url()).text
    with pytest.raises(PdfJobError, match="selama masterplan disusun"):
        pdf_preview_request(plan=plan, by=world.official)
    assert not PdfJob.objects.exists()


def test_a_plan_sent_back_for_revision_is_previewed_with_its_unsubmitted_changes(
    client, world, plan, sent
):
    plan = plan_submit(plan=plan, by=world.official)
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Visi.")
    Plan.objects.filter(pk=plan.pk).update(vision="Visi yang direvisi.")
    client.force_login(world.official)
    client.post(preview_url(plan))
    job = PdfJob.objects.get(plan=plan)
    assert job.preview_data["sections"]["vision"] == "Visi yang direvisi."
    assert plan.versions.count() == 1


def test_a_changed_working_copy_gets_a_new_preview_and_the_old_one_is_removed(
    world, plan, sent, private_root, monkeypatch
):
    counting_renderer(monkeypatch)
    old = render_inline(pdf_preview_request(plan=plan, by=world.official))
    assert private_storage().exists(old.file)
    assert pdf_preview_request(plan=plan, by=world.official).pk == old.pk  # same copy: reused

    Plan.objects.filter(pk=plan.pk).update(vision="Visi baru.")
    new = pdf_preview_request(plan=Plan.objects.get(pk=plan.pk), by=world.official)

    assert new.pk != old.pk and list(PdfJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not private_storage().exists(old.file)


def test_a_failed_preview_is_sent_again_when_asked_again(
    world, plan, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = pdf_preview_request(plan=plan, by=world.official)
    PdfJob.objects.filter(pk=job.pk).update(status=S.FAILED, attempts=3, error="font hilang")

    with django_capture_on_commit_callbacks(execute=True):
        again = pdf_preview_request(plan=plan, by=world.official)

    assert again.pk == job.pk and again.status == S.REQUESTED
    assert again.attempts == 0 and again.error == ""
    assert sent == [job.pk, job.pk]


def test_the_sweep_removes_previews_older_than_a_day_with_their_files(
    world, plan, sent, private_root, monkeypatch
):
    counting_renderer(monkeypatch)
    job = render_inline(pdf_preview_request(plan=plan, by=world.official))

    assert pdf_jobs_sweep()["previews_removed"] == 0
    swept = pdf_jobs_sweep(now=timezone.now() + timedelta(days=1, minutes=1))

    assert swept["previews_removed"] == 1
    assert not PdfJob.objects.exists() and not private_storage().exists(job.file)


# --- following and downloading it -----------------------------------------------------------


def test_the_plan_page_offers_the_preview_to_the_region_and_not_to_partners(client, world, plan):
    client.force_login(world.official)
    page = client.get(plan.get_absolute_url()).text
    assert 'id="plan-pdf-preview"' in page and "Pratinjau PDF (draf)" in page
    assert preview_url(plan) in page


def test_the_status_stops_polling_with_a_download_and_says_when_the_copy_changed(
    client, world, plan, sent, private_root, monkeypatch
):
    counting_renderer(monkeypatch, pages=3)
    job = render_inline(pdf_preview_request(plan=plan, by=world.official))
    client.force_login(world.mentor)
    status = reverse("plan_pdf_preview_status", args=[plan.pk])

    done = client.get(status).text
    assert "hx-trigger" not in done and download_url(job) in done and "3 halaman" in done
    assert "Buat pratinjau baru" not in done

    Plan.objects.filter(pk=plan.pk).update(vision="Diubah lagi.")
    changed = client.get(status).text
    assert 'id="plan-pdf-preview-outdated"' in changed and "Buat pratinjau baru" in changed


@pytest.mark.parametrize("who", ["official", "mentor", "staff"])
def test_the_preview_downloads_as_a_draft_named_for_the_region(
    client, world, plan, sent, private_root, monkeypatch, who
):
    counting_renderer(monkeypatch)
    job = render_inline(pdf_preview_request(plan=plan, by=world.official))
    client.force_login(getattr(world, who))

    response = client.get(download_url(job))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="masterplan-33.11-kabupaten-sukoharjo-pratinjau-draf.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other_official", "other_mentor", "partner"])
def test_outsiders_and_partners_are_told_the_preview_does_not_exist(
    client, world, plan, sent, private_root, monkeypatch, who
):
    counting_renderer(monkeypatch)
    # In revision the plan has a submitted version, so partners may open the plan itself.
    plan = plan_submit(plan=plan, by=world.official)
    plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Visi.")
    job = render_inline(pdf_preview_request(plan=plan, by=world.official))
    client.force_login(getattr(world, who))
    assert client.get(download_url(job)).status_code == 404


# --- the document ---------------------------------------------------------------------------


def test_the_preview_renders_with_weasyprint_marked_draf_on_every_page(
    world, plan, sent, private_root
):
    Plan.objects.filter(pk=plan.pk).update(vision="Sukoharjo Makmur dan Cerdas.")
    job = render_inline(pdf_preview_request(plan=Plan.objects.get(pk=plan.pk), by=world.official))

    content = private_storage().open(job.file).read()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    text = " ".join(" ".join(pages).split())

    assert job.status == S.DONE and job.pages == len(pages) >= 10
    assert all("DRAF" in page for page in pages)
    assert all("PRATINJAU DRAF" in page for page in pages)
    assert "Salinan kerja (belum diajukan)" in text
    assert "pratinjau salinan kerja, bukan versi yang diajukan" in text
    assert "Sukoharjo Makmur dan Cerdas." in text
    assert job.preview_sha256 in text
    assert not PlanVersion.objects.exists()


def test_a_submitted_versions_print_carries_no_preview_banner(world, plan):
    plan = plan_submit(plan=plan, by=world.official)
    version = plan.versions.get()
    html = pdf.render_version_html(version, approved=False)
    assert "PRATINJAU DRAF" not in html and "DRAF" in html
