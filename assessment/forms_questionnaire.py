"""Forms of the readiness questionnaire: the answers, a regulation, an evidence upload, reopen.

The forms only check what a person typed; whether the questionnaire may change, and whether an
uploaded file is acceptable, is decided by `assessment.services.questionnaire`.
"""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Questionnaire, Regulation, Section
from .services.questionnaire import ANSWER_FIELDS, EVIDENCE_MAX_BYTES, SECTION_FIELDS

# What people type around a Rupiah amount: the currency, thousands dots, (no-break) spaces.
RUPIAH_NOISE = re.compile(r"(?i)^\s*rp\.?|[.\s\u00a0\u202f]")


class RupiahField(forms.DecimalField):
    """A whole amount of Rupiah typed the way people write it: "Rp 1.250.000" or "1250000".

    "Rp", thousands dots and spaces are dropped; a ",00" of sen is accepted and dropped too.
    Anything else with a comma ("1,250,000") is refused rather than guessed. The value is shown
    back with thousands dots, so what the official saved reads as they typed it.
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _('Tulis jumlah dalam rupiah, misalnya "Rp 1.250.000" atau "1250000".'),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A text box (so "Rp" and dots can be typed) that still brings up a number pad on phones.
        attrs.pop("step", None)
        attrs.update(inputmode="numeric", autocomplete="off")
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (int, Decimal)):
            return super().to_python(value)
        text = RUPIAH_NOISE.sub("", str(value))
        text = re.sub(r",0{1,2}$", "", text)
        if not text:
            return None
        if not text.isascii() or not text.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text)

    def prepare_value(self, value):
        if isinstance(value, (int, Decimal)):
            return f"{int(value):,}".replace(",", ".")
        return value


class QuestionnaireForm(forms.ModelForm):
    """The answers of the four sections; every field optional while a draft."""

    ict_budget = RupiahField(
        label=_("Anggaran TIK setahun (Rp)"),
        required=False,
        max_digits=16,
        help_text=_('Misalnya "Rp 1.250.000" atau "1250000".'),
    )

    class Meta:
        model = Questionnaire
        fields = ANSWER_FIELDS
        widgets = {
            "leader_vision": forms.Textarea(attrs={"rows": 4}),
            "leader_commitment": forms.Textarea(attrs={"rows": 3}),
            "governance_body": forms.Textarea(attrs={"rows": 3}),
            "data_centre_notes": forms.Textarea(attrs={"rows": 2}),
            "applications": forms.Textarea(attrs={"rows": 4}),
            "institutions": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "leader_name": _("Nama kepala daerah"),
            "leader_vision": _("Visi smart city kepala daerah"),
            "leader_commitment": _("Komitmen dan dukungan anggaran"),
            "ict_staff": _("Jumlah SDM TIK"),
            "ict_trained_staff": _("SDM TIK bersertifikat/terlatih"),
            "governance_body": _("Lembaga/tim pengelola smart city"),
            "network_coverage": _("Cakupan jaringan internet (% wilayah)"),
            "has_data_centre": _("Memiliki pusat data"),
            "data_centre_notes": _("Keterangan pusat data"),
            "applications": _("Aplikasi layanan yang digunakan"),
            "institutions": _("Kelembagaan pendukung"),
        }
        help_texts = {
            "leader_vision": _("Bagaimana smart city mendukung visi-misi daerah (RPJMD)."),
            "ict_staff": _("Pegawai yang bekerja di bidang TIK, di semua OPD."),
            "network_coverage": _("Angka 0–100."),
            "institutions": _(
                "Forum, dewan, atau OPD yang mengoordinasikan smart city. Wajib diisi bila "
                "belum ada regulasi."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("ict_staff", "ict_trained_staff", "network_coverage"):
            self.fields[name].widget.attrs["min"] = 0
        self.fields["network_coverage"].widget.attrs["max"] = 100

    def clean(self):
        data = super().clean()
        staff, trained = data.get("ict_staff"), data.get("ict_trained_staff")
        if staff is not None and trained is not None and trained > staff:
            self.add_error(
                "ict_trained_staff",
                _("Tidak boleh melebihi jumlah SDM TIK (%(n)s).") % {"n": staff},
            )
        return data

    def sections(self):
        """(section value, label, bound fields) in page order, for the template."""
        return [
            (section.value, section.label, [self[name] for name in SECTION_FIELDS[section]])
            for section in Section
        ]


class RegulationForm(forms.ModelForm):
    """One regulation in force; its inputs belong to the page's `regulation-add` form."""

    FORM_ID = "regulation-add"

    class Meta:
        model = Regulation
        fields = ["kind", "number", "year", "title"]
        labels = {
            "kind": _("Jenis regulasi"),
            "number": _("Nomor regulasi"),
            "year": _("Tahun regulasi"),
            "title": _("Judul regulasi"),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_regulation_%s")
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("— pilih jenis —")), *Regulation.Kind.choices]
        for field in self.fields.values():
            # The inputs sit in the Suprastruktur card, inside the answers form; this attribute
            # makes them belong to the separate add form instead (HTML forms cannot nest).
            field.widget.attrs["form"] = self.FORM_ID


class EvidenceForm(forms.Form):
    """An upload for one section; its inputs belong to that section's upload form."""

    file = forms.FileField(
        label=_("Berkas bukti"),
        help_text=_("PDF, JPEG atau PNG, maks. %(mb)s MB.") % {"mb": EVIDENCE_MAX_BYTES >> 20},
        # No `accept=`: the server judges the content, and a too-narrow filter only hides
        # honest scans with odd extensions.
    )
    description = forms.CharField(label=_("Keterangan bukti"), max_length=200, required=False)

    def __init__(self, *args, section: str, **kwargs):
        kwargs.setdefault("auto_id", f"id_evidence_{section}_%s")
        super().__init__(*args, **kwargs)
        self.section = section
        self.form_id = f"evidence-{section}"
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Dibaca oleh pejabat daerah; jelaskan apa yang perlu diperbaiki."),
        error_messages={"required": _("Tuliskan alasan membuka kembali kuesioner.")},
    )
