"""The spine every stage hangs on: regions, programme years (cohorts), candidates; and the
national indicators the desk screening ranks them on."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartcity.models import Region
from smartcity.validators import TEXT_MAX, validate_count, validate_date, validate_year

# Room for any realistic indicator value, kept exactly as the file wrote it: 12 digits before
# and 20 after the decimal point, so even a float written out in full by a spreadsheet or a
# script (0.8444218515250481) is kept as it is. The import refuses what does not fit
# (indicator_file.py reads the same limits) instead of letting the database round it silently.
INDICATOR_MAX_DIGITS = 32
INDICATOR_DECIMAL_PLACES = 20


def indicator_field(verbose_name=None, *, field_class=models.DecimalField, **kwargs):
    """A nullable indicator value (empty means *missing*) with the precision above."""
    return field_class(
        verbose_name,
        max_digits=INDICATOR_MAX_DIGITS,
        decimal_places=INDICATOR_DECIMAL_PLACES,
        null=True,
        **kwargs,
    )


def trimmed(value: Decimal | None) -> Decimal | None:
    """`0.60120000000000000000` → `0.6012`, `100.000…` → `100`: without the column's padding."""
    if value is None:
        return None
    value = value.normalize()
    # normalize() writes 100 as 1E+2; give whole numbers back their integer form.
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


class TrimmedDecimalField(models.DecimalField):
    """A decimal read back without the trailing zeros its column pads it with (for display)."""

    def from_db_value(self, value, expression, connection):
        return trimmed(value)


class Cohort(models.Model):
    """One programme year: its quotas and the dates of each stage."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("Persiapan")
        SCREENING = "screening", _("Seleksi awal")
        ASSESSMENT = "assessment", _("Asesmen kesiapan")
        SELECTION = "selection", _("Penetapan")
        MENTORING = "mentoring", _("Pendampingan")
        CLOSED = "closed", _("Selesai")

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True, validators=[validate_year])
    name = models.CharField(_("nama"), max_length=120)
    status = models.CharField(
        _("tahap"), max_length=12, choices=Status.choices, default=Status.PLANNING
    )
    quota_invited = models.PositiveIntegerField(
        _("kuota undangan"),
        default=120,
        validators=[validate_count],
        help_text=_("Daerah yang diundang dari daftar pendek seleksi awal."),
    )
    quota_assessed = models.PositiveIntegerField(
        _("kuota asesmen"),
        default=120,
        validators=[validate_count],
        help_text=_("Daerah yang dinilai panel asesor."),
    )
    quota_selected = models.PositiveIntegerField(
        _("kuota terpilih"),
        default=50,
        validators=[validate_count],
        help_text=_("Daerah yang ditetapkan sebagai peserta; paling banyak kuota asesmen."),
    )
    screening_date = models.DateField(
        _("tanggal seleksi awal"), null=True, blank=True, validators=[validate_date]
    )
    questionnaire_deadline = models.DateTimeField(
        _("batas pengisian kuesioner"),
        null=True,
        blank=True,
        help_text=_("Sesudahnya kuesioner kesiapan tidak dapat diajukan lagi."),
    )
    assessment_start = models.DateField(
        _("mulai asesmen"), null=True, blank=True, validators=[validate_date]
    )
    assessment_end = models.DateField(
        _("akhir asesmen"), null=True, blank=True, validators=[validate_date]
    )
    selection_date = models.DateField(
        _("tanggal penetapan"), null=True, blank=True, validators=[validate_date]
    )
    mou_date = models.DateField(
        _("tanggal penandatanganan MoU"), null=True, blank=True, validators=[validate_date]
    )
    mou_venue = models.CharField(_("tempat penandatanganan MoU"), max_length=200, blank=True)
    mentoring_start = models.DateField(
        _("mulai pendampingan"), null=True, blank=True, validators=[validate_date]
    )
    mentoring_end = models.DateField(
        _("akhir pendampingan"), null=True, blank=True, validators=[validate_date]
    )
    notes = models.TextField(_("catatan"), blank=True, max_length=TEXT_MAX)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quota_selected__lte=models.F("quota_assessed")),
                name="cohort_selected_within_assessed",
            )
        ]

    def __str__(self):
        return self.name or f"Angkatan {self.year}"


class Candidate(models.Model):
    """A region taking part in a cohort; its status follows it through the stages."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Diundang")
        ASSESSED = "assessed", _("Sudah diases")
        SELECTED = "selected", _("Terpilih")
        NOT_SELECTED = "not_selected", _("Tidak terpilih")
        PARTICIPANT = "participant", _("Peserta")

    # Statuses that mean "already in the programme": such regions are not screened again.
    IN_PROGRAMME = (Status.SELECTED, Status.PARTICIPANT)

    # The candidate's life; `candidates.services.candidacy.candidate_move` allows nothing else.
    # Screening creates candidates as invited; a complete panel makes one assessed, and a new
    # seat or a reopened sheet sends it back to invited; the selection decides every undecided
    # candidate (assessed or not); a signed MoU makes a selected region a participant.
    MOVES = {
        Status.INVITED: {Status.ASSESSED, Status.SELECTED, Status.NOT_SELECTED},
        Status.ASSESSED: {Status.INVITED, Status.SELECTED, Status.NOT_SELECTED},
        Status.SELECTED: {Status.PARTICIPANT},
    }

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("angkatan"), on_delete=models.PROTECT, related_name="candidates"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="candidacies"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.INVITED, db_index=True
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    # Claimed by the e-mail task before sending, so a re-delivered task never sends twice.
    invitation_sent_at = models.DateTimeField(_("undangan dikirim"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cohort__year", "region__code"]
        verbose_name = _("kandidat")
        verbose_name_plural = _("kandidat")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "region"], name="candidate_once_per_cohort")
        ]

    def __str__(self):
        return f"{self.region.short_name} — {self.cohort.year}"


