"""Master plans (see the master-plan issue). The six smart-city dimensions and their elements are
seeded data, not code: plans, programmes and partners' solutions refer to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartcity.jobs import RenderJob
from smartcity.validators import (
    NOTE_MAX,
    SECTION_MAX,
    TEXT_MAX,
    validate_date,
    validate_rupiah,
    validate_year,
)

from .document import national_legal_basis_text


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

    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimensi"), on_delete=models.PROTECT, related_name="elements"
    )
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


class ProgrammeType(models.Model):
    """A kind of programme (policy and institutions, infrastructure, applications and literacy,
    people, partnerships): a list staff keep in the admin, seeded with the programme's usual
    five. Plans group their programmes by type as well as by dimension."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    description = models.TextField(_("keterangan"), blank=True, max_length=NOTE_MAX)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("jenis program")
        verbose_name_plural = _("jenis program")

    def __str__(self):
        return self.name


class Plan(models.Model):
    """A region's smart-city master plan for one cohort: the working copy the region edits.

    Every submission freezes the working copy into an immutable `PlanVersion`; mentors, partners
    and the PDF read versions, the region edits the plan while it is a draft or in revision.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        REVISION = "revision", _("Perlu revisi")
        RESUBMITTED = "resubmitted", _("Diajukan ulang")
        ENDORSED = "endorsed", _("Disetujui mentor")
        APPROVED = "approved", _("Disahkan Kominfo")
        ENACTED = "enacted", _("Ditetapkan daerah")

    # Who may move the plan where is decided in services.workflow; this is only the map.
    MOVES = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.REVISION, Status.ENDORSED},
        Status.REVISION: {Status.RESUBMITTED},
        Status.RESUBMITTED: {Status.REVISION, Status.ENDORSED},
        Status.ENDORSED: {Status.APPROVED, Status.REVISION},
        Status.APPROVED: {Status.ENACTED},
    }
    EDITABLE = (Status.DRAFT, Status.REVISION)
    UNDER_REVIEW = (Status.SUBMITTED, Status.RESUBMITTED)
    APPROVED_STATES = (Status.APPROVED, Status.ENACTED)

    class Regulation(models.TextChoices):
        PERWAL = "perwal", _("Peraturan Wali Kota")
        PERBUP = "perbup", _("Peraturan Bupati")
        PERDA = "perda", _("Peraturan Daerah")

    candidate = models.OneToOneField(
        "candidates.Candidate",
        verbose_name=_("kandidat"),
        on_delete=models.PROTECT,
        related_name="plan",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("judul"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"), validators=[validate_year])
    horizon_years = models.PositiveSmallIntegerField(
        _("jangka waktu (tahun)"),
        default=5,
        validators=[MinValueValidator(5), MaxValueValidator(10)],
    )
    vision = models.TextField(_("visi"), blank=True, max_length=SECTION_MAX)
    mission = models.TextField(_("misi"), blank=True, max_length=SECTION_MAX)
    # Readiness analysis (analisis kesiapan): the three readiness pillars, SWOT and the gaps.
    readiness_structure = models.TextField(_("struktur"), blank=True, max_length=SECTION_MAX)
    readiness_infrastructure = models.TextField(
        _("infrastruktur"), blank=True, max_length=SECTION_MAX
    )
    readiness_superstructure = models.TextField(
        _("suprastruktur"), blank=True, max_length=SECTION_MAX
    )
    strengths = models.TextField(_("kekuatan"), blank=True, max_length=SECTION_MAX)
    weaknesses = models.TextField(_("kelemahan"), blank=True, max_length=SECTION_MAX)
    opportunities = models.TextField(_("peluang"), blank=True, max_length=SECTION_MAX)
    threats = models.TextField(_("ancaman"), blank=True, max_length=SECTION_MAX)
    gaps = models.TextField(_("kesenjangan (gap)"), blank=True, max_length=SECTION_MAX)

    # The document's front and back matter (see `document.py`), written by the region.
    foreword_head = models.TextField(
        _("kata pengantar kepala daerah"), blank=True, max_length=SECTION_MAX
    )
    foreword_team = models.TextField(
        _("kata pengantar ketua Tim Pelaksana"), blank=True, max_length=SECTION_MAX
    )
    # One regulation per line; a new plan starts with the national ones (`document.py`).
    legal_basis = models.TextField(
        _("dasar hukum"), blank=True, max_length=SECTION_MAX, default=national_legal_basis_text
    )
    executive_summary = models.TextField(
        _("ringkasan eksekutif"), blank=True, max_length=SECTION_MAX
    )
    closing = models.TextField(_("penutup"), blank=True, max_length=SECTION_MAX)
    # The region's own long names of agencies (abbreviation → name); the glossary itself is
    # generated from the agencies the programmes name (`document.glossary`).
    agency_names = models.JSONField(_("kepanjangan nama OPD"), default=dict, blank=True)
    # The regional profile's free text, beside the figures generated from the portal's data.
    profile_economy = models.TextField(_("gambaran ekonomi"), blank=True, max_length=SECTION_MAX)
    profile_sectors = models.TextField(_("sektor unggulan"), blank=True, max_length=SECTION_MAX)

    version_count = models.PositiveSmallIntegerField(_("jumlah versi"), default=0)
    status_changed_at = models.DateTimeField(_("status sejak"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disahkan pada"), null=True, blank=True)
    # The ministry's approval letter, asked for when staff approve (services.workflow.plan_approve).
    approval_letter_number = models.CharField(
        _("nomor surat pengesahan"), max_length=100, blank=True
    )
    approval_letter_date = models.DateField(
        _("tanggal surat pengesahan"), null=True, blank=True, validators=[validate_date]
    )

    regulation_type = models.CharField(
        _("jenis regulasi"), max_length=6, choices=Regulation.choices, blank=True
    )
    regulation_number = models.CharField(_("nomor regulasi"), max_length=100, blank=True)
    regulation_date = models.DateField(
        _("tanggal regulasi"), null=True, blank=True, validators=[validate_date]
    )
    regulation_file = models.CharField(_("berkas regulasi tersimpan"), max_length=200, blank=True)
    regulation_file_name = models.CharField(_("nama berkas regulasi"), max_length=120, blank=True)
    regulation_sha256 = models.CharField(_("SHA-256 berkas regulasi"), max_length=64, blank=True)
    # The region's emblem (JPEG/PNG, checked by content), printed on the PDF's cover.
    emblem_file = models.CharField(_("berkas lambang daerah"), max_length=200, blank=True)
    emblem_sha256 = models.CharField(_("SHA-256 lambang daerah"), max_length=64, blank=True)

    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_years__gte=5, horizon_years__lte=10),
                name="plan_horizon_5_to_10_years",
            )
        ]

    def __str__(self):
        return f"Masterplan {self.candidate}"

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.pk])

    @property
    def end_year(self) -> int:
        return self.start_year + self.horizon_years - 1

    @property
    def years(self) -> range:
        return range(self.start_year, self.start_year + self.horizon_years)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class DimensionStrategy(models.Model):
    """The plan's strategy for one dimension (strategi per dimensi)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="strategies"
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimensi"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("strategi"), blank=True, max_length=SECTION_MAX)

    class Meta:
        ordering = ["dimension__order"]
        verbose_name = _("strategi dimensi")
        verbose_name_plural = _("strategi dimensi")
        constraints = [
            models.UniqueConstraint(fields=["plan", "dimension"], name="one_strategy_per_dimension")
        ]

    def __str__(self):
        return f"{self.plan}: {self.dimension}"


