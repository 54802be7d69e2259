from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The national picture for the ministry: the programme across Indonesia's 514 kab/kota
    (the map, and each region's path through the stages). It reads every stage through that
    stage's own access functions and selectors, so it sits above them all, below `portal`."""

    name = "dashboard"
    verbose_name = _("Dasbor nasional")
