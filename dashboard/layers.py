"""What the programme map can be coloured by: one `Layer` per choice in the map's menu.

A layer reads its stage through that stage's own app (access functions and selectors) in a
fixed number of queries, and sorts every kab/kota with a value into one of its classes
(`MapClass`: a key, a label and a colour); the map, its legend, the server-rendered SVG and
the JSON the browser reads all come from that one result (`LayerValues`).

To add a layer (the yearly evaluation index, when it exists): write a subclass of `Layer` with
its `key` (the URL value), `label`, `classes()` and `values()`, and add it to `LAYERS`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.access import candidates_visible_to
from assessment.selectors import panel_scores
from candidates.models import Candidate, Cohort, ScreeningResult
from candidates.selectors import screening_lines
from masterplan.access import plans_visible_to
from masterplan.models import Plan
from smartcity.geometry import NO_VALUE, shapes
from smartcity.templatetags.portal import score


@dataclass(frozen=True)
class MapClass:
    """One class of a layer's legend: the regions coloured alike."""

    key: str
    label: str
    colour: str


@dataclass
class LayerValues:
    """A layer's classes and, per kab/kota code, its class and the text its tooltip shows.

    Codes absent from `regions` have no value in this layer (shown grey, as `no_value`).
    """

    layer: Layer
    cohort: Cohort | None
    classes: list[MapClass]
    regions: dict[str, tuple[str, str]] = field(default_factory=dict)  # code: (class, text)

    @property
    def title(self) -> str:
        """`Status program · angkatan 2018`: the legend's heading."""
        if self.cohort is None:
            return _("%(layer)s · semua angkatan") % {"layer": self.layer.label}
        return _("%(layer)s · angkatan %(year)s") % {
            "layer": self.layer.label,
            "year": self.cohort.year,
        }

    @property
    def counts(self) -> Counter:
        return Counter(key for key, _ in self.regions.values())

    @property
    def no_value(self) -> MapClass:
        return MapClass("", str(self.layer.no_value_label), NO_VALUE)

    def legend(self) -> list[tuple[MapClass, int]]:
        """Every class with how many regions it holds, the regions without a value last."""
        counts = self.counts
        total = len(shapes())
        rows = [(c, counts.get(c.key, 0)) for c in self.classes]
        rows.append((self.no_value, total - len(self.regions)))
        return rows

    def colours(self) -> dict[str, str]:
        colour = {c.key: c.colour for c in self.classes}
        return {code: colour[key] for code, (key, _) in self.regions.items()}

    def titles(self, names: dict[str, str]) -> dict[str, str]:
        """Tooltip text per code: `Kota Bandung — Peserta · angkatan 2017`."""
        no_value = str(self.layer.no_value_label)
        return {
            code: f"{name} — {self.regions[code][1] if code in self.regions else no_value}"
            for code, name in names.items()
        }

    def as_json(self) -> dict:
        return {
            "layer": self.layer.key,
            "label": str(self.layer.label),
            "title": self.title,
            "cohort": self.cohort.year if self.cohort else None,
            "classes": [
                {"key": c.key, "label": c.label, "colour": c.colour, "count": n}
                for c, n in self.legend()
            ],
            "regions": {code: list(value) for code, value in sorted(self.regions.items())},
        }


class Layer:
    """One way of colouring the map. Subclasses fill in the class attributes and methods."""

    key: str
    label = gettext_lazy("Lapisan")
    no_value_label = gettext_lazy("Tidak ada data")

    def classes(self, cohorts: list[Cohort]) -> list[MapClass]:
        raise NotImplementedError

    def values(self, user, cohort: Cohort | None) -> dict[str, tuple[str, str]]:
        """`{code: (class key, tooltip text)}` for the regions with a value: in `cohort`, or
        across every cohort (each region's latest, unless the layer says otherwise)."""
        raise NotImplementedError

    def compute(self, user, cohort: Cohort | None, cohorts: list[Cohort]) -> LayerValues:
        return LayerValues(self, cohort, self.classes(cohorts), self.values(user, cohort))


# --- the layers -----------------------------------------------------------------------------

# Colour-blind-safe schemes (ColorBrewer): a diverging one for stages that run from "still in
# play" to "in the programme", and a sequential one (light to dark) for scores.
SCORE_BINS = (
    (80, "#253494"),
    (60, "#2c7fb8"),
    (40, "#41b6c4"),
    (20, "#a1dab4"),
    (0, "#ffffcc"),
)
# Okabe–Ito: distinguishable for every common colour-vision deficiency.
COHORT_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def _score_classes() -> list[MapClass]:
    classes = []
    for low, colour in SCORE_BINS:
        high = low + 20
        label = f"{low}–{high}" if high < 100 else f"{low}–100"
        classes.append(MapClass(f"s{low}", label, colour))
    return classes


def _score_class(value: float) -> str:
    for low, _colour in SCORE_BINS:
        if value >= low:
            return f"s{low}"
    return "s0"


def _in_cohort(rows, cohort: Cohort | None, year_index: int = 1):
    """Rows of the chosen cohort, or all of them (oldest cohort first, so later ones win)."""
    if cohort is None:
        return sorted(rows, key=lambda row: row[year_index])
    return [row for row in rows if row[year_index] == cohort.year]


