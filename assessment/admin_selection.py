"""Admin for selection decisions: read-only records.

A selection is made once, through `services.selection.selection_make` (the staff page), which
also moves candidate statuses and e-mails the regions; editing or deleting it here would
silently rewrite a Dirjen's letter, so the admin only shows it.
"""

from django.contrib import admin

from .models import Selection, SelectionDeviation


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SelectionDeviationInline(ReadOnlyMixin, admin.TabularInline):
    model = SelectionDeviation
    fields = ["candidate", "kind", "rank", "reason"]
    readonly_fields = fields
    ordering = ["rank"]
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("candidate__region", "candidate__cohort")
        )


@admin.register(Selection)
class SelectionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["cohort", "letter_number", "letter_date", "decided_by", "decided_at"]
    list_select_related = ["cohort", "decided_by"]
    search_fields = ["letter_number", "cohort__name"]
    date_hierarchy = "letter_date"
    fields = ["cohort", "letter_number", "letter_date", "decided_by", "decided_at", "ranking"]
    readonly_fields = fields
    inlines = [SelectionDeviationInline]
