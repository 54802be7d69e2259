from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterplanConfig(AppConfig):
    """Regions' smart-city master plans: authoring, review, versions, PDFs, quick-win follow-up."""

    name = "masterplan"
    verbose_name = _("Masterplan")
