"""Forms of the MoU pages: recording a signing, withdrawing, filtering the progress list.

They check only what a person typed; whether the uploaded document is an acceptable PDF, and
whether the MoU may still change, is decided by `partners.services.mou`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.validators import date_field

from .models import MoU


class MoUSignForm(forms.Form):
    signing_date = date_field(_("Tanggal penandatanganan"))
    venue = forms.CharField(label=_("Tempat"), max_length=200)
    head_name = forms.CharField(label=_("Nama kepala daerah"), max_length=150)
    head_title = forms.ChoiceField(label=_("Jabatan"), choices=MoU.HeadTitle.choices)
    document = forms.FileField(
        label=_("Dokumen MoU bertanda tangan (PDF)"),
        help_text=_("PDF asli hasil pindai atau ekspor, maks. 15 MB, tanpa sandi."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    @classmethod
    def for_candidate(cls, candidate, **kwargs):
        """Prefilled with the cohort's signing event and the title that fits the region."""
        cohort = candidate.cohort
        initial = {
            "signing_date": cohort.mou_date,
            "venue": cohort.mou_venue,
            "head_title": (
                MoU.HeadTitle.MAYOR if candidate.region.kind == "kota" else MoU.HeadTitle.REGENT
            ),
        }
        return cls(initial=initial, **kwargs)


class MoUWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class MoUFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *MoU.Status.choices],
    )
