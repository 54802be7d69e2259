"""Partners of the programme: mentor institutions and industry partner organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Institution(models.Model):
    """A university, agency or consultancy whose people mentor or assess (UI, ITB, Citiasia…)."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("Perguruan tinggi")
        AGENCY = "agency", _("Lembaga pemerintah")
        CONSULTANCY = "consultancy", _("Konsultan")
        ASSOCIATION = "association", _("Asosiasi")

    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    home_province = models.ForeignKey(
        "candidates.Region",
        verbose_name=_("provinsi asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "provinsi"},
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("institusi")
        verbose_name_plural = _("institusi")

    def __str__(self):
        return self.name


class PartnerOrganisation(models.Model):
    """An industry partner that offers solutions and comments on submitted plans."""

    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    sector = models.CharField(_("sektor"), max_length=120, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    description = models.TextField(_("profil"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mitra industri")
        verbose_name_plural = _("mitra industri")

    def __str__(self):
        return self.name
