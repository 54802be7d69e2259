from django.contrib import admin

from .models import PartnerInput, Solution


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "updated_at"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["title", "organisation__name"]


@admin.register(PartnerInput)
class PartnerInputAdmin(admin.ModelAdmin):
    """Read and remove only: an input is the partner's own words, written on the plan page."""

    list_display = ["plan", "organisation", "programme_name", "author", "created_at"]
    list_filter = ["organisation"]
    list_select_related = ["plan__candidate__region", "organisation", "author"]
    search_fields = ["body", "organisation__name", "plan__candidate__region__name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "organisation",
        "author",
        "plan",
        "programme",
        "programme_name",
        "version",
        "body",
        "solution",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False
