"""Population and area of every province and kab/kota (Kemendagri 2025), from the committed
profile file (`data/profile/`, MIT, Cahya DSN: see its README), the population classes the
dashboard groups regions by, and a region's profile (*Gambaran Umum Daerah*) as the master plan
and the region's page show it.

It lives in the foundation because both the master plan and the dashboard above it read it.

The file is read once per process: it changes only with a deploy.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

PROFILE_PATH = Path(__file__).resolve().parent / "data" / "profile" / "wilayah-profil-2025.csv"
SOURCE = _(
    "Penduduk dan luas wilayah: Kepmendagri No 300.2.2-2138 Tahun 2025 "
    "(data cahyadsn/wilayah, lisensi MIT)."
)


class SizeClass(models.TextChoices):
    """Population classes, as Indonesia's city index uses them (largest first)."""

    METROPOLITAN = "metropolitan", _("Metropolitan (> 1 juta jiwa)")
    LARGE = "besar", _("Besar (500 ribu–1 juta jiwa)")
    MEDIUM = "sedang", _("Sedang (100–500 ribu jiwa)")
    SMALL = "kecil", _("Kecil (< 100 ribu jiwa)")


def size_class(population: int) -> SizeClass:
    """The class of a region of `population` people: more than a million is metropolitan, half a
    million to a million large, 100,000 up to half a million medium, fewer small."""
    if population > 1_000_000:
        return SizeClass.METROPOLITAN
    if population >= 500_000:
        return SizeClass.LARGE
    if population >= 100_000:
        return SizeClass.MEDIUM
    return SizeClass.SMALL


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    population: int
    area_km2: Decimal

    @property
    def size_class(self) -> SizeClass:
        return size_class(self.population)


@cache
def profiles() -> dict[str, Profile]:
    """Every row of the file by dotted code: 38 provinces and 514 kab/kota."""
    with PROFILE_PATH.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: Profile(
                code=row["code"],
                name=row["name"],
                population=int(row["population_total"]),
                area_km2=Decimal(row["area_km2"]),
            )
            for row in csv.DictReader(handle)
        }


def population_of(code: str) -> int:
    """A region's population; 0 for a code the file does not know (a code changed since 2025)."""
    profile = profiles().get(code)
    return profile.population if profile else 0


@cache
def national_population() -> int:
    """Indonesia's population: the sum over the provinces (the kab/kota add up to the same)."""
    return sum(p.population for code, p in profiles().items() if "." not in code)


@dataclass(frozen=True)
class RegionProfile:
    """A kab/kota (or province) in figures: what the plan's *Gambaran Umum Daerah* and the
    region's page print. Figures are None when the 2025 file does not know the code (a code
    changed since), never zero."""

    code: str
    name: str
    kind: str  # "kota", "kabupaten" or "provinsi" (Region.Kind)
    kind_name: str  # "Kota", "Kabupaten", "Provinsi"
    province_code: str
    province_name: str
    population: int | None
    population_male: int | None
    population_female: int | None
    area_km2: Decimal | None
    cohort: int | None  # the programme year the region joined, when it did
    source: str

    @property
    def density(self) -> Decimal | None:
        """People per km², to one decimal."""
        if self.population is None or not self.area_km2:
            return None
        return (Decimal(self.population) / self.area_km2).quantize(Decimal("0.1"))

    @property
    def size_class(self) -> SizeClass | None:
        return size_class(self.population) if self.population is not None else None

    def as_data(self) -> dict:
        """Plain JSON values (numbers as text where they are decimals), as a plan snapshot
        freezes them."""
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "kind_name": self.kind_name,
            "province_code": self.province_code,
            "province_name": self.province_name,
            "population": self.population,
            "population_male": self.population_male,
            "population_female": self.population_female,
            "area_km2": _text(self.area_km2),
            "density": _text(self.density),
            "cohort": self.cohort,
            "source": self.source,
        }

    @classmethod
    def from_data(cls, data: dict) -> RegionProfile:
        """Back from `as_data` (the density is recomputed, so it is not read)."""
        area = data.get("area_km2")
        return cls(
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            kind_name=data["kind_name"],
            province_code=data["province_code"],
            province_name=data["province_name"],
            population=data.get("population"),
            population_male=data.get("population_male"),
            population_female=data.get("population_female"),
            area_km2=Decimal(area) if area else None,
            cohort=data.get("cohort"),
            source=data.get("source", ""),
        )


def _text(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


@cache
def _counts() -> dict[str, tuple[int, int]]:
    with PROFILE_PATH.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: (int(row["population_male"]), int(row["population_female"]))
            for row in csv.DictReader(handle)
        }


KIND_NAMES = {
    "kota": _("Kota"),
    "kabupaten": _("Kabupaten"),
    "provinsi": _("Provinsi"),
}


def region_profile(region, *, cohort: int | None = None) -> RegionProfile:
    """The profile of `region` (a `smartcity.models.Region`, or anything with `code`, `name`
    and `kind`) from the committed Kemendagri 2025 file; no query. The province is named from
    the same file. `cohort` is the programme year, which the caller knows (candidates are
    above the foundation)."""
    code = region.code
    known = profiles().get(code)
    province_code = code.split(".")[0]
    province = profiles().get(province_code)
    male, female = _counts().get(code, (None, None))
    return RegionProfile(
        code=code,
        name=region.name,
        kind=region.kind,
        kind_name=str(KIND_NAMES.get(region.kind, region.kind)),
        province_code=province_code,
        province_name=province.name if province else "",
        population=known.population if known else None,
        population_male=male,
        population_female=female,
        area_km2=known.area_km2 if known else None,
        cohort=cohort,
        source=str(SOURCE),
    )
