"""The evaluation's two stages as people do them: the region's self-assessment (stage I), the
evaluators' verification in panels with an interview (stage II), and the user survey that feeds
the survey-sourced indicators. Imported by `evaluation.models`; the instrument, cycles and
results are there.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartcity.validators import NOTE_MAX, TEXT_MAX

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(5)]


class SelfAssessment(models.Model):
    """A region's own scores for a cycle's indicators; frozen once submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")

    cycle = models.ForeignKey(
        "evaluation.Cycle",
        verbose_name=_("siklus evaluasi"),
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    region = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penilaian mandiri")
        verbose_name_plural = _("penilaian mandiri")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "region"], name="evaluation_self_assessment_once"
            )
        ]

    def __str__(self):
        return f"Penilaian mandiri {self.region.short_name} {self.cycle.year}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class SelfScore(models.Model):
    """The region's answer to one indicator: a 0–5 level, why, and its evidence.

    Evidence is a file (checked by content like every upload, stored privately) or a link; one
    of them is required for a score of 3 or more (`services.selfassessment`).
    """

    assessment = models.ForeignKey(
        SelfAssessment,
        verbose_name=_("penilaian mandiri"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    indicator = models.ForeignKey(
        "evaluation.Indicator",
        verbose_name=_("indikator evaluasi"),
        on_delete=models.PROTECT,
        related_name="self_scores",
    )
    score = models.PositiveSmallIntegerField(
        _("nilai"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    justification = models.TextField(_("penjelasan"), blank=True, max_length=TEXT_MAX)
    evidence_url = models.URLField(_("tautan bukti"), blank=True, max_length=500)
    # The evidence file, like the questionnaire's: a random name in private storage.
    evidence_file = models.CharField(_("berkas bukti tersimpan"), max_length=200, blank=True)
    evidence_name = models.CharField(_("nama berkas bukti"), max_length=120, blank=True)
    evidence_type = models.CharField(_("jenis berkas bukti (MIME)"), max_length=40, blank=True)
    evidence_size = models.PositiveIntegerField(
        _("ukuran berkas bukti (bita)"), null=True, blank=True
    )
    evidence_sha256 = models.CharField(_("SHA-256 berkas bukti"), max_length=64, blank=True)
    prefilled = models.BooleanField(
        _("diisi dari data portal"),
        default=False,
        help_text=_("Penjelasan awal diambil dari masterplan dan quick win; daerah memeriksanya."),
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai penilaian mandiri")
        verbose_name_plural = _("nilai penilaian mandiri")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="evaluation_self_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=5),
                name="evaluation_self_score_0_5",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.score}"

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_url)


class Panel(models.Model):
    """The evaluators who verify one region's self-assessment in a cycle, and its interview.

    At least two evaluators, never the region's own mentors nor anyone the conflict register
    excludes (`services.panels`). Submitted once every evaluator has scored and every flagged
    indicator is reconciled; the result then feeds the region's part scores and is frozen.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Verifikasi berjalan")
        SUBMITTED = "submitted", _("Hasil panel diajukan")

    cycle = models.ForeignKey(
        "evaluation.Cycle",
        verbose_name=_("siklus evaluasi"),
        on_delete=models.PROTECT,
        related_name="panels",
    )
    region = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="evaluation_panels",
    )
    interview_at = models.DateTimeField(_("jadwal wawancara"), null=True, blank=True)
    interview_place = models.CharField(
        _("tempat atau tautan wawancara"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The panel's final scores as submitted: {indicator code: "3.500000"}, parts and dimensions.
    outcome = models.JSONField(_("hasil panel"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "region__code"]
        verbose_name = _("panel evaluasi")
        verbose_name_plural = _("panel evaluasi")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "region"], name="evaluation_panel_once")
        ]

    def __str__(self):
        return f"Panel {self.region.short_name} {self.cycle.year}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class PanelSeat(models.Model):
    """An evaluator on a panel, with their score sheet's state."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")

    panel = models.ForeignKey(
        Panel, verbose_name=_("panel evaluasi"), on_delete=models.CASCADE, related_name="seats"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="evaluation_seats",
        limit_choices_to={"role": "evaluator"},
    )
    status = models.CharField(
        _("status lembar nilai"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditugaskan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("ditugaskan pada"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["panel", "assigned_at", "pk"]
        verbose_name = _("anggota panel evaluasi")
        verbose_name_plural = _("anggota panel evaluasi")
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "evaluator"], name="evaluation_one_seat_per_panel"
            )
        ]

    def __str__(self):
        return f"{self.evaluator} — {self.panel}"


class EvaluatorScore(models.Model):
    """One evaluator's 0–5 level for one indicator, beside the region's own."""

    seat = models.ForeignKey(
        PanelSeat,
        verbose_name=_("anggota panel evaluasi"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    indicator = models.ForeignKey(
        "evaluation.Indicator",
        verbose_name=_("indikator evaluasi"),
        on_delete=models.PROTECT,
        related_name="evaluator_scores",
    )
    score = models.PositiveSmallIntegerField(_("nilai"), validators=SCORE_VALIDATORS)
    note = models.TextField(_("catatan"), blank=True, max_length=NOTE_MAX)

    class Meta:
        verbose_name = _("nilai evaluator")
        verbose_name_plural = _("nilai evaluator")
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "indicator"], name="evaluation_evaluator_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=5),
                name="evaluation_evaluator_score_0_5",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.score}"


class Reconciliation(models.Model):
    """The panel's agreed score for a flagged indicator, and why."""

    panel = models.ForeignKey(
        Panel,
        verbose_name=_("panel evaluasi"),
        on_delete=models.CASCADE,
        related_name="reconciliations",
    )
    indicator = models.ForeignKey(
        "evaluation.Indicator",
        verbose_name=_("indikator evaluasi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("nilai rekonsiliasi"), validators=SCORE_VALIDATORS)
    reason = models.TextField(_("alasan"), max_length=NOTE_MAX)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekonsiliasi nilai")
        verbose_name_plural = _("rekonsiliasi nilai")
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "indicator"], name="evaluation_reconciliation_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=5),
                name="evaluation_reconciliation_0_5",
            ),
        ]

    def __str__(self):
        return f"{self.panel}: {self.indicator.code} = {self.score}"


class SurveyImport(models.Model):
    """A region's user survey for a cycle, imported from one CSV file (the latest replaces the
    earlier one); the mean answer per survey question feeds its indicator."""

    cycle = models.ForeignKey(
        "evaluation.Cycle",
        verbose_name=_("siklus evaluasi"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    region = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="evaluation_surveys",
    )
    respondents = models.PositiveIntegerField(_("jumlah responden"))
    # {indicator code: mean answer as a string with six decimals}
    scores = models.JSONField(_("rerata per pertanyaan"))
    file_name = models.CharField(_("nama berkas"), max_length=120)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diimpor oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("diimpor pada"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survei pengguna layanan")
        verbose_name_plural = _("survei pengguna layanan")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "region"], name="evaluation_survey_once")
        ]

    def __str__(self):
        return f"Survei {self.region.short_name} {self.cycle.year}"


class SurveyResponse(models.Model):
    """One respondent's answers (1–5 per survey question; null for no answer)."""

    survey = models.ForeignKey(
        SurveyImport,
        verbose_name=_("survei pengguna layanan"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    respondent = models.CharField(_("responden"), max_length=60)
    answers = models.JSONField(_("jawaban"))

    class Meta:
        verbose_name = _("jawaban responden")
        verbose_name_plural = _("jawaban responden")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], name="evaluation_respondent_once"
            )
        ]

    def __str__(self):
        return self.respondent
