"""The ``zonemap`` command line.

argparse (the standard library) rather than click: zonemap's commands need
nothing click adds, and users get no extra dependency.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from zonemap import __version__
from zonemap.areas import areas, format_areas, text_table
from zonemap.basemaps import BASEMAPS
from zonemap.china import DATUMS
from zonemap.errors import ZoneDataError
from zonemap.export import FORMATS, export_zones
from zonemap.loading import read_zones
from zonemap.maps import LANGUAGES, build_maps, render_map, write_html
from zonemap.output import OutputError, write_atomic
from zonemap.relations import relations

EXAMPLES = """examples:
  zonemap build                          all maps of the bundled zones into maps_out/
  zonemap build --basemap none --out /tmp/maps
                                         maps that need no tile server
  zonemap areas                          areas of the bundled zones against the official figures
  zonemap areas my_zones.gpkg --format csv -o areas.csv
  zonemap relations my_zones.geojson --tolerance 2
  zonemap validate a.geojson b.shp       every problem in every file
  zonemap validate bad.geojson --fix -o fixed.geojson
  zonemap map my_zones.geojson -o my_map.html --label-field name
  zonemap export --datum gcj02 --format kml -o zones_gaode.kml
                                         the zones shifted to sit right in Gaode / Tencent apps

exit status: 0 ok, 2 bad input or output, 1 internal error (rerun with --debug)
"""
FILE_HELP = "GeoJSON, GeoPackage or Shapefile, in any CRS (default: the bundled zones)"


class Progress:
    """Step messages on a terminal's stderr, overwritten in place; silent when stderr is not a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.live = not quiet and sys.stderr.isatty()

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.live:
            width = 24
            filled = width * done // max(total, 1)
            end = "\n" if done >= total else ""
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what[:50]:<50}", end=end, file=sys.stderr, flush=True)


def metres(text: str) -> float:
    """An argparse type: a distance in metres, not negative."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of metres") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text} m: a distance must not be negative")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zonemap",
        description="Zones, areas, relations and maps of the Hetao Shenzhen-Hong Kong cooperation zone.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"zonemap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    def output_options(sub: argparse.ArgumentParser, formats: Sequence[str]) -> None:
        sub.add_argument("--format", choices=formats, default=formats[0])
        sub.add_argument("-o", "--output", type=Path, help="write to this file instead of the screen")
        sub.add_argument("--force", action="store_true", help="replace an existing output file")

    def input_file(sub: argparse.ArgumentParser, name: str = "file", **file_options: Any) -> None:
        sub.add_argument(name, type=Path, **file_options)
        sub.add_argument("--from-datum", choices=DATUMS, default=None,
                         help="datum of the file's lon/lat: gcj02 for Gaode/Tencent, bd09 for Baidu (default: as the file declares, else wgs84)")

    def map_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--basemap", choices=list(BASEMAPS), default="openstreetmap", help="tiles; 'none' for no tile server")
        sub.add_argument("--lang", choices=LANGUAGES, default="bilingual", help="language of labels and legend")
        sub.add_argument("--assets", type=Path, metavar="NODE_MODULES",
                         help="load Leaflet and its plugins from this npm install, not from CDNs (fully offline maps)")
        sub.add_argument("--force", action="store_true", help="replace existing files zonemap did not make")

    build = command("build", "write all maps (overview, history, relations, one per zone) and an index", run_build)
    build.add_argument("--out", type=Path, default=Path("maps_out"), help="output folder (default: maps_out)")
    build.add_argument("--png", action="store_true", help="also write overview.png (needs matplotlib)")
    map_options(build)

    area = command("areas", "areas in hectares, geodesic and planar, against the official figures", run_areas)
    input_file(area, nargs="?", help=FILE_HELP)
    output_options(area, ["table", "csv", "json", "markdown"])

    relation = command("relations", "shared borders, gaps across the river, containment, in metres", run_relations)
    input_file(relation, nargs="?", help=FILE_HELP)
    relation.add_argument("--tolerance", type=metres, default=1.0, metavar="M", help="metres within which outlines count as one (default 1)")
    relation.add_argument("--across", type=metres, default=None, metavar="M",
                          help="also pairs facing each other across a gap up to M metres (default: 250 for the bundled zones, off otherwise)")
    output_options(relation, ["table", "csv", "json", "markdown", "geojson"])

    validate = command("validate", "check zone files and report every problem found", run_validate)
    input_file(validate, "files", nargs="+", metavar="FILE")
    validate.add_argument("--fix", action="store_true", help="repair ring orientation and invalid geometry, saying what changed")
    validate.add_argument("-o", "--output", type=Path, help="with --fix and one FILE: write the repaired GeoJSON here")
    validate.add_argument("--force", action="store_true", help="replace an existing output file")

    export = command("export", "the zones as GeoJSON, KML or CSV in WGS-84, GCJ-02 (Gaode, Tencent) or BD-09 (Baidu)", run_export)
    input_file(export, nargs="?", help=FILE_HELP)
    export.add_argument("--datum", choices=DATUMS, default="wgs84", help="datum of the written coordinates (default wgs84)")
    export.add_argument("--format", choices=FORMATS, default="geojson")
    export.add_argument("--no-hong-kong-offset", dest="hong_kong", action="store_false",
                        help="leave Hong Kong in WGS-84 (for sources that do; Gaode, Tencent and Baidu shift it)")
    export.add_argument("-o", "--output", type=Path, help="write to this file instead of the screen")
    export.add_argument("--force", action="store_true", help="replace an existing output file")

    one_map = command("map", "an annotated interactive map of your own zones", run_map)
    input_file(one_map, help="GeoJSON, GeoPackage or Shapefile, in any CRS")
    one_map.add_argument("-o", "--output", type=Path, help="the HTML file (default: FILE's name with .html, here)")
    one_map.add_argument("--label-field", metavar="NAME", help="column to label the zones with")
    one_map.add_argument("--title", help="a title shown on the map")
    map_options(one_map)
    return parser


def emit(args: argparse.Namespace, text: str) -> None:
    """Print the result, or write it atomically to ``--output``."""
    if args.output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    write_atomic(args.output, text, overwrite=args.force)
    print(f"wrote {args.output}", file=sys.stderr)


def table_text(table: pd.DataFrame, fmt: str) -> str:
    """A table as csv, json or a plain-text / markdown table."""
    if fmt == "csv":
        return table.to_csv(index=False)
    if fmt == "json":
        return table.to_json(orient="records", force_ascii=False, indent=2) + "\n"
    return text_table(table, "markdown" if fmt == "markdown" else "text") + "\n"


def run_build(args: argparse.Namespace) -> int:
    progress = Progress(args.quiet)
    written = build_maps(args.out, basemap=args.basemap, lang=args.lang, assets=args.assets, overwrite=args.force, progress=progress)
    if args.png:
        from zonemap.static import render_png

        written.append(args.out / "overview.png")
        render_png(path=written[-1], lang=args.lang, overwrite=args.force)
    print(f"wrote {len(written)} files to {args.out}/ (open {args.out / 'index.html'})")
    return 0


def read_input(args: argparse.Namespace, steps: int) -> tuple[gpd.GeoDataFrame | None, Progress]:
    """The command's FILE (None for the bundled zones), with a progress display of ``steps`` steps started."""
    progress = Progress(args.quiet)
    if args.file is None:
        return None, progress
    progress(0, steps, f"reading {args.file.name}")
    zones = read_zones(args.file, datum=args.from_datum)
    progress(1, steps, f"{len(zones)} zones read")
    return zones, progress


