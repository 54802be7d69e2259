"""Admin of the self-assessments, verification panels and user surveys.

Staff create a region's panel with its interview slot and seat its evaluators here; every seat
goes through `panels.seat_refusals`, so a mentor of the region or a conflicted evaluator is
refused with the reason as a form error. Self-assessments, sheets and surveys are read only:
regions, evaluators and the survey import write them.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from smartcity.models import User

from .models_review import Panel, PanelSeat, SelfAssessment, SurveyImport
from .panels import PANEL_MAX, seat_refusals


class PanelForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["cycle", "region", "interview_at", "interview_place"]

    def clean(self):
        data = super().clean()
        cycle, region = data.get("cycle"), data.get("region")
        if cycle and cycle.instrument_id is None:
            raise ValidationError(
                _("Siklus ini tidak punya instrumen; tidak ada yang diverifikasi.")
            )
        if cycle and region and not cycle.regions.filter(pk=region.pk).exists():
            raise ValidationError(
                _("%(region)s tidak termasuk daerah peserta siklus ini.")
                % {"region": region.short_name}
            )
        if self.instance.pk and self.instance.is_submitted:
            raise ValidationError(_("Hasil panel sudah diajukan dan dibekukan."))
        return data


class SeatFormSet(forms.BaseInlineFormSet):
    """Refuses a mentor of the region, a conflicted evaluator, and more than PANEL_MAX seats;
    a submitted sheet's seat cannot be removed."""

    def clean(self):
        super().clean()
        region = self.instance.region if self.instance.region_id else None
        kept = 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data:
                continue
            if data.get("DELETE"):
                if form.instance.pk and form.instance.status == PanelSeat.Status.SUBMITTED:
                    form.add_error(None, _("Lembar nilai evaluator ini sudah diajukan."))
                continue
            kept += 1
            evaluator = data.get("evaluator")
            if evaluator is not None and region is not None and form.has_changed():
                reasons = seat_refusals(panel=self.instance, evaluator=evaluator)
                if reasons:
                    form.add_error("evaluator", " ".join(reasons))
        if kept > PANEL_MAX:
            raise ValidationError(_("Panel paling banyak %(n)s evaluator.") % {"n": PANEL_MAX})


class PanelSeatInline(admin.TabularInline):
    model = PanelSeat
    formset = SeatFormSet
    fields = ["evaluator", "status", "submitted_at"]
    readonly_fields = ["status", "submitted_at"]
    extra = 2

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "evaluator":
            kwargs["queryset"] = User.objects.filter(role=User.Role.EVALUATOR, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Panel)
class PanelAdmin(SimpleHistoryAdmin):
    form = PanelForm
    inlines = [PanelSeatInline]
    list_display = ["region", "cycle", "status", "interview_at", "interview_place"]
    list_filter = ["cycle", "status"]
    list_select_related = ["region", "cycle"]
    search_fields = ["region__name", "region__code"]
    readonly_fields = ["status", "submitted_at", "submitted_by"]

    def save_formset(self, request, form, formset, change):
        for seat in formset.save(commit=False):
            if not seat.pk:
                seat.assigned_by = request.user
            seat.save()
        for seat in formset.deleted_objects:
            seat.delete()


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["region", "cycle", "status", "submitted_at"]
    list_filter = ["cycle", "status"]
    list_select_related = ["region", "cycle"]
    search_fields = ["region__name", "region__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SurveyImport)
class SurveyImportAdmin(SimpleHistoryAdmin):
    list_display = ["region", "cycle", "respondents", "imported_at", "imported_by"]
    list_filter = ["cycle"]
    list_select_related = ["region", "cycle", "imported_by"]
    search_fields = ["region__name", "region__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
