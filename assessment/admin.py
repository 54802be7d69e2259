"""Admin of the assessment stage (rubric, sessions, panels, conflict register, score sheets).

Every write of a panel or a declaration goes through `assessment.services.panels`, so the admin
refuses what the services refuse and explains it as a form error.
"""

from . import admin_selection  # noqa: F401 — registers the selection admin

# isort: split

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from candidates.models import Cohort

from .conflicts import conflicts_between
from .models import (
    AssessmentSession,
    ConflictDeclaration,
    Criterion,
    InstitutionTie,
    PanelMember,
    Rubric,
    Score,
    ScoreSheet,
    Selection,
)
from .services.panels import (
    PanelError,
    conflict_declare,
    panel_seat_add,
    panel_seat_check,
    panel_seat_remove,
    panel_seat_schedule,
)
from .services.rubric import rubric_for_cohort

# --- Rubric ---------------------------------------------------------------------------------


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "section",
            "code",
            "order",
            "weight",
            "title",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "level_5",
        ]

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        if weight is not None and weight <= 0:
            raise ValidationError(_("Bobot harus lebih dari 0."))
        return weight


class CriterionFormSet(forms.BaseInlineFormSet):
    """At least one criterion; and once sheets carry scores, the set of criteria is fixed.

    Adding a criterion would make every submitted sheet incomplete (and so uncounted) and
    deleting one would drop scores; weights and descriptions may still be corrected.
    """

    def clean(self):
        super().clean()
        forms_ = [(f, getattr(f, "cleaned_data", None) or {}) for f in self.forms]
        deleted = [f for f, data in forms_ if data.get("DELETE") and f.instance.pk]
        added = [f for f, data in forms_ if data and f.instance.pk is None and f.has_changed()]
        kept = [
            f
            for f, data in forms_
            if data and not data.get("DELETE") and (f.instance.pk or f.has_changed())
        ]
        if not kept:
            raise ValidationError(_("Rubrik membutuhkan sedikitnya satu kriteria."))
        scored = self.instance.pk and Score.objects.filter(criterion__rubric=self.instance).exists()
        if scored and (added or deleted):
            raise ValidationError(
                _(
                    "Asesor sudah mengisi nilai dengan rubrik ini: kriteria tidak dapat ditambah "
                    "atau dihapus lagi (bobot dan deskripsi tingkat masih dapat diperbaiki)."
                )
            )


def _selection_decided(rubric) -> bool:
    """The cohort's selection was decided on this rubric's results: it stays as it was."""
    return rubric is not None and Selection.objects.filter(cohort_id=rubric.cohort_id).exists()


class CriterionInline(admin.StackedInline):
    model = Criterion
    form = CriterionForm
    formset = CriterionFormSet
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _selection_decided(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _selection_decided(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _selection_decided(obj) and super().has_delete_permission(request, obj)

    fields = [
        ("section", "code", "order", "weight"),
        "title",
        "level_1",
        "level_2",
        "level_3",
        "level_4",
        "level_5",
    ]


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    """A cohort's rubric: its criteria (weights > 0, five level descriptions) and the margin
    beyond which the panel's disagreement is flagged. The default rubric is created from
    `rubric_for_cohort`, by the button on the list or when an assessor first opens a sheet."""

    list_display = ["cohort", "disagreement_margin", "criteria_count", "weight_total"]
    list_select_related = ["cohort"]
    inlines = [CriterionInline]
    change_list_template = "admin/assessment/rubric/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_criteria=Count("criteria"), total_weight=Sum("criteria__weight"))
        )

    @admin.display(description=_("kriteria"), ordering="n_criteria")
    def criteria_count(self, obj):
        return obj.n_criteria

    @admin.display(description=_("jumlah bobot"), ordering="total_weight")
    def weight_total(self, obj):
        return obj.total_weight

    def get_readonly_fields(self, request, obj=None):
        return ["cohort"] if obj else []

    def has_change_permission(self, request, obj=None):
        # The published ranking and the selection were computed with these weights.
        return not _selection_decided(obj) and super().has_change_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "cohorts_without_rubric": Cohort.objects.filter(rubric__isnull=True).order_by("-year"),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.create_default_view))
        return [
            path(
                "bawaan/<int:cohort_id>/",
                view,
                name="assessment_rubric_create_default",
            ),
            *super().get_urls(),
        ]

    def create_default_view(self, request, cohort_id: int):
        """Create the cohort's default rubric (see `assessment.services.rubric`)."""
        if not self.has_add_permission(request):
            messages.error(request, _("Anda tidak berwenang membuat rubrik."))
            return redirect("admin:assessment_rubric_changelist")
        cohort = get_object_or_404(Cohort, pk=cohort_id)
        rubric = rubric_for_cohort(cohort=cohort)
        messages.success(request, _("Rubrik bawaan %(cohort)s dibuat.") % {"cohort": cohort})
        return redirect("admin:assessment_rubric_change", rubric.pk)


