from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    """Cohorts, candidates and the desk screening on national indicators."""

    name = "candidates"
    verbose_name = _("Seleksi awal & kandidat")
