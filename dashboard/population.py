"""Population and area of every province and kab/kota (Kemendagri 2025), from the committed
profile file (`data/profile/`, MIT, Cahya DSN: see its README), and the population classes the
dashboard groups regions by.

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
