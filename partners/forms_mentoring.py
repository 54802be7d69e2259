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
    """End one assignment, with the reason kept in its history (the page names which)."""

    reason = forms.CharField(
        label=_("Alasan penugasan diakhiri"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib; disimpan di riwayat penugasan. Paling banyak 300 karakter."),
        error_messages={"required": _("Tuliskan alasan penugasan diakhiri.")},
    )


class OverviewFilterForm(forms.Form):
    """Narrow the cohort's teams by region, province, team state or mentor.

    Applied in Python to the rows the page read anyway (a cohort has at most a hundred or so
    selected regions), so filtering never adds a query.
    """

    TEAMS = [
        ("", _("Semua")),
        ("none", _("Tanpa mentor")),
        ("short", _("Tim belum lengkap")),
        ("full", _("Tim lengkap")),
    ]

    q = forms.CharField(label=_("Cari daerah atau kode"), required=False, max_length=60)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    team = forms.ChoiceField(label=_("Tim"), required=False, choices=TEAMS)
    mentor = forms.TypedChoiceField(label=_("Mentor"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, candidates=(), mentors=(), team_size: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_size = team_size
        provinces = sorted({(c.region.province.code, c.region.province.name) for c in candidates})
        self.fields["province"].choices = [("", _("Semua"))] + provinces
        self.fields["mentor"].choices = [("", _("Semua"))] + [
            (m.pk, f"{m.display_name} ({m.institution.code})") for m in mentors
        ]
        for name, field in self.fields.items():
            css = "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            field.widget.attrs["class"] = css

    def narrows(self) -> bool:
        return self.is_valid() and any(
            self.cleaned_data[name] not in ("", None) for name in self.fields
        )

    def apply(self, candidates: list) -> list:
        """The candidates (each with its active `team`) that match every filter given."""
        if not self.is_valid():
            return list(candidates)
        data = self.cleaned_data
        q = data["q"].casefold()
        size = self.team_size
        kept = []
        for candidate in candidates:
            region, team = candidate.region, candidate.team
            if q and q not in region.name.casefold() and not region.code.startswith(q):
                continue
            if data["province"] and region.province.code != data["province"]:
                continue
            if data["team"] == "none" and team:
                continue
            if data["team"] == "short" and len(team) >= size:
                continue
            if data["team"] == "full" and len(team) < size:
                continue
            if data["mentor"] and all(a.mentor_id != data["mentor"] for a in team):
                continue
            kept.append(candidate)
        return kept
