"""``zonemap locate``: which zone each point of a file is in, streamed chunk by chunk.

This module imports no heavy library at the top, so ``zonemap --help`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from zonemap.cli._output import for_screen, is_terminal, output_format, plural, same_file, say_error
from zonemap.errors import OutputError
from zonemap.escape import terminal_text

__all__ = ["MAP_POINTS", "add_locate", "run_locate"]

#: Points drawn on a ``--map`` (a uniform random sample of the located points when there are more).
MAP_POINTS = 100_000
HELP = "which zone each point of a CSV, Parquet, GeoJSON or GeoPackage file is in, how surely, and how far from an edge"


#: The most rows ``--chunk-rows`` takes (a chunk is held in memory whole).
MAX_CHUNK_ROWS = 1 << 24


def _rows(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of rows") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: a chunk needs at least one row")
    if value > MAX_CHUNK_ROWS:
        raise argparse.ArgumentTypeError(f"{value}: at most {MAX_CHUNK_ROWS:,} rows at a time")
    return value


def add_locate(command: Any, input_file: Any, map_options: Any, metres: Any) -> None:
    """Add the ``locate`` command to the parser.

    Parameters
    ----------
    command : callable
        ``command(name, help)``: a new subcommand's parser.
    input_file : callable
        ``input_file(parser, help=...)``: adds the input file and its options.
    map_options : callable
        ``map_options(parser)``: adds the map options.
    metres : callable
        The argparse type of distances.

    Returns
    -------
    None

    Examples
    --------
    >>> import argparse
    >>> commands = argparse.ArgumentParser().add_subparsers()
    >>> add_locate(lambda name, help: commands.add_parser(name), lambda sub, **options: sub.add_argument("file", **options),
    ...            lambda sub: None, float)
    >>> options = commands.choices["locate"].parse_args(["points.csv", "--lon", "x", "--lat", "y"])
    >>> options.file, options.lon, options.lat, options.hong_kong
    ('points.csv', 'x', 'y', True)
    """
    locate = command("locate", HELP)
    input_file(locate, help="points: CSV, Parquet (GeoParquet), GeoJSON or GeoPackage")
    locate.set_defaults(id_column=None)  # given or not: it only works with --zones
    for action in locate._actions:
        if action.dest == "id_column":
            action.help = "with --zones: the column holding their ids (default: id, else the row number)"
    locate.add_argument("--lon", metavar="COL", help="longitude column (default: the geometry, else lon/lng/longitude)")
    locate.add_argument("--lat", metavar="COL", help="latitude column (default: the geometry, else lat/latitude)")
    locate.add_argument("--no-hong-kong-offset", dest="hong_kong", action="store_false",
                        help="with --from-datum: Hong Kong points are in WGS-84 (Gaode, Tencent and Baidu shift them too)")
    locate.add_argument("--zones", type=Path, metavar="ZONES", help="locate in these zones (GeoJSON, GeoPackage, Shapefile) instead of the bundled ones")
    locate.add_argument("--accuracy", type=metres, metavar="M", help="with --zones: metres an edge may be off, for zones without an accuracy_m column")
    locate.add_argument("-o", "--output", type=Path, help="the located points, in the format of the extension: .csv, .parquet, .geojson, .gpkg "
                                                          "(default: FILE's name with .located before the extension, here; '-' for CSV on the screen)")
    locate.add_argument("--force", action="store_true", help="replace an existing file zonemap did not make")
    locate.add_argument("--map", type=Path, metavar="OUT.html", help=f"also draw the located points on a map (at most {MAP_POINTS:,}, a random sample)")
    locate.add_argument("--chunk-rows", type=_rows, default=None, metavar="N", help="rows read at a time (default 131,072)")
    map_options(locate)


class RowProgress:
    """Rows done and rows per second on a terminal's stderr, at most five times a second; silent elsewhere."""

    def __init__(self, quiet: bool) -> None:
        self.live = not quiet and sys.stderr.isatty()
        self.started = self.shown = time.monotonic()

    def __call__(self, rows: int) -> None:
        now = time.monotonic()
        if self.live and now - self.shown >= 0.2:
            self.shown = now
            rate = rows / max(now - self.started, 1e-9)
            print(f"\rlocating: {rows:,} rows ({rate:,.0f} rows/s) ", end="", file=sys.stderr, flush=True)

    def done(self, rows: int) -> None:
        if self.live:
            rate = rows / max(time.monotonic() - self.started, 1e-9)
            print(f"\rlocated {rows:,} rows ({rate:,.0f} rows/s)        ", file=sys.stderr, flush=True)


