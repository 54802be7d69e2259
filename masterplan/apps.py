from django.apps import AppConfig


class MasterplanConfig(AppConfig):
    name = "masterplan"
