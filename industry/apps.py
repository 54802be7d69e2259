from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustryConfig(AppConfig):
    """Industry partners above the plans: their solutions, and their input on submitted plans."""

    name = "industry"
    verbose_name = _("Solusi & masukan industri")
