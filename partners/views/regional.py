"""Regional pages: the Dewan Smart City and Tim Pelaksana, and the Bimtek log.

Officials maintain their own region's bodies; staff read any region's. The Bimtek log is
recorded by staff and the region's assigned mentors and read by the region's officials. Who may
see what is decided in `partners.access` (404 for missing and not-yours alike); the views only
gate by role.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candidates.models import Cohort
from smartcity.access import role_required, user_has_role
from smartcity.models import Region, User
from smartcity.storage import private_file_response

from ..access import (
    bimtek_candidate_for_user,
    bimtek_document_for_user,
    bimtek_may_record,
    body_decree_for_user,
    body_region_for_user,
)
from ..forms_regional import BimtekDocumentForm, BimtekRecordForm, BodyForm, MemberForm
from ..models import BimtekSession, SmartCityBody
from ..services.bimtek import (
    BimtekError,
    bimtek_assigned_mentors,
    bimtek_document_add,
    bimtek_progress,
    bimtek_record,
    bimtek_sessions_of,
)
from ..services.bodies import (
    BodyError,
    bodies_of,
    body_member_add,
    body_member_remove,
    body_save,
    dimension_coverage,
)

staff_only = role_required(User.Role.STAFF)
body_readers = role_required(User.Role.STAFF, User.Role.OFFICIAL)
bimtek_readers = role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR)


# --- Dewan Smart City and Tim Pelaksana ------------------------------------------------------


def _render_bodies(request, region, *, editable, forms=None, status=200):
    bodies = bodies_of(region)
    forms = forms or {}
    panels = []
    for kind, label in SmartCityBody.Kind.choices:
        body = bodies[kind]
        panel = {"kind": kind, "label": label, "body": body}
        if editable:
            initial = {"kind": kind}
            if body:
                initial.update(decree_number=body.decree_number, decree_date=body.decree_date)
            panel["body_form"] = forms.get(("body", kind)) or BodyForm(initial=initial, prefix=kind)
            panel["member_form"] = forms.get(("member", kind)) or MemberForm(
                initial={"kind": kind}, prefix=f"{kind}-m"
            )
        panels.append(panel)
    return render(
        request,
        "partners/regional/bodies.html",
        {
            "region": region,
            "panels": panels,
            "coverage": dimension_coverage(bodies.values()),
            "editable": editable,
        },
        status=status,
    )


@body_readers
@require_http_methods(["GET", "POST"])
def bodies(request):
    """Officials: their region's bodies, editable. Staff: the regions that recorded bodies."""
    if not user_has_role(request.user, User.Role.OFFICIAL):
        if request.method == "POST":
            return redirect("bodies")
        regions = (
            Region.objects.filter(smart_city_bodies__isnull=False)
            .annotate(n_bodies=Count("smart_city_bodies"))
            .order_by("code")
        )
        return render(request, "partners/regional/bodies_index.html", {"regions": regions})
    region = request.user.region
    if request.method == "GET":
        return _render_bodies(request, region, editable=True)
    action = request.POST.get("action")
    kind = request.POST.get("kind", "")
    if action == "body":
        form = BodyForm(request.POST, request.FILES, prefix=kind)
        if form.is_valid():
            data = form.cleaned_data
            try:
                body_save(
                    region=region,
                    kind=data["kind"],
                    decree_number=data["decree_number"],
                    decree_date=data["decree_date"],
                    upload=data["decree_file"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error("decree_file", exc)
            else:
                messages.success(request, _("SK lembaga tersimpan."))
                return redirect("bodies")
        return _render_bodies(
            request, region, editable=True, forms={("body", kind): form}, status=400
        )
    if action == "member":
        form = MemberForm(request.POST, prefix=f"{kind}-m")
        body = SmartCityBody.objects.filter(region=region, kind=kind).first()
        if body is None:
            messages.error(request, _("Catat SK lembaga terlebih dahulu."))
            return redirect("bodies")
        if form.is_valid():
            data = form.cleaned_data
            try:
                body_member_add(
                    body=body,
                    name=data["name"],
                    position=data["position"],
                    agency=data["agency"],
                    role=data["role"],
                    dimension=data["dimension"],
                    by=request.user,
                )
            except BodyError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Anggota ditambahkan."))
                return redirect("bodies")
        return _render_bodies(
            request, region, editable=True, forms={("member", kind): form}, status=400
        )
    if action == "remove" and request.POST.get("member", "").isdigit():
        body_member_remove(region=region, member_id=int(request.POST["member"]), by=request.user)
        messages.success(request, _("Anggota dihapus."))
    return redirect("bodies")


@body_readers
@require_GET
def bodies_for_region(request, region_code: str):
    """A region's bodies, read-only: staff any region, officials only their own."""
    region = body_region_for_user(request.user, region_code)
    return _render_bodies(request, region, editable=False)


@login_required
@require_GET
def body_decree_download(request, region_code: str, kind: str):
    """The decree as a download, for staff and the region's officials; 404 for everyone else."""
    body = body_decree_for_user(request.user, region_code, kind)
    return private_file_response(
        body.decree_file,
        download_name=body.decree_file_name or "sk.pdf",
        content_type="application/pdf",
    )


# --- Bimtek ---------------------------------------------------------------------------------


def _render_log(request, candidate, *, record_form=None, document_form=None, status=200):
    sessions = bimtek_sessions_of(candidate)
    may_record, _refusal = bimtek_may_record(request.user, candidate)
    recorded = [s for s in sessions.values() if s]
    context = {
        "candidate": candidate,
        "stages": [
            {"stage": stage, "label": BimtekSession.Stage(stage).label, "session": session}
            for stage, session in sessions.items()
        ],
        "may_record": may_record,
    }
    if may_record:
        next_stage = len(recorded) + 1
        if next_stage <= len(sessions):
            context["record_form"] = record_form or BimtekRecordForm(
                initial={"stage": next_stage}, mentors=bimtek_assigned_mentors(candidate)
            )
        if recorded:
            context["document_form"] = document_form or BimtekDocumentForm(stages=recorded)
    return render(request, "partners/regional/bimtek_log.html", context, status=status)


@bimtek_readers
@require_http_methods(["GET", "POST"])
def bimtek_log(request, candidate_id: int):
    """A region's four workshops: recorded by staff and its mentors, read by its officials."""
    if request.method == "GET":
        return _render_log(request, bimtek_candidate_for_user(request.user, candidate_id))
    candidate = bimtek_candidate_for_user(request.user, candidate_id, write=True)
    if request.POST.get("action") == "document":
        recorded = [s for s in bimtek_sessions_of(candidate).values() if s]
        form = BimtekDocumentForm(request.POST, request.FILES, stages=recorded)
        if form.is_valid():
            session = next(s for s in recorded if s.stage == form.cleaned_data["stage"])
            try:
                bimtek_document_add(
                    session=session, upload=form.cleaned_data["document"], by=request.user
                )
            except ValidationError as exc:
                form.add_error("document", exc)
            else:
                messages.success(request, _("Dokumen Bimtek tersimpan."))
                return redirect("bimtek_log", candidate_id=candidate.pk)
        return _render_log(request, candidate, document_form=form, status=400)
    form = BimtekRecordForm(request.POST, mentors=bimtek_assigned_mentors(candidate))
    if form.is_valid():
        data = form.cleaned_data
        try:
            bimtek_record(
                candidate=candidate,
                stage=data["stage"],
                data=data,
                mentors=data["mentors"],
                by=request.user,
            )
        except BimtekError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Bimtek tercatat."))
            return redirect("bimtek_log", candidate_id=candidate.pk)
    return _render_log(request, candidate, record_form=form, status=400)


@login_required
@require_GET
def bimtek_document_download(request, document_id: int):
    """A Bimtek document, for staff, the region's officials and its assigned mentors only."""
    document = bimtek_document_for_user(request.user, document_id)
    return private_file_response(
        document.file, download_name=document.original_name, content_type=document.content_type
    )


@staff_only
@require_GET
def bimtek_progress_view(request, year: int):
    """Every region of the cohort in the programme with the highest Bimtek stage it reached."""
    cohort = get_object_or_404(Cohort, year=year)
    candidates = bimtek_progress(cohort)
    stages = [
        {
            "stage": stage,
            "label": label,
            # Stages are recorded in order: reaching N means N was recorded.
            "count": sum(1 for c in candidates if (c.highest_stage or 0) >= stage),
        }
        for stage, label in BimtekSession.Stage.choices
    ]
    return render(
        request,
        "partners/regional/bimtek_progress.html",
        {"cohort": cohort, "candidates": candidates, "stages": stages},
    )


urlpatterns = [
    path("lembaga/", bodies, name="bodies"),
    path("lembaga/<str:region_code>/", bodies_for_region, name="bodies_for_region"),
    path(
        "lembaga/<str:region_code>/<str:kind>/sk/",
        body_decree_download,
        name="body_decree_download",
    ),
    path("bimtek/<int:year>/", bimtek_progress_view, name="bimtek_progress"),
    path("bimtek/kandidat/<int:candidate_id>/", bimtek_log, name="bimtek_log"),
    path(
        "bimtek/dokumen/<int:document_id>/",
        bimtek_document_download,
        name="bimtek_document_download",
    ),
]
