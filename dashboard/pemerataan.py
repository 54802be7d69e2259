"""Pemerataan: how the invited, selected and participating regions spread across Indonesia, by
island group, province, kota or kabupaten and population class, against the national base of
514 kab/kota; and the share of the population living in participating regions.

Counts are regions (each once, whatever the number of cohorts), read from the funnel's tracks,
so a figure here and the funnel's list behind the same stage and filter always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from smartcity.models import Region
from smartcity.profile import SizeClass

from .funnel import Stage, Track
from .regions import IslandGroup, Place

# The three measures of spread, each a funnel stage: a participant is a region whose MoU is
# signed (the candidate's "participant" status).
MEASURES = (Stage.INVITED, Stage.SELECTED, Stage.MOU)
MEASURE_LABELS = {
    Stage.INVITED: _("Diundang"),
    Stage.SELECTED: _("Terpilih"),
    Stage.MOU: _("Peserta"),
}
UNKNOWN = "-"


@dataclass
class Cell:
    count: int
    of_base: float | None  # share of the group's own kab/kota (coverage)
    of_total: float | None  # share of every region counted by this measure (distribution)


@dataclass
class GroupRow:
    """One group (an island group, a province…): its base and each measure's cell."""

    key: str
    label: str
    base: int
    base_share: float | None  # the group's share of the base: what an even spread would give
    cells: dict[Stage, Cell] = field(default_factory=dict)
    param: str = ""  # the scope attribute that narrows a list to this group
    links: list = field(default_factory=list)  # (the list's URL, cell) per measure, by the page

    @property
    def cell_list(self) -> list[tuple[Stage, Cell]]:
        return [(stage, self.cells[stage]) for stage in MEASURES]


@dataclass
class Breakdown:
    """A table of groups (`rows`) with the total row."""

    key: str
    title: str
    rows: list[GroupRow]
    total: GroupRow


@dataclass
class Spread:
    breakdowns: list[Breakdown]
    base: int
    base_population: int
    participating_population: int
    counts: dict[Stage, int]

    @property
    def population_share(self) -> float | None:
        if not self.base_population:
            return None
        return self.participating_population / self.base_population


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _breakdown(
    key: str,
    title,
    groups: Iterable[tuple[str, str]],
    group_of: Callable[[Place], str],
    base: list[Place],
    reached: dict[Stage, set[str]],
    param: str,
) -> Breakdown:
    members: dict[str, list[Place]] = {}
    for place in base:
        members.setdefault(group_of(place), []).append(place)
    labels = dict(groups)
    if UNKNOWN in members:
        labels[UNKNOWN] = _("Tidak diketahui")
    totals = {stage: len(reached[stage]) for stage in MEASURES}
    rows = []
    for group, label in labels.items():
        codes = {place.code for place in members.get(group, [])}
        row = GroupRow(group, label, len(codes), _share(len(codes), len(base)), param=param)
        for stage in MEASURES:
            n = len(codes & reached[stage])
            row.cells[stage] = Cell(n, _share(n, len(codes)), _share(n, totals[stage]))
        rows.append(row)
    total = GroupRow("", _("Jumlah"), len(base), _share(len(base), len(base)))
    for stage in MEASURES:
        total.cells[stage] = Cell(totals[stage], _share(totals[stage], len(base)), 1.0)
    return Breakdown(key, title, rows, total)


def spread(*, base: list[Place], tracks: Iterable[Track]) -> Spread:
    """The spread of the regions in `tracks` over `base` (the kab/kota in scope), by island
    group, province, kind and population class."""
    in_base = {place.code for place in base}
    reached: dict[Stage, set[str]] = {stage: set() for stage in MEASURES}
    for track in tracks:
        if track.place.code in in_base:
            for stage in MEASURES:
                if stage in track.stages:
                    reached[stage].add(track.place.code)
    provinces = sorted({(p.province_code, p.province_name) for p in base})
    breakdowns = [
        _breakdown(
            "pulau",
            _("Kelompok pulau"),
            IslandGroup.choices,
            lambda p: p.island or UNKNOWN,
            base,
            reached,
            "island",
        ),
        _breakdown(
            "jenis",
            _("Kota dan kabupaten"),
            [(Region.Kind.CITY, _("Kota")), (Region.Kind.REGENCY, _("Kabupaten"))],
            lambda p: p.kind,
            base,
            reached,
            "kind",
        ),
        _breakdown(
            "kelas",
            _("Kelas jumlah penduduk"),
            SizeClass.choices,
            lambda p: p.size or UNKNOWN,
            base,
            reached,
            "size",
        ),
        _breakdown(
            "provinsi",
            _("Provinsi"),
            provinces,
            lambda p: p.province_code,
            base,
            reached,
            "province",
        ),
    ]
    participating = reached[Stage.MOU]
    return Spread(
        breakdowns=breakdowns,
        base=len(base),
        base_population=sum(p.population or 0 for p in base),
        participating_population=sum(p.population or 0 for p in base if p.code in participating),
        counts={stage: len(reached[stage]) for stage in MEASURES},
    )