def run_areas(args: argparse.Namespace) -> int:
    zones, progress = read_input(args, 2)
    table = areas(zones)
    progress(2, 2, "areas measured")
    if args.format in ("table", "markdown"):
        emit(args, format_areas(table, "markdown" if args.format == "markdown" else "text"))
    else:
        emit(args, table_text(table, args.format))
    return 0


def run_relations(args: argparse.Namespace) -> int:
    zones, progress = read_input(args, 2)
    lines = args.format == "geojson"
    table = relations(zones, tolerance_m=args.tolerance, across_m=args.across, lines=lines)
    progress(2, 2, f"{len(table)} related pairs")
    if lines:
        emit(args, table.to_json(drop_id=True, ensure_ascii=False, to_wgs84=True) + "\n")
    else:
        emit(args, table_text(table.round(1), args.format))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    if args.output is not None and not (args.fix and len(args.files) == 1):
        raise ZoneDataError.single(str(args.output), "", "--output needs --fix and exactly one FILE")
    failed = 0
    progress = Progress(args.quiet)
    for done, path in enumerate(args.files):
        progress(done, len(args.files), f"checking {path.name}")
        try:
            frame = read_zones(path, fix=args.fix, datum=args.from_datum)
        except ZoneDataError as error:
            failed += 1
            for problem in error.problems:
                print(f"zonemap: {problem}", file=sys.stderr)
            continue
        for repair in frame.attrs.get("repairs", []):
            print(f"fixed: {repair}")
        print(f"{path}: ok, {len(frame)} feature{'s' * (len(frame) != 1)}")
        if args.output is not None:
            write_atomic(args.output, frame.to_json(drop_id=True, ensure_ascii=False, indent=1) + "\n", overwrite=args.force)
            print(f"wrote {args.output}", file=sys.stderr)
    progress(len(args.files), len(args.files), "checked")
    return 2 if failed else 0


def run_export(args: argparse.Namespace) -> int:
    zones, progress = read_input(args, 2)
    text = export_zones(zones, datum=args.datum, fmt=args.format, hong_kong=args.hong_kong)
    progress(2, 2, f"converted to {args.datum}")
    emit(args, text)
    return 0


def run_map(args: argparse.Namespace) -> int:
    zones, progress = read_input(args, 3)
    assert zones is not None  # FILE is required for map
    if args.label_field is not None and args.label_field not in zones.columns:
        columns = ", ".join(str(c) for c in zones.columns if c != zones.geometry.name)
        raise ZoneDataError.single(str(args.file), "", f"has no column {args.label_field!r} to label with; its columns are {columns}")
    output = args.output or Path(args.file.with_suffix(".html").name)
    fmap = render_map(zones, basemap=args.basemap, lang=args.lang, label_field=args.label_field, title=args.title)
    progress(2, 3, "map drawn")
    write_html(fmap, output, overwrite=args.force, assets=args.assets)
    progress(3, 3, f"wrote {output.name}")
    print(f"wrote {output} ({len(zones)} zones)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input or output, 1 for internal errors)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ZoneDataError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(f"zonemap: {problem}", file=sys.stderr)
        return 2
    except (OutputError, FileNotFoundError, PermissionError) as error:
        if args.debug:
            raise
        print(f"zonemap: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zonemap: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(f"zonemap: internal error: {type(error).__name__}: {error} (rerun with --debug for the traceback)", file=sys.stderr)
        return 1

