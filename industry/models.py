"""Industry partners above the plans: the solutions they offer, and their input on plans."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.models import PartnerOrganisation
from smartcity.validators import TEXT_MAX


class Solution(models.Model):
    """An industry partner's offer, tagged by smart-city dimension and element."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("mitra industri"),
        on_delete=models.CASCADE,
        related_name="solutions",
    )
    title = models.CharField(_("nama solusi"), max_length=200)
    description = models.TextField(_("deskripsi"), max_length=TEXT_MAX)
    dimensions = models.JSONField(_("dimensi"), default=list)
    elements = models.CharField(_("elemen"), max_length=300, blank=True)
    url = models.URLField(_("tautan"), blank=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        ordering = ["organisation", "title"]
        verbose_name = _("solusi")
        verbose_name_plural = _("solusi")

    def __str__(self):
        return self.title


class PartnerInput(models.Model):
    """An industry partner's input on a submitted plan, or on one of its programmes.

    Made on the version the partner read (`version`); the programme is the live programme it is
    about, and `programme_name` keeps what it was called if the region later removes it. The
    region, its mentors and staff read it; a partner reads only its own organisation's.
    """

    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("mitra industri"),
        on_delete=models.PROTECT,
        related_name="plan_inputs",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan = models.ForeignKey(
        "masterplan.Plan",
        verbose_name=_("masterplan"),
        on_delete=models.CASCADE,
        related_name="partner_inputs",
    )
    programme = models.ForeignKey(
        "masterplan.Programme",
        verbose_name=_("program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_inputs",
    )
    # Kept so an input still says what it was about after the programme is removed.
    programme_name = models.CharField(_("nama program"), max_length=200, blank=True)
    version = models.ForeignKey(
        "masterplan.PlanVersion",
        verbose_name=_("versi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("masukan"))
    solution = models.ForeignKey(
        Solution,
        verbose_name=_("solusi terkait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_inputs",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("masukan mitra")
        verbose_name_plural = _("masukan mitra")

    def __str__(self):
        return f"{self.organisation}: {self.body[:60]}"
