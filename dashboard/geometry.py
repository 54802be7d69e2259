"""The map's geometry at run time: the committed file (`data/kabkota.geojson`, built by
`scripts/build_map.py`), served as it is with an ETag, and drawn as a server-side SVG for pages
without JavaScript and for PDFs.

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
