from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = [
        "username",
        "get_full_name",
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
