"""The 514 kab/kota as the dashboard groups them: island group (from the province code),
province, kota or kabupaten, and population class (from the committed Kemendagri 2025 profile);
and the `Scope` every dashboard figure, list and export is filtered by."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.http import urlencode

from smartcity.islands import IslandGroup, island_group
from smartcity.models import Region
from smartcity.profile import SizeClass, profiles, size_class


@dataclass(frozen=True)
class Place:
    """A kab/kota with everything the dashboard groups it by (island group and population class
    computed once, when the places are read: pages group 514 of them several times)."""

    code: str
    name: str
    kind: str  # Region.Kind: kabupaten or kota
    province_code: str
    province_name: str
    population: int | None  # None when the 2025 profile does not know the code
    island: IslandGroup | None = None
    size: SizeClass | None = None

    @classmethod
    def of(cls, code, name, kind, province_code, province_name, population):
        return cls(
            code,
            name,
            kind,
            province_code,
            province_name,
            population,
            island_group(code),
            size_class(population) if population is not None else None,
        )

    @property
    def short_name(self) -> str:
        return Region(name=self.name).short_name

    @property
    def kind_label(self) -> str:
        return Region.Kind(self.kind).label


def places() -> dict[str, Place]:
    """Every kab/kota by code, with its province and population. One query."""
    known = profiles()
    rows = (
        Region.objects.kab_kota()
        .order_by("code")
        .values_list("code", "name", "kind", "province__code", "province__name")
    )
    return {
        code: Place.of(
            code,
            name,
            kind,
            province_code,
            province_name,
            known[code].population if code in known else None,
        )
        for code, name, kind, province_code, province_name in rows
    }


# The query parameters of a scope, in the portal's language, and the attribute each fills.
SCOPE_PARAMS = {
    "angkatan": "cohort_year",
    "provinsi": "province",
    "pulau": "island",
    "jenis": "kind",
    "kelas": "size",
}


@dataclass(frozen=True)
class Scope:
    """Which regions a figure counts: one cohort or all (None), and optionally one province,
    island group, kind (kabupaten/kota) or population class."""

    cohort_year: int | None = None
    province: str | None = None
    island: str | None = None
    kind: str | None = None
    size: str | None = None

    def admits(self, place: Place) -> bool:
        return (
            (self.province is None or place.province_code == self.province)
            and (self.island is None or place.island == self.island)
            and (self.kind is None or place.kind == self.kind)
            and (self.size is None or place.size == self.size)
        )

    def params(self, **changes) -> dict:
        """The scope's query parameters, with `changes` (attribute names) applied."""
        values = {attr: getattr(self, attr) for attr in SCOPE_PARAMS.values()} | changes
        return {
            param: values[attr] for param, attr in SCOPE_PARAMS.items() if values[attr] is not None
        }

    def query(self, **changes) -> str:
        """The scope as a query string (`angkatan=2018&provinsi=33`), `changes` applied."""
        return urlencode(self.params(**changes))

    @property
    def regional(self) -> bool:
        """Whether the scope narrows the regions (not only the cohort)."""
        return any(v is not None for v in (self.province, self.island, self.kind, self.size))
