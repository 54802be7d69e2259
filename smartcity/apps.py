from django.apps import AppConfig


class SmartcityConfig(AppConfig):
    name = "smartcity"
    verbose_name = "Portal"

    def ready(self):
        # The sign-in receiver: shorter sessions for staff, the time of the last confirmation.
        from . import (
            accounts,  # noqa: F401
            lookups,
        )

        lookups.register()
