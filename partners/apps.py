from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """MoUs, mentors and their teams, the regions' Smart City bodies and Bimtek workshops."""

    name = "partners"
    verbose_name = _("Kemitraan & pendampingan")
