"""The partner's input form on a plan page: the text, and optionally a programme and a solution.

Choices come as plain lists the page has already read (programmes from the version shown,
the organisation's solutions), so rendering the form runs no query.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services.inputs import BODY_MAX_CHARS


class PartnerInputForm(forms.Form):
    programme = forms.TypedChoiceField(
        label=_("Tentang"), coerce=int, required=False, empty_value=None
    )
    body = forms.CharField(
        label=_("Masukan"),
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    solution = forms.TypedChoiceField(
        label=_("Solusi terkait (opsional)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, programmes=(), solutions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("Seluruh masterplan"))] + [
            (p["id"], f"{p.get('dimension_name', '')} — {p['name']}") for p in programmes
        ]
        self.fields["solution"].choices = [("", "—")] + [(s.pk, s.title) for s in solutions]
