"""The yearly evaluation (Evaluasi Smart City): the instrument, the cycles and the results.

A cycle scores each participating region on five parts (baseline, output, outcome, impact,
quick win), 0–5 each; its index is their weighted sum with the cycle's weights (data, never
code; `evaluation/method.py` holds the arithmetic). Results are kept with six decimals and
shown with two; published results never change in place: a correction is a new
`ResultRevision` (`evaluation/services.py`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from candidates.models import Cohort
from smartcity.models import Region
from smartcity.validators import NOTE_MAX, TEXT_MAX, validate_date, validate_year

from . import method

# Part and dimension scores and the index: 0–5, kept with six decimals (the published part
# scores have two; anything computed from several evaluators' scores has more).
SCORE_MAX_DIGITS = 9
SCORE_DECIMAL_PLACES = 6
SCORE_BOUNDS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(5))]


class Part(models.TextChoices):
    """The five parts of the evaluation, in the order the guide and every table list them."""

    BASELINE = "baseline", _("Baseline")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")
    QUICK_WIN = "quick_win", _("Quick Win")


class Dimension(models.TextChoices):
    """The six smart-city dimensions each indicator (and a result) is reported under."""

    GOVERNANCE = "governance", _("Smart Governance")
    BRANDING = "branding", _("Smart Branding")
    ECONOMY = "economy", _("Smart Economy")
    LIVING = "living", _("Smart Living")
    SOCIETY = "society", _("Smart Society")
    ENVIRONMENT = "environment", _("Smart Environment")


assert tuple(Part.values) == method.PARTS
assert tuple(Dimension.values) == method.DIMENSIONS


def score_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=SCORE_MAX_DIGITS,
        decimal_places=SCORE_DECIMAL_PLACES,
        validators=SCORE_BOUNDS,
        **kwargs,
    )


class Instrument(models.Model):
    """A set of indicators under the five parts; frozen once a cycle that uses it opens."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True, max_length=TEXT_MAX)
    frozen_at = models.DateTimeField(
        _("dibekukan pada"),
        null=True,
        blank=True,
        help_text=_("Diisi saat siklus yang memakainya dibuka; sesudahnya tidak dapat diubah."),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("instrumen evaluasi")
        verbose_name_plural = _("instrumen evaluasi")

    def __str__(self):
        return self.name

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Indicator(models.Model):
    """One question of an instrument: its part, dimension, 0–5 rubric and where its score
    comes from (the region's self-assessment, verified by evaluators, or the user survey)."""

    class Source(models.TextChoices):
        SELF_ASSESSMENT = "self_assessment", _("Penilaian mandiri (diverifikasi evaluator)")
        SURVEY = "survey", _("Survei pengguna layanan")

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrumen evaluasi"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.CharField(_("kode"), max_length=20)
    part = models.CharField(_("bagian"), max_length=10, choices=Part.choices)
    dimension = models.CharField(_("dimensi"), max_length=12, choices=Dimension.choices)
    text = models.TextField(_("pertanyaan"), max_length=TEXT_MAX)
    source = models.CharField(
        _("sumber nilai"), max_length=16, choices=Source.choices, default=Source.SELF_ASSESSMENT
    )
    weight = models.DecimalField(
        _("bobot dalam bagian"),
        max_digits=6,
        decimal_places=4,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Bobot relatif terhadap indikator lain dalam bagian yang sama."),
    )
    level_0 = models.TextField(_("uraian nilai 0"), blank=True, max_length=NOTE_MAX)
    level_1 = models.TextField(_("uraian nilai 1"), blank=True, max_length=NOTE_MAX)
    level_2 = models.TextField(_("uraian nilai 2"), blank=True, max_length=NOTE_MAX)
    level_3 = models.TextField(_("uraian nilai 3"), blank=True, max_length=NOTE_MAX)
    level_4 = models.TextField(_("uraian nilai 4"), blank=True, max_length=NOTE_MAX)
    level_5 = models.TextField(_("uraian nilai 5"), blank=True, max_length=NOTE_MAX)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument", "order", "code"]
        verbose_name = _("indikator evaluasi")
        verbose_name_plural = _("indikator evaluasi")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="evaluation_indicator_code_per_instrument"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    @property
    def levels(self) -> list[str]:
        """The rubric, level 0 first."""
        return [getattr(self, f"level_{n}") for n in range(6)]


class Cycle(models.Model):
    """One year's evaluation: its dates, weights, instrument and participating regions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Penilaian mandiri (tahap I)")
        VERIFICATION = "verification", _("Verifikasi (tahap II)")
        PUBLISHED = "published", _("Diumumkan")

    # The cycle's life; `evaluation.services.cycle_move` allows nothing else.
    MOVES = {
        Status.DRAFT: {Status.OPEN},
        Status.OPEN: {Status.VERIFICATION},
        Status.VERIFICATION: {Status.PUBLISHED, Status.OPEN},
    }

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True, validators=[validate_year])
    name = models.CharField(_("nama"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrumen evaluasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycles",
        help_text=_("Kosong untuk siklus lampau yang hanya diimpor nilai bagiannya."),
    )
    stage1_start = models.DateField(
        _("mulai tahap I (penilaian mandiri)"), null=True, blank=True, validators=[validate_date]
    )
    stage1_deadline = models.DateTimeField(
        _("batas pengajuan penilaian mandiri"), null=True, blank=True
    )
    stage2_start = models.DateField(
        _("mulai tahap II (verifikasi)"), null=True, blank=True, validators=[validate_date]
    )
    stage2_end = models.DateField(
        _("akhir tahap II (verifikasi)"), null=True, blank=True, validators=[validate_date]
    )
    weight_baseline = models.DecimalField(
        _("bobot baseline"), max_digits=5, decimal_places=4, default=Decimal("0.10")
    )
    weight_output = models.DecimalField(
        _("bobot output"), max_digits=5, decimal_places=4, default=Decimal("0.20")
    )
    weight_outcome = models.DecimalField(
        _("bobot outcome"), max_digits=5, decimal_places=4, default=Decimal("0.30")
    )
    weight_impact = models.DecimalField(
        _("bobot impact"), max_digits=5, decimal_places=4, default=Decimal("0.20")
    )
    weight_quick_win = models.DecimalField(
        _("bobot quick win"), max_digits=5, decimal_places=4, default=Decimal("0.20")
    )
    award_count = models.PositiveSmallIntegerField(
        _("jumlah calon penghargaan per dimensi"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("daerah peserta"),
        blank=True,
        related_name="evaluation_cycles",
        limit_choices_to={"kind__in": ["kabupaten", "kota"]},
        help_text=_("Bawaan: semua peserta angkatan sebelumnya."),
    )
    weights_letter = models.CharField(
        _("dasar bobot (surat)"), max_length=200, blank=True, help_text=_("Nomor surat edaran.")
    )
    notes = models.TextField(_("catatan"), blank=True, max_length=TEXT_MAX)
    published_at = models.DateTimeField(_("diumumkan pada"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diumumkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus evaluasi")
        verbose_name_plural = _("siklus evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    weight_baseline__gte=0,
                    weight_output__gte=0,
                    weight_outcome__gte=0,
                    weight_impact__gte=0,
                    weight_quick_win__gte=0,
                ),
                name="evaluation_weights_non_negative",
            )
        ]

    def __str__(self):
        return self.name or f"Evaluasi {self.year}"

    def get_absolute_url(self):
        return reverse("evaluation:cycle", args=[self.year])

    @property
    def weights(self) -> dict[str, Decimal]:
        """The five weights by part, in the order of `method.PARTS`."""
        return {part: getattr(self, f"weight_{part}") for part in method.PARTS}

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self):
        problem = method.weights_problem(self.weights)
        if problem:
            raise ValidationError({"weight_baseline": problem})


class ResultQuerySet(models.QuerySet):
    def published(self):
        return self.filter(cycle__status=Cycle.Status.PUBLISHED)


class Result(models.Model):
    """A region's scores in a cycle: five parts, six dimensions, the index and three ranks.

    The current values; once the cycle is published, they change only through
    `evaluation.services.result_correct`, which records a new revision first.
    """

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("siklus evaluasi"), on_delete=models.CASCADE, related_name="results"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="evaluation_results",
    )
    # The cohort the region joined (for the cohort rank); empty for regions of cohorts the
    # portal never recorded (past cycles accept any kab/kota).
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("angkatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    baseline = score_field(_("baseline"))
    output = score_field(_("output"))
    outcome = score_field(_("outcome"))
    impact = score_field(_("impact"))
    quick_win = score_field(_("quick win"))
    governance = score_field(_("smart governance"), null=True, blank=True)
    branding = score_field(_("smart branding"), null=True, blank=True)
    economy = score_field(_("smart economy"), null=True, blank=True)
    living = score_field(_("smart living"), null=True, blank=True)
    society = score_field(_("smart society"), null=True, blank=True)
    environment = score_field(_("smart environment"), null=True, blank=True)
    index = score_field(_("indeks"))
    rank_national = models.PositiveIntegerField(_("peringkat nasional"), null=True, blank=True)
    rank_province = models.PositiveIntegerField(_("peringkat provinsi"), null=True, blank=True)
    rank_cohort = models.PositiveIntegerField(_("peringkat angkatan"), null=True, blank=True)
    revision = models.PositiveIntegerField(
        _("revisi"),
        default=0,
        help_text=_("0 sebelum diumumkan; 1 saat diumumkan; naik tiap koreksi."),
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "rank_national", "region__code"]
        verbose_name = _("hasil evaluasi")
        verbose_name_plural = _("hasil evaluasi")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "region"], name="evaluation_result_once_per_cycle"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    baseline__gte=0,
                    baseline__lte=5,
                    output__gte=0,
                    output__lte=5,
                    outcome__gte=0,
                    outcome__lte=5,
                    impact__gte=0,
                    impact__lte=5,
                    quick_win__gte=0,
                    quick_win__lte=5,
                    index__gte=0,
                    index__lte=5,
                ),
                name="evaluation_scores_0_5",
            ),
        ]

    def __str__(self):
        return f"{self.region.short_name} — {self.cycle.year}"

    def save(self, *args, **kwargs):
        # A published result changes only through `result_correct`, which records a revision
        # and writes with a queryset update; a plain save (a form, a script) is refused.
        if not self._state.adding and self.revision:
            raise ValueError("A published result is immutable; correct it with a revision.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("evaluation:report", args=[self.cycle.year, self.region.code])

    @property
    def parts(self) -> dict[str, Decimal]:
        return {part: getattr(self, part) for part in method.PARTS}

    @property
    def dimensions(self) -> dict[str, Decimal | None]:
        return {dim: getattr(self, dim) for dim in method.DIMENSIONS}

    @property
    def index_display(self) -> Decimal:
        return method.display(self.index)


class ResultRevision(models.Model):
    """A published state of a result, written once: revision 1 when the cycle is published,
    one more for each correction, with who made it and why."""

    result = models.ForeignKey(
        Result,
        verbose_name=_("hasil evaluasi"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("nomor revisi"))
    scores = models.JSONField(
        _("nilai"), help_text=_("Nilai bagian, dimensi, indeks dan peringkat saat revisi ini.")
    )
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["result", "number"]
        verbose_name = _("revisi hasil evaluasi")
        verbose_name_plural = _("revisi hasil evaluasi")
        constraints = [
            models.UniqueConstraint(
                fields=["result", "number"], name="evaluation_revision_number_per_result"
            )
        ]

    def __str__(self):
        return f"{self.result} — revisi {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("ResultRevision is immutable once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("ResultRevision is immutable once written.")


# The self-assessment, the evaluators' panels and the user survey (stage I and II as people do
# them) live in their own module; imported here so Django registers them with this app.
from .models_review import (  # noqa: E402, F401
    EvaluatorScore,
    Panel,
    PanelSeat,
    Reconciliation,
    SelfAssessment,
    SelfScore,
    SurveyImport,
    SurveyResponse,
)
