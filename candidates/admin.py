from django import forms
from django.contrib import admin
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import admin_import  # noqa: F401 — registers the indicator import admin
from .models import (
    Candidate,
    Cohort,
    IndicatorSet,
    ScreeningExclusion,
    ScreeningResult,
    ScreeningRound,
    ScreeningRun,
    trimmed,
)
from .ranking import Weights


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
        (_("Kuota"), {"fields": ["quota_invited", "quota_assessed", "quota_selected"]}),
        (
            _("Jadwal"),
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
    # "N of M" would count the whole table a second time on every filtered page.
    show_full_result_count = False


def _trimmed_value(name: str):
    """Shows a stored indicator as the file wrote it (`0,6012`), not padded to 12 decimals."""
    field = IndicatorSet._meta.get_field(name)

    @admin.display(description=field.verbose_name, ordering=name)
    def show(model_admin, obj):
        # A string, so the list and the read-only detail page render it alike.
        value = trimmed(getattr(obj, name))
        return model_admin.get_empty_value_display() if value is None else number_format(value)

    return show


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    """Indicator rows are read here; they change only through an audited import."""

    fiscal = _trimmed_value("fiscal_capacity_index")
    ekppd = _trimmed_value("ekppd_score")
    green = _trimmed_value("green_city_index")
    sustainable = _trimmed_value("sustainable_city_index")

    list_display = ["region", "year", "fiscal", "ekppd", "green", "sustainable"]
    fields = [
        "region",
        "year",
        "dataset",
        "fiscal",
        "fiscal_capacity_category",
        "ekppd",
        "ekppd_status",
        "ekppd_rank",
        "green",
        "sustainable",
    ]
    readonly_fields = fields
    list_filter = ["year", "region__kind", "fiscal_capacity_category", "ekppd_status"]
    search_fields = ["region__code", "region__name"]
    list_select_related = ["region"]
    list_max_show_all = 600  # a whole year (514 kab/kota) on one page
    show_full_result_count = False  # see CandidateAdmin

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _confirmed(obj) -> bool:
    return obj is not None and obj.confirmed_run_id is not None


class ScreeningExclusionInline(admin.TabularInline):
    """A confirmed round's exclusions are part of the shortlist it confirmed: read only."""

    model = ScreeningExclusion
    extra = 0
    autocomplete_fields = ["region"]

    def has_add_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_delete_permission(request, obj)


class ScreeningRoundForm(forms.ModelForm):
    class Meta:
        model = ScreeningRound
        fields = [
            "cohort",
            "method",
            "weight_fiscal",
            "weight_governance",
            "weight_green",
            "quota",
            "min_fiscal_category",
            "min_ekppd_status",
        ]

    def clean(self):
        data = super().clean()
        keys = ("weight_fiscal", "weight_governance", "weight_green")
        try:
            Weights(*(data.get(key) or 0 for key in keys))
        except ValueError:
            raise forms.ValidationError(_("Bobot harus ≥ 0 dan berjumlah 1.")) from None
        return data


@admin.register(ScreeningRound)
class ScreeningRoundAdmin(SimpleHistoryAdmin):
    """Weights, quota, hard filters and exclusions; runs are made from the screening pages."""

    form = ScreeningRoundForm
    list_display = [
        "cohort",
        "weight_fiscal",
        "weight_governance",
        "weight_green",
        "quota",
        "confirmed_run",
    ]
    fields = [
        "cohort",
        "method",
        ("weight_fiscal", "weight_governance", "weight_green"),
        "quota",
        "min_fiscal_category",
        "min_ekppd_status",
        "confirmed_run",
        "confirmed_at",
        "confirmed_by",
    ]
    readonly_fields = ["confirmed_run", "confirmed_at", "confirmed_by"]
    inlines = [ScreeningExclusionInline]

    def has_change_permission(self, request, obj=None):
        # A confirmed round keeps the settings its shortlist was drawn with (the screening
        # services refuse to change it too); the admin shows it read only.
        return not _confirmed(obj) and super().has_change_permission(request, obj)


class ScreeningResultInline(admin.TabularInline):
    model = ScreeningResult
    fields = ["rank", "region", "status", "composite_score", "reason"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0
    ordering = ["rank"]


@admin.register(ScreeningRun)
class ScreeningRunAdmin(admin.ModelAdmin):
    """Runs are immutable records: visible here, never editable."""

    list_display = ["round", "number", "run_at", "run_by", "ranked_count", "shortlisted_count"]
    list_filter = ["round__cohort"]
    readonly_fields = [
        "round",
        "number",
        "dataset",
        "dataset_checksum",
        "parameters",
        "note",
        "run_by",
        "run_at",
        "pool_size",
        "ranked_count",
        "shortlisted_count",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
