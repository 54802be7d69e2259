"""Forms of the self-assessment, the evaluators' sheets, reconciliation and the survey upload.

They check what a person typed; whether it may change now, and whether a file is acceptable,
is the services' business.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.validators import NOTE_MAX, TEXT_MAX, max_length_help

from .self_assessment import EVIDENCE_MAX_BYTES

LEVELS = [(str(n), str(n)) for n in range(6)]


class SelfScoreForm(forms.Form):
    """The region's answer to one indicator; its inputs carry the indicator's id."""

    score = forms.TypedChoiceField(
        label=_("Nilai"),
        choices=LEVELS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Penjelasan"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=max_length_help(TEXT_MAX),
    )
    evidence_url = forms.CharField(
        label=_("Tautan bukti"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    evidence_file = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        help_text=_("PDF, JPEG atau PNG, maks. %(mb)s MB. Nilai 3 ke atas wajib berbukti.")
        % {"mb": EVIDENCE_MAX_BYTES >> 20},
    )
    remove_file = forms.BooleanField(label=_("Hapus berkas bukti"), required=False)

    def __init__(self, *args, indicator, **kwargs):
        kwargs.setdefault("auto_id", f"id_{indicator.code}_%s")
        kwargs.setdefault("prefix", f"i{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["score"].choices = [
            (str(n), f"{n} — {text}" if text else str(n)) for n, text in enumerate(indicator.levels)
        ]


class SheetForm(forms.Form):
    """An evaluator's score and note for every self-assessed indicator of the panel."""

    def __init__(self, *args, indicators, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            given = scores.get(indicator.pk)
            self.fields[f"score_{indicator.pk}"] = forms.TypedChoiceField(
                label=_("Nilai %(code)s") % {"code": indicator.code},
                # Each level with its rubric description, as the region saw it.
                choices=[
                    ("", "—"),
                    *(
                        (str(n), f"{n} — {text}" if text else str(n))
                        for n, text in enumerate(indicator.levels)
                    ),
                ],
                coerce=int,
                empty_value=None,
                required=False,
                initial=given.score if given else "",
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=_("Catatan %(code)s") % {"code": indicator.code},
                required=False,
                max_length=NOTE_MAX,
                initial=given.note if given else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def values(self) -> dict[int, tuple[int | None, str]]:
        return {
            i.pk: (self.cleaned_data[f"score_{i.pk}"], self.cleaned_data[f"note_{i.pk}"])
            for i in self.indicators
        }

    def field_pairs(self):
        """(indicator, score field, note field) in page order."""
        return [(i, self[f"score_{i.pk}"], self[f"note_{i.pk}"]) for i in self.indicators]


class ReconcileForm(forms.Form):
    score = forms.TypedChoiceField(label=_("Nilai rekonsiliasi"), choices=LEVELS, coerce=int)
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan nilai rekonsiliasi.")},
    )


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas survei (CSV)"),
        help_text=_("Kolom respondent_id dan kode pertanyaan survei; jawaban 1–5."),
    )