# --- Sessions and panels ----------------------------------------------------------------------


class PanelMemberInline(admin.TabularInline):
    """Read-only view of a session's seats; seats are added on the panel page (with checks)."""

    model = PanelMember
    extra = 0
    fields = ["candidate", "assessor", "override_reason"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AssessmentSession)
class AssessmentSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "start", "end", "room", "cohort", "seat_count"]
    list_filter = ["cohort", "room", "date"]
    search_fields = ["room", "cohort__name"]
    date_hierarchy = "date"
    ordering = ["date", "start", "room"]
    list_select_related = ["cohort"]
    inlines = [PanelMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_seats=Count("panel_seats"))

    @admin.display(description=_("kursi panel"), ordering="n_seats")
    def seat_count(self, obj):
        return obj.n_seats


class PanelMemberForm(forms.ModelForm):
    """Adding a seat: the service's refusals and the conflict register as form errors.

    A conflicted assessor is refused with every reason listed unless "alasan pengecualian
    konflik" is filled in; `PanelMemberAdmin.save_model` then seats them through the service.
    """

    class Meta:
        model = PanelMember
        fields = ["candidate", "assessor", "session", "override_reason"]

    def clean(self):
        data = super().clean()
        if self.instance.pk:  # a change only moves the seat to another session
            return data
        candidate, assessor = data.get("candidate"), data.get("assessor")
        if candidate is None or assessor is None:
            return data
        try:
            panel_seat_check(candidate=candidate, assessor=assessor, session=data.get("session"))
        except PanelError as exc:
            raise ValidationError(str(exc)) from exc
        reasons = conflicts_between(assessor, candidate.region)
        if reasons and not data.get("override_reason", "").strip():
            self.add_error(
                "override_reason",
                ValidationError(
                    [_("Konflik kepentingan: %s") % reason for reason in reasons]
                    + [_("Isi alasan pengecualian konflik bila asesor tetap ditugaskan.")]
                ),
            )
        return data


