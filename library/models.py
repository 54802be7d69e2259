"""The library's search table: one row per programme of a published plan, copied from the
approved version's snapshot (`masterplan.published`) so searching never reads a draft and never
unpacks JSON. Rows are rebuilt by `index.index_sync` when the published set changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryEntry(models.Model):
    """A programme (or quick win) of a published plan, flattened for search and filters."""

    version_id = models.PositiveIntegerField(_("versi masterplan"), db_index=True)
    plan_id = models.PositiveIntegerField(_("masterplan"))
    programme_id = models.PositiveIntegerField(_("program"))
    name = models.CharField(_("nama program"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    kpi = models.CharField(_("indikator kinerja (KPI)"), max_length=200, blank=True)
    # What full-text search reads: name, description, KPI, agency and quick-win service.
    document = models.TextField(_("teks pencarian"))
    dimension = models.CharField(_("dimensi"), max_length=20, db_index=True)
    dimension_name = models.CharField(_("nama dimensi"), max_length=60)
    element = models.CharField(_("elemen"), max_length=40)
    element_name = models.CharField(_("nama elemen"), max_length=100)
    region_code = models.CharField(_("kode wilayah"), max_length=13, db_index=True)
    region_name = models.CharField(_("nama wilayah"), max_length=120)
    region_kind = models.CharField(_("jenis wilayah"), max_length=10)
    province_code = models.CharField(_("kode provinsi"), max_length=13)
    province_name = models.CharField(_("provinsi"), max_length=120)
    island_group = models.CharField(_("kelompok pulau"), max_length=20, blank=True)
    cohort_year = models.PositiveSmallIntegerField(_("angkatan"))
    funding_source = models.CharField(_("sumber dana"), max_length=5)
    funding_name = models.CharField(_("nama sumber dana"), max_length=40)
    budget_total = models.BigIntegerField(_("total anggaran (Rp)"))
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"))
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["region_name", "order"]
        verbose_name = _("entri pustaka")
        verbose_name_plural = _("entri pustaka")
        constraints = [
            models.UniqueConstraint(
                fields=["version_id", "programme_id"], name="one_entry_per_published_programme"
            )
        ]

    def __str__(self):
        return f"{self.region_name}: {self.name}"
