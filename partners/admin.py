from django.contrib import admin

from .models import Institution, PartnerOrganisation


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "home_province"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "website"]
    search_fields = ["name", "slug"]