class Programme(models.Model):
    """A programme of the plan; a quick win is a programme with the flag and a short timeline."""

    class Funding(models.TextChoices):
        APBD = "apbd", _("APBD")
        APBN = "apbn", _("APBN")
        KPBU = "kpbu", _("KPBU")
        CSR = "csr", _("CSR")
        OTHER = "other", _("Lainnya")

    plan = models.ForeignKey(
        Plan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("nama program"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True, max_length=TEXT_MAX)
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimensi"), on_delete=models.PROTECT, related_name="+"
    )
    element = models.ForeignKey(
        Element, verbose_name=_("elemen"), on_delete=models.PROTECT, related_name="+"
    )
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"), validators=[validate_year])
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"), validators=[validate_year])
    funding_source = models.CharField(
        _("sumber dana"), max_length=5, choices=Funding.choices, default=Funding.APBD
    )
    agency = models.CharField(_("OPD penanggung jawab"), max_length=150)
    programme_type = models.ForeignKey(
        ProgrammeType,
        verbose_name=_("jenis program"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rpjmd_reference = models.CharField(_("rujukan RPJMD"), max_length=200, blank=True)
    renstra_reference = models.CharField(_("rujukan Renstra OPD"), max_length=200, blank=True)
    kpi = models.CharField(_("indikator kinerja (KPI)"), max_length=200)
    kpi_unit = models.CharField(_("satuan"), max_length=50)
    kpi_baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    kpi_target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    is_quick_win = models.BooleanField(_("quick win"), default=False)
    quick_win_months = models.PositiveSmallIntegerField(
        _("durasi quick win (bulan)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(6), MaxValueValidator(12)],
    )
    quick_win_start = models.DateField(
        _("mulai quick win"), null=True, blank=True, validators=[validate_date]
    )
    quick_win_impact = models.TextField(
        _("dampak yang diharapkan"), blank=True, max_length=NOTE_MAX
    )
    quick_win_service = models.CharField(_("layanan yang dipertajam"), max_length=200, blank=True)

    order = models.PositiveIntegerField(_("urutan"), default=0)
    # Copied from another region's published plan ("Gunakan di rencana saya", the public
    # library): the approved version it came from and the programme's id in that snapshot.
    adapted_from_version = models.ForeignKey(
        "PlanVersion",
        verbose_name=_("diadaptasi dari versi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adaptations",
    )
    adapted_from_programme = models.PositiveIntegerField(
        _("diadaptasi dari program"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        ordering = ["dimension__order", "order", "pk"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="programme_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(is_quick_win=False) | models.Q(quick_win_months__isnull=False),
                name="quick_win_has_a_timeline",
            ),
            # One copy of a published programme per plan: a double click adds it once.
            models.UniqueConstraint(
                fields=["plan", "adapted_from_version", "adapted_from_programme"],
                condition=models.Q(adapted_from_version__isnull=False),
                name="one_adaptation_per_plan",
            ),
        ]

    def __str__(self):
        return self.name


class ProgrammeBudget(models.Model):
    """A programme's budget for one year, in whole Rupiah."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[validate_year])
    amount = models.BigIntegerField(
        _("anggaran (Rp)"), validators=[MinValueValidator(0), validate_rupiah]
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("anggaran program")
        verbose_name_plural = _("anggaran program")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_budget_per_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.programme} {self.year}: {self.amount}"


class ImmutableError(Exception):
    """Raised on any attempt to change or delete a frozen plan version."""


class PlanVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("Plan versions are immutable.")

    def delete(self):
        raise ImmutableError("Plan versions are immutable.")


class PlanVersion(models.Model):
    """The plan as it was submitted, frozen: the snapshot (see `snapshot.py`) and its SHA-256.

    Created once per submission and never changed: mentors compare versions, partners read the
    latest one and the PDF prints one, so a version must mean the same thing forever.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("masterplan"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("versi"))
    data = models.JSONField(_("isi masterplan saat diajukan"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("versi masterplan")
        verbose_name_plural = _("versi masterplan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_plan")
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("Plan versions are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("Plan versions are immutable.")


class PlanEvent(models.Model):
    """One move of a plan along its workflow: who, when, from, to and why."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="events"
    )
    old = models.CharField(
        _("status sebelumnya"), max_length=12, choices=Plan.Status.choices, blank=True
    )
    new = models.CharField(_("status baru"), max_length=12, choices=Plan.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    note = models.TextField(_("catatan"), blank=True)
    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("versi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("e-mail dikirim pada"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("riwayat masterplan")
        verbose_name_plural = _("riwayat masterplan")

    def __str__(self):
        return f"{self.plan}: {self.old or '—'} → {self.new}"


class ReviewComment(models.Model):
    """A reviewer's comment anchored to a section or a programme, or a reply to one.

    A blocking comment that is still open stops the ministry's approval. A mentor-only note is
    seen by mentors and staff, never by the region or by partners.
    """

    class Section(models.TextChoices):
        GENERAL = "general", _("Umum")
        VISION = "vision", _("Visi dan misi")
        READINESS = "readiness", _("Analisis kesiapan")
        STRATEGY = "strategy", _("Strategi per dimensi")
        PROGRAMMES = "programmes", _("Program")
        QUICK_WINS = "quick_wins", _("Quick win")
        GOVERNANCE = "governance", _("Tata kelola")

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        RESOLVED = "resolved", _("Selesai")

    plan = models.ForeignKey(
        Plan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="comments"
    )
    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("versi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("membalas komentar"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    section = models.CharField(
        _("bagian"), max_length=12, choices=Section.choices, default=Section.GENERAL
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    # Kept so a comment still says what it was about after the programme is removed.
    programme_name = models.CharField(_("nama program"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("komentar"), max_length=TEXT_MAX)
    blocking = models.BooleanField(_("harus diselesaikan sebelum pengesahan"), default=False)
    mentor_only = models.BooleanField(_("catatan internal mentor"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diselesaikan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("komentar reviu")
        verbose_name_plural = _("komentar reviu")

    def __str__(self):
        return self.body[:60]


class QuickWinUpdate(models.Model):
    """A progress report on a quick win, posted by the region after approval."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("Sesuai jadwal")
        LATE = "late", _("Terlambat")
        BLOCKED = "blocked", _("Terhambat")

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="updates"
    )
    percent = models.PositiveSmallIntegerField(
        _("persen selesai"), validators=[MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    note = models.TextField(_("catatan"), blank=True, max_length=NOTE_MAX)
    evidence = models.CharField(_("bukti tersimpan"), max_length=200, blank=True)
    evidence_name = models.CharField(_("nama berkas bukti"), max_length=120, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256 bukti"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dilaporkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dilaporkan pada"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progres quick win")
        verbose_name_plural = _("progres quick win")
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="percent_at_most_100")
        ]

    def __str__(self):
        return f"{self.programme}: {self.percent}%"


class PdfJob(RenderJob):
    """One PDF of one plan version, rendered by a Celery worker (see `pdfjobs.py`).

    One row per (version, print kind): repeated clicks and automatic requests attach to it, so a
    version is rendered once. The status and the render's fields are `RenderJob`'s; they move
    only by the conditional UPDATEs of `smartcity.jobs`, which is what makes a redelivered or
    re-enqueued message harmless.
    """

    class Book(models.TextChoices):
        WHOLE = "all", _("Seluruh masterplan")
        ANALYSIS = "1", _("Buku I: Analisis Strategis")
        MASTERPLAN = "2", _("Buku II: Masterplan")
        SUMMARY = "3", _("Buku III: Ringkasan Eksekutif")

    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("versi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pdf_jobs",
    )
    # A draft preview (no version): the plan's working copy as it was when someone asked for it,
    # printed with the DRAF mark and never stored as a version. The same working copy (same
    # SHA-256) reuses its job, as a version does.
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("masterplan (pratinjau)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="preview_jobs",
    )
    preview_data = models.JSONField(_("data salinan kerja"), null=True, blank=True)
    preview_sha256 = models.CharField(_("SHA-256 salinan kerja"), max_length=64, blank=True)
    # Printed as approved: without the DRAFT watermark, once Kominfo approved the plan.
    approved = models.BooleanField(_("cetakan pengesahan"), default=False)
    # The whole plan, or one of the programme's three books (a preview is always the whole).
    book = models.CharField(_("buku"), max_length=3, choices=Book.choices, default=Book.WHOLE)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("PDF masterplan")
        verbose_name_plural = _("PDF masterplan")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "approved", "book"], name="one_pdf_per_version_print_book"
            ),
            models.UniqueConstraint(
                fields=["plan", "preview_sha256"],
                condition=models.Q(plan__isnull=False),
                name="one_preview_per_working_copy",
            ),
            # A job prints a version, or (a preview) a working copy, never both or neither;
            # a preview is never an approved print.
            models.CheckConstraint(
                condition=models.Q(version__isnull=False, plan__isnull=True)
                | models.Q(
                    version__isnull=True,
                    plan__isnull=False,
                    preview_data__isnull=False,
                    approved=False,
                    book="all",
                ),
                name="pdf_of_a_version_or_a_preview",
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="pdfjob_status_enqueued")]

    def __str__(self):
        what = self.version if self.version_id else f"{self.plan} ({_('pratinjau')})"
        return f"PDF {what} ({self.get_status_display()})"

    @property
    def is_preview(self) -> bool:
        return self.version_id is None

    @property
    def plan_id_printed(self) -> int:
        """The plan this job prints, whether of a version or a preview."""
        return self.plan_id if self.is_preview else self.version.plan_id

    def printed_version(self) -> PlanVersion:
        """What the renderer prints: the version, or for a preview an unsaved stand-in version 0
        holding the working copy's snapshot (the print says "salinan kerja")."""
        if not self.is_preview:
            return self.version
        return PlanVersion(
            plan=self.plan, number=0, data=self.preview_data, sha256=self.preview_sha256
        )


class PlanEndorsement(models.Model):
    """One assigned mentor's endorsement of one submitted version of a plan.

    The plan moves to endorsed only once every mentor actively assigned to the region has
    endorsed its latest version (see `services.workflow.plan_endorse`); an endorsement of an
    earlier version no longer counts once the region resubmits.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="endorsements"
    )
    version = models.ForeignKey(
        PlanVersion, verbose_name=_("versi"), on_delete=models.PROTECT, related_name="+"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("disetujui pada"), auto_now_add=True)
    note = models.TextField(_("catatan"), blank=True, max_length=NOTE_MAX)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("persetujuan mentor")
        verbose_name_plural = _("persetujuan mentor")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "mentor"], name="one_endorsement_per_mentor_and_version"
            )
        ]

    def __str__(self):
        return f"{self.version}: {self.mentor}"

    # Listed with the plan's events in its history (`selectors.PlanPage.history`).
    is_endorsement = True
