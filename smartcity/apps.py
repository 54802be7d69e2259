from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmartcityConfig(AppConfig):
    """The foundation: users and their roles, Kemendagri regions, institutions, partner
    organisations."""

    name = "smartcity"
    verbose_name = _("Pengguna & data dasar")

    def ready(self):
        # The sign-in receiver: shorter sessions for staff, the time of the last confirmation.
        from . import (
            accounts,  # noqa: F401
            lookups,
        )

        lookups.register()
