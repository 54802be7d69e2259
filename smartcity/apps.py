from django.apps import AppConfig


class SmartcityConfig(AppConfig):
    name = "smartcity"
    verbose_name = "Portal"

    def ready(self):
        from . import lookups

        lookups.register()
