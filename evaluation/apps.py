from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """The yearly evaluation (Evaluasi Smart City) above the master plans: instrument, cycles,
    part scores, the index and its rankings."""

    name = "evaluation"
    verbose_name = _("Evaluasi smart city")

    def ready(self):
        # The self-assessment, panel and survey admin lives beside the core's admin.
        from . import admin_review  # noqa: F401
