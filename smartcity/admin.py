from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Institution, PartnerOrganisation, Region, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "email",
        "role",
        "region",
        "institution",
        "partner_organisation",
        "is_active",
    ]
    list_filter = ["role", "is_active", "is_staff", "institution", "partner_organisation"]
    search_fields = ["username", "first_name", "last_name", "email", "region__name", "region__code"]
    list_select_related = ["region", "institution", "partner_organisation"]
    autocomplete_fields = ["region"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (
            _("Peran di program"),
            {
                "fields": [
                    "role",
                    "region",
                    "institution",
                    "partner_organisation",
                    "position",
                    "phone",
                ]
            },
        ),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (
            _("Peran di program"),
            {
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "role",
                    "region",
                    "institution",
                    "partner_organisation",
                ]
            },
        ),
    ]

    @admin.display(description=_("nama lengkap"), ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()


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


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "home_province"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "website"]
    search_fields = ["name", "slug"]
