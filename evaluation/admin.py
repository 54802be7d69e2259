"""Staff edit the instrument and the cycles here. A frozen instrument (a cycle using it has
opened) is read-only; a cycle's weights are validated to sum to 1 and, when they change, every
index and rank of the cycle is recomputed (`services.cycle_set_weights`). Results are read
only: they are recorded by the import, verification or a correction, never typed here."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import method
from .models import Cycle, Indicator, Instrument, Result, ResultRevision
from .services import (
    EvaluationError,
    cycle_move,
    cycle_publish,
    cycle_recompute,
    cycle_set_weights,
)

WEIGHT_FIELDS = [f"weight_{part}" for part in method.PARTS]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    fields = [
        ("code", "order"),
        ("part", "dimension", "source", "weight"),
        "text",
        ("level_0", "level_1"),
        ("level_2", "level_3"),
        ("level_4", "level_5"),
    ]

    def _frozen(self, obj):
        return obj is not None and obj.is_frozen

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "frozen_at"]
    readonly_fields = ["frozen_at", "created_at"]
    inlines = [IndicatorInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["year", "name", "status", "instrument", "published_at"]
    list_filter = ["status"]
    list_select_related = ["instrument"]
    filter_horizontal = ["regions"]
    readonly_fields = ["status", "published_at", "published_by"]
    fieldsets = [
        (None, {"fields": ["year", "name", "status", "instrument", "notes"]}),
        (
            _("Jadwal"),
            {"fields": ["stage1_start", "stage1_deadline", "stage2_start", "stage2_end"]},
        ),
        (_("Bobot (jumlahnya 1)"), {"fields": [*WEIGHT_FIELDS, "weights_letter", "award_count"]}),
        (_("Daerah peserta"), {"fields": ["regions"]}),
        (_("Pengumuman"), {"fields": ["published_at", "published_by"]}),
    ]
    actions = ["open_cycle", "start_verification", "publish", "recompute"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_published:
            fields += ["year", *WEIGHT_FIELDS, "instrument", "regions", "award_count"]
        elif obj is not None and obj.status != Cycle.Status.DRAFT:
            fields += ["instrument"]
        return fields

    def save_model(self, request, obj, form, change):
        weights_changed = change and any(name in form.changed_data for name in WEIGHT_FIELDS)
        if not weights_changed:
            super().save_model(request, obj, form, change)
            return
        # The weights go through the service, which recomputes every index and rank.
        weights = obj.weights
        others = [f for f in form.changed_data if f not in WEIGHT_FIELDS and f != "regions"]
        if others:
            obj.save(update_fields=others)
        changed = cycle_set_weights(cycle=obj, weights=weights)
        self.message_user(request, _("Bobot diubah; %(n)s hasil dihitung ulang.") % {"n": changed})

    def _move(self, request, queryset, to):
        for cycle in queryset:
            try:
                cycle = cycle_move(cycle=cycle, to=to, by=request.user)
            except EvaluationError as exc:
                self.message_user(request, f"{cycle}: {exc}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(cycle)s: %(status)s.")
                    % {"cycle": cycle, "status": cycle.get_status_display()},
                )

    @admin.action(description=_("Buka penilaian mandiri (tahap I; instrumen dibekukan)"))
    def open_cycle(self, request, queryset):
        self._move(request, queryset, Cycle.Status.OPEN)

    @admin.action(description=_("Mulai verifikasi (tahap II)"))
    def start_verification(self, request, queryset):
        self._move(request, queryset, Cycle.Status.VERIFICATION)

    @admin.action(description=_("Umumkan hasil siklus terpilih"))
    def publish(self, request, queryset):
        for cycle in queryset:
            try:
                cycle_publish(cycle=cycle, by=request.user)
            except EvaluationError as exc:
                self.message_user(request, f"{cycle}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("%(cycle)s diumumkan.") % {"cycle": cycle})

    @admin.action(description=_("Hitung ulang indeks dan peringkat"))
    def recompute(self, request, queryset):
        for cycle in queryset:
            try:
                changed = cycle_recompute(cycle=cycle)
            except EvaluationError as exc:
                self.message_user(request, f"{cycle}: {exc}", messages.ERROR)
            else:
                self.message_user(
                    request, _("%(cycle)s: %(n)s hasil berubah.") % {"cycle": cycle, "n": changed}
                )


class ResultRevisionInline(admin.TabularInline):
    model = ResultRevision
    extra = 0
    fields = ["number", "scores", "reason", "by", "at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    """Read only: scores come from the import, verification or `result_correct`."""

    list_display = [
        "region",
        "cycle",
        "index",
        "rank_national",
        "rank_province",
        "rank_cohort",
        *method.PARTS,
        "revision",
    ]
    list_filter = ["cycle"]
    list_select_related = ["region", "cycle"]
    search_fields = ["region__name", "region__code"]
    ordering = ["cycle", "rank_national", "region__code"]
    inlines = [ResultRevisionInline]
    list_per_page = 200
    # The filtered count is enough; a second COUNT of the whole table is not worth its query.
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.revision and super().has_delete_permission(request, obj)
