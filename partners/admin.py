from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BimtekSession, BodyMember, MentorAssignment, MentorProfile, SmartCityBody


@admin.register(MentorProfile)
class MentorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "capacity", "home_province"]
    list_select_related = ["user", "home_province"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(SimpleHistoryAdmin):
    """Read only: assignments change through the mentoring pages, whose services check capacity
    and conflicts; the admin shows them and their full history."""

    list_display = ["mentor", "candidate", "assigned_at", "ended_at", "assigned_by"]
    list_filter = ["candidate__cohort", ("ended_at", admin.EmptyFieldListFilter)]
    list_select_related = ["mentor", "candidate__region", "candidate__cohort", "assigned_by"]
    search_fields = ["mentor__username", "candidate__region__name", "candidate__region__code"]
    date_hierarchy = "assigned_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 1


@admin.register(SmartCityBody)
class SmartCityBodyAdmin(SimpleHistoryAdmin):
    list_display = ["region", "kind", "decree_number", "decree_date"]
    list_filter = ["kind"]
    list_select_related = ["region"]
    search_fields = ["region__name", "region__code", "decree_number"]
    inlines = [BodyMemberInline]


@admin.register(BimtekSession)
class BimtekSessionAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "stage", "date", "place", "commitment_signed"]
    list_filter = ["stage", "candidate__cohort"]
    list_select_related = ["candidate__region", "candidate__cohort"]
    search_fields = ["candidate__region__name", "place"]
    filter_horizontal = ["mentors"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        if not obj.recorded_by_id:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
