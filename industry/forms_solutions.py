"""Forms of the industry partners' pages: their profile, their solutions, the catalogue filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import DIMENSIONS
from smartcity.models import PartnerOrganisation

from .models import Solution


class ProfileForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["sector", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class SolutionForm(forms.ModelForm):
    dimensions = forms.MultipleChoiceField(
        label=_("Dimensi"), choices=DIMENSIONS, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Solution
        fields = ["title", "description", "dimensions", "elements", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"elements": _("Mis. layanan publik, kesehatan, energi (dipisah koma).")}


class CatalogueFilterForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("Dimensi"), choices=[("", _("Semua dimensi")), *DIMENSIONS], required=False
    )