class IndicatorImport(models.Model):
    """One dataset of national indicators for a year: where it came from and who loaded it."""

    year = models.PositiveSmallIntegerField(_("tahun"), db_index=True, validators=[validate_year])
    file_name = models.CharField(_("nama berkas"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    row_count = models.PositiveIntegerField(_("jumlah baris"))
    fiscal_regulation = models.CharField(
        _("dasar kapasitas fiskal (PMK)"), max_length=200, blank=True
    )
    ekppd_regulation = models.CharField(_("dasar EKPPD (Kepmendagri)"), max_length=200, blank=True)
    green_source = models.CharField(_("sumber indeks kota hijau"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("data contoh (bukan data resmi)"), default=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diimpor oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("waktu impor"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("diganti pada"), null=True, blank=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("impor indikator")
        verbose_name_plural = _("impor indikator")

    def __str__(self):
        return f"{self.year}: {self.file_name} ({self.row_count} baris)"


class IndicatorSet(models.Model):
    """A kab/kota's screening indicators for one year. An empty value means *missing*."""

    class FiscalCategory(models.TextChoices):
        VERY_LOW = "sangat_rendah", _("Sangat rendah")
        LOW = "rendah", _("Rendah")
        MEDIUM = "sedang", _("Sedang")
        HIGH = "tinggi", _("Tinggi")
        VERY_HIGH = "sangat_tinggi", _("Sangat tinggi")

    class EkppdStatus(models.TextChoices):
        LOW = "rendah", _("Rendah")
        MEDIUM = "sedang", _("Sedang")
        HIGH = "tinggi", _("Tinggi")
        VERY_HIGH = "sangat_tinggi", _("Sangat tinggi")

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="indicators"
    )
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[validate_year])
    dataset = models.ForeignKey(
        IndicatorImport, verbose_name=_("impor"), on_delete=models.PROTECT, related_name="rows"
    )
    fiscal_capacity_index = indicator_field(_("indeks kapasitas fiskal"), blank=True)
    fiscal_capacity_category = models.CharField(
        _("kategori kapasitas fiskal"), max_length=16, choices=FiscalCategory.choices, blank=True
    )
    ekppd_score = indicator_field(_("skor EKPPD"), blank=True)
    ekppd_status = models.CharField(
        _("status EKPPD"), max_length=16, choices=EkppdStatus.choices, blank=True
    )
    ekppd_rank = models.PositiveIntegerField(_("peringkat EKPPD"), null=True, blank=True)
    green_city_index = indicator_field(_("indeks kota hijau"), blank=True)
    sustainable_city_index = indicator_field(_("indeks kota berkelanjutan"), blank=True)

    class Meta:
        ordering = ["year", "region__code"]
        verbose_name = _("indikator wilayah")
        verbose_name_plural = _("indikator wilayah")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="indicators_once_per_year"),
            models.CheckConstraint(
                condition=models.Q(ekppd_score__isnull=True)
                | models.Q(ekppd_score__gte=0, ekppd_score__lte=4),
                name="ekppd_score_0_4",
            ),
            models.CheckConstraint(
                condition=models.Q(green_city_index__isnull=True)
                | models.Q(green_city_index__gte=0, green_city_index__lte=100),
                name="green_city_index_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_capacity_index__isnull=True)
                | models.Q(fiscal_capacity_index__gte=0),
                name="fiscal_capacity_index_non_negative",
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.year}"

    @property
    def is_complete(self) -> bool:
        return None not in (self.fiscal_capacity_index, self.ekppd_score, self.green_city_index)


class ScreeningRound(models.Model):
    """A cohort's desk-screening settings: weights, quota, hard filters and exclusions.

    The default method (DESIGN.md) is the contract; its settings are data, never hard-coded.
    """

    class Method(models.TextChoices):
        DEFAULT = "default", _("Metode baku (skala min–maks, bobot, kuota)")

    cohort = models.OneToOneField(
        Cohort, verbose_name=_("angkatan"), on_delete=models.PROTECT, related_name="screening"
    )
    method = models.CharField(
        _("metode"), max_length=20, choices=Method.choices, default=Method.DEFAULT
    )
    weight_fiscal = models.FloatField(_("bobot kapasitas fiskal"), default=0.40)
    weight_governance = models.FloatField(_("bobot kinerja pemerintahan (EKPPD)"), default=0.35)
    weight_green = models.FloatField(_("bobot indeks kota hijau"), default=0.25)
    quota = models.PositiveIntegerField(_("kuota daftar pendek"), default=120)
    min_fiscal_category = models.CharField(
        _("kategori fiskal minimum"),
        max_length=16,
        blank=True,
        choices=IndicatorSet.FiscalCategory.choices,
        help_text=_("Kosongkan bila tidak ada syarat minimum."),
    )
    min_ekppd_status = models.CharField(
        _("status EKPPD minimum"),
        max_length=16,
        blank=True,
        choices=IndicatorSet.EkppdStatus.choices,
        help_text=_("Kosongkan bila tidak ada syarat minimum."),
    )
    # Set once, when staff confirm a run's shortlist and the invitations go out.
    confirmed_run = models.OneToOneField(
        "ScreeningRun",
        verbose_name=_("hasil yang dikonfirmasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikonfirmasi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("putaran seleksi awal")
        verbose_name_plural = _("putaran seleksi awal")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    weight_fiscal__gte=0, weight_governance__gte=0, weight_green__gte=0
                ),
                name="screening_weights_non_negative",
            )
        ]

    def __str__(self):
        return f"Seleksi awal {self.cohort}"

    def get_absolute_url(self):
        return reverse("screening_round", args=[self.cohort.year])

    @property
    def weights(self) -> dict[str, float]:
        return {
            "fiscal": self.weight_fiscal,
            "governance": self.weight_governance,
            "green": self.weight_green,
        }

    @property
    def current_run(self):
        return self.runs.order_by("-number").first()


class ScreeningExclusion(models.Model):
    """A region a round leaves out by decision, with the reason shown in its explanation."""

    round = models.ForeignKey(
        ScreeningRound,
        verbose_name=_("putaran seleksi awal"),
        on_delete=models.CASCADE,
        related_name="exclusions",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ["kabupaten", "kota"]},
    )
    reason = models.CharField(_("alasan"), max_length=300)

    class Meta:
        verbose_name = _("pengecualian")
        verbose_name_plural = _("pengecualian")
        constraints = [
            models.UniqueConstraint(fields=["round", "region"], name="exclusion_once_per_round")
        ]

    def __str__(self):
        return f"{self.region}: {self.reason}"


