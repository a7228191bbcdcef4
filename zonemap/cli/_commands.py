"""What each command does. Heavy libraries are imported here, when a command runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zonemap.choices import EXPORT_FORMATS, RELATION_FORMATS, TABLE_FORMATS
from zonemap.cli._locate import run_locate
from zonemap.cli._output import Progress, emit, output_format, plural, same_file, say_error
from zonemap.errors import OutputError, ZoneDataError
from zonemap.escape import terminal_text

__all__ = ["COMMANDS"]


def _read(args: argparse.Namespace, progress: Progress, steps: int) -> Any:
    """The command's FILE (None for the bundled zones)."""
    from zonemap.read import read_zones

    if args.file is None:
        return None
    progress(0, steps, f"reading {args.file.name}")
    zones = read_zones(args.file, id_column=args.id_column, from_datum=args.from_datum)
    progress(1, steps, f"{plural(len(zones), 'zone')} read")
    return zones


def _inputs(args: argparse.Namespace) -> list[Path]:
    files = getattr(args, "files", None) or [getattr(args, "file", None)]
    return [f for f in files if f is not None]


def run_build(args: argparse.Namespace) -> int:
    from zonemap.site import build_maps

    if args.assets is not None and not args.assets.is_dir():
        raise OutputError(f"{args.assets}: --assets needs the node_modules folder of `npm ci` in tests/browser")
    written = build_maps(args.out, basemap=args.basemap, lang=args.lang, assets=args.assets, png=args.png, force=args.force, progress=Progress(args.quiet))
    print(f"wrote {plural(len(written), 'file')} to {terminal_text(args.out)}/ (open {terminal_text(args.out / 'index.html')})")
    return 0


def run_areas(args: argparse.Namespace) -> int:
    from zonemap.measurement import areas
    from zonemap.tables import format_areas, format_table

    format = output_format(args.format, args.output, TABLE_FORMATS, args.command)
    progress = Progress(args.quiet)
    zones = _read(args, progress, 2)
    table = areas(zones, id_column=args.id_column)
    progress(2, 2, "areas measured")
    text = format_areas(table, format) if format in ("table", "markdown") else format_table(table, format)
    emit(text, args.output, args.force, _inputs(args))
    return 0


def run_relations(args: argparse.Namespace) -> int:
    from zonemap.relate import relations
    from zonemap.tables import format_table

    format = output_format(args.format, args.output, RELATION_FORMATS, args.command)
    progress = Progress(args.quiet)
    zones = _read(args, progress, 2)
    related = relations(zones, id_column=args.id_column, tolerance_m=args.tolerance, across_m=args.across)
    progress(2, 2, f"{plural(len(related), 'related pair')}")
    if format == "geojson":
        text = related.to_geojson() + "\n"
    elif len(related) == 0 and format == "table":
        text = f"no related pairs among {plural(len(related.ids), 'zone')} (tolerance {related.tolerance_m:g} m, across {related.across_m:g} m)\n"
    else:
        text = format_table(related.table(), format, decimals=1)
    emit(text, args.output, args.force, _inputs(args))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from zonemap.read import ZoneFile

    if args.output is not None and not (args.fix and len(args.files) == 1):
        raise OutputError(f"{args.output}: --output needs --fix and exactly one FILE")
    if args.fix and args.output is None:  # repairs nobody keeps: say so before doing any
        where = args.files[0] if len(args.files) == 1 else "--fix"
        raise OutputError(f"{where}: nothing checked or written: --fix writes the repaired zones to a new file; "
                          f"add -o FIXED.geojson{'' if len(args.files) == 1 else ' and give one FILE at a time'} (the input is never modified)")
    output_format(None, args.output, {"geojson": ".geojson"}, "validate --fix")
    if args.output is not None and str(args.output) != "-":  # the output is checked before anything is reported
        from zonemap.write import check_target

        clash = same_file(args.output, _inputs(args))
        if clash is not None:
            raise OutputError(f"{args.output}: is the input {clash}; give another output name with -o")
        check_target(args.output, force=args.force)
    failed = 0
    progress = Progress(args.quiet)
    for done, path in enumerate(args.files):
        progress(done, len(args.files), f"checking {path.name}")
        try:
            result = ZoneFile.read(path, id_column=args.id_column, fix=args.fix, from_datum=args.from_datum)
        except ZoneDataError as error:
            failed += 1
            for problem in error.problems:
                say_error(problem)
            continue
        report = sys.stderr if args.output is not None and str(args.output) == "-" else sys.stdout  # the GeoJSON alone on stdout
        for change in result.repairs:
            print(f"fixed: {terminal_text(change)}", file=report)
        print(f"{terminal_text(path)}: ok, {plural(len(result.zones), 'feature')}", file=report)
        if args.output is not None:
            emit(result.zones.to_json(drop_id=True, ensure_ascii=False, indent=1) + "\n", args.output, args.force, _inputs(args))
    progress(len(args.files), len(args.files), "checked")
    return 2 if failed else 0


def run_export(args: argparse.Namespace) -> int:
    from zonemap.export import export_zones

    if not args.hong_kong and args.to_datum == "wgs84":  # an option that would do nothing is an error, not ignored
        say_error("--no-hong-kong-offset needs --to-datum gcj02 or bd09")
        return 2
    format = output_format(args.format, args.output, EXPORT_FORMATS, args.command)
    progress = Progress(args.quiet)
    zones = _read(args, progress, 2)
    text = export_zones(zones, id_column=args.id_column, to_datum=args.to_datum, format=format, hong_kong=args.hong_kong)
    progress(2, 2, f"converted to {args.to_datum}")
    emit(text, args.output, args.force, _inputs(args))
    return 0


def run_map(args: argparse.Namespace) -> int:
    from zonemap.render.folium_map import render_map
    from zonemap.render.page import map_html, write_html

    to_screen = args.output is not None and str(args.output) == "-"
    output = args.output or Path(args.file.with_suffix(".html").name)
    output_format(None, output, {"html": ".html", "htm": ".htm"}, "map")
    if to_screen and args.assets is not None:
        raise OutputError("-o -: --assets copies files beside the page; give a file name with -o")
    clash = None if to_screen else same_file(output, _inputs(args))
    if clash is not None:
        raise OutputError(f"{output}: is the input {clash}; give another output name with -o")
    progress = Progress(args.quiet)
    zones = _read(args, progress, 3)
    if args.label_field is not None and args.label_field not in zones.columns:
        columns = ", ".join(str(c) for c in zones.columns if c != zones.geometry.name)
        raise ZoneDataError.single(str(args.file), "", f"has no column {args.label_field!r} to label with; its columns are {columns}")
    fmap = render_map(zones, id_column=args.id_column, basemap=args.basemap, lang=args.lang, label_field=args.label_field, title=args.title, relations=args.relations)
    progress(2, 3, "map drawn")
    if to_screen:  # the page is the output, as -o - is for every command
        sys.stdout.write(map_html(fmap))
        sys.stdout.flush()
        progress(3, 3, "page printed")
        return 0
    write_html(fmap, output, force=args.force, assets=args.assets)
    progress(3, 3, f"wrote {output.name}")
    print(f"wrote {terminal_text(output)} ({plural(len(zones), 'zone')})", file=sys.stdout)
    return 0


COMMANDS = {"build": run_build, "areas": run_areas, "relations": run_relations, "validate": run_validate, "export": run_export, "map": run_map,
            "locate": run_locate}
