"""The map's geometry at run time: the committed file (`data/kabkota.geojson`, built by
`scripts/build_map.py`), served as it is with an ETag, and drawn as a server-side SVG for pages
without JavaScript and for PDFs: the whole country (`map_svg`, the dashboard's map) or one
kab/kota on its own (`region_shape_svg`, the master plan's regional profile).

The file is read once per process: it changes only with a deploy.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GEOMETRY_PATH = Path(__file__).resolve().parent / "data" / "kabkota.geojson"

# The SVG's frame: Indonesia from Sabang to Merauke with a small margin, in degrees.
WEST, EAST, NORTH, SOUTH = 94.8, 141.3, 6.2, -11.2
SVG_WIDTH = 1000  # user units; the SVG scales to its box
SCALE = SVG_WIDTH / (EAST - WEST)
SVG_HEIGHT = round((NORTH - SOUTH) * SCALE)
NO_VALUE = "#dee2e6"  # regions without a value (Bootstrap's gray-300)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")


@dataclass(frozen=True)
class GeometryFile:
    """The committed GeoJSON as served: its bytes, gzipped bytes and their ETags."""

    body: bytes
    gzipped: bytes
    sha256: str

    @property
    def etag(self) -> str:
        return f'"{self.sha256[:32]}"'

    @property
    def gzip_etag(self) -> str:
        return f'"{self.sha256[:32]}-gz"'

    @property
    def version(self) -> str:
        """A short fingerprint for the page's URL, so a new file is fetched after a deploy."""
        return self.sha256[:12]


@cache
def geometry_file() -> GeometryFile:
    body = GEOMETRY_PATH.read_bytes()
    # mtime=0: the same bytes in every process, so every web process answers the same ETag.
    return GeometryFile(
        body=body,
        gzipped=gzip.compress(body, compresslevel=9, mtime=0),
        sha256=hashlib.sha256(body).hexdigest(),
    )


@dataclass(frozen=True)
class Shape:
    """A kab/kota as the SVG draws it: a path (`d`), or a circle at (`x`, `y`) for a point."""

    code: str
    name: str
    province: str
    d: str = ""
    x: float = 0.0
    y: float = 0.0

    @property
    def is_point(self) -> bool:
        return not self.d


def _xy(lng: float, lat: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude scaled alike (Indonesia straddles the equator,
    where this barely distorts)."""
    return round((lng - WEST) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(polygons) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = []
            for lng, lat in ring[:-1]:
                point = _xy(lng, lat)
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) < 2:
                continue
            # Relative moves after the first point: a third smaller than absolute ones.
            (x0, y0), rest = points[0], points[1:]
            moves, (px, py) = [], points[0]
            for x, y in rest:
                moves.append(f"{_num(x - px)} {_num(y - py)}")
                px, py = x, y
            parts.append(f"M{_num(x0)} {_num(y0)}l" + " ".join(moves) + "z")
    return "".join(parts).replace(" -", "-")


@cache
def shapes() -> tuple[Shape, ...]:
    """Every kab/kota's projected shape, in code order (computed once per process)."""
    collection = json.loads(geometry_file().body)
    out = []
    for feature in collection["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        if geometry["type"] == "Point":
            x, y = _xy(*geometry["coordinates"])
            out.append(Shape(props["code"], props["name"], props["province"], x=x, y=y))
        else:
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
            out.append(Shape(props["code"], props["name"], props["province"], d=_path(polygons)))
    return tuple(out)


@cache
def attribution() -> str:
    """The geometry's source and licence, as the file states it (the page shows it)."""
    return json.loads(geometry_file().body)["attribution"]


def map_svg(
    colours: Mapping[str, str],
    *,
    titles: Mapping[str, str] | None = None,
    links: Mapping[str, str] | None = None,
    label: str = "",
) -> SafeString:
    """Indonesia's 514 kab/kota as SVG markup, each filled with `colours[code]` (a `#rgb` or
    `#rrggbb` colour; grey when missing).

    `titles` gives each region a tooltip (`<title>`, read by screen readers too), `links` wraps
    it in a link (the region card, for pages without JavaScript). `label` names the whole
    picture. The same markup works inline in HTML, in a WeasyPrint page and as a file of its
    own. Points (regions without a polygon) are drawn as circles, on top.
    """
    titles = titles or {}
    links = links or {}
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}"'
        f' width="{SVG_WIDTH}" height="{SVG_HEIGHT}"'
        f' class="programme-map-svg" role="img" aria-label="{escape(label)}">'
    )
    parts = [head]
    if label:
        parts.append(f"<title>{escape(label)}</title>")
    parts.append(
        '<rect width="100%" height="100%" fill="#edf3f8"/>'
        '<g stroke="#ffffff" stroke-width="0.4" stroke-linejoin="round">'
    )
    ordered = sorted(shapes(), key=lambda shape: shape.is_point)  # points last, on top
    for shape in ordered:
        colour = colours.get(shape.code, NO_VALUE)
        if not _COLOUR.match(colour):
            raise ValueError(f"{shape.code}: {colour!r} is not a #rgb or #rrggbb colour")
        title = titles.get(shape.code)
        inner = f"<title>{escape(title)}</title>" if title else ""
        if shape.is_point:
            element = (
                f'<circle cx="{_num(shape.x)}" cy="{_num(shape.y)}" r="3" fill="{colour}"'
                f' stroke="#343a40" stroke-width="0.6" data-code="{shape.code}">{inner}</circle>'
            )
        else:
            element = (
                f'<path d="{shape.d}" fill="{colour}" fill-rule="evenodd"'
                f' data-code="{shape.code}">{inner}</path>'
            )
        link = links.get(shape.code)
        if link:
            element = f'<a href="{escape(link)}">{element}</a>'
        parts.append(element)
    parts.append("</g></svg>")
    # Every value above is escaped (names, titles, links) or checked (colours).
    return mark_safe("".join(parts))


