"""The library's search: words and filters in, programmes grouped by name out.

PostgreSQL: full-text search with the 'simple' configuration (PostgreSQL has no Indonesian
dictionary; 'simple' lower-cases and splits without stemming, which keeps Indonesian words and
English names intact), `websearch` syntax (quotes, `-word`, `or`), ranked with the name weighted
above the rest. Elsewhere (SQLite, `make run`'s default): every word must appear (`icontains`),
ranked by how many words are in the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.utils.translation import gettext_lazy as _

from masterplan.models import Dimension, Element, Programme
from smartcity.islands import IslandGroup
from smartcity.models import Region

from .models import LibraryEntry

RESULT_LIMIT = 200


class SearchForm(forms.Form):
    """The query, in the URL (GET) so a search can be shared."""

    q = forms.CharField(label=_("Kata kunci"), required=False, max_length=200)
    dimensi = forms.ChoiceField(label=_("Dimensi"), required=False)
    elemen = forms.ChoiceField(label=_("Elemen"), required=False)
    pulau = forms.ChoiceField(
        label=_("Kelompok pulau"), required=False, choices=[("", "—"), *IslandGroup.choices]
    )
    provinsi = forms.ChoiceField(label=_("Provinsi"), required=False)
    jenis = forms.ChoiceField(
        label=_("Kota/kabupaten"),
        required=False,
        choices=[("", "—"), (Region.Kind.CITY, _("Kota")), (Region.Kind.REGENCY, _("Kabupaten"))],
    )
    daerah = forms.CharField(label=_("Kode daerah"), required=False, max_length=13)
    angkatan = forms.TypedChoiceField(
        label=_("Angkatan"), required=False, coerce=int, empty_value=None
    )
    dana = forms.ChoiceField(
        label=_("Sumber dana"), required=False, choices=[("", "—"), *Programme.Funding.choices]
    )
    anggaran_min = forms.IntegerField(label=_("Anggaran minimal (Rp)"), required=False, min_value=0)
    anggaran_max = forms.IntegerField(
        label=_("Anggaran maksimal (Rp)"), required=False, min_value=0
    )
    quick_win = forms.BooleanField(label=_("Hanya quick win"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimensi"].choices = [("", "—"), *choices["dimensions"]]
        self.fields["elemen"].choices = [("", "—"), *choices["elements"]]
        self.fields["provinsi"].choices = [("", "—"), *choices["provinces"]]
        self.fields["angkatan"].choices = [("", "—"), *choices["cohorts"]]


def filter_choices() -> dict:
    """The choices of the filters: every dimension and element, and the provinces and cohorts
    that have a published plan (three queries)."""
    provinces = (
        LibraryEntry.objects.order_by("province_name")
        .values_list("province_code", "province_name")
        .distinct()
    )
    cohorts = LibraryEntry.objects.order_by("cohort_year").values_list("cohort_year", flat=True)
    return {
        "dimensions": [(d.code, d.name) for d in Dimension.objects.all()],
        "elements": [
            (e.code, f"{e.dimension.name}: {e.name}")
            for e in Element.objects.select_related("dimension")
        ],
        "provinces": list(provinces),
        "cohorts": [(y, y) for y in sorted(set(cohorts))],
    }


@dataclass
class Group:
    """Programmes of several plans sharing a name (case-insensitive), best rank first."""

    name: str
    rank: float
    entries: list = field(default_factory=list)


def search(data: dict) -> tuple[list[Group], int]:
    """The groups of programmes matching the cleaned form data, and how many programmes."""
    rows = LibraryEntry.objects.all()
    if data.get("dimensi"):
        rows = rows.filter(dimension=data["dimensi"])
    if data.get("elemen"):
        rows = rows.filter(element=data["elemen"])
    if data.get("pulau"):
        rows = rows.filter(island_group=data["pulau"])
    if data.get("provinsi"):
        rows = rows.filter(province_code=data["provinsi"])
    if data.get("jenis"):
        rows = rows.filter(region_kind=data["jenis"])
    if data.get("daerah"):
        rows = rows.filter(region_code=data["daerah"].strip())
    if data.get("angkatan"):
        rows = rows.filter(cohort_year=data["angkatan"])
    if data.get("dana"):
        rows = rows.filter(funding_source=data["dana"])
    if data.get("anggaran_min") is not None:
        rows = rows.filter(budget_total__gte=data["anggaran_min"])
    if data.get("anggaran_max") is not None:
        rows = rows.filter(budget_total__lte=data["anggaran_max"])
    if data.get("quick_win"):
        rows = rows.filter(is_quick_win=True)
    words = (data.get("q") or "").strip()
    if words and connection.vendor == "postgresql":
        query = SearchQuery(words, config="simple", search_type="websearch")
        # Filter on the indexed vector (migration 0002), rank on one that weighs the name most.
        weighted = SearchVector("name", weight="A", config="simple") + SearchVector(
            "document", weight="B", config="simple"
        )
        rows = (
            rows.annotate(matches=SearchVector("document", config="simple"))
            .filter(matches=query)
            .annotate(rank=SearchRank(weighted, query))
            .order_by("-rank", "region_name", "order")
        )
    elif words:
        terms = words.split()
        for term in terms:
            rows = rows.filter(document__icontains=term)
        found = list(rows.defer("document").order_by("region_name", "order")[:RESULT_LIMIT])
        for entry in found:
            entry.rank = sum(1 for t in terms if t.lower() in entry.name.lower())
        found.sort(key=lambda e: -e.rank)
        return _group(found), len(found)
    else:
        rows = rows.order_by("dimension", "name", "region_name")
    found = list(rows.defer("document")[:RESULT_LIMIT])
    return _group(found), len(found)


def _group(entries) -> list[Group]:
    groups: dict[str, Group] = {}
    for entry in entries:
        key = " ".join(entry.name.lower().split())
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(name=entry.name, rank=getattr(entry, "rank", 0) or 0)
        group.entries.append(entry)
    return list(groups.values())
