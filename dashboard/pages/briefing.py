"""The briefing PDF's pages: ask for one from the dashboard's filter, watch the worker make it,
download it. Ministry staff only (`staff_only`: a wrong role gets 403, as on every dashboard
page)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.idempotency import claim_post_token
from smartcity.models import Region
from smartcity.storage import private_file_response

from .. import overview
from ..briefing import briefing_filename, briefing_request, briefing_retry
from ..forms import ScopeForm
from ..models import BriefingJob
from ..regions import Scope, places
from .home import staff_only

RECENT = 10


def _job_page(request, job: BriefingJob, status: int = 200):
    """The job's status box alone for htmx (it polls while the worker renders), else the page
    with the recent briefings."""
    context = {"job": job}
    if request.headers.get("HX-Request") == "true":
        return render(request, "dashboard/briefing.html#briefing_status", context, status=status)
    recent = list(BriefingJob.objects.select_related("requested_by")[:RECENT])
    provinces = dict(Region.objects.provinces().values_list("code", "name"))
    for shown in [job, *recent]:
        shown.province_name = provinces.get(shown.province, "")
    context["recent"] = recent
    return render(request, "dashboard/briefing.html", context, status=status)


@staff_only
@require_POST
def briefing_create(request):
    """Ask for the briefing of the dashboard's filter (cohort and province) and show its job."""
    form = ScopeForm(request.POST, cohort_years=list(overview.cohorts()), places=places())
    if not form.is_valid():
        messages.error(
            request, _("Saringan laporan tidak dikenal; pilih angkatan dan provinsi dari daftar.")
        )
        return redirect("staff_home")
    chosen = form.scope()
    scope = Scope(cohort_year=chosen.cohort_year, province=chosen.province)
    with transaction.atomic():
        fresh = claim_post_token(request)
        job = briefing_request(scope=scope, by=request.user)
    if fresh:
        messages.success(
            request,
            _("Laporan status program sedang dibuat; halaman ini memberi tahu bila sudah siap."),
        )
    return redirect("dashboard_briefing", pk=job.pk)


@staff_only
@require_GET
def briefing_detail(request, pk: int):
    return _job_page(request, get_object_or_404(BriefingJob, pk=pk))


@staff_only
@require_POST
def briefing_again(request, pk: int):
    """Send a failed briefing round again."""
    job = get_object_or_404(BriefingJob, pk=pk)
    if not briefing_retry(job=job, by=request.user):
        messages.info(request, _("Laporan ini tidak gagal; tidak ada yang perlu diulang."))
    job.refresh_from_db()
    return _job_page(request, job)


@staff_only
@require_GET
def briefing_download(request, pk: int):
    job = get_object_or_404(BriefingJob, pk=pk, status=BriefingJob.Status.DONE)
    return private_file_response(
        job.file, download_name=briefing_filename(job), content_type="application/pdf"
    )
