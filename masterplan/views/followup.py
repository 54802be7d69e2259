"""Quick-win follow-up pages: the region's progress reports, their evidence, the staff table.

Who follows which quick win is decided in `services.followup.quick_wins_visible_to` (404 for
missing and not-yours alike); the views only gate by role.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from candidates.models import Cohort
from smartcity.access import role_required
from smartcity.exports import table_response
from smartcity.idempotency import claim_post_token
from smartcity.models import User
from smartcity.storage import private_file_response
from smartcity.validators import NOTE_MAX, text_field

from ..models import QuickWinUpdate
from ..services.followup import (
    FollowupError,
    quick_win_for_user,
    quick_win_may_post,
    quick_win_rows,
    quick_win_table_rows,
    quick_win_update_for_user,
    quick_win_update_post,
)

followers = role_required(User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR)
staff_only = role_required(User.Role.STAFF)

EVIDENCE_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}


class QuickWinUpdateForm(forms.Form):
    percent = forms.IntegerField(
        label=gettext_lazy("Persen selesai"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": gettext_lazy("Persen selesai antara 0 dan 100."),
            "max_value": gettext_lazy("Persen selesai antara 0 dan 100."),
            "invalid": gettext_lazy("Isi persen selesai dengan bilangan bulat."),
            "required": gettext_lazy("Isi persen selesai."),
        },
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", "—"), *QuickWinUpdate.Status.choices],
        error_messages={"required": gettext_lazy("Pilih status progres.")},
    )
    note = text_field(gettext_lazy("Catatan"), max_length=NOTE_MAX, rows=3)
    evidence = forms.FileField(
        label=gettext_lazy("Bukti (PDF atau gambar JPEG/PNG, maks. 10 MB)"), required=False
    )


def _render_progress(request, programme, *, form=None, status=200):
    (row,) = quick_win_rows([programme])
    may_post, refusal = quick_win_may_post(request.user, programme)
    if may_post and form is None:
        # A new report starts empty, the last one shown beside it: a form pre-filled with the
        # last report saved a copy of it with one click.
        form = QuickWinUpdateForm()
    updates = list(programme.updates.select_related("created_by"))
    context = {
        "row": row,
        "plan": programme.plan,
        "programme": programme,
        "updates": updates,
        "last": updates[0] if updates else None,
        "may_post": may_post,
        "refusal": refusal,
        "form": form if may_post else None,
    }
    return render(request, "masterplan/followup/progress.html", context, status=status)


@require_http_methods(["GET", "POST"])
@followers
def quick_win_progress(request, pk, prog_pk):
    """A quick win's progress history; its region's officials post new updates here."""
    programme = quick_win_for_user(request.user, pk, prog_pk)
    if request.method == "GET":
        return _render_progress(request, programme)
    allowed, reason = quick_win_may_post(request.user, programme)
    if not allowed:
        raise PermissionDenied(reason)
    form = QuickWinUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                # A double click posts the same form twice: the second is answered, not stored.
                if claim_post_token(request):
                    quick_win_update_post(
                        programme=programme,
                        by=request.user,
                        percent=data["percent"],
                        status=data["status"],
                        note=data["note"],
                        evidence=data["evidence"],
                    )
        except ValidationError as exc:
            form.add_error(None, exc)
        except FollowupError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Progres quick win tersimpan."))
            return redirect("quick_win_progress", pk=pk, prog_pk=prog_pk)
    return _render_progress(request, programme, form=form, status=400)


@require_GET
@followers
def quick_win_evidence(request, update_pk):
    """An update's evidence as a download: the region's officials, its mentors and staff."""
    update = quick_win_update_for_user(request.user, update_pk)
    extension = "." + update.evidence.rsplit(".", 1)[-1] if "." in update.evidence else ""
    return private_file_response(
        update.evidence,
        download_name=update.evidence_name or f"bukti{extension}",
        content_type=EVIDENCE_TYPES.get(extension, "application/octet-stream"),
    )


def _int_or_none(value):
    return int(value) if value and value.isdigit() else None


@require_GET
@staff_only
def quick_win_table(request):
    """Every quick win of approved plans across regions, with its lag; filter and CSV export."""
    cohort_year = _int_or_none(request.GET.get("cohort"))
    lagging_only = request.GET.get("lagging") == "1"
    today = timezone.localdate()
    rows = quick_win_table_rows(
        request.user, cohort_year=cohort_year, lagging_only=lagging_only, today=today
    )
    if request.GET.get("format") == "csv":
        return _csv(rows, today)
    return render(
        request,
        "masterplan/followup/table.html",
        {
            "rows": rows,
            "cohorts": list(Cohort.objects.order_by("-year").values_list("year", flat=True)),
            "cohort_year": cohort_year,
            "lagging_only": lagging_only,
            "lagging_count": sum(1 for r in rows if r.lag.lagging),
            "today": today,
        },
    )


def _lag_cell(lag) -> str:
    if lag.invalid_date:
        return _("tanggal tidak valid")
    return _("ya") if lag.lagging else _("tidak")


def _csv(rows, today):
    return table_response(
        filename=f"quick-win-{today.isoformat()}",
        header=[
            _("Kode wilayah"),
            _("Wilayah"),
            _("Angkatan"),
            _("Program"),
            _("Bulan"),
            _("Mulai"),
            _("Target %"),
            _("Progres %"),
            _("Status"),
            _("Laporan terakhir"),
            _("Tertinggal"),
            _("Alasan"),
        ],
        rows=(
            [
                r.region.code,
                r.region.name,
                r.cohort.year,
                r.programme.name,
                r.months,
                r.start.isoformat() if r.start else "",
                r.expected,
                r.latest_percent,
                r.latest_status_label,
                timezone.localdate(r.latest_at).isoformat() if r.latest_at else "",
                _lag_cell(r.lag),
                r.lag.reason,
            ]
            for r in rows
        ),
        fmt="csv",
        bom=True,  # so spreadsheet programs read the region names as UTF-8
    )


urlpatterns = [
    path("quick-win/", quick_win_table, name="quick_win_table"),
    path("quick-win/progres/<int:update_pk>/bukti/", quick_win_evidence, name="quick_win_evidence"),
    path(
        "<int:pk>/quick-win/<int:prog_pk>/progres/", quick_win_progress, name="quick_win_progress"
    ),
]
