"""The command line's arguments (argparse, the standard library: nothing to install, and nothing here needs more).

This module imports no heavy library, so ``zonemap --help`` and ``--version`` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from zonemap._arguments import check_metres
from zonemap.basemaps import BASEMAPS, DEFAULT_BASEMAP
from zonemap.choices import DATUMS, DEFAULT_LANG, EXPORT_FORMATS, LANGUAGES, RELATION_FORMATS, TABLE_FORMATS
from zonemap.cli._locate import add_locate
from zonemap.escape import terminal_text

__all__ = ["build_parser", "metres"]

EXAMPLES = """examples:
  zonemap build                          all maps of the bundled zones into maps_out/
  zonemap build --basemap none --out /tmp/maps
                                         maps that need no tile server
  zonemap areas                          areas of the bundled zones against the official figures
  zonemap areas my_zones.gpkg -o areas.csv
  zonemap relations my_zones.geojson --tolerance 2
  zonemap validate a.geojson b.shp       every problem in every file
  zonemap validate bad.geojson --fix -o fixed.geojson
  zonemap map my_zones.geojson -o my_map.html --label-field name
  zonemap export --to-datum gcj02 -o zones_gaode.kml
                                         the zones shifted to sit right in Gaode / Tencent apps
  zonemap locate points.csv --from-datum gcj02 -o located.csv --map located.html
                                         which zone each point copied from Gaode is in

-q and --debug may come before or after the command. An output's format follows
its extension (.csv, .json, .md, .geojson, .kml) unless --format says otherwise.
Outputs zonemap wrote before are replaced; other files only with --force.
exit status: 0 ok, 2 bad input or output, 1 internal error (rerun with --debug)
"""
FILE_HELP = "GeoJSON (lon/lat), or GeoPackage or Shapefile in any CRS (default: the bundled zones)"


def metres(text: str) -> float:
    """An argparse type: a distance in metres, checked by :func:`zonemap._arguments.check_metres` (finite, not
    negative, at most :data:`~zonemap._arguments.MAX_DISTANCE_M`).

    Parameters
    ----------
    text : str
        The argument.

    Returns
    -------
    float

    Examples
    --------
    >>> metres("2.5")
    2.5
    >>> metres("1e200")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 1e200 m: a distance must be at most 1,000,000 m (1,000 km), not 1e+200
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of metres") from None
    try:
        return check_metres(value, "a distance")  # the API's rule, so the command line and the API agree
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text} m: {error}") from None


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors shown safely (an argument may hold control characters), no abbreviated
    options (``--out`` is not ``--output``), and an unknown argument reported with its command's usage."""

    def __init__(self, *args: Any, **options: Any) -> None:
        options.setdefault("allow_abbrev", False)
        super().__init__(*args, **options)
        self.commands: dict[str, argparse.ArgumentParser] = {}

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {terminal_text(message)}\n")

    def parse_args(self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None) -> argparse.Namespace:  # type: ignore[override]
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            self.commands.get(getattr(parsed, "command", ""), self).error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress display")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an error (the exit status stays)")
    return common


