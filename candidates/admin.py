from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Candidate, Cohort, IndicatorImport, IndicatorSet, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "is_administrative"]
    list_filter = ["kind", "is_administrative", ("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name"]
    list_select_related = ["province"]
    list_per_page = 100

    def has_delete_permission(self, request, obj=None):
        # Reference data from Kemendagri: codes are retired by `load_regions`, never deleted.
        return False


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    autocomplete_fields = ["region"]
    fields = ["region", "status"]


@admin.register(Cohort)
class CohortAdmin(SimpleHistoryAdmin):
    list_display = ["year", "name", "status", "quota_invited", "quota_assessed", "quota_selected"]
    list_filter = ["status"]
    fieldsets = [
        (None, {"fields": ["year", "name", "status", "notes"]}),
        ("Kuota", {"fields": ["quota_invited", "quota_assessed", "quota_selected"]}),
        (
            "Jadwal",
            {
                "fields": [
                    "screening_date",
                    "questionnaire_deadline",
                    ("assessment_start", "assessment_end"),
                    "selection_date",
                    ("mou_date", "mou_venue"),
                    ("mentoring_start", "mentoring_end"),
                ]
            },
        ),
    ]


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["region", "cohort", "status", "updated_at"]
    list_filter = ["cohort", "status", "region__kind"]
    search_fields = ["region__code", "region__name"]
    list_select_related = ["region", "cohort"]
    autocomplete_fields = ["region"]


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
    list_filter = ["year", "is_demo"]
    readonly_fields = ["checksum", "row_count", "imported_by", "imported_at", "superseded_at"]


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = [
        "region",
        "year",
        "fiscal_capacity_index",
        "ekppd_score",
        "green_city_index",
        "sustainable_city_index",
    ]
    list_filter = ["year", "region__kind", "fiscal_capacity_category", "ekppd_status"]
    search_fields = ["region__code", "region__name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
