"""The 514 kab/kota as the dashboard groups them: island group (from the province code),
province, kota or kabupaten, and population class (from the committed Kemendagri 2025 profile);
and the `Scope` every dashboard figure, list and export is filtered by."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from smartcity.models import Region
from smartcity.profile import SizeClass, profiles, size_class


class IslandGroup(models.TextChoices):
    """The island groups commonly used for pemerataan, in the order the programme lists them."""

    SUMATERA = "sumatera", _("Sumatera")
    JAWA = "jawa", _("Jawa")
    KALIMANTAN = "kalimantan", _("Kalimantan")
    SULAWESI = "sulawesi", _("Sulawesi")
    BALI_NUSA_TENGGARA = "bali-nusa-tenggara", _("Bali–Nusa Tenggara")
    MALUKU = "maluku", _("Maluku")
    PAPUA = "papua", _("Papua")


# Kemendagri province codes of each group, inclusive (DOMAIN.md, "Pemerataan").
PROVINCE_CODES = {
    IslandGroup.SUMATERA: (11, 21),
    IslandGroup.JAWA: (31, 36),
    IslandGroup.BALI_NUSA_TENGGARA: (51, 53),
    IslandGroup.KALIMANTAN: (61, 65),
    IslandGroup.SULAWESI: (71, 76),
    IslandGroup.MALUKU: (81, 82),
    IslandGroup.PAPUA: (91, 96),
}


def island_group(code: str) -> IslandGroup | None:
    """The island group of a province or kab/kota code (`33`, `33.11`); None for a code outside
    Indonesia's provinces (test regions use 40–49)."""
    try:
        province = int(code.split(".")[0])
    except ValueError:
        return None
    for group, (first, last) in PROVINCE_CODES.items():
        if first <= province <= last:
            return group
    return None


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
