"""The dashboard's one table: the briefing PDFs the ministry asked for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.jobs import RenderJob


class BriefingJob(RenderJob):
    """One "Laporan status program": the dashboard of one cohort (or all) and one province (or
    Indonesia) as a PDF of a few pages, rendered by a Celery worker on the `pdf` queue.

    The briefing prints the programme as it is when the worker renders it; asking again while
    one for the same filter is still waiting or rendering attaches to that one.
    """

    cohort_year = models.PositiveSmallIntegerField(_("angkatan"), null=True, blank=True)
    province = models.CharField(_("provinsi"), max_length=2, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("laporan status program")
        verbose_name_plural = _("laporan status program")
        indexes = [models.Index(fields=["status", "enqueued_at"], name="briefing_status_enqueued")]

    def __str__(self):
        cohort = self.cohort_year or _("semua angkatan")
        return f"{_('Laporan status program')} {cohort} ({self.get_status_display()})"
