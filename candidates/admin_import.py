"""Admin for indicator imports: upload, preview, confirm (all-or-nothing), templates.

The upload flow is the only way to add an IndicatorImport: a dataset is the audit record of a
file, so it is never typed in, edited or deleted by hand. Between the preview and the
confirmation the uploaded bytes stay on the server (under PRIVATE_MEDIA_ROOT/imports); the
browser only carries a random token, and what was uploaded (year, file name, sources, checksum)
is remembered in the session, so nothing the officer confirms can be swapped on the way.
"""

import contextlib
import hashlib
import re
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from smartcity.exports import CONTENT_TYPES
from smartcity.models import Region

from .indicator_file import template_csv, template_xlsx
from .models import IndicatorImport, IndicatorSet
from .services import IndicatorImportError, ReplaceRequired, indicators_import
from .services.indicators import INDICATOR_YEAR_MAX, INDICATOR_YEAR_MIN

PREVIEW_ROWS = 20
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the national file (514 rows) is ~40 KB as CSV
PENDING_MAX_AGE_SECONDS = 24 * 60 * 60  # abandoned previews are removed after a day
SESSION_KEY = "indicator_import_pending"
EXTENSIONS = ("csv", "xlsx")
TOKEN_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
TEMPLATE_DIR = "admin/candidates/indicatorimport"
SOURCE_FIELDS = ("fiscal_regulation", "ekppd_regulation", "green_source")


def _source_field(name: str) -> forms.CharField:
    model_field = IndicatorImport._meta.get_field(name)
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        max_length=model_field.max_length,
        required=False,
    )


class IndicatorUploadForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tahun data"),
        min_value=INDICATOR_YEAR_MIN,
        max_value=INDICATOR_YEAR_MAX,
        initial=lambda: timezone.localdate().year,
    )
    file = forms.FileField(
        label=_("Berkas indikator"),
        help_text=_("CSV (UTF-8) atau XLSX dengan baris judul sesuai templat; maks. 5 MB."),
        validators=[FileExtensionValidator(EXTENSIONS)],
    )
    fiscal_regulation = _source_field("fiscal_regulation")
    ekppd_regulation = _source_field("ekppd_regulation")
    green_source = _source_field("green_source")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (maks. 5 MB)."))
        return upload


# --- uploads waiting for confirmation ----------------------------------------------------


def _imports_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "imports"


def _pending_path(token: str, ext: str) -> Path:
    """The file of a pending upload; refuses anything that is not our own token and extension."""
    if not TOKEN_RE.fullmatch(token) or ext not in EXTENSIONS:
        raise ValueError("not a pending-upload token")
    folder = _imports_dir().resolve()
    path = (folder / f"{token}.{ext}").resolve()
    if path.parent != folder:  # belt and braces: the pattern above already rules this out
        raise ValueError("pending upload outside the imports folder")
    return path


def _pending_purge_stale(folder: Path) -> None:
    """Forget previews nobody confirmed, so the folder does not grow without bound."""
    cutoff = time.time() - PENDING_MAX_AGE_SECONDS
    for item in folder.iterdir():
        stem, _dot, ext = item.name.partition(".")
        if TOKEN_RE.fullmatch(stem) and ext in EXTENSIONS and item.stat().st_mtime < cutoff:
            item.unlink(missing_ok=True)


def _pending_save(request, *, data: bytes, meta: dict) -> str:
    """Keep the uploaded bytes on the server and remember what they are in the session."""
    folder = _imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _pending_purge_stale(folder)
    token = str(uuid.uuid4())
    with open(_pending_path(token, meta["ext"]), "xb") as out:
        out.write(data)
    pending = {
        key: value
        for key, value in request.session.get(SESSION_KEY, {}).items()
        if _pending_path(key, value["ext"]).exists()
    }
    pending[token] = {**meta, "checksum": hashlib.sha256(data).hexdigest()}
    request.session[SESSION_KEY] = pending
    return token


def _pending_load(request, token: str) -> tuple[dict, bytes] | None:
    """The metadata and bytes of this user's pending upload, or None if it is gone or altered."""
    meta = request.session.get(SESSION_KEY, {}).get(token)
    if meta is None:
        return None
    try:
        data = _pending_path(token, meta["ext"]).read_bytes()
    except (ValueError, OSError):
        _pending_discard(request, token)
        return None
    if hashlib.sha256(data).hexdigest() != meta["checksum"]:
        _pending_discard(request, token)
        return None
    return meta, data