def build_parser(version: str) -> argparse.ArgumentParser:
    """The ``zonemap`` argument parser.

    Parameters
    ----------
    version : str
        Shown by ``--version``.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> options = build_parser("1.0").parse_args(["areas", "-o", "areas.csv", "-q"])
    >>> options.command, options.output, options.quiet
    ('areas', PosixPath('areas.csv'), True)
    """
    common = _common()
    parser = _Parser(
        prog="zonemap", description="Zones, areas, relations and maps of the Hetao Shenzhen-Hong Kong cooperation zone.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"zonemap {version}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.set_defaults(command=name)
        parser.commands[name] = sub
        return sub

    def output(sub: argparse.ArgumentParser, formats: dict[str, str] | None) -> None:
        if formats is not None:
            sub.add_argument("--format", choices=list(formats), default=None,
                             help=f"output format (default: from -o's extension, else {next(iter(formats))})")
        sub.add_argument("-o", "--output", type=Path, help="write to this file, its extension one of the formats' ('-' for the screen)")
        sub.add_argument("--force", action="store_true", help="replace an existing file zonemap did not make")

    def input_file(sub: argparse.ArgumentParser, name: str = "file", **options: object) -> None:
        sub.add_argument(name, type=Path, **options)  # type: ignore[arg-type]
        sub.add_argument("--from-datum", choices=DATUMS, default=None,
                         help="datum of the file's lon/lat: gcj02 for Gaode/Tencent, bd09 for Baidu (default: as the file declares, else wgs84)")
        sub.add_argument("--id-column", default="id", metavar="NAME", help="column holding the zones' ids (default: id, else the row number)")

    def map_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--basemap", choices=list(BASEMAPS), default=DEFAULT_BASEMAP, help="tiles; 'none' for no tile server")
        sub.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANG, help=f"language of every text on the map (default {DEFAULT_LANG})")
        sub.add_argument("--assets", type=Path, metavar="NODE_MODULES",
                         help="copy Leaflet and its plugins from this npm install into the output folder, not CDNs (maps that open offline, wherever the folder goes)")

    build = command("build", "write all maps (overview, history, relations, one per zone) and an index")
    build.add_argument("--out", type=Path, default=Path("maps_out"), help="output folder (default: maps_out)")
    build.add_argument("--png", action="store_true", help="also write overview.png (needs zonemap[png])")
    build.add_argument("--force", action="store_true", help="replace existing files zonemap did not make")
    map_options(build)

    area = command("areas", "areas in hectares, geodesic and planar, against the official figures")
    input_file(area, nargs="?", help=FILE_HELP)
    output(area, TABLE_FORMATS)

    relation = command("relations", "shared borders, gaps across the river, containment, in metres")
    input_file(relation, nargs="?", help=FILE_HELP)
    relation.add_argument("--tolerance", type=metres, default=1.0, metavar="M", help="metres within which outlines count as one (default 1)")
    relation.add_argument("--across", type=metres, default=None, metavar="M",
                          help="also pairs facing each other across a gap up to M metres (default: 250 for the bundled zones, off otherwise)")
    output(relation, RELATION_FORMATS)

    validate = command("validate", "check zone files and report every problem found")
    input_file(validate, "files", nargs="+", metavar="FILE")
    validate.add_argument("--fix", action="store_true", help="repair ring orientation and invalid geometry into -o FIXED.geojson (one FILE), saying what changed")
    output(validate, None)

    export = command("export", "the zones as GeoJSON, KML or CSV in WGS-84, GCJ-02 (Gaode, Tencent) or BD-09 (Baidu)")
    input_file(export, nargs="?", help=FILE_HELP)
    export.add_argument("--to-datum", choices=DATUMS, default="wgs84", help="datum of the written coordinates (default wgs84)")
    export.add_argument("--no-hong-kong-offset", dest="hong_kong", action="store_false",
                        help="leave Hong Kong in WGS-84 (for sources that do; Gaode, Tencent and Baidu shift it)")
    output(export, EXPORT_FORMATS)

    one_map = command("map", "an annotated interactive map of your own zones")
    input_file(one_map, help="GeoJSON (lon/lat), or GeoPackage or Shapefile in any CRS")
    one_map.add_argument("-o", "--output", type=Path, help="the HTML file, .html or .htm (default: FILE's name with .html, here; '-' prints the page)")
    one_map.add_argument("--force", action="store_true", help="replace an existing file zonemap did not make")
    one_map.add_argument("--label-field", metavar="NAME", help="column to label the zones with")
    one_map.add_argument("--title", help="a title shown on the map")
    one_map.add_argument("--relations", action="store_true", help="also draw shared borders and facing stretches")
    map_options(one_map)

    add_locate(command, input_file, map_options, metres)
    return parser
