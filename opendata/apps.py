from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """The open data API (/api/v1/), its DCAT catalogue and data dictionary: what the programme
    publishes, as JSON and CSV keyed by Kemendagri codes, read only through
    `masterplan.published` (what is public is decided there, never here)."""

    name = "opendata"
    verbose_name = _("Data terbuka")
