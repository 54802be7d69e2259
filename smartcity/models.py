"""People: one user model. A user's role and its binding (a region, an institution or a partner
organisation) decide what the access functions return."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", _("Staf Kementerian (Kominfo)")
        OFFICIAL = "official", _("Pejabat Pemda")
        ASSESSOR = "assessor", _("Asesor")
        MENTOR = "mentor", _("Mentor")
        PARTNER = "partner", _("Mitra industri")

    # Which binding each role needs; the others must stay empty.
    BINDING = {
        Role.STAFF: None,
        Role.OFFICIAL: "region",
        Role.ASSESSOR: "institution",
        Role.MENTOR: "institution",
        Role.PARTNER: "partner_organisation",
    }

    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "candidates.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("Untuk pejabat Pemda: kabupaten/kota yang diwakili."),
    )
    institution = models.ForeignKey(
        "partners.Institution",
        verbose_name=_("institusi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Untuk asesor dan mentor."),
    )
    partner_organisation = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("mitra industri"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Untuk pengguna mitra industri."),
    )
    # Assessors' and mentors' home region: they never assess or mentor it (conflict register).
    home_region = models.ForeignKey(
        "candidates.Region",
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
