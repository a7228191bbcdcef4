"""The ``zonemap`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from zonemap import __version__
from zonemap.areas import areas, format_areas
from zonemap.errors import ZoneDataError
from zonemap.loading import read_zones

EXAMPLES = """examples:
  zonemap areas                     areas of the bundled zones against the official figures
  zonemap areas my_zones.geojson    areas of your own zones
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zonemap",
        description="Zones, areas and maps of the Hetao Shenzhen-Hong Kong cooperation zone.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"zonemap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", required=True)
    area = commands.add_parser("areas", help="print the areas table")
    area.add_argument("file", nargs="?", help="GeoJSON, GeoPackage or Shapefile (default: the bundled zones)")
    area.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    return parser


def run_areas(args: argparse.Namespace) -> str:
    table = areas(read_zones(args.file) if args.file else None)
    if args.format == "csv":
        return table.to_csv(index=False)
    if args.format == "json":
        return table.to_json(orient="records", force_ascii=False, indent=2)
    return format_areas(table, "markdown" if args.format == "markdown" else "text")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input, 1 for internal errors)."""
    args = build_parser().parse_args(argv)
    try:
        output = {"areas": run_areas}[args.command](args)
    except ZoneDataError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(f"zonemap: {problem}", file=sys.stderr)
        return 2
    print(output)
    return 0
