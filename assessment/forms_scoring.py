"""Forms of the scoring workspace: the score sheet, a conflict declaration, a reopen reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Score, Section


class ScoreSheetForm(forms.Form):
    """A 1–5 choice (labelled with the rubric's level descriptions) and a comment per criterion.

    Every score is optional here: a draft may be partial, and submitting checks completeness in
    the service, which names the criteria still missing.
    """

    def __init__(self, *args, criteria: list[Criterion], scores: dict[int, Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            score = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.code} {criterion.title}",
                choices=[(n, f"{n} — {level}") for n, level in enumerate(criterion.levels, 1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=score.value if score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Catatan %(code)s") % {"code": criterion.code},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=score.comment if score else "",
            )

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            comment = data.get(f"comment_{criterion.pk}")
            if comment and data.get(f"score_{criterion.pk}") is None:
                self.add_error(
                    f"comment_{criterion.pk}", _("Pilih nilai agar catatan ini dapat disimpan.")
                )
        return data

    def values(self) -> dict[int, tuple[int | None, str]]:
        """What `sheet_save` takes: criterion id → (value or None, comment)."""
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }

    def sections(self) -> list[tuple[str, list[tuple[Criterion, object, object]]]]:
        """(section label, [(criterion, score field, comment field)]) in the framework's order."""
        grouped = {value: [] for value in Section.values}
        for criterion in self.criteria:
            grouped[criterion.section].append(
                (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            )
        return [(Section(key).label, rows) for key, rows in grouped.items() if rows]


class ConflictDeclarationForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan konflik kepentingan"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class SheetReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dibaca oleh asesor di lembarnya; jelaskan apa yang perlu diperiksa."),
        error_messages={"required": _("Tuliskan alasan membuka kembali lembar nilai.")},
    )
