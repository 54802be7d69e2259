"""The plan's PDF: ask for it, watch it being rendered (htmx polling), download it, retry it;
and while the region writes the plan, a draft preview of its working copy.

Rendering never happens here: the request view creates or reuses a `PdfJob` and a Celery
worker renders it (see `pdfjobs.py`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.access import role_required
from smartcity.models import User
from smartcity.storage import private_file_response

from ..access import (
    may_download_pdf,
    may_preview_pdf,
    may_request_pdf,
    plan_for_user,
    reads_previews,
)
from ..models import PdfJob
from ..pdf import pdf_filename, preview_filename
from ..pdfjobs import (
    PdfJobError,
    pdf_job_request,
    pdf_job_retry,
    pdf_preview_request,
    pdf_slot,
    plan_emblem_save,
    preview_slot,
)
from ..snapshot import plan_snapshot, snapshot_sha256
from .plan import plan_readers

STATUS_TEMPLATE = "masterplan/_plan_pdf.html#pdf_status"
PREVIEW_TEMPLATE = "masterplan/_plan_pdf.html#preview_status"
# Those who may read a plan's working copy: its region, its mentors and staff.
plan_people = role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR)


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
    book = request.POST.get("book") or PdfJob.Book.WHOLE
    if book not in PdfJob.Book.values:
        raise Http404("Buku tidak dikenal.")
    pdf_job_request(version=version, by=request.user, book=book)
    return _answer(request, plan)


@plan_readers
@require_GET
def plan_pdf_status(request, pk):
    return _status(request, plan_for_user(request.user, pk))


@plan_readers
@require_GET
def plan_pdf_download(request, pk, job_pk):
    """A finished print: a version's for every reader (partners the latest only), a draft
    preview's for the region, its mentors and staff."""
    plan = plan_for_user(request.user, pk)
    job = get_object_or_404(
        PdfJob.objects.select_related("version").defer("preview_data"),
        Q(version__plan=plan) | Q(plan=plan),
        pk=job_pk,
        status="done",
    )
    if job.is_preview:
        if not reads_previews(request.user, plan):
            raise Http404
        name = preview_filename(plan)
    elif not may_download_pdf(request.user, plan, job)[0]:
        raise Http404  # partners read what is submitted now, not the history
    else:
        job.version.plan = plan
        name = pdf_filename(job.version, approved=job.approved, book=job.book)
    return private_file_response(job.file, download_name=name, content_type="application/pdf")


# --- draft preview of the working copy -----------------------------------------------------


def _preview_status(request, plan):
    slot = preview_slot(request.user, plan)
    if slot is None:
        raise Http404
    if slot.job is not None and not slot.polling:
        # Finished: say whether the working copy changed since (not on every poll).
        slot.current_sha256 = snapshot_sha256(plan_snapshot(plan))
    return render(request, PREVIEW_TEMPLATE, {"preview": slot})


@plan_people
@require_POST
def plan_pdf_preview(request, pk):
    """Ask for a draft preview of the working copy; a worker renders it (htmx: the box that
    follows it; a plain form: back to the plan)."""
    plan = plan_for_user(request.user, pk)
    if not may_preview_pdf(request.user, plan)[0]:
        raise Http404
    try:
        pdf_preview_request(plan=plan, by=request.user)
    except PdfJobError as exc:  # the plan was submitted meanwhile
        messages.error(request, str(exc))
        return redirect(plan)
    if request.headers.get("HX-Request"):
        return _preview_status(request, plan)
    return redirect(f"{plan.get_absolute_url()}#plan-pdf-preview")


@plan_people
@require_GET
def plan_pdf_preview_status(request, pk):
    """The preview box, polled every 2 s while the preview is being made."""
    return _preview_status(request, plan_for_user(request.user, pk))


@role_required(User.Role.STAFF, User.Role.OFFICIAL)
@require_POST
def plan_pdf_emblem(request, pk):
    """Upload the region's emblem for the PDF cover (a JPEG or PNG, checked by content)."""
    plan = plan_for_user(request.user, pk)
    if not may_request_pdf(request.user, plan)[0]:
        raise Http404
    upload = request.FILES.get("emblem")
    if upload is None:
        messages.error(request, _("Pilih berkas lambang (JPEG atau PNG)."))
        return redirect(f"{plan.get_absolute_url()}#plan-pdf-heading")
    try:
        plan_emblem_save(plan=plan, by=request.user, upload=upload)
    except (PdfJobError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request, _("Lambang daerah disimpan; PDF yang dibuat sesudah ini memuatnya.")
        )
    return redirect(f"{plan.get_absolute_url()}#plan-pdf-heading")


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
    path("<int:pk>/pdf/lambang/", plan_pdf_emblem, name="plan_pdf_emblem"),
    path("<int:pk>/pdf/pratinjau/", plan_pdf_preview_status, name="plan_pdf_preview_status"),
    path("<int:pk>/pdf/pratinjau/buat/", plan_pdf_preview, name="plan_pdf_preview"),
]
