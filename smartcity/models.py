"""The foundation every stage stands on: people (one user model, whose role and binding to a
region, an institution or a partner organisation decide what the access functions return) and the
reference data they are bound to: Kemendagri regions, mentor/assessor institutions and industry
partner organisations."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import TEXT_MAX


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", _("Staf Kementerian (Kominfo)")
        OFFICIAL = "official", _("Pejabat Pemda")
        ASSESSOR = "assessor", _("Asesor")
        MENTOR = "mentor", _("Mentor")
        PARTNER = "partner", _("Mitra industri")
        EVALUATOR = "evaluator", _("Evaluator")

    # Which binding each role needs; the others must stay empty.
    BINDING = {
        Role.STAFF: None,
        Role.OFFICIAL: "region",
        Role.ASSESSOR: "institution",
        Role.MENTOR: "institution",
        Role.PARTNER: "partner_organisation",
        # Practitioners and academics who verify the yearly evaluation (evaluation app).
        Role.EVALUATOR: "institution",
    }

    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("Untuk pejabat Pemda: kabupaten/kota yang diwakili."),
    )
    institution = models.ForeignKey(
        "smartcity.Institution",
        verbose_name=_("institusi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Untuk asesor dan mentor."),
    )
    partner_organisation = models.ForeignKey(
        "smartcity.PartnerOrganisation",
        verbose_name=_("mitra industri"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Untuk pengguna mitra industri."),
    )
    # Assessors', mentors' and evaluators' home region: they never assess, mentor or evaluate it
    # (conflict register).
    home_region = models.ForeignKey(
        "smartcity.Region",
        verbose_name=_("daerah asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ["kabupaten", "kota"]},
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="official") | models.Q(region__isnull=False),
                name="official_has_region",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=["assessor", "mentor"])
                | models.Q(institution__isnull=False),
                name="assessor_mentor_has_institution",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(partner_organisation__isnull=False),
                name="partner_has_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="evaluator") | models.Q(institution__isnull=False),
                name="evaluator_has_institution",
            ),
        ]

    def clean(self):
        super().clean()
        needed = self.BINDING.get(self.role)
        errors = {}
        for field in ("region", "institution", "partner_organisation"):
            value = getattr(self, f"{field}_id")
            if field == needed and value is None:
                errors[field] = _("Wajib diisi untuk peran ini.")
            elif field != needed and value is not None:
                errors[field] = _("Kosongkan untuk peran ini.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_ministry(self) -> bool:
        return self.is_active and (self.role == self.Role.STAFF or self.is_superuser)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


# --- Reference data every stage stands on --------------------------------------------------


# DKI Jakarta's kabupaten and five kota are administrative, not autonomous regions.
ADMINISTRATIVE_PROVINCE_CODE = "31"


class RegionQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(kind=Region.Kind.PROVINCE)

    def kab_kota(self):
        return self.exclude(kind=Region.Kind.PROVINCE)


class Region(models.Model):
    """A province or a kab/kota, identified by its dotted Kemendagri code (`33`, `33.11`)."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")

    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, db_index=True)
    province = models.ForeignKey(
        "self",
        verbose_name=_("provinsi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regencies",
        limit_choices_to={"kind": Kind.PROVINCE},
    )
    is_administrative = models.BooleanField(
        _("administratif (bukan daerah otonom)"),
        default=False,
        db_index=True,
        help_text=_("Kabupaten dan kota administratif DKI Jakarta tidak ikut seleksi."),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="provinsi", province__isnull=True)
                | (~models.Q(kind="provinsi") & models.Q(province__isnull=False)),
                name="region_kab_kota_has_province",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def short_name(self) -> str:
        """`Kabupaten Sukoharjo`, `Kota Bandung`: the region as every page, list, e-mail and
        PDF writes it, without the code `str()` adds.

        One spelling per kind: the full name, as Kemendagri writes it (`name`), never `Kab.`;
        pages that once abbreviated it beside others that did not read as two places.
        """
        return self.name

    @property
    def undotted_code(self) -> str:
        return self.code.replace(".", "")


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
        "smartcity.Region",
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
    description = models.TextField(_("profil"), blank=True, max_length=TEXT_MAX)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mitra industri")
        verbose_name_plural = _("mitra industri")

    def __str__(self):
        return self.name


class PostToken(models.Model):
    """A form post already taken: its one-time token, so a double click is stored once.

    Each form carries a fresh random token (`{% post_token %}`); `claim_post_token` records it in
    the transaction of the write, and the unique key refuses the second post of the same form,
    even when both arrive in parallel. See smartcity/idempotency.py.
    """

    key = models.CharField(_("token"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("dipakai pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("token formulir")
        verbose_name_plural = _("token formulir")

    def __str__(self):
        return self.key