# One region drawn alone: its longest side fills this many user units.
REGION_SVG_SIZE = 400
REGION_SVG_MARGIN = 12


@cache
def _features() -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in json.loads(geometry_file().body)["features"]}


def region_shape_svg(code: str, *, label: str = "") -> SafeString:
    """One kab/kota's shape as a self-contained SVG (about 400 units on its longer side), for
    the plan's regional profile and the region's page; "" for a code the file does not know.

    Longitude is scaled by the cosine of the region's latitude, so a region far from the
    equator keeps its proportions. The seven regions the file has only as points are drawn as
    a marked dot. `label` (escaped) names the picture for screen readers; the region's name
    by default.
    """
    import math

    feature = _features().get(code)
    if feature is None:
        return mark_safe("")
    props, geometry = feature["properties"], feature["geometry"]
    label = label or props["name"]
    size, margin = REGION_SVG_SIZE, REGION_SVG_MARGIN
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="region-shape-svg" role="img"'
        f' aria-label="{escape(label)}"'
    )
    if geometry["type"] == "Point":
        box = size // 2
        return mark_safe(
            f'{head} viewBox="0 0 {box} {box}" width="{box}" height="{box}">'
            f"<title>{escape(label)}</title>"
            f'<circle cx="{box / 2:g}" cy="{box / 2:g}" r="{box / 8:g}" fill="#0d6efd"'
            ' stroke="#343a40" stroke-width="2"/></svg>'
        )
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    points = [point for polygon in polygons for ring in polygon for point in ring]
    west = min(p[0] for p in points)
    east = max(p[0] for p in points)
    south = min(p[1] for p in points)
    north = max(p[1] for p in points)
    squeeze = math.cos(math.radians((north + south) / 2))
    span = max((east - west) * squeeze, north - south) or 1.0
    scale = (size - 2 * margin) / span
    width = round((east - west) * squeeze * scale) + 2 * margin
    height = round((north - south) * scale) + 2 * margin

    def xy(lng: float, lat: float) -> tuple[float, float]:
        return (
            round(margin + (lng - west) * squeeze * scale, 1),
            round(margin + (north - lat) * scale, 1),
        )

    parts = []
    for polygon in polygons:
        for ring in polygon:
            projected = []
            for lng, lat in ring[:-1]:
                point = xy(lng, lat)
                if not projected or projected[-1] != point:
                    projected.append(point)
            if len(projected) < 3:
                continue
            parts.append("M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in projected) + "Z")
    # The name comes escaped, the path from numbers only.
    return mark_safe(
        f'{head} viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{escape(label)}</title>"
        f'<path d="{"".join(parts)}" fill="#cfe2ff" stroke="#0d6efd" stroke-width="1.5"'
        ' stroke-linejoin="round" fill-rule="evenodd"/></svg>'
    )
