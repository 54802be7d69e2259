"""The briefing through a real Celery worker on Redis, as staff ask for it from the dashboard."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dashboard.models import BriefingJob
from tests.dashboard.builders import build_cohort
from tests.factories import UserFactory
from tests.masterplan.pdf_worker_helpers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group("worker")]


def test_a_worker_renders_the_briefing_staff_asked_for(client, celery_worker_process):
    staff = UserFactory(username="staf-kominfo", staff=True)
    build_cohort(staff)
    client.force_login(staff)
    response = client.post(reverse("dashboard_briefing_create"), {"angkatan": "2018"})
    job = BriefingJob.objects.get()
    assert response.url == reverse("dashboard_briefing", args=[job.pk])

    wait_for(
        lambda: BriefingJob.objects.get(pk=job.pk).is_finished, timeout=120, what="the briefing"
    )
    job.refresh_from_db()
    assert job.status == BriefingJob.Status.DONE, job.error
    assert job.claimed_by and job.attempts == 1
    download = client.get(reverse("dashboard_briefing_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == job.pages and 2 <= job.pages <= 4
    assert len(content) == job.file_size
    assert "Angkatan 2018" in reader.pages[0].extract_text()
