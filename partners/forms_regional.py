"""Forms of the regional pages: the bodies' decree and members, and the Bimtek log.

They check what a person typed; the rules (stage order, three quick wins, valid PDF) are the
services' (`partners.services.bodies`, `partners.services.bimtek`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.validators import COUNT_MAX, NOTE_MAX, TEXT_MAX, date_field, text_field

from .models import DIMENSIONS, BimtekSession, SmartCityBody


class BodyForm(forms.Form):
    kind = forms.ChoiceField(choices=SmartCityBody.Kind.choices, widget=forms.HiddenInput)
    decree_number = forms.CharField(label=_("Nomor SK"), max_length=100)
    decree_date = date_field(_("Tanggal SK"))
    decree_file = forms.FileField(
        label=_("Berkas SK (PDF)"),
        required=False,
        help_text=_("PDF maks. 15 MB, tanpa sandi. Kosongkan untuk mempertahankan berkas lama."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class MemberForm(forms.Form):
    kind = forms.ChoiceField(choices=SmartCityBody.Kind.choices, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Nama"), max_length=150)
    position = forms.CharField(label=_("Jabatan"), max_length=150)
    agency = forms.CharField(label=_("OPD/instansi"), max_length=150)
    role = forms.CharField(label=_("Peran dalam lembaga"), max_length=100)
    dimension = forms.ChoiceField(
        label=_("Penanggung jawab dimensi"),
        choices=[("", "—"), *DIMENSIONS],
        required=False,
    )


class BimtekRecordForm(forms.Form):
    stage = forms.TypedChoiceField(
        label=_("Tahap"), choices=BimtekSession.Stage.choices, coerce=int
    )
    date = date_field(_("Tanggal"))
    place = forms.CharField(label=_("Tempat"), max_length=200)
    mentors = forms.ModelMultipleChoiceField(
        label=_("Mentor hadir"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = forms.IntegerField(
        label=_("Jumlah peserta"), min_value=0, max_value=COUNT_MAX, initial=0
    )
    minutes = text_field(_("Notulen"), max_length=TEXT_MAX)
    outputs = text_field(_("Keluaran"), max_length=TEXT_MAX, rows=3)
    commitment_signed = forms.BooleanField(
        label=_("Lembar komitmen ditandatangani (Bimtek IV)"), required=False
    )
    final_quick_wins = text_field(
        _("Tiga quick win final (Bimtek IV)"),
        max_length=NOTE_MAX,
        rows=3,
        help_text=_("Satu quick win per baris, tepat tiga baris."),
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = mentors
        self.fields["mentors"].label_from_instance = lambda u: u.display_name


class BimtekDocumentForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("Tahap"), choices=(), coerce=int)
    document = forms.FileField(
        label=_("Dokumen (PDF, JPEG atau PNG)"),
        help_text=_("Daftar hadir, notulen, materi atau foto; maks. 15 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s.stage, s.get_stage_display()) for s in stages]
