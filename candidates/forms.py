from decimal import Decimal

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import ranking
from .models import ScreeningResult


class WeightsForm(forms.Form):
    """Weights (as percentages, easier for people than fractions) and the shortlist quota."""

    fiscal = forms.DecimalField(
        label=_("Bobot kapasitas fiskal (%)"), min_value=0, max_value=100, decimal_places=2
    )
    governance = forms.DecimalField(
        label=_("Bobot kinerja pemerintahan/EKPPD (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    green = forms.DecimalField(
        label=_("Bobot indeks kota hijau (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        # Under the last weight: it is about all three, and about the what-if's stability table.
        help_text=_(
            "Uji stabilitas menggeser tiap bobot tepat ±10% (mis. 40% menjadi 44% atau 36%); "
            "bobot lain berbagi sisanya sebanding nilainya. Bobot 0 tidak dapat digeser."
        ),
    )
    quota = forms.IntegerField(label=_("Kuota daftar pendek"), min_value=1, max_value=514)

    @classmethod
    def for_round(cls, round_, data=None):
        # Percentages without float noise: 0.35 shows as 35, not 35.00000000000001.
        initial = {
            key: f"{value * 100:.2f}".rstrip("0").rstrip(".")
            for key, value in round_.weights.items()
        }
        return cls(data=data, initial={**initial, "quota": round_.quota})

    def clean(self):
        data = super().clean()
        parts = [data.get(key) for key in ("fiscal", "governance", "green")]
        if None in parts:
            return data
        if sum(parts) != Decimal(100):
            raise forms.ValidationError(
                _("Jumlah bobot harus 100%% (sekarang %(total)s%%).") % {"total": sum(parts)}
            )
        data["weights"] = ranking.Weights(*(float(p) / 100 for p in parts))
        return data


class RunFilterForm(forms.Form):
    """Filters, search and sorting of the ranked table; every field optional."""

    # Regions without a rank or score (incomplete, excluded) always come last, on every database.
    SORTS = {
        "rank": (F("rank").asc(nulls_last=True), "region__code"),
        "name": ("region__name",),
        "code": ("region__code",),
        "composite": (F("composite_score").desc(nulls_last=True), "region__code"),
        "fiscal": (F("fiscal_score").desc(nulls_last=True), "region__code"),
        "governance": (F("governance_score").desc(nulls_last=True), "region__code"),
        "green": (F("green_score").desc(nulls_last=True), "region__code"),
        "province": ("region__province__name", F("rank").asc(nulls_last=True), "region__code"),
    }

    # The fields that narrow the table (sorting only orders it).
    FILTERS = ("q", "province", "kind", "status")

    q = forms.CharField(label=_("Cari nama atau kode"), required=False, max_length=60)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[("", _("Semua")), ("kabupaten", _("Kabupaten")), ("kota", _("Kota"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), *ScreeningResult.Status.choices],
    )
    sort = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("rank", _("Peringkat")),
            ("composite", _("Skor komposit")),
            ("fiscal", _("Skor fiskal")),
            ("governance", _("Skor EKPPD")),
            ("green", _("Skor kota hijau")),
            ("name", _("Nama")),
            ("code", _("Kode")),
            ("province", _("Provinsi")),
        ],
    )

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name != "q" else "form-control form-control-sm"
            field.widget.attrs["class"] = css
        self.fields["province"].choices = [("", _("Semua"))] + [(p.code, p.name) for p in provinces]

    def narrows(self) -> bool:
        """Whether the table shows only some of the run's regions."""
        return self.is_valid() and any(self.cleaned_data[name] for name in self.FILTERS)

    def apply(self, results):
        if not self.is_valid():
            return results.order_by(*self.SORTS["rank"])
        data = self.cleaned_data
        if q := data["q"].strip():
            results = results.filter(Q(region__name__icontains=q) | Q(region__code__startswith=q))
        if data["province"]:
            results = results.filter(region__province__code=data["province"])
        if data["kind"]:
            results = results.filter(region__kind=data["kind"])
        if data["status"]:
            results = results.filter(status=data["status"])
        return results.order_by(*self.SORTS[data["sort"] or "rank"])
