"""The briefing PDF ("Laporan status program"): what it prints (real WeasyPrint, read back with
pypdf), how its jobs move, and who may ask for it, watch it and download it."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dashboard import briefing, overview
from dashboard.briefing import BriefingError, briefing_request, render_briefing
from dashboard.funnel import Stage
from dashboard.models import BriefingJob
from dashboard.regions import Scope, places
from smartcity import jobs
from smartcity.geometry import shapes
from smartcity.idempotency import TOKEN_FIELD, new_post_token
from smartcity.models import Region
from tests.dashboard.builders import Expected, build_cohort

pytestmark = pytest.mark.django_db

S = BriefingJob.Status


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"[ \t]+", " ", text)


@pytest.fixture
def no_messages(monkeypatch):
    """Requests in these tests are not sent to a worker (the worker test below sends them)."""
    sent = []
    monkeypatch.setattr(briefing, "_enqueue", sent.append)
    return sent


def rendered_job(world, **scope) -> BriefingJob:
    """A done briefing, rendered here by the worker's own functions."""
    job = BriefingJob.objects.create(requested_by=world.staff, **scope)
    claimed = briefing.briefing_claim(job.pk, "test:1")
    assert briefing.briefing_render(claimed)
    job.refresh_from_db()
    return job


# --- what it prints --------------------------------------------------------------------------


def test_the_briefing_prints_the_dashboards_figures_on_two_to_four_pages(world):
    build_cohort(world.staff)
    e = Expected()
    content, pages = render_briefing(BriefingJob(cohort_year=2018, requested_by=world.staff))
    count, text = pdf_text(content)
    assert count == pages and 2 <= pages <= 4
    assert "Laporan status program" in text and "Angkatan 2018 · seluruh Indonesia" in text
    # The funnel, stage by stage, with the dashboard's own figures.
    assert f"Diundang {e.invited} " in text
    assert f"Terpilih {e.selected} " in text
    assert f"MoU ditandatangani {e.mou} " in text
    assert f"Disahkan Kominfo {e.approved} " in text
    # The map, pemerataan by island group, the budget and the attention list follow.
    assert "Peta program" in text and "Status program · angkatan 2018" in text
    # Pemerataan by island group, as the pemerataan page counts it.
    spread = overview.spread(scope=Scope(cohort_year=2018), places=places())
    jawa = next(row for row in spread.breakdowns[0].rows if row.key == "jawa")
    assert jawa.cells[Stage.INVITED].count > 0
    assert f"Jawa {jawa.base} {jawa.cells[Stage.INVITED].count} (" in text
    assert "Anggaran masterplan yang disahkan" in text
    assert "Perlu perhatian" in text


def test_a_provinces_briefing_names_it_and_lists_only_its_regions(world):
    built = build_cohort(world.staff)
    content, _pages = render_briefing(
        BriefingJob(cohort_year=2018, province="33", requested_by=world.staff)
    )
    _count, text = pdf_text(content)
    assert f"Angkatan 2018 · {Region.objects.get(code='33').name}" in text
    regions = [candidate.region for candidate in built.candidates]
    in_province = {r.name for r in regions if r.code.startswith("33.")}
    elsewhere = {r.name for r in regions if not r.code.startswith("33.")}
    listed = {name for name in in_province | elsewhere if name in text}
    assert listed, "the attention list names the province's regions"
    assert listed <= in_province


def test_the_map_is_drawn_in_the_pdf(world):
    build_cohort(world.staff)
    content, _pages = render_briefing(BriefingJob(requested_by=world.staff))
    reader = PdfReader(io.BytesIO(content))
    # Each kab/kota is a shape filled and outlined (the `B`/`B*` operator) on the map's page.
    drawing = reader.pages[1].get_contents().get_data()
    assert len(re.findall(rb"\nB\*?\n", drawing)) == len(shapes()) == 514


# --- requests and the worker's moves -------------------------------------------------------


def test_asking_twice_for_the_same_filter_while_it_waits_makes_one_briefing(world, no_messages):
    scope = Scope(cohort_year=2018)
    first = briefing_request(scope=scope, by=world.staff)
    again = briefing_request(scope=scope, by=world.staff)
    other = briefing_request(scope=Scope(cohort_year=2018, province="33"), by=world.staff)
    assert again.pk == first.pk and other.pk != first.pk
    BriefingJob.objects.filter(pk=first.pk).update(status=S.DONE)
    later = briefing_request(scope=scope, by=world.staff)
    assert later.pk not in (first.pk, other.pk)  # a finished one is not reused: data moves on


@pytest.mark.parametrize("role", ["official", "mentor", "assessor", "partner"])
def test_only_staff_may_ask_for_a_briefing(world, no_messages, role):
    with pytest.raises(BriefingError):
        briefing_request(scope=Scope(), by=world.user(role))
    assert not BriefingJob.objects.exists()


