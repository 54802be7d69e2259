"""Forms of the mentoring pages: assign a mentor by hand, end an assignment.

Choices are built from lists the view already read, so rendering them costs no query; the
services check everything again (capacity, conflicts, the candidate's status).
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class AssignForm(forms.Form):
    """One mentor onto one selected region's team; an override reason only for a conflict."""

    candidate = forms.TypedChoiceField(label=_("Daerah"), coerce=int)
    mentor = forms.TypedChoiceField(label=_("Mentor"), coerce=int)
    override_reason = forms.CharField(
        label=_("Alasan pengecualian konflik"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hanya bila mentor tetap ditugaskan meski berkonflik dengan daerah."),
    )

    def __init__(self, *args, candidates=(), mentors=(), **kwargs):
        super().__init__(*args, prefix="assign", **kwargs)
        self.fields["candidate"].choices = [("", "—")] + [
            (c.pk, c.region.short_name) for c in candidates
        ]
        self.fields["mentor"].choices = [("", "—")] + [
            (m.pk, f"{m.display_name} ({m.institution.code})") for m in mentors
        ]


class EndForm(forms.Form):
    """End one assignment, with the reason kept in its history."""

    assignment = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="end", **kwargs)
