"""Indonesia's island groups, as the programme groups regions for pemerataan.

Reference data beside `Region`: the dashboard counts regions by island group and the
assessment's balanced selection sets a minimum per group, so it sits in the foundation both
stand on.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
