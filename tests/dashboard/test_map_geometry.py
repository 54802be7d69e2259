"""The programme map's geometry: every one of the 514 kab/kota has a shape, nothing else is in
the file, it stays small, and `scripts/build_map.py` rebuilds it from the raw data."""

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import mapbuild
from smartcity.geometry import GEOMETRY_PATH

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "data" / "geo"
needs_source = pytest.mark.skipif(
    not (SOURCE / mapbuild.RAW_FILE).exists(),
    reason=f"the raw boundaries are not at {SOURCE} (../shared/data/geo/)",
)
# The kab/kota without a polygon in the source, drawn as points (README of the raw data).
POINTS = {"12.73", "12.76", "13.74", "13.75", "31.01", "33.71", "35.76"}


@pytest.fixture(scope="module")
def collection():
    return json.loads(GEOMETRY_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regions():
    return mapbuild.regions_from_lokal()


def test_every_kab_kota_code_has_exactly_one_shape_and_there_is_no_other(collection, regions):
    codes = [feature["properties"]["code"] for feature in collection["features"]]
    assert len(regions) == 514
    assert len(codes) == len(set(codes)) == 514
    assert set(codes) == {region.code for region in regions}
    for feature in collection["features"]:
        assert feature["id"] == feature["properties"]["code"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon", "Point")


def test_507_regions_are_polygons_and_the_7_without_one_are_points(collection):
    points = {
        f["properties"]["code"] for f in collection["features"] if f["geometry"]["type"] == "Point"
    }
    assert points == POINTS
    assert len(collection["features"]) - len(points) == 507


def test_each_feature_names_its_region_and_province(collection, regions):
    by_code = {region.code: region for region in regions}
    for feature in collection["features"]:
        props = feature["properties"]
        region = by_code[props["code"]]
        assert props["name"] == region.name
        assert props["province"] == region.province_code
    names = {f["properties"]["code"]: f["properties"]["name"] for f in collection["features"]}
    assert names["32.73"] == "Kota Bandung"
    assert names["33.11"] == "Kabupaten Sukoharjo"


def test_the_shapes_are_closed_rings_within_indonesia_rounded_to_a_thousandth(collection):
    decimals = re.compile(r"\.\d{4,}")
    for feature in collection["features"]:
        geometry = feature["geometry"]
        assert not decimals.search(json.dumps(geometry["coordinates"])), feature["id"]
        if geometry["type"] == "Point":
            polygons = [[[geometry["coordinates"]]]]
        elif geometry["type"] == "Polygon":
            polygons = [geometry["coordinates"]]
        else:
            polygons = geometry["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                for lng, lat in ring:
                    assert 94 < lng < 142 and -12 < lat < 7, feature["id"]
                if geometry["type"] != "Point":
                    assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]


def test_the_payload_is_well_under_two_megabytes():
    body = GEOMETRY_PATH.read_bytes()
    assert len(body) < 600_000  # 2 MB is the bound; the file is about 430 kB
    assert len(gzip.compress(body)) < 150_000


def test_the_licence_and_attribution_travel_with_the_file(collection):
    folder = GEOMETRY_PATH.parent
    assert "Copyright (c) 2024 Ardian Saputra Hasibuan" in (folder / "LICENSE").read_text()
    assert "MIT" in (folder / "README.md").read_text()
    assert "Ardian Saputra Hasibuan" in collection["attribution"]


@needs_source
def test_matching_the_raw_data_gives_507_polygons_and_7_points(regions):
    features, aliases, points = mapbuild.read_source(SOURCE)
    assert len(features) == 518
    matching = mapbuild.match(features, regions, aliases=aliases, points=points)
    assert len(matching.polygons) == 507
    assert set(matching.points) == POINTS
    # The 7 regions drawn as points, and the 4 stray pieces without geometry, are left out.
    assert len(matching.left_out) == 11


@needs_source
def test_the_build_script_reproduces_the_committed_file():
    result = subprocess.run(
        [sys.executable, "scripts/build_map.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "507 polygons + 7 points = 514 kab/kota" in result.stdout


@needs_source
def test_the_build_script_says_when_the_committed_file_is_out_of_date(tmp_path):
    stale = tmp_path / "kabkota.geojson"
    stale.write_text("{}\n")
    result = subprocess.run(
        [sys.executable, "scripts/build_map.py", "--check", "--out", str(stale)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "OUT OF DATE" in result.stdout


# --- the build's parts, on small shapes --------------------------------------------------------

REGION_A = mapbuild.RegionRef("99.01", "Kabupaten Contoh", "kabupaten", "99", "Provinsi Uji")
REGION_B = mapbuild.RegionRef("99.71", "Kota Contoh Baru", "kota", "99", "Provinsi Uji")


def feature(folder, kind, name, geometry):
    return {
        "type": "Feature",
        "properties": {"provinsi_folder": folder, "jenis": kind, "nama": name},
        "geometry": geometry,
    }


SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def test_names_match_on_letters_without_kabupaten_kota_or_administrasi():
    assert mapbuild.name_key("Kota Administrasi Jakarta Pusat") == "jakartapusat"
    assert mapbuild.name_key("Administrasi Jakarta Pusat") == "jakartapusat"
    assert mapbuild.name_key("Kabupaten Toli-Toli") == "tolitoli"
    assert mapbuild.name_key("Kotabaru") == "kotabaru"  # a word, not a prefix
    assert mapbuild.folder_key("DKI_Jakarta") == mapbuild.name_key("Daerah Khusus Ibukota Jakarta")


def test_a_feature_matches_by_province_kind_and_name_or_by_its_alias():
    features = [
        feature("Provinsi_Uji", "Kabupaten", "Contoh", SQUARE),
        feature("Provinsi_Uji", "Kota", "Contoh-Baru (lama)", SQUARE),
    ]
    aliases = {("Provinsi_Uji", "Kota", "Contoh-Baru (lama)"): "99.71"}
    matching = mapbuild.match(features, [REGION_A, REGION_B], aliases=aliases, points={})
    assert set(matching.polygons) == {"99.01", "99.71"}


def test_matching_lists_every_problem_instead_of_guessing():
    features = [
        feature("Provinsi_Uji", "Kabupaten", "Contoh", SQUARE),
        feature("Provinsi_Uji", "Kabupaten", "Contoh", SQUARE),  # twice
        feature("Provinsi_Uji", "Kabupaten", "Entah", SQUARE),  # no such region
        feature("Provinsi_Uji", "Kabupaten", "Kosong", None),  # no geometry: left out
    ]
    with pytest.raises(mapbuild.MatchError) as error:
        mapbuild.match(features, [REGION_A, REGION_B], aliases={}, points={"88.01": (1, 1)})
    problems = "\n".join(error.value.problems)
    assert "99.01: matched by two features" in problems
    assert "Entah: has a geometry but matches no code" in problems
    assert "99.71 Kota Contoh Baru: no shape" in problems
    assert "88.01: named in aliases or points, but not a kab/kota code" in problems
    assert "Kosong" not in problems


def test_a_region_without_a_polygon_gets_its_point():
    features = [feature("Provinsi_Uji", "Kabupaten", "Contoh", SQUARE)]
    matching = mapbuild.match(
        features, [REGION_A, REGION_B], aliases={}, points={"99.71": (0.5, 2.0)}
    )
    assert matching.points == {"99.71": (0.5, 2.0)}


def test_douglas_peucker_drops_points_within_the_tolerance_and_keeps_the_ends():
    line = [(0, 0), (1, 0.0005), (2, 0), (3, 0.5), (4, 0)]
    assert mapbuild.douglas_peucker(line, 0.01) == [(0, 0), (2, 0), (3, 0.5), (4, 0)]
    assert mapbuild.douglas_peucker(line, 1) == [(0, 0), (4, 0)]


def test_simplifying_keeps_a_shared_border_identical_on_both_sides():
    # Two regions side by side; their border wiggles by less than the tolerance.
    border = [(1, 0), (1.0004, 0.25), (0.9997, 0.5), (1.0003, 0.75), (1, 1)]
    left = [(0, 0), *border, (0, 1), (0, 0)]
    right = [border[0], (2, 0), (2, 0.5004), (2, 1), *reversed(border)]
    polygons = {"99.01": [[left]], "99.71": [[right]]}
    simplified = mapbuild.simplify(polygons, tolerance=0.002)
    (left_ring,) = simplified["99.01"][0]
    (right_ring,) = simplified["99.71"][0]
    assert (1.0004, 0.25) not in left_ring and (1.0004, 0.25) not in right_ring
    on_border_left = [p for p in left_ring if p[0] > 0.5 and p[0] < 1.5]
    on_border_right = [p for p in right_ring if p[0] > 0.5 and p[0] < 1.5]
    assert sorted(set(on_border_left)) == sorted(set(on_border_right)) == [(1, 0), (1, 1)]
    assert (2, 0.5004) not in right_ring  # the outer edge is simplified too


def test_simplifying_drops_small_islands_but_never_a_regions_largest_piece():
    big = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    islet = [(3, 3), (3.001, 3), (3.001, 3.001), (3, 3.001), (3, 3)]
    lonely = [(5, 5), (5.001, 5), (5.001, 5.001), (5, 5.001), (5, 5)]
    simplified = mapbuild.simplify({"99.01": [[big], [islet]], "99.71": [[lonely]]})
    assert len(simplified["99.01"]) == 1
    assert len(simplified["99.71"]) == 1