class DeclaredConflictFilter(admin.SimpleListFilter):
    title = _("konflik dideklarasikan")
    parameter_name = "declared"

    def lookups(self, request, model_admin):
        return [("yes", _("Ya")), ("no", _("Tidak"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(declared_conflict=self.value() == "yes")
        return queryset


class OverrideFilter(admin.SimpleListFilter):
    title = _("pengecualian konflik")
    parameter_name = "override"

    def lookups(self, request, model_admin):
        return [("yes", _("Ya")), ("no", _("Tidak"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(override_reason="")
        if self.value() == "no":
            return queryset.filter(override_reason="")
        return queryset


@admin.register(PanelMember)
class PanelMemberAdmin(SimpleHistoryAdmin):
    form = PanelMemberForm
    list_display = [
        "candidate",
        "assessor",
        "session",
        "sheet_status",
        "has_override",
        "declared_conflict_flag",
    ]
    list_filter = [
        "candidate__cohort",
        "session",
        "sheet__status",
        OverrideFilter,
        DeclaredConflictFilter,
    ]
    search_fields = [
        "candidate__region__name",
        "candidate__region__code",
        "assessor__username",
        "assessor__first_name",
        "assessor__last_name",
    ]
    autocomplete_fields = ["candidate", "assessor"]
    list_select_related = ["candidate__region", "candidate__cohort", "assessor", "session", "sheet"]
    # "N of M" would count the whole table a second time on every filtered page.
    show_full_result_count = False
    actions = None  # seats leave one at a time, through the service

    def get_queryset(self, request):
        declared = ConflictDeclaration.objects.filter(
            person=OuterRef("assessor"), region=OuterRef("candidate__region")
        )
        return super().get_queryset(request).annotate(declared_conflict=Exists(declared))

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["candidate", "assessor", "override_reason", "assigned_by", "assigned_at"]

    @admin.display(description=_("lembar nilai"))
    def sheet_status(self, obj):
        sheet = getattr(obj, "sheet", None)
        return sheet.get_status_display() if sheet else "—"

    @admin.display(description=_("pengecualian"), boolean=True)
    def has_override(self, obj):
        return bool(obj.override_reason)

    @admin.display(description=_("konflik dideklarasikan"), boolean=True)
    def declared_conflict_flag(self, obj):
        return obj.declared_conflict

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = panel_seat_schedule(seat=obj, session=data.get("session"), by=request.user)
        else:
            saved = panel_seat_add(
                candidate=data["candidate"],
                assessor=data["assessor"],
                session=data.get("session"),
                override_reason=data.get("override_reason", ""),
                by=request.user,
            )
        # The admin goes on with `obj` (log entry, message, redirect): make it the saved seat.
        obj.pk = saved.pk
        obj._state.adding = False
        obj.refresh_from_db()

    def has_delete_permission(self, request, obj=None):
        sheet = getattr(obj, "sheet", None) if obj is not None else None
        if sheet is not None and sheet.status == ScoreSheet.Status.SUBMITTED:
            return False  # a submitted sheet is part of the result; reopen it first
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        panel_seat_remove(seat=obj, by=request.user)


# --- The conflict register ---------------------------------------------------------------------


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    """Declared conflicts. A new declaration empties the person's unsubmitted seats on the
    region's candidates (staff then seat a replacement); submitted sheets stay, listed here."""

    list_display = ["person", "region", "reason", "declared_by", "declared_at"]
    list_filter = ["person__role", "declared_at"]
    search_fields = [
        "person__username",
        "person__first_name",
        "person__last_name",
        "region__name",
        "region__code",
        "reason",
    ]
    autocomplete_fields = ["person", "region"]
    list_select_related = ["person", "region", "declared_by"]
    fields = ["person", "region", "reason", "declared_by", "declared_at", "seats_in_region"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["declared_by", "declared_at", "seats_in_region"]
        return readonly + (["person", "region"] if obj else [])

    @admin.display(description=_("kursi panel di daerah ini"))
    def seats_in_region(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        seats = PanelMember.objects.filter(
            assessor_id=obj.person_id, candidate__region_id=obj.region_id
        ).select_related("candidate__cohort", "sheet")
        lines = []
        for seat in seats:
            sheet = getattr(seat, "sheet", None)
            status = sheet.get_status_display() if sheet else _("belum dibuka")
            lines.append(f"{seat.candidate.cohort.year}: {status}")
        return "; ".join(lines) or _("Tidak ada (kursi yang belum diajukan sudah dilepas).")

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["reason"])
            return
        outcome = conflict_declare(
            person=obj.person, region=obj.region, reason=obj.reason, declared_by=request.user
        )
        obj.pk = outcome.declaration.pk
        obj._state.adding = False
        obj.refresh_from_db()
        for seat in outcome.removed:
            messages.warning(
                request,
                _("%(seat)s dilepas dari panel; tunjuk asesor pengganti.") % {"seat": seat},
            )
        for seat in outcome.kept:
            messages.warning(
                request,
                _(
                    "%(seat)s: lembar nilai sudah diajukan dan tetap tersimpan; putuskan tindak "
                    "lanjutnya."
                )
                % {"seat": seat},
            )


@admin.register(InstitutionTie)
class InstitutionTieAdmin(admin.ModelAdmin):
    list_display = ["institution", "region", "reason"]
    list_filter = ["institution", "institution__kind"]
    search_fields = ["institution__name", "institution__code", "region__name", "region__code"]
    autocomplete_fields = ["institution", "region"]
    list_select_related = ["institution", "region"]


# --- Score sheets (read-only; staff reopen with a reason) ---------------------------------------


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    fields = ["criterion", "value", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(SimpleHistoryAdmin):
    """Sheets are written by their assessors only; staff read them and may reopen one."""

    list_display = ["seat", "status", "submitted_at"]
    list_filter = ["status", "seat__candidate__cohort"]
    search_fields = [
        "seat__candidate__region__name",
        "seat__candidate__region__code",
        "seat__assessor__username",
    ]
    list_select_related = ["seat__candidate__region", "seat__candidate__cohort", "seat__assessor"]
    fields = ["seat", "status", "submitted_at", "reopened_reason"]
    readonly_fields = fields
    inlines = [ScoreInline]
    change_form_template = "admin/assessment/scoresheet/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read-only page; the reopen form below posts to `sheet_reopen`

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "reopen_url": reverse("sheet_reopen", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)
