from django.apps import AppConfig


class MasterplanConfig(AppConfig):
    name = "masterplan"

    def ready(self):
        from .pdfjobs import register_hooks

        register_hooks()
