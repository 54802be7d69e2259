"""The master-plan admin: plans and PDF jobs are read only there; a failed job can be retried."""

import pytest
from django.urls import reverse

from masterplan.models import PdfJob
from masterplan.pdfjobs import pdf_job_request
from masterplan.services.workflow import plan_submit
from tests.factories import UserFactory
from tests.masterplan.helpers import full_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_job(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        plan = plan_submit(plan=full_plan(world), by=world.official)
        job = pdf_job_request(version=plan.versions.get(), by=world.official)
    PdfJob.objects.filter(pk=job.pk).update(
        status=PdfJob.Status.FAILED, attempts=3, error="WeasyPrint: layout gagal"
    )
    return job


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["plan", "pdfjob"])
def test_the_lists_open_and_nothing_can_be_added(superuser_client, failed_job, model):
    assert superuser_client.get(reverse(f"admin:masterplan_{model}_changelist")).status_code == 200
    assert superuser_client.get(reverse(f"admin:masterplan_{model}_add")).status_code == 403


def test_the_job_list_shows_the_error_and_retrying_requeues_it(
    superuser_client, failed_job, django_capture_on_commit_callbacks
):
    url = reverse("admin:masterplan_pdfjob_changelist")
    assert "WeasyPrint: layout gagal" in superuser_client.get(url).text
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = superuser_client.post(
            url, {"action": "retry", "_selected_action": [failed_job.pk]}, follow=True
        )
    assert "1 PDF diulang." in response.text
    failed_job.refresh_from_db()
    assert failed_job.status == PdfJob.Status.REQUESTED and failed_job.attempts == 0
    assert len(callbacks) == 1  # the render is enqueued after commit


def test_a_jobs_page_shows_what_is_printed_before_the_render_state(superuser_client, failed_job):
    url = reverse("admin:masterplan_pdfjob_change", args=[failed_job.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    html = response.text
    assert "WeasyPrint: layout gagal" in html
    # The version and book first, then the render's fields shared with the briefings' jobs.
    assert html.index("field-version") < html.index("field-book") < html.index("field-status")
