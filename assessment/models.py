"""Readiness assessment and selection: questionnaires with evidence, the rubric, sessions and
panels with their conflict register, score sheets, and the Dirjen's selection decision."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from candidates.models import Candidate, Cohort
from smartcity.models import Region
from smartcity.validators import (
    NOTE_MAX,
    TEXT_MAX,
    validate_count,
    validate_date,
    validate_rupiah,
    validate_year,
)


class Section(models.TextChoices):
    """The readiness framework's parts; rubric criteria and evidence belong to one of them."""

    VISION = "vision", _("Visi dan komitmen kepala daerah")
    STRUKTUR = "struktur", _("Struktur")
    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
    SUPRASTRUKTUR = "suprastruktur", _("Suprastruktur")


class Questionnaire(models.Model):
    """An invited region's readiness answers; frozen once submitted until staff reopen it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        REOPENED = "reopened", _("Dibuka kembali")

    MOVES = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.REOPENED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.REOPENED},
    }

    candidate = models.OneToOneField(
        Candidate,
        verbose_name=_("kandidat"),
        on_delete=models.PROTECT,
        related_name="questionnaire",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Vision and commitment of the head of region
    leader_name = models.CharField(_("nama kepala daerah"), max_length=150, blank=True)
    leader_vision = models.TextField(
        _("visi smart city kepala daerah"), blank=True, max_length=TEXT_MAX
    )
    leader_commitment = models.TextField(
        _("komitmen dan dukungan anggaran"), blank=True, max_length=TEXT_MAX
    )
    # Struktur
    ict_staff = models.PositiveIntegerField(
        _("jumlah SDM TIK"), null=True, blank=True, validators=[validate_count]
    )
    ict_trained_staff = models.PositiveIntegerField(
        _("SDM TIK bersertifikat/terlatih"), null=True, blank=True, validators=[validate_count]
    )
    ict_budget = models.DecimalField(
        _("anggaran TIK setahun (Rp)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[validate_rupiah],
    )
    governance_body = models.TextField(
        _("lembaga/tim pengelola smart city"), blank=True, max_length=TEXT_MAX
    )
    # Infrastruktur
    network_coverage = models.PositiveSmallIntegerField(
        _("cakupan jaringan internet (% wilayah)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    has_data_centre = models.BooleanField(_("memiliki pusat data"), default=False)
    data_centre_notes = models.TextField(
        _("keterangan pusat data"), blank=True, max_length=TEXT_MAX
    )
    applications = models.TextField(
        _("aplikasi layanan yang digunakan"),
        blank=True,
        max_length=TEXT_MAX,
        help_text=_("Satu aplikasi per baris."),
    )
    # Suprastruktur (regulations are rows of their own)
    institutions = models.TextField(_("kelembagaan pendukung"), blank=True, max_length=TEXT_MAX)

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
        verbose_name = _("kuesioner kesiapan")
        verbose_name_plural = _("kuesioner kesiapan")

    def __str__(self):
        return f"Kuesioner {self.candidate}"

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.SUBMITTED


class Regulation(models.Model):
    """A regulation in force that supports the smart city (suprastruktur)."""

    class Kind(models.TextChoices):
        PERDA = "perda", _("Peraturan Daerah (Perda)")
        PERKADA = "perkada", _("Peraturan Kepala Daerah (Perwal/Perbup)")
        SK = "sk", _("Surat Keputusan (SK)")
        OTHER = "other", _("Lainnya")

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("kuesioner"),
        on_delete=models.CASCADE,
        related_name="regulations",
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=60)
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(1945), validate_year]
    )
    title = models.CharField(_("judul"), max_length=300)

    class Meta:
        ordering = ["year", "number"]
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}/{self.year}"


class Evidence(models.Model):
    """An uploaded proof for a section: validated by content, stored privately."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("kuesioner"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    section = models.CharField(_("bagian"), max_length=15, choices=Section.choices)
    file = models.CharField(_("berkas tersimpan"), max_length=200)  # name in private storage
    original_name = models.CharField(_("nama berkas"), max_length=120)
    content_type = models.CharField(_("jenis berkas (MIME)"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        ordering = ["section", "uploaded_at"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")

    def __str__(self):
        return self.original_name


class QuestionnaireEvent(models.Model):
    """Every move of a questionnaire: who, when, from, to and why."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("kuesioner"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    old = models.CharField(
        _("status sebelumnya"), max_length=10, choices=Questionnaire.Status.choices
    )
    new = models.CharField(_("status baru"), max_length=10, choices=Questionnaire.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("riwayat kuesioner")
        verbose_name_plural = _("riwayat kuesioner")

    def __str__(self):
        return f"{self.questionnaire}: {self.old} → {self.new}"


class Rubric(models.Model):
    """A cohort's scoring rubric; configurable, with a sensible default seeded."""

    cohort = models.OneToOneField(
        Cohort, verbose_name=_("angkatan"), on_delete=models.PROTECT, related_name="rubric"
    )
    disagreement_margin = models.FloatField(
        _("batas perbedaan antarasesor (poin 0–100)"),
        default=15.0,
        help_text=_("Kandidat ditandai bila selisih skor asesor melebihi batas ini."),
    )

    class Meta:
        verbose_name = _("rubrik")
        verbose_name_plural = _("rubrik")

    def __str__(self):
        return f"Rubrik {self.cohort}"


class Criterion(models.Model):
    """One criterion: a weight and a 1–5 scale with a description of each level."""

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubrik"), on_delete=models.CASCADE, related_name="criteria"
    )
    section = models.CharField(_("bagian"), max_length=15, choices=Section.choices)
    code = models.CharField(_("kode"), max_length=10)
    title = models.CharField(_("kriteria"), max_length=200)
    weight = models.DecimalField(
        _("bobot"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    level_1 = models.CharField(_("tingkat 1"), max_length=300)
    level_2 = models.CharField(_("tingkat 2"), max_length=300)
    level_3 = models.CharField(_("tingkat 3"), max_length=300)
    level_4 = models.CharField(_("tingkat 4"), max_length=300)
    level_5 = models.CharField(_("tingkat 5"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["rubric", "order", "code"]
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_code_per_rubric"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_pos"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def levels(self) -> list[str]:
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]


class AssessmentSession(models.Model):
    """A scheduled presentation slot at Pustiknas, Ciputat."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("angkatan"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("tanggal"), validators=[validate_date])
    start = models.TimeField(_("mulai"))
    end = models.TimeField(_("selesai"))
    room = models.CharField(_("ruang"), max_length=100, default="Pustiknas, Ciputat")

    class Meta:
        ordering = ["date", "start", "room"]
        verbose_name = _("sesi asesmen")
        verbose_name_plural = _("sesi asesmen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.start:%H:%M}–{self.end:%H:%M} {self.room}"


class PanelMember(models.Model):
    """An assessor on a candidate's panel (2–4 per candidate), with the session it sits in."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("kandidat"), on_delete=models.PROTECT, related_name="panel"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asesor"),
        on_delete=models.PROTECT,
        related_name="panel_seats",
        limit_choices_to={"role": "assessor"},
    )
    session = models.ForeignKey(
        AssessmentSession,
        verbose_name=_("sesi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_seats",
    )
    # Staff may seat a conflicted assessor only with a written reason, kept here.
    override_reason = models.TextField(
        _("alasan pengecualian konflik"), blank=True, max_length=NOTE_MAX
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditugaskan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("ditugaskan pada"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anggota panel")
        verbose_name_plural = _("anggota panel")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "assessor"], name="one_seat_per_panel")
        ]

    def __str__(self):
        return f"{self.assessor} — {self.candidate}"


class ConflictDeclaration(models.Model):
    """A declared conflict of interest between a person (assessor or mentor) and a region.

    With the person's home region and province and their institution's ties, this is the
    conflict register; assignments consult it (assessment panels and mentor teams alike).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asesor atau mentor"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("alasan"), max_length=300)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("deklarasi konflik kepentingan")
        verbose_name_plural = _("deklarasi konflik kepentingan")
        constraints = [models.UniqueConstraint(fields=["person", "region"], name="one_declaration")]

    def __str__(self):
        return f"{self.person} ↔ {self.region}: {self.reason}"


class InstitutionTie(models.Model):
    """An institution's tie with a region (a cooperation agreement, a campus, a contract)."""

    institution = models.ForeignKey(
        "smartcity.Institution",
        verbose_name=_("institusi"),
        on_delete=models.CASCADE,
        related_name="ties",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("keterangan"), max_length=300)

    class Meta:
        verbose_name = _("keterkaitan institusi")
        verbose_name_plural = _("keterkaitan institusi")
        constraints = [models.UniqueConstraint(fields=["institution", "region"], name="one_tie")]

    def __str__(self):
        return f"{self.institution} ↔ {self.region}"


class ScoreSheet(models.Model):
    """One assessor's scores for one candidate; frozen once submitted until staff reopen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")

    seat = models.OneToOneField(
        PanelMember,
        verbose_name=_("kursi panel"),
        on_delete=models.PROTECT,
        related_name="sheet",
        help_text=_("Asesor dan kandidat yang dinilai."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    reopened_reason = models.TextField(
        _("alasan dibuka kembali"),
        blank=True,
        help_text=_("Diisi staf saat lembar nilai yang sudah diajukan dibuka kembali."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lembar nilai")
        verbose_name_plural = _("lembar nilai")

    def __str__(self):
        return f"Lembar nilai {self.seat}"


class Score(models.Model):
    """An assessor's level (1–5) for one criterion on one sheet."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("lembar nilai"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("kriteria"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(
        _("nilai"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("catatan"), blank=True, max_length=NOTE_MAX)

    class Meta:
        verbose_name = _("nilai")
        verbose_name_plural = _("nilai")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.value}"


class EquityRules(models.Model):
    """A cohort's pemerataan rules for the balanced selection proposal (`assessment.equity`).

    Kept by staff in the admin; an empty field switches its rule off. The defaults (at most 3
    per province, at least 2 per island group) are a documented starting point, not a published
    rule: the programme never published one.
    """

    cohort = models.OneToOneField(
        Cohort, verbose_name=_("angkatan"), on_delete=models.CASCADE, related_name="equity_rules"
    )
    max_per_province = models.PositiveSmallIntegerField(
        _("paling banyak per provinsi"),
        null=True,
        blank=True,
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Daerah terpilih paling banyak dari satu provinsi. Kosong: tanpa batas."),
    )
    min_per_island_group = models.PositiveSmallIntegerField(
        _("paling sedikit per kelompok pulau"),
        null=True,
        blank=True,
        default=2,
        help_text=_(
            "Berlaku bagi kelompok pulau yang memiliki kandidat ternilai (paling banyak sejumlah "
            "kandidatnya). Kosong: tanpa batas."
        ),
    )
    min_kota_percent = models.PositiveSmallIntegerField(
        _("paling sedikit kota (% kuota)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Bagian kuota untuk kota, dibulatkan ke atas. Kosong: tanpa batas."),
    )
    min_kabupaten_percent = models.PositiveSmallIntegerField(
        _("paling sedikit kabupaten (% kuota)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Bagian kuota untuk kabupaten, dibulatkan ke atas. Kosong: tanpa batas."),
    )
    min_score = models.DecimalField(
        _("skor kesiapan minimum (0–100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Aturan pemerataan tidak menarik masuk daerah dengan skor panel di bawah ini. "
            "Kosong: tanpa batas."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aturan pemerataan")
        verbose_name_plural = _("aturan pemerataan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_kota_percent__isnull=True)
                | models.Q(min_kota_percent__lte=100),
                name="equity_kota_percent_max_100",
            ),
            models.CheckConstraint(
                condition=models.Q(min_kabupaten_percent__isnull=True)
                | models.Q(min_kabupaten_percent__lte=100),
                name="equity_kabupaten_percent_max_100",
            ),
        ]

    def __str__(self):
        return f"Aturan pemerataan {self.cohort}"


class Selection(models.Model):
    """The Dirjen's decision for a cohort: who is selected, by which letter."""

    cohort = models.OneToOneField(
        Cohort, verbose_name=_("angkatan"), on_delete=models.PROTECT, related_name="selection"
    )
    letter_number = models.CharField(_("nomor surat Dirjen"), max_length=100)
    letter_date = models.DateField(_("tanggal surat"), validators=[validate_date])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), auto_now_add=True)
    # Set when every region's letter went out; until then the mail sweep re-sends the task.
    letters_sent_at = models.DateTimeField(
        _("surat dikirim pada"), null=True, blank=True, editable=False
    )
    ranking = models.JSONField(
        _("peringkat saat keputusan"),
        help_text=_("Nomor (id) kandidat menurut urutan peringkat saat keputusan diambil."),
    )
    # Set when staff started the decision from the balanced proposal (`services.proposal`).
    proposal = models.JSONField(
        _("usulan pemerataan asal"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Aturan pemerataan dan usulan seimbang (nomor kandidat) yang menjadi titik awal "
            "penetapan, bila penetapan dimulai dari usulan."
        ),
    )

    class Meta:
        verbose_name = _("penetapan")
        verbose_name_plural = _("penetapan")

    def __str__(self):
        return f"Penetapan {self.cohort} ({self.letter_number})"


class SelectionDeviation(models.Model):
    """A departure from the ranking, with its reason: selected out of order, or passed over."""

    class Kind(models.TextChoices):
        SELECTED_BELOW = "selected_below", _("Dipilih meski di luar peringkat kuota")
        PASSED_OVER = "passed_over", _("Tidak dipilih meski dalam peringkat kuota")

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("penetapan"),
        on_delete=models.CASCADE,
        related_name="deviations",
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("kandidat"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=15, choices=Kind.choices)
    rank = models.PositiveIntegerField(_("peringkat"), null=True)
    reason = models.TextField(_("alasan"))

    class Meta:
        verbose_name = _("penyimpangan dari peringkat")
        verbose_name_plural = _("penyimpangan dari peringkat")
        constraints = [
            models.UniqueConstraint(fields=["selection", "candidate"], name="one_deviation")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.candidate}"
