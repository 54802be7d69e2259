"""The selection form: the ranking with checkboxes, the Dirjen's letter and a reason per
deviation from the ranking."""

from dataclasses import dataclass

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartcity.validators import date_field

from .models import SelectionDeviation
from .services.proposal import unsign_proposal
from .services.selection import selection_deviations


@dataclass
class SelectionItem:
    """One ranked candidate on the form: its result row, checkbox state and reason field."""

    row: object
    checked: bool
    within_quota: bool
    reason: forms.BoundField
    deviation: str = ""  # SelectionDeviation.Kind when the current choice deviates


class SelectionForm(forms.Form):
    letter_number = forms.CharField(label=gettext_lazy("Nomor surat Dirjen"), max_length=100)
    letter_date = date_field(
        gettext_lazy("Tanggal surat"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    selected = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Daerah terpilih"), coerce=int, required=False
    )
    # The signed balanced proposal the form was started from (`services.proposal`), if any.
    proposal = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, rows, quota: int, cohort=None, start_from=None, **kwargs):
        """`start_from`, a `services.proposal.Comparison`, pre-ticks the balanced proposal and
        pre-fills each departure's reason (editable) instead of the ranking's top `quota`."""
        super().__init__(*args, **kwargs)
        self.quota = quota
        self.cohort = cohort
        self.proposal_payload = None
        self.ranked = [row for row in rows if row.rank is not None]
        self.fields["selected"].choices = [
            (row.candidate.pk, row.region.short_name) for row in self.ranked
        ]
        if not self.is_bound and start_from is not None:
            self.initial["selected"] = [r.candidate_id for r in start_from.chosen]
            self.initial["proposal"] = start_from.signed()
            for candidate_id, reason in start_from.reasons().items():
                self.initial[self.reason_name(candidate_id)] = reason
        elif not self.is_bound:
            self.initial["selected"] = [
                row.candidate.pk for row in self.ranked[:quota] if row.panel_complete
            ]
        for row in self.ranked:
            self.fields[self.reason_name(row.candidate.pk)] = forms.CharField(
                label=_("Alasan untuk %(region)s") % {"region": row.region.short_name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    @staticmethod
    def reason_name(candidate_id: int) -> str:
        return f"reason_{candidate_id}"

    def chosen_ids(self) -> set[int]:
        """The ticked candidates: cleaned when valid, else read from the raw data or initial."""
        if hasattr(self, "cleaned_data") and "selected" in self.cleaned_data:
            return set(self.cleaned_data["selected"])
        if self.is_bound:
            chosen = set()
            for value in self.data.getlist(self.add_prefix("selected")):
                try:
                    chosen.add(int(value))
                except ValueError:
                    continue
            return chosen
        return set(self.initial.get("selected", []))

    def deviations(self):
        return selection_deviations(
            ranked_ids=[row.candidate.pk for row in self.ranked],
            selected_ids=self.chosen_ids(),
            quota=self.quota,
        )

    def clean_proposal(self):
        token = self.cleaned_data.get("proposal") or ""
        if token:
            try:
                self.proposal_payload = unsign_proposal(token, cohort=self.cohort)
            except signing.BadSignature:
                raise forms.ValidationError(
                    _("Usulan pemerataan tidak dikenali; mulai lagi dari halaman usulan.")
                ) from None
        return token

    @property
    def from_proposal(self) -> bool:
        return bool(self.proposal_payload or self.initial.get("proposal"))

    def clean(self):
        cleaned = super().clean()
        chosen = set(cleaned.get("selected") or [])
        if not chosen:
            self.add_error("selected", _("Pilih setidaknya satu daerah."))
        incomplete = [
            row.region.short_name
            for row in self.ranked
            if row.candidate.pk in chosen and not row.panel_complete
        ]
        if incomplete:
            self.add_error(
                "selected",
                _("Panel belum lengkap, belum dapat dipilih: %(list)s.")
                % {"list": ", ".join(incomplete)},
            )
        elif len(chosen) > self.quota:
            self.add_error(
                "selected",
                _("Kuota terpilih %(quota)s daerah; dipilih %(n)s.")
                % {"quota": self.quota, "n": len(chosen)},
            )
        # Each missing reason is reported on its own row, all at once.
        for deviation in self.deviations():
            name = self.reason_name(deviation.candidate_id)
            if not (cleaned.get(name) or "").strip():
                if deviation.kind == SelectionDeviation.Kind.PASSED_OVER:
                    message = _(
                        "Peringkat %(rank)s berada dalam kuota: tuliskan alasan tidak dipilih."
                    )
                else:
                    message = _("Peringkat %(rank)s di luar kuota: tuliskan alasan dipilih.")
                self.add_error(name, message % {"rank": deviation.rank})
        return cleaned

    def reasons(self) -> dict[int, str]:
        """The reasons written for the current deviations (others are not recorded)."""
        return {
            d.candidate_id: self.cleaned_data.get(self.reason_name(d.candidate_id), "").strip()
            for d in self.deviations()
        }

    def items(self) -> list[SelectionItem]:
        chosen = self.chosen_ids()
        kinds = {d.candidate_id: d.kind for d in self.deviations()}
        return [
            SelectionItem(
                row=row,
                checked=row.candidate.pk in chosen,
                within_quota=row.rank <= self.quota,
                reason=self[self.reason_name(row.candidate.pk)],
                deviation=kinds.get(row.candidate.pk, ""),
            )
            for row in self.ranked
        ]

    def missing_reasons(self, candidate_ids) -> None:
        """Mark the rows the service found without a reason (e.g. the ranking moved meanwhile)."""
        for candidate_id in candidate_ids:
            name = self.reason_name(candidate_id)
            if name in self.fields:
                self.add_error(name, _("Alasan wajib diisi."))