def test_a_job_is_claimed_once_and_a_failure_is_retried_then_given_up(world):
    job = BriefingJob.objects.create(requested_by=world.staff)
    claimed = briefing.briefing_claim(job.pk, "a:1")
    assert claimed is not None and briefing.briefing_claim(job.pk, "b:2") is None
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        retry = briefing.briefing_fail(claimed, "OSError: disk")
        claimed.refresh_from_db()
        assert retry == (attempt < jobs.MAX_ATTEMPTS)
        if retry:
            assert claimed.status == S.REQUESTED
            claimed = briefing.briefing_claim(job.pk, "a:1")
    assert claimed.status == S.FAILED and claimed.error == "OSError: disk"
    sent = []
    assert jobs.requeue(claimed, was=S.FAILED, enqueue=sent.append)
    claimed.refresh_from_db()
    assert (claimed.status, claimed.attempts, sent) == (S.REQUESTED, 0, [job.pk])


def test_a_render_that_lost_its_claim_keeps_no_file(world, private_root):
    job = BriefingJob.objects.create(requested_by=world.staff)
    claimed = briefing.briefing_claim(job.pk, "a:1")
    BriefingJob.objects.filter(pk=job.pk).update(attempts=5)  # another worker took it over
    assert not briefing.briefing_render(claimed)
    assert not list(private_root.rglob("*.pdf"))


def test_the_sweep_resends_lost_briefings_and_fails_those_out_of_attempts(world, no_messages):
    old = timezone.now() - jobs.STUCK_AFTER - timedelta(minutes=1)
    lost = BriefingJob.objects.create(requested_by=world.staff)
    spent = BriefingJob.objects.create(requested_by=world.staff, attempts=jobs.MAX_ATTEMPTS)
    fresh = BriefingJob.objects.create(requested_by=world.staff, enqueued_at=timezone.now())
    BriefingJob.objects.filter(pk__in=[lost.pk, spent.pk]).update(enqueued_at=old)
    found = briefing.briefings_sweep()
    assert found["requeued"] == [lost.pk] and found["failed"] == 1
    assert no_messages == [lost.pk]
    spent.refresh_from_db()
    fresh.refresh_from_db()
    assert spent.status == S.FAILED and fresh.status == S.REQUESTED


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.staff)
    return client


def test_staff_ask_from_the_dashboard_and_land_on_the_job(staff_client, world, no_messages):
    home = staff_client.get(reverse("staff_home") + "?angkatan=2018")
    assert 'id="briefing-button"' in home.text
    assert '<input type="hidden" name="angkatan" value="2018">' in home.text
    token = new_post_token()
    data = {"angkatan": "2018", TOKEN_FIELD: token}
    response = staff_client.post(reverse("dashboard_briefing_create"), data)
    job = BriefingJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "dashboard_briefing", args=[job.pk]
    )
    assert (job.cohort_year, job.province, job.requested_by) == (2018, "", world.staff)
    assert no_messages == [job.pk]
    # A double click posts the same form again: still one briefing.
    staff_client.post(reverse("dashboard_briefing_create"), data)
    assert BriefingJob.objects.count() == 1
    page = staff_client.get(response.url)
    assert 'hx-trigger="every 2s"' in page.text and "PDF dalam antrean" in page.text


def test_an_unknown_filter_is_refused_with_a_message(staff_client, no_messages):
    response = staff_client.post(
        reverse("dashboard_briefing_create"), {"angkatan": "1999"}, follow=True
    )
    assert not BriefingJob.objects.exists()
    assert "Saringan laporan tidak dikenal" in response.text


def test_htmx_polls_get_the_status_box_alone_and_a_done_job_offers_its_download(
    staff_client, world, private_root
):
    build_cohort(world.staff)
    job = rendered_job(world, cohort_year=2018)
    box = staff_client.get(reverse("dashboard_briefing", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert box.text.lstrip().startswith('<div id="briefing-status"')
    assert "every 2s" not in box.text and "Unduh PDF" in box.text
    download = staff_client.get(reverse("dashboard_briefing_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert (
        f"laporan-status-program-2018-{timezone.localdate():%Y%m%d}.pdf"
        in download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_a_failed_briefing_can_be_sent_round_again(staff_client, world, no_messages):
    job = BriefingJob.objects.create(requested_by=world.staff, status=S.FAILED, error="boom")
    response = staff_client.post(reverse("dashboard_briefing_retry", args=[job.pk]))
    job.refresh_from_db()
    assert response.status_code == 200 and job.status == S.REQUESTED and no_messages == [job.pk]


def test_a_briefing_not_done_has_no_download(staff_client, world):
    job = BriefingJob.objects.create(requested_by=world.staff)
    assert (
        staff_client.get(reverse("dashboard_briefing_download", args=[job.pk])).status_code == 404
    )


@pytest.mark.parametrize("role", ["official", "other_official", "mentor", "assessor", "partner"])
def test_other_roles_may_neither_ask_nor_read_nor_download(client, world, role, private_root):
    build_cohort(world.staff)
    job = rendered_job(world)
    client.force_login(world.user(role))
    assert client.post(reverse("dashboard_briefing_create"), {}).status_code == 403
    assert client.get(reverse("dashboard_briefing", args=[job.pk])).status_code == 403
    assert client.get(reverse("dashboard_briefing_download", args=[job.pk])).status_code == 403
    assert client.post(reverse("dashboard_briefing_retry", args=[job.pk])).status_code == 403
    assert BriefingJob.objects.count() == 1