class ImmutableModel(models.Model):
    """A record written once: saving an existing row or deleting one raises."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{type(self).__name__} is immutable once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} is immutable once written.")


class ScreeningRun(ImmutableModel):
    """One execution of a round: the settings and data it used, frozen with its results."""

    round = models.ForeignKey(
        ScreeningRound,
        verbose_name=_("putaran seleksi awal"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    number = models.PositiveIntegerField(_("nomor"))
    dataset = models.ForeignKey(
        IndicatorImport,
        verbose_name=_("data indikator"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    dataset_checksum = models.CharField(_("SHA-256 data"), max_length=64)
    parameters = models.JSONField(_("pengaturan"))
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijalankan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    run_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    pool_size = models.PositiveIntegerField(_("jumlah wilayah"))
    ranked_count = models.PositiveIntegerField(_("jumlah diperingkat"))
    shortlisted_count = models.PositiveIntegerField(_("jumlah daftar pendek"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("hasil seleksi awal")
        verbose_name_plural = _("hasil seleksi awal")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="run_number_per_round")
        ]

    def __str__(self):
        return f"{self.round} — #{self.number}"

    def get_absolute_url(self):
        return reverse("screening_run", args=[self.pk])


class ScreeningResult(ImmutableModel):
    """A region's line in a run: the raw values it was given, its scores, rank and why."""

    class Status(models.TextChoices):
        SHORTLISTED = "shortlisted", _("Daftar pendek")
        RANKED = "ranked", _("Diperingkat")
        INCOMPLETE = "incomplete", _("Data tidak lengkap")
        EXCLUDED = "excluded", _("Dikecualikan")

    run = models.ForeignKey(
        ScreeningRun,
        verbose_name=_("hasil seleksi awal"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="screening_results",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    # The values the run was given, exactly; read back trimmed, as the officer's file wrote them.
    fiscal_capacity_index = indicator_field(
        _("indeks kapasitas fiskal"), field_class=TrimmedDecimalField
    )
    fiscal_capacity_category = models.CharField(
        _("kategori kapasitas fiskal"),
        max_length=16,
        blank=True,
        choices=IndicatorSet.FiscalCategory.choices,
    )
    ekppd_score = indicator_field(_("skor EKPPD"), field_class=TrimmedDecimalField)
    ekppd_status = models.CharField(
        _("status EKPPD"), max_length=16, blank=True, choices=IndicatorSet.EkppdStatus.choices
    )
    green_city_index = indicator_field(_("indeks kota hijau"), field_class=TrimmedDecimalField)
    fiscal_score = models.FloatField(_("skor fiskal"), null=True)
    governance_score = models.FloatField(_("skor tata kelola"), null=True)
    green_score = models.FloatField(_("skor kota hijau"), null=True)
    composite_score = models.FloatField(_("skor komposit"), null=True)
    reason = models.CharField(_("alasan"), max_length=300)

    class Meta:
        ordering = ["run", "rank", "region__code"]
        verbose_name = _("baris hasil seleksi")
        verbose_name_plural = _("baris hasil seleksi")
        constraints = [
            models.UniqueConstraint(fields=["run", "region"], name="result_once_per_run")
        ]

    def __str__(self):
        return f"{self.run}: {self.region}"
