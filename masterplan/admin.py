from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Dimension, Element, PdfJob, Plan, Programme, ProgrammeType
from .pdfjobs import PdfJobError, pdf_job_retry


class ElementInline(admin.TabularInline):
    model = Element
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "code"]
    inlines = [ElementInline]


@admin.register(ProgrammeType)
class ProgrammeTypeAdmin(admin.ModelAdmin):
    """The list of programme types plans group their programmes by: staff keep it. A type in
    use cannot be deleted (programmes protect it); rename it instead. Frozen versions keep the
    name they were submitted with."""

    list_display = ["order", "name", "code"]
    list_display_links = ["name"]
    list_editable = ["order"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        # The code is what snapshots refer to: fixed once the type exists.
        return ["code"] if obj is not None else []


class ReadOnlyAdmin(admin.ModelAdmin):
    """Plans and their jobs change only through the services (workflow, PDF jobs): the admin
    shows them to staff for support, and offers the same actions the pages do."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "status", "version_count", "status_changed_at", "updated_by"]
    list_filter = ["status", "candidate__cohort"]
    search_fields = ["candidate__region__name", "candidate__region__code"]
    list_select_related = ["candidate__region", "candidate__cohort", "updated_by"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "plan", "dimension", "programme_type", "start_year", "end_year"]
    list_filter = ["programme_type", "dimension", "is_quick_win"]
    search_fields = ["name", "agency", "rpjmd_reference", "renstra_reference"]
    list_select_related = [
        "plan__candidate__region",
        "plan__candidate__cohort",
        "dimension",
        "programme_type",
    ]


@admin.register(PdfJob)
class PdfJobAdmin(ReadOnlyAdmin):
    list_display = [
        "version",
        "approved",
        "status",
        "attempts",
        "requested_at",
        "render_seconds",
        "pages",
        "short_error",
    ]
    list_filter = ["status", "approved"]
    list_select_related = ["version__plan__candidate__region", "version__plan__candidate__cohort"]
    actions = ["retry"]
    # What is printed first, then the render's state (fields `RenderJob` shares with briefings).
    fields = [
        ("version", "plan"),
        ("book", "approved"),
        "preview_sha256",
        ("status", "attempts", "claimed_by"),
        ("requested_by", "requested_at", "enqueued_at"),
        ("started_at", "finished_at", "render_seconds"),
        ("file", "file_size", "pages"),
        "sha256",
        "error",
    ]

    @admin.display(description=_("galat"))
    def short_error(self, job):
        return job.error[:80]

    @admin.action(description=_("Ulangi pembuatan PDF yang gagal"))
    def retry(self, request, queryset):
        retried = 0
        for job in queryset.filter(status=PdfJob.Status.FAILED):
            try:
                pdf_job_retry(job=job, by=request.user)
            except PdfJobError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                retried += 1
        self.message_user(request, _("%(n)s PDF diulang.") % {"n": retried})
