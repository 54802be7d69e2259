"""The plan's PDF: ask for it, watch it being rendered (htmx polling), download it, retry it.

Rendering never happens here: the request view creates or reuses a `PdfJob` and a Celery
worker renders it (see `pdfjobs.py`).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from smartcity.access import role_required
from smartcity.models import User
from smartcity.storage import private_file_response

from ..access import may_download_pdf, may_request_pdf, plan_for_user
from ..models import PdfJob
from ..pdf import pdf_filename
from ..pdfjobs import PdfJobError, pdf_job_request, pdf_job_retry, pdf_slot
from .plan import plan_readers

STATUS_TEMPLATE = "masterplan/_plan_pdf.html#pdf_status"


def _status(request, plan):
    slot = pdf_slot(request.user, plan)
    if slot.version is None:
        raise Http404("Masterplan belum pernah diajukan.")
    return render(request, STATUS_TEMPLATE, {"pdf": slot})


def _answer(request, plan):
    """htmx swaps in the status box; a plain form post goes back to the plan page."""
    if request.headers.get("HX-Request"):
        return _status(request, plan)
    return redirect(plan)


@role_required(User.Role.STAFF, User.Role.OFFICIAL)
@require_POST
def plan_pdf_request(request, pk):
    plan = plan_for_user(request.user, pk)
    if not may_request_pdf(request.user, plan)[0]:
        raise Http404
    version = plan.versions.order_by("-number").first()
    if version is None:
        raise Http404("Masterplan belum pernah diajukan.")
    version.plan = plan
    pdf_job_request(version=version, by=request.user)
    return _answer(request, plan)


@plan_readers
@require_GET
def plan_pdf_status(request, pk):
    return _status(request, plan_for_user(request.user, pk))


@plan_readers
@require_GET
def plan_pdf_download(request, pk, job_pk):
    plan = plan_for_user(request.user, pk)
    job = get_object_or_404(
        PdfJob.objects.select_related("version"), pk=job_pk, version__plan=plan, status="done"
    )
    if not may_download_pdf(request.user, plan, job)[0]:
        raise Http404  # partners read what is submitted now, not the history
    job.version.plan = plan
    return private_file_response(
        job.file,
        download_name=pdf_filename(job.version, approved=job.approved),
        content_type="application/pdf",
    )


@role_required(User.Role.STAFF)
@require_POST
def plan_pdf_retry(request, pk, job_pk):
    plan = plan_for_user(request.user, pk)
    job = get_object_or_404(PdfJob, pk=job_pk, version__plan=plan)
    try:
        pdf_job_retry(job=job, by=request.user)
    except PdfJobError as exc:
        if request.headers.get("HX-Request"):
            return _status(request, plan)
        messages.error(request, str(exc))
    return _answer(request, plan)


urlpatterns = [
    path("<int:pk>/pdf/", plan_pdf_status, name="plan_pdf_status"),
    path("<int:pk>/pdf/buat/", plan_pdf_request, name="plan_pdf_request"),
    path("<int:pk>/pdf/<int:job_pk>/unduh/", plan_pdf_download, name="plan_pdf_download"),
    path("<int:pk>/pdf/<int:job_pk>/ulang/", plan_pdf_retry, name="plan_pdf_retry"),
]
