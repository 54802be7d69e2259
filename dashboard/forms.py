"""The dashboard's filter: one cohort or all, and a province (the lists behind the figures
also take an island group, a kind and a population class). Every field is optional."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.models import Region
from smartcity.profile import SizeClass

from .regions import SCOPE_PARAMS, IslandGroup, Place, Scope

SELECT = {"class": "form-select"}


class ScopeForm(forms.Form):
    angkatan = forms.TypedChoiceField(
        label=_("Angkatan"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs=SELECT),
    )
    provinsi = forms.ChoiceField(
        label=_("Provinsi"), required=False, widget=forms.Select(attrs=SELECT)
    )
    pulau = forms.ChoiceField(
        label=_("Kelompok pulau"),
        required=False,
        choices=[("", _("Semua"))] + IslandGroup.choices,
        widget=forms.Select(attrs=SELECT),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[
            ("", _("Semua")),
            (Region.Kind.REGENCY, _("Kabupaten")),
            (Region.Kind.CITY, _("Kota")),
        ],
        widget=forms.Select(attrs=SELECT),
    )
    kelas = forms.ChoiceField(
        label=_("Kelas penduduk"),
        required=False,
        choices=[("", _("Semua"))] + SizeClass.choices,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, data, *, cohort_years: list[int], places: dict[str, Place]):
        super().__init__(data)
        self.fields["angkatan"].choices = [("", _("Semua angkatan"))] + [
            (year, str(year)) for year in sorted(cohort_years, reverse=True)
        ]
        provinces = sorted({(p.province_code, p.province_name) for p in places.values()})
        self.fields["provinsi"].choices = [("", _("Semua provinsi"))] + provinces

    def scope(self) -> Scope:
        """The scope asked for; fields with an invalid value are left out (and shown as errors)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Scope(**{attr: data.get(param) or None for param, attr in SCOPE_PARAMS.items()})