def run_locate(args: argparse.Namespace) -> int:
    """Run ``zonemap locate``: locate a file's points, streaming, into ``-o`` (and a map with ``--map``).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status.

    Examples
    --------
    >>> import os, tempfile
    >>> from zonemap.cli._parser import build_parser
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with open(os.path.join(folder, "points.csv"), "w") as points:
    ...         _ = points.write("name,lon,lat\\nin the Loop,114.075,22.518\\nfar,114.3,22.3\\n")
    ...     out = os.path.join(folder, "located.csv")
    ...     done = run_locate(build_parser("0").parse_args(["locate", "-q", os.path.join(folder, "points.csv"), "-o", out]))
    ...     with open(out) as located:
    ...         done, [line.split(",")[3:7:3] for line in located.read().splitlines()]
    2 rows: 1 inside, 0 uncertain, 1 outside, 0 not located; per zone: loop_a 1, loop_zoning_plan 1, cooperation_zone 1
    (0, [['zone', 'certainty'], ['loop_a', 'inside'], ['', 'outside']])
    """
    from zonemap.locating._api import bundled_zone_set
    from zonemap.locating._sources import PointsError
    from zonemap.locating._stream import CHUNK_ROWS, stream
    from zonemap.locating._zones import zone_set
    from zonemap.write import check_target

    for option, given, needed, present in (("--accuracy", args.accuracy is not None, "--zones", args.zones is not None),
                                           ("--id-column", args.id_column is not None, "--zones", args.zones is not None),
                                           ("--no-hong-kong-offset", not args.hong_kong, "--from-datum", args.from_datum is not None)):
        if given and not present:  # an option that would do nothing is an error, not ignored
            say_error(f"{option} needs {needed}")
            return 2
    args.id_column = args.id_column or "id"
    to_screen = args.output is not None and str(args.output) == "-"
    output = args.output or Path(f"{args.file.stem}.located{args.file.suffix}")
    inputs = [p for p in (args.file, args.zones) if p is not None]
    if args.map is not None:
        output_format(None, args.map, {"html": ".html", "htm": ".htm"}, "locate --map")
    for target in [t for t in (None if to_screen else output, args.map) if t is not None]:
        clash = same_file(target, inputs)
        if clash is not None:
            raise OutputError(f"{target}: is the input {clash}; give another output name")
        check_target(target, force=args.force)
    if args.zones is not None:
        from zonemap.read import read_zones

        zones = zone_set(read_zones(args.zones, id_column=args.id_column), accuracy_m=args.accuracy, id_column=args.id_column)
    else:
        zones = bundled_zone_set()
    progress = RowProgress(args.quiet)
    try:
        with tempfile.TemporaryDirectory(prefix="zonemap-locate-") as scratch:
            written = Path(scratch, "located.csv") if to_screen else output
            summary, sample = stream(args.file, written, zones=zones, lon=args.lon, lat=args.lat, from_datum=args.from_datum or "wgs84",
                                     hong_kong=args.hong_kong, chunk_rows=args.chunk_rows or CHUNK_ROWS, force=args.force, progress=progress,
                                     sample=MAP_POINTS if args.map else 0)
            if to_screen:
                if is_terminal(sys.stdout):  # a terminal gets no control characters from data (escapes are per character)
                    with open(written, encoding="utf-8", newline="") as text:
                        for part in iter(lambda: text.read(1 << 20), ""):
                            sys.stdout.write(for_screen(part, True))
                else:
                    with open(written, "rb") as handle:
                        shutil.copyfileobj(handle, sys.stdout.buffer)
                sys.stdout.flush()
    except PointsError as error:
        say_error(error)
        return 2
    progress.done(summary.rows)
    for row, reason in summary.problems:
        say_error(f"{args.file}: row {row}: {reason} (kept, not located)")
    if summary.bad > len(summary.problems):
        say_error(f"{args.file}: and {plural(summary.bad - len(summary.problems), 'more row')} not located")
    if args.map is not None:
        located = summary.rows - summary.bad
        drawn = 0 if sample is None else len(sample)
        if drawn < located:
            say_error(f"{args.map}: shows {drawn:,} of {located:,} located points (a random sample)")
        _draw(args, sample, zones, located)
    shown = sys.stderr if to_screen else sys.stdout
    if not to_screen:
        print(f"wrote {terminal_text(output)}" + (f" and {terminal_text(args.map)}" if args.map else ""), file=sys.stderr)
    print(terminal_text(summary.line()), file=shown)
    return 0


def _draw(args: argparse.Namespace, sample: Any, zones: Any, located: int) -> None:
    from zonemap.render.folium_map import render_map
    from zonemap.render.page import write_html

    frame = None
    if args.zones is not None:
        from zonemap.read import read_zones

        frame = read_zones(args.zones, id_column=args.id_column)
    fmap = render_map(frame, id_column=args.id_column, basemap=args.basemap, lang=args.lang, points=sample, points_total=located)
    write_html(fmap, args.map, force=args.force, assets=args.assets)
