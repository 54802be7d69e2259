"""Master plans (see the master-plan issue). The six smart-city dimensions and their elements are
seeded data, not code: plans, programmes and partners' solutions refer to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.Model):
    """One of the six dimensions of a smart-city master plan (Smart Governance, …)."""

    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=60)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("dimensi")
        verbose_name_plural = _("dimensi")

    def __str__(self):
        return self.name


class Element(models.Model):
    """An element of a dimension (e.g. Smart Living → health)."""

    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="elements")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=100)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["dimension__order", "order"]
        verbose_name = _("elemen")
        verbose_name_plural = _("elemen")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="element_code_per_dimension")
        ]

    def __str__(self):
        return f"{self.dimension.name}: {self.name}"
