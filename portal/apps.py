from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the portal: pages that read every stage (the public landing page, the
    ministry's overview, a regional official's path through the programme, where each role
    lands), the demo that seeds every stage, and the sweep of e-mails every stage sends."""

    name = "portal"
    verbose_name = _("Portal")
