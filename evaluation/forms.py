"""The staff's correction of a published result: new part scores and the reason, recorded as a
new revision (`services.result_correct`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Part

SCORE = {"min_value": 0, "max_value": 5, "max_digits": 8, "decimal_places": 6}


class CorrectionForm(forms.Form):
    """The five part scores (0–5) and why they change; prefilled with the result's scores."""

    reason = forms.CharField(
        label=_("Alasan koreksi"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tercatat pada revisi baru dan terlihat oleh daerah."),
    )

    def __init__(self, *args, result=None, **kwargs):
        initial = dict(result.parts) if result else {}
        super().__init__(*args, initial=initial, **kwargs)
        parts = {part: forms.DecimalField(label=label, **SCORE) for part, label in Part.choices}
        self.fields = {**parts, "reason": self.fields["reason"]}

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Koreksi memerlukan alasan."))
        return reason

    def parts(self) -> dict:
        return {part: self.cleaned_data[part] for part in Part.values}