def _pending_discard(request, token: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    meta = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if meta is not None:
        with contextlib.suppress(ValueError):
            _pending_path(token, meta["ext"]).unlink(missing_ok=True)


def _service_kwargs(meta: dict) -> dict:
    return {
        "year": meta["year"],
        "file_name": meta["file_name"],
        **{name: meta[name] for name in SOURCE_FIELDS},
    }


# --- the admin ---------------------------------------------------------------------------


class CurrentFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("current", _("Berlaku")), ("superseded", _("Sudah diganti"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.filter(superseded_at__isnull=True)
        if self.value() == "superseded":
            return queryset.filter(superseded_at__isnull=False)
        return queryset


@admin.register(IndicatorImport)
class IndicatorImportAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "file_name",
        "row_count",
        "imported_by",
        "imported_at",
        "is_demo",
        "superseded_at",
    ]
    list_filter = ["year", CurrentFilter, "is_demo"]
    list_select_related = ["imported_by"]
    fields = [
        "year",
        "file_name",
        "row_count",
        "checksum",
        "fiscal_regulation",
        "ekppd_regulation",
        "green_source",
        "is_demo",
        "imported_by",
        "imported_at",
        "superseded_at",
    ]
    readonly_fields = fields

    # Read-only otherwise: a dataset is the audit record of a file. `add` stays a real
    # permission because it is what the upload flow requires.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:candidates_indicatorimport_upload")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        custom = [
            path("impor/", wrap(self.upload_view), name="candidates_indicatorimport_upload"),
            path(
                "impor/konfirmasi/",
                wrap(self.confirm_view),
                name="candidates_indicatorimport_confirm",
            ),
            path(
                "templat.csv",
                wrap(self.template_csv_view),
                name="candidates_indicatorimport_template_csv",
            ),
            path(
                "templat.xlsx",
                wrap(self.template_xlsx_view),
                name="candidates_indicatorimport_template_xlsx",
            ),
        ]
        # Before the defaults: `<path:object_id>/` would otherwise swallow these.
        return custom + super().get_urls()

    # --- views ---

    def upload_view(self, request):
        """Step 1 (form) and step 2 (preview: every problem, or a summary to confirm)."""
        self._require_add_permission(request)
        form = IndicatorUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            meta = {
                "year": form.cleaned_data["year"],
                "file_name": upload.name,
                "ext": upload.name.rsplit(".", 1)[-1].lower(),
                **{name: form.cleaned_data[name] for name in SOURCE_FIELDS},
            }
            return self._preview(request, meta=meta, data=upload.read())
        context = self._context(request, title=_("Impor berkas indikator"), form=form)
        return TemplateResponse(request, f"{TEMPLATE_DIR}/upload.html", context)

    def confirm_view(self, request):
        """Step 3: import the previewed file for real, then back to the list."""
        self._require_add_permission(request)
        if request.method != "POST":
            return redirect("admin:candidates_indicatorimport_upload")
        token = request.POST.get("token", "")
        if not TOKEN_RE.fullmatch(token):
            return HttpResponseBadRequest(_("Token unggahan tidak valid."))
        loaded = _pending_load(request, token)
        if loaded is None:
            messages.error(
                request,
                _("Unggahan tidak ditemukan atau sudah kedaluwarsa. Silakan unggah ulang berkas."),
            )
            return redirect("admin:candidates_indicatorimport_upload")
        meta, data = loaded
        try:
            summary = indicators_import(
                data=data,
                by=request.user,
                replace=request.POST.get("confirm_replace") == "on",
                **_service_kwargs(meta),
            )
        except ReplaceRequired:
            error = _(
                "Data tahun ini sudah ada. Centang “Saya mengerti data tahun ini akan diganti” "
                "untuk menggantinya."
            )
            return self._preview(request, meta=meta, data=data, token=token, error=error)
        except IndicatorImportError as exc:
            # Something changed since the preview (the region list, or a concurrent import of
            # the same year): show the file afresh, with what went wrong.
            error = " ".join(problem.message for problem in exc.problems)
            return self._preview(request, meta=meta, data=data, token=token, error=error)
        _pending_discard(request, token)
        message = _(
            "Data indikator tahun %(year)s diimpor dari %(file)s: %(rows)s baris (%(complete)s "
            "lengkap, %(incomplete)s tidak lengkap)."
        ) % {
            "year": summary.year,
            "file": summary.dataset.file_name,
            "rows": summary.row_count,
            "complete": summary.complete_count,
            "incomplete": summary.incomplete_count,
        }
        if summary.replaced is not None:
            message += " " + _(
                "Data sebelumnya (%(file)s, %(rows)s baris) ditandai sudah diganti."
            ) % {"file": summary.replaced.file_name, "rows": summary.replaced.row_count}
        messages.success(request, message)
        return redirect("admin:candidates_indicatorimport_changelist")

    def template_csv_view(self, request):
        return self._template_download(request, template_csv(), "csv")

    def template_xlsx_view(self, request):
        return self._template_download(request, template_xlsx(), "xlsx")

    # --- helpers ---

    def _require_add_permission(self, request) -> None:
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _template_download(self, request, content: bytes, ext: str):
        if not (self.has_view_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
        response["Content-Disposition"] = f'attachment; filename="templat-indikator.{ext}"'
        return response

    def _preview(self, request, *, meta: dict, data: bytes, token: str | None = None, error=""):
        """Validate without writing; keep the bytes for the confirmation only if they are fine."""
        context = {"meta": meta, "error": error}
        try:
            summary = indicators_import(data=data, dry_run=True, **_service_kwargs(meta))
        except IndicatorImportError as exc:
            if token is not None:
                _pending_discard(request, token)
            context["problems"] = exc.problems
        else:
            if token is None:
                token = _pending_save(request, data=data, meta=meta)
            rows = summary.rows[:PREVIEW_ROWS]
            names = dict(
                Region.objects.filter(code__in=[row.region_code for row in rows]).values_list(
                    "code", "name"
                )
            )
            fiscal = dict(IndicatorSet.FiscalCategory.choices)
            ekppd = dict(IndicatorSet.EkppdStatus.choices)
            context |= {
                "summary": summary,
                "token": token,
                # Categories and statuses by their labels, as the rest of the portal shows them.
                "preview_rows": [
                    (
                        row,
                        names.get(row.region_code, ""),
                        fiscal.get(row.fiscal_capacity_category, row.fiscal_capacity_category),
                        ekppd.get(row.ekppd_status, row.ekppd_status),
                    )
                    for row in rows
                ],
                "hidden_row_count": max(summary.row_count - PREVIEW_ROWS, 0),
            }
        title = _("Pratinjau impor indikator tahun %(year)s") % {"year": meta["year"]}
        context = self._context(request, title=title, **context)
        return TemplateResponse(request, f"{TEMPLATE_DIR}/preview.html", context)

    def _context(self, request, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "has_view_permission": self.has_view_permission(request),
            "max_preview_rows": PREVIEW_ROWS,
            **extra,
        }
