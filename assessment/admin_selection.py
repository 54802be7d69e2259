"""Admin for selection decisions (read-only records) and the cohorts' equity rules.

A selection is made once, through `services.selection.selection_make` (the staff page), which
also moves candidate statuses and e-mails the regions; editing or deleting it here would
silently rewrite a Dirjen's letter, so the admin only shows it.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EquityRules, Selection, SelectionDeviation


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
    fields = [
        "cohort",
        "letter_number",
        "letter_date",
        "decided_by",
        "decided_at",
        "ranking",
        "proposal",
    ]
    readonly_fields = fields
    inlines = [SelectionDeviationInline]


@admin.register(EquityRules)
class EquityRulesAdmin(SimpleHistoryAdmin):
    """A cohort's pemerataan rules for the balanced proposal (`assessment.equity`); an empty
    field switches its rule off. Read only once the cohort's selection is made: the decision
    recorded the rules it started from."""

    list_display = [
        "cohort",
        "max_per_province",
        "min_per_island_group",
        "min_kota_percent",
        "min_kabupaten_percent",
        "min_score",
    ]
    list_select_related = ["cohort"]
    fields = list_display

    def get_readonly_fields(self, request, obj=None):
        return ["cohort"] if obj else []

    def has_change_permission(self, request, obj=None):
        decided = obj is not None and Selection.objects.filter(cohort_id=obj.cohort_id).exists()
        return not decided and super().has_change_permission(request, obj)