class ProgrammeStatus(Layer):
    """Where each region is in the programme: its candidacy's status. Across all cohorts, a
    region in the programme shows the cohort it entered with; any other its latest cohort."""

    key = "status"
    label = gettext_lazy("Status program")
    no_value_label = gettext_lazy("Belum pernah diundang")
    COLOURS = {
        Candidate.Status.PARTICIPANT: "#1a9641",
        Candidate.Status.SELECTED: "#a6d96a",
        Candidate.Status.NOT_SELECTED: "#c2a5cf",
        Candidate.Status.ASSESSED: "#fee08b",
        Candidate.Status.INVITED: "#fdae61",
    }

    def classes(self, cohorts):
        return [MapClass(status.value, status.label, c) for status, c in self.COLOURS.items()]

    def values(self, user, cohort):
        rows = (
            candidates_visible_to(user)
            .order_by()
            .values_list("region__code", "cohort__year", "status")
        )
        regions = {}
        for code, year, status in _in_cohort(rows, cohort):
            current = regions.get(code)
            if current and current[0] in Candidate.IN_PROGRAMME:
                continue  # a region stays with the cohort that took it in
            label = Candidate.Status(status).label
            regions[code] = (
                status,
                _("%(status)s · angkatan %(year)s") % {"status": label, "year": year},
            )
        return regions


class CohortLayer(Layer):
    """The cohort each region entered the programme with (selected or participant)."""

    key = "angkatan"
    label = gettext_lazy("Angkatan peserta")
    no_value_label = gettext_lazy("Bukan peserta")

    def classes(self, cohorts):
        years = sorted(c.year for c in cohorts)
        return [
            MapClass(
                str(year),
                _("Angkatan %(year)s") % {"year": year},
                COHORT_COLOURS[i % len(COHORT_COLOURS)],
            )
            for i, year in enumerate(years)
        ]

    def values(self, user, cohort):
        rows = (
            candidates_visible_to(user)
            .filter(status__in=Candidate.IN_PROGRAMME)
            .order_by()
            .values_list("region__code", "cohort__year")
        )
        regions = {}
        for code, year in sorted(_in_cohort(rows, cohort), key=lambda row: row[1], reverse=True):
            # Newest first, so the cohort a region first entered with is the one that stays.
            regions[code] = (str(year), _("Angkatan %(year)s") % {"year": year})
        return regions


class ScreeningLayer(Layer):
    """The composite score of the desk screening (0–100): each cohort's confirmed run, or its
    latest run while none is confirmed."""

    key = "seleksi"
    label = gettext_lazy("Skor seleksi awal")
    no_value_label = gettext_lazy("Tidak diseleksi")
    NOT_RANKED = {
        ScreeningResult.Status.INCOMPLETE: "#868e96",
        ScreeningResult.Status.EXCLUDED: "#495057",
    }

    def classes(self, cohorts):
        return _score_classes() + [
            MapClass(status.value, status.label, colour)
            for status, colour in self.NOT_RANKED.items()
        ]

    def values(self, user, cohort):
        lines = screening_lines(cohort_years=[cohort.year] if cohort else None)
        regions = {}
        for line in lines:  # oldest cohort first: the latest one wins
            if line.composite_score is None:
                label = ScreeningResult.Status(line.status).label
                regions[line.region_code] = (line.status, f"{label} · {line.cohort_year}")
                continue
            text = _("%(score)s · peringkat %(rank)s · %(year)s") % {
                "score": score(line.composite_score, 1),
                "rank": line.rank or "—",
                "year": line.cohort_year,
            }
            regions[line.region_code] = (_score_class(line.composite_score), text)
        return regions


class AssessmentLayer(Layer):
    """The readiness assessment's panel mean (0–100) of the candidates with counted sheets."""

    key = "asesmen"
    label = gettext_lazy("Skor asesmen kesiapan")
    no_value_label = gettext_lazy("Belum dinilai")

    def classes(self, cohorts):
        return _score_classes()

    def values(self, user, cohort):
        scores = panel_scores(cohort_ids=[cohort.pk] if cohort else None)
        candidates = candidates_visible_to(user).filter(pk__in=list(scores)).order_by()
        rows = candidates.values_list("region__code", "cohort__year", "pk")
        regions = {}
        for code, year, pk in _in_cohort(rows, cohort):
            panel = scores[pk]
            text = _("%(score)s · peringkat %(rank)s · %(year)s") % {
                "score": score(panel.mean, 1),
                "rank": panel.rank,
                "year": year,
            }
            regions[code] = (_score_class(panel.mean), text)
        return regions


class PlanLayer(Layer):
    """The state of each region's master plan (its latest cohort's plan)."""

    key = "masterplan"
    label = gettext_lazy("Status masterplan")
    no_value_label = gettext_lazy("Belum ada masterplan")
    COLOURS = {
        Plan.Status.DRAFT: "#ffffbf",
        Plan.Status.SUBMITTED: "#fdae61",
        Plan.Status.REVISION: "#d73027",
        Plan.Status.RESUBMITTED: "#f46d43",
        Plan.Status.ENDORSED: "#abd9e9",
        Plan.Status.APPROVED: "#4575b4",
        Plan.Status.ENACTED: "#313695",
    }

    def classes(self, cohorts):
        return [MapClass(status.value, status.label, c) for status, c in self.COLOURS.items()]

    def values(self, user, cohort):
        rows = (
            plans_visible_to(user)
            .order_by()
            .values_list("candidate__region__code", "candidate__cohort__year", "status")
        )
        return {
            code: (status, f"{Plan.Status(status).label} · {year}")
            for code, year, status in _in_cohort(rows, cohort)
        }


LAYERS: dict[str, Layer] = {
    layer.key: layer
    for layer in (
        ProgrammeStatus(),
        CohortLayer(),
        ScreeningLayer(),
        AssessmentLayer(),
        PlanLayer(),
    )
}
DEFAULT_LAYER = ProgrammeStatus.key
