"""Partners of the programme: mentor institutions and industry partner organisations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smartcity.validators import NOTE_MAX, TEXT_MAX, validate_count, validate_date

# The six smart-city dimensions, as stored in tags; the master plan seeds their elements.
DIMENSIONS = [
    ("governance", _("Smart Governance")),
    ("branding", _("Smart Branding")),
    ("economy", _("Smart Economy")),
    ("living", _("Smart Living")),
    ("society", _("Smart Society")),
    ("environment", _("Smart Environment")),
]


class MoU(models.Model):
    """The memorandum of understanding a selected region signs with the ministry."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu tanda tangan")
        SIGNED = "signed", _("Ditandatangani")
        WITHDRAWN = "withdrawn", _("Dibatalkan")

    MOVES = {Status.PENDING: {Status.SIGNED, Status.WITHDRAWN}}

    class HeadTitle(models.TextChoices):
        MAYOR = "wali_kota", _("Wali Kota")
        REGENT = "bupati", _("Bupati")

    candidate = models.OneToOneField(
        "candidates.Candidate",
        verbose_name=_("kandidat"),
        on_delete=models.PROTECT,
        related_name="mou",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    signing_date = models.DateField(
        _("tanggal penandatanganan"), null=True, blank=True, validators=[validate_date]
    )
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    head_name = models.CharField(_("nama kepala daerah"), max_length=150, blank=True)
    head_title = models.CharField(
        _("jabatan"), max_length=10, choices=HeadTitle.choices, blank=True
    )
    ministry_signatory = models.CharField(
        _("penanda tangan Kementerian"),
        max_length=150,
        default="Direktur Jenderal Aplikasi Informatika",
    )
    document = models.CharField(_("berkas tersimpan"), max_length=200, blank=True)
    document_name = models.CharField(_("nama berkas"), max_length=120, blank=True)
    document_size = models.PositiveIntegerField(_("ukuran berkas (bita)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 dokumen"), max_length=64, blank=True)
    withdrawn_reason = models.TextField(_("alasan pembatalan"), blank=True, max_length=NOTE_MAX)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nota kesepahaman (MoU)")
        verbose_name_plural = _("nota kesepahaman (MoU)")

    def __str__(self):
        return f"MoU {self.candidate}"


class MentorProfile(models.Model):
    """A mentor's capacity, expertise per dimension and home province (for conflicts)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        limit_choices_to={"role": "mentor"},
    )
    capacity = models.PositiveSmallIntegerField(
        _("kapasitas (daerah sekaligus)"),
        default=3,
        help_text=_("Berapa daerah yang dapat didampingi mentor ini pada saat yang sama."),
    )
    expertise = models.JSONField(
        _("keahlian (dimensi)"),
        default=list,
        blank=True,
        help_text=_(
            'Kode dimensi dalam daftar JSON, mis. ["governance", "living"]: governance, '
            "branding, economy, living, society, environment."
        ),
    )
    home_province = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("provinsi asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "provinsi"},
    )

    class Meta:
        verbose_name = _("profil mentor")
        verbose_name_plural = _("profil mentor")

    def __str__(self):
        return f"Mentor {self.user}"


class MentorAssignmentQuerySet(models.QuerySet):
    def active(self):
        """Assignments not ended: the mentor is on the region's team now."""
        return self.filter(ended_at__isnull=True)


class MentorAssignment(models.Model):
    """A mentor on a region's team; ending it keeps the record (every change is history)."""

    candidate = models.ForeignKey(
        "candidates.Candidate",
        verbose_name=_("kandidat"),
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
        limit_choices_to={"role": "mentor"},
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditugaskan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("ditugaskan pada"), auto_now_add=True)
    ended_at = models.DateTimeField(_("berakhir pada"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berakhir"), max_length=300, blank=True)
    override_reason = models.TextField(
        _("alasan pengecualian konflik"), blank=True, max_length=NOTE_MAX
    )

    objects = MentorAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penugasan mentor")
        verbose_name_plural = _("penugasan mentor")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "mentor"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_assignment",
            )
        ]

    def __str__(self):
        return f"{self.mentor} → {self.candidate}"


class SmartCityBody(models.Model):
    """A region's Dewan Smart City or Tim Pelaksana, formed by a decree (SK)."""

    class Kind(models.TextChoices):
        COUNCIL = "dewan", _("Dewan Smart City")
        TEAM = "tim", _("Tim Pelaksana")

    region = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="smart_city_bodies",
    )
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    decree_number = models.CharField(_("nomor SK"), max_length=100)
    decree_date = models.DateField(_("tanggal SK"), validators=[validate_date])
    decree_file = models.CharField(_("berkas SK tersimpan"), max_length=200, blank=True)
    decree_file_name = models.CharField(_("nama berkas SK"), max_length=120, blank=True)
    decree_sha256 = models.CharField(_("SHA-256 berkas SK"), max_length=64, blank=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lembaga smart city")
        verbose_name_plural = _("lembaga smart city")
        constraints = [models.UniqueConstraint(fields=["region", "kind"], name="one_body_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.region}"


class BodyMember(models.Model):
    """A member of a region's Dewan Smart City or Tim Pelaksana."""

    body = models.ForeignKey(
        SmartCityBody, verbose_name=_("lembaga"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150)
    agency = models.CharField(_("OPD/instansi"), max_length=150)
    role = models.CharField(_("peran dalam lembaga"), max_length=100)
    dimension = models.CharField(
        _("penanggung jawab dimensi"), max_length=12, choices=DIMENSIONS, blank=True
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("anggota lembaga")
        verbose_name_plural = _("anggota lembaga")

    def __str__(self):
        return f"{self.name} ({self.role})"


class BimtekSession(models.Model):
    """One of the four technical-guidance workshops of a region's mentoring."""

    class Stage(models.IntegerChoices):
        I = 1, _("Bimtek I — analisis")  # noqa: E741
        II = 2, _("Bimtek II — strategi dan quick win")
        III = 3, _("Bimtek III — program dan roadmap")
        IV = 4, _("Bimtek IV — reviu bab, lembar komitmen, 3 quick win final")

    candidate = models.ForeignKey(
        "candidates.Candidate",
        verbose_name=_("kandidat"),
        on_delete=models.PROTECT,
        related_name="bimtek_sessions",
    )
    stage = models.PositiveSmallIntegerField(_("tahap"), choices=Stage.choices)
    date = models.DateField(_("tanggal"), validators=[validate_date])
    place = models.CharField(_("tempat"), max_length=200)
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor hadir"), related_name="+", blank=True
    )
    attendance = models.PositiveSmallIntegerField(
        _("jumlah peserta"), default=0, validators=[validate_count]
    )
    minutes = models.TextField(_("notulen"), blank=True, max_length=TEXT_MAX)
    outputs = models.TextField(_("keluaran"), blank=True, max_length=TEXT_MAX)
    commitment_signed = models.BooleanField(_("lembar komitmen ditandatangani"), default=False)
    final_quick_wins = models.TextField(
        _("tiga quick win final"),
        blank=True,
        max_length=NOTE_MAX,
        help_text=_("Satu per baris (Bimtek IV)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["candidate", "stage"]
        verbose_name = _("sesi Bimtek")
        verbose_name_plural = _("sesi Bimtek")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "stage"], name="one_bimtek_per_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()} — {self.candidate}"


class BimtekDocument(models.Model):
    """A document of a Bimtek session (attendance list, minutes, commitment sheet)."""

    session = models.ForeignKey(
        BimtekSession,
        verbose_name=_("sesi Bimtek"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.CharField(_("berkas tersimpan"), max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=120)
    content_type = models.CharField(_("jenis berkas (MIME)"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen Bimtek")
        verbose_name_plural = _("dokumen Bimtek")

    def __str__(self):
        return self.original_name
