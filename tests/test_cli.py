"""The command line, run in-process through main(argv): each command, formats, outputs, conventions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import zonemap

from .conftest import BAD, REPO


def test_help_version_and_usage_errors(cli) -> None:
    helped = cli("--help")
    assert helped.status == 0 and "zonemap build" in helped.out and "exit status" in helped.out
    assert cli("--version").out.strip() == f"zonemap {zonemap.__version__}"
    assert cli("areas", "--format", "xml").status == 2
    assert cli().status == 2


def test_global_options_before_or_after_the_command(cli, tmp_path: Path) -> None:
    for args in (["-q", "areas"], ["areas", "-q"], ["areas", "--debug"], ["--debug", "areas"]):
        done = cli(*args)
        assert done.status == 0, (args, done.err)
        assert "loop_a" in done.out


def test_build_writes_every_map_and_replaces_only_its_own(cli, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    done = cli("build", "--out", out, "--basemap", "none")
    assert done.status == 0, done.err
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    expected = ["index.html", "overview.html", "history.html", "relations.html", *(f"zone_{i}.html" for i in zonemap.load_zones()["id"])]
    assert names == sorted(expected)
    assert f"wrote {len(expected)} files" in done.out
    assert done.err == ""  # no progress display when stderr is not a terminal
    assert cli("build", "--out", out, "--basemap", "none", "-q").status == 0, "zonemap's own files are replaced"


def test_a_build_blocked_by_a_foreign_file_changes_nothing(cli, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    assert cli("build", "--out", out, "--basemap", "none").status == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "index.html").write_text("<p>my own index</p>")  # the user's file now
    before["index.html"] = (out / "index.html").read_bytes()
    refused = cli("build", "--out", out, "--basemap", "none", "--lang", "zh-Hant")
    assert refused.status == 2 and "index.html: exists and zonemap did not make it" in refused.err and "--force" in refused.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "no page of the new build was written"
    assert cli("build", "--out", out, "--basemap", "none", "--force").status == 0


def test_areas_formats_follow_the_extension(cli, tmp_path: Path) -> None:
    table = cli("areas")
    assert table.status == 0 and "loop_a" in table.out and "official ha" in table.out
    rows = json.loads(cli("areas", BAD / "good.geojson", "--format", "json").out)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert cli("areas", "--format", "markdown").out.startswith("| zone | status |")
    for name, start in (("areas.csv", "id,name_en,status,geodesic_area_m2"), ("areas.json", "[\n  {"), ("areas.md", "| zone |")):
        assert cli("areas", "-o", tmp_path / name).status == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    clash = cli("areas", "-o", tmp_path / "x.json", "--format", "csv")
    assert clash.status == 2 and "--format csv, but the extension .json means json" in clash.err
    assert not (tmp_path / "x.json").exists()


def test_own_outputs_are_replaced_others_only_with_force(cli, tmp_path: Path) -> None:
    for args in (["areas"], ["relations"], ["export"], ["validate", BAD / "clockwise.geojson", "--fix"]):
        out = tmp_path / ("out.geojson" if args[0] in ("export", "validate") else "out.csv")
        assert cli(*args, "-o", out).status == 0, args
        again = cli(*args, "-o", out)
        assert again.status == 0, (args, again.err)
        out.unlink()
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("keep me")
    refused = cli("areas", "-o", theirs)
    assert refused.status == 2 and "use --force" in refused.err and "overwrite=True" not in refused.err
    assert theirs.read_text() == "keep me"
    assert cli("areas", "-o", theirs, "--force").status == 0 and theirs.read_text() != "keep me"


def test_relations_on_bundled_and_user_files_and_an_empty_result(cli, tmp_path: Path, write_json) -> None:
    table = cli("relations", "--format", "csv").out
    shared = zonemap.relations().table().query("left == 'loop_a' and right == 'loop_b'").shared_length_m.item()
    assert f"loop_a,loop_b,shares_border,{shared!r}" in table
    user = cli("relations", BAD / "good.geojson", "--format", "json")
    assert json.loads(user.out)[0]["relation"] == "shares_border"
    lines = json.loads(cli("relations", "--format", "geojson").out)
    assert lines["type"] == "FeatureCollection" and lines["features"][0]["geometry"]["type"] in ("LineString", "MultiLineString")
    negative = cli("relations", BAD / "good.geojson", "--tolerance", "-1")
    assert negative.status == 2 and "must not be negative" in negative.err
    for absurd in ("inf", "1e400", "nan"):
        refused = cli("relations", BAD / "good.geojson", "--across", absurd)
        assert refused.status == 2 and "finite" in refused.err, absurd
    from .conftest import collection, feature, square

    apart = write_json(collection(feature("x", square(114.0, 22.5)), feature("y", square(114.05, 22.5))))
    empty = cli("relations", apart)
    assert empty.status == 0 and empty.out == "no related pairs among 2 zones (tolerance 1 m, across 0 m)\n"


def test_map_of_a_user_file_and_plurals(cli, tmp_path: Path, write_json) -> None:
    done = cli("map", BAD / "good.geojson", "--label-field", "name", "--basemap", "none", cwd=tmp_path)
    assert done.status == 0, done.err
    assert done.out.strip().endswith("(2 zones)")
    page = (tmp_path / "good.html").read_text(encoding="utf-8")
    assert "zone a" in page and "tile.openstreetmap" not in page
    from .conftest import collection, feature

    one = write_json(collection(feature("solo")), "one.geojson")
    assert cli("map", one, "-o", tmp_path / "one.html", "--basemap", "none").out.strip().endswith("(1 zone)")


def test_an_output_that_is_the_input_is_refused(cli, tmp_path: Path) -> None:
    source = tmp_path / "zones.html"
    source.write_bytes((BAD / "good.geojson").read_bytes())
    before = source.read_bytes()
    refused = cli("map", source.with_suffix(".html"), "--force", "-o", source)
    assert refused.status == 2 and "is the input" in refused.err
    assert source.read_bytes() == before


def test_validate_reports_every_problem_and_fixes_what_it_safely_can(cli, tmp_path: Path) -> None:
    checked = cli("validate", BAD / "good.geojson", BAD / "out_of_range.geojson", BAD / "unclosed_ring.geojson")
    assert checked.status == 2
    assert "good.geojson: ok, 2 features" in checked.out
    assert "out_of_range.geojson: feature 'far'" in checked.err and "unclosed_ring.geojson: feature 'open'" in checked.err
    source = BAD / "self_intersection.geojson"
    before = source.read_bytes()
    fixed = cli("validate", source, "--fix", "-o", tmp_path / "fixed.geojson")
    assert fixed.status == 0, fixed.err
    assert "fixed: " in fixed.out and "made valid (Self-intersection[114.075 22.525])" in fixed.out
    assert source.read_bytes() == before, "the input is never modified"
    repaired = zonemap.read_zones(tmp_path / "fixed.geojson")
    assert repaired.geometry.iloc[0].geom_type == "MultiPolygon" and repaired.is_valid.all()


def test_missing_label_field_unwritable_output_and_debug_keeps_the_status(cli, tmp_path: Path) -> None:
    missing = cli("map", BAD / "good.geojson", "--label-field", "title", "-o", tmp_path / "m.html")
    assert missing.status == 2
    assert "good.geojson: has no column 'title' to label with; its columns are id, name" in missing.err
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    unwritable = cli("build", "--out", blocker / "maps", "--basemap", "none")
    assert unwritable.status == 2 and "cannot write in" in unwritable.err and "Traceback" not in unwritable.err
    debug = cli("map", BAD / "clockwise.geojson", "-o", tmp_path / "m.html", "--debug")
    assert debug.status == 2 and "Traceback" in debug.err


def test_a_missing_optional_dependency_names_the_extra(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if matplotlib were not installed
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    done = cli("build", "--out", tmp_path / "maps", "--basemap", "none", "--png")
    assert done.status == 2
    assert done.err.strip() == "zonemap: render_png needs matplotlib, which is not installed: pip install 'zonemap[png]'"
    assert not (tmp_path / "maps").exists(), "nothing written"


@pytest.mark.parametrize("suffix", [".gpkg", ".shp"])
def test_user_files_in_another_crs_are_reprojected(cli, tmp_path: Path, suffix: str) -> None:
    zones = zonemap.read_zones(BAD / "good.geojson")
    path = tmp_path / f"grid{suffix}"
    zones.to_crs(2326).to_file(path)
    rows = json.loads(cli("areas", path, "--format", "json").out)
    expected = zonemap.areas(zones)["area_ha"].tolist()
    assert [r["area_ha"] for r in rows] == pytest.approx(expected, rel=1e-6)


def test_the_installed_command_runs_as_a_subprocess(tmp_path: Path) -> None:
    """One real process: the entry point, exit status and streams (everything else runs in-process)."""
    done = subprocess.run([sys.executable, "-m", "zonemap", "validate", str(BAD / "good.geojson"), str(BAD / "clockwise.geojson")],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2
    assert "good.geojson: ok, 2 features" in done.stdout and "feature 'cw'" in done.stderr


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import os
    import pty

    main_fd, terminal_fd = pty.openpty()
    args = [sys.executable, "-m", "zonemap", "map", str(BAD / "good.geojson"), "-o", str(tmp_path / "m.html"), "--basemap", "none"]
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=terminal_fd, cwd=REPO, timeout=120)
    os.close(terminal_fd)
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_fd)
    assert done.returncode == 0
    assert b"[########################] 3/3" in shown and b"reading good.geojson" in shown


def test_odd_output_paths_are_refused_and_dash_means_the_screen(cli, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in ("/dev/stdout", "/dev/null", fifo, tmp_path):
        for force in ([], ["--force"]):
            done = cli("areas", "-o", target, *force)
            reasons = ("zonemap writes only regular files", "is a folder", "symbolic link")
            assert done.status == 2 and any(reason in done.err for reason in reasons), (target, done.err)
    screen = cli("areas", "-o", "-", "--format", "csv")
    assert screen.status == 0 and screen.out.startswith("id,name_en,status")


def shapefile(folder: Path) -> dict[str, bytes]:
    """Write s.shp (with its .shx, .dbf, .prj, .cpg) into ``folder``; return every file's bytes by name."""
    zonemap.read_zones(BAD / "good.geojson").to_file(folder / "s.shp")
    (folder / "s.shp.xml").write_text("<metadata/>")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_no_file_of_an_input_dataset_is_ever_written(cli, tmp_path: Path) -> None:
    """A Shapefile is many files, a GeoPackage has -wal/-shm files: none of them is an output, even with --force."""
    before = shapefile(tmp_path)
    assert {"s.shp", "s.shx", "s.dbf", "s.prj", "s.cpg"} <= set(before)
    source = tmp_path / "s.shp"
    attempts = [
        ("export", source, "-o", tmp_path / "s.dbf", "--force", "--format", "csv"),
        ("export", source, "-o", tmp_path / "s.shx", "--force", "--format", "geojson"),
        ("areas", source, "-o", tmp_path / "S.PRJ", "--force", "--format", "csv"),
        ("relations", source, "-o", tmp_path / "s.cpg", "--force", "--format", "csv"),
        ("relations", source, "-o", tmp_path / "s.shp.xml", "--force", "--format", "csv"),
        ("validate", source, "--fix", "-o", tmp_path / "s.prj", "--force"),
        ("map", source, "-o", tmp_path / "s.qix", "--force"),
        ("export", tmp_path / "s.dbf", "-o", tmp_path / "s.shp", "--force", "--format", "csv"),
    ]
    for args in attempts:  # refused as the input, or for an extension the command does not write
        done = cli(*args)
        assert done.status == 2 and (f"is the input {args[1]}" in done.err or "files, not ." in done.err), (args, done.err)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert cli("export", source, "-o", tmp_path / "s.csv").status == 0, "another name beside the input is fine"


def test_every_file_of_an_input_dataset_counts_as_the_input(tmp_path: Path) -> None:
    """same_file, which every command asks before writing, whatever the extension check says."""
    from zonemap.cli._output import same_file

    shapefile(tmp_path)
    source = tmp_path / "s.shp"
    for name in ("s.shp", "s.dbf", "s.DBF", "S.prj", "s.shx", "s.cpg", "s.qix", "s.sbn", "s.sbx", "s.shp.xml", "s.fix"):
        assert same_file(tmp_path / name, [source]) == source, name
    assert same_file(tmp_path / "s.shp", [tmp_path / "s.dbf"]) == tmp_path / "s.dbf", "read through its .dbf, the .shp is still the input"
    for name in ("s.csv", "s.geojson", "s2.dbf", "other.prj", "s.shp.html"):
        assert same_file(tmp_path / name, [source]) is None, name
    (tmp_path / "elsewhere").mkdir()
    assert same_file(tmp_path / "elsewhere" / "s.dbf", [source]) is None, "the same name in another folder is another file"
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    assert same_file(tmp_path / "link" / "s.dbf", [source]) == source, "the same folder by another path"
    package = tmp_path / "z.gpkg"
    for suffix in ("", "-wal", "-shm", "-journal"):
        assert same_file(Path(f"{package}{suffix}"), [package]) == package, suffix
    assert same_file(tmp_path / "z.gpkg.csv", [package]) is None
    twin = tmp_path / "elsewhere" / "hard_link.csv"
    twin.hardlink_to(tmp_path / "s.dbf")
    assert same_file(twin, [source]) == source, "a hard link to one of its files"


def test_an_extension_the_command_cannot_write_is_refused(cli, tmp_path: Path) -> None:
    refusals = {
        ("areas", "-o", tmp_path / "q.kml"): "q.kml: areas writes .txt, .csv, .json or .md files, not .kml",
        ("relations", "-o", tmp_path / "r.kml"): "r.kml: relations writes .txt, .csv, .json, .md or .geojson files, not .kml",
        ("export", "-o", tmp_path / "e.json"): "e.json: export writes .geojson, .kml or .csv files, not .json",
        ("export", "--format", "csv", "-o", tmp_path / "e.dat"): "e.dat: export writes .geojson, .kml or .csv files, not .dat",
        ("validate", BAD / "clockwise.geojson", "--fix", "-o", tmp_path / "x.kml"): "x.kml: validate --fix writes .geojson files, not .kml",
        ("map", BAD / "good.geojson", "-o", tmp_path / "x.png"): "x.png: map writes .html or .htm files, not .png",
        ("map", BAD / "good.geojson", "-o", tmp_path / "x.csv"): "x.csv: map writes .html or .htm files, not .csv",
        ("locate", REPO / "docs" / "examples" / "gaode_points.csv", "-o", tmp_path / "l.csv", "--map", tmp_path / "l.png"):
            "l.png: locate --map writes .html or .htm files, not .png",
    }
    for args, message in refusals.items():
        done = cli(*args)
        assert done.status == 2 and done.err.strip().splitlines() == [f"zonemap: {tmp_path}/{message}; name the output with one of these"], (args, done.err)
    assert sorted(tmp_path.iterdir()) == [], "nothing written"
    assert cli("areas", "-o", tmp_path / "UPPER.CSV").status == 0 and (tmp_path / "UPPER.CSV").read_text().startswith("id,")
    assert cli("areas", "--format", "csv", "-o", tmp_path / "no_extension").status == 0
    assert (tmp_path / "no_extension").read_text().startswith("id,")
    assert cli("map", BAD / "good.geojson", "-o", tmp_path / "m.htm", "--basemap", "none").status == 0


def test_map_to_dash_prints_the_page(cli, tmp_path: Path) -> None:
    done = cli("map", BAD / "good.geojson", "-o", "-", "--basemap", "none", cwd=tmp_path)
    assert done.status == 0, done.err
    assert done.out.startswith("<!DOCTYPE html>") and done.out.rstrip().endswith("</html>") and "zone a" not in done.err
    assert list(tmp_path.iterdir()) == [], "no file named '-' (or anything else)"
    written = cli("map", BAD / "good.geojson", "-o", tmp_path / "same.html", "--basemap", "none")
    assert written.status == 0 and (tmp_path / "same.html").read_text(encoding="utf-8") == done.out, "the same page"
    assets = cli("map", BAD / "good.geojson", "-o", "-", "--assets", tmp_path)
    assert assets.status == 2 and "--assets copies files beside the page" in assets.err


@pytest.mark.parametrize("option", ["--across", "--tolerance"])
def test_absurdly_large_distances_are_refused(cli, option: str) -> None:
    for value in ("1e200", "1e9", "1000001"):
        done = cli("relations", BAD / "good.geojson", option, value)
        assert done.status == 2 and f"{value} m: a distance must be at most 1,000,000 m (1,000 km)" in done.err, (value, done.err)
        assert "Traceback" not in done.err and "GEOS" not in done.err
    assert cli("relations", BAD / "good.geojson", option, "1000000").status == 0


def test_a_failed_build_leaves_no_folder_it_created(cli, tmp_path: Path, monkeypatch) -> None:
    from zonemap import write

    real_fdopen = write.os.fdopen

    def full_disk(descriptor: int, mode: str, **options: object):
        real_fdopen(descriptor, mode).close()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fdopen", full_disk)
    done = cli("build", "--out", tmp_path / "new" / "maps", "--basemap", "none")
    assert done.status == 2 and "cannot write: the disk is full" in done.err, done.err
    assert list(tmp_path.iterdir()) == [], "the folders the build created are gone"


def test_the_repair_hint_of_any_command_names_a_command_that_repairs(cli, tmp_path: Path) -> None:
    """``relations`` (and every command) reports a repairable file with a hint that works as written."""
    import re
    import shlex

    refused = cli("relations", BAD / "clockwise.geojson")
    assert refused.status == 2, refused.err
    hint = re.search(r"zonemap (validate [^)]*)\)", refused.err)
    assert hint is not None, refused.err
    command = [{"FILE": str(BAD / "clockwise.geojson"), "FIXED.geojson": "FIXED.geojson"}.get(word, word) for word in shlex.split(hint[1])]
    assert "FILE" in hint[1] and "FIXED.geojson" in hint[1], "the placeholders the user replaces"
    fixed = cli(*command, cwd=tmp_path)
    assert fixed.status == 0, fixed.err
    assert cli("relations", tmp_path / "FIXED.geojson").status == 0, "what the hint wrote is repaired"


def test_validate_fix_without_output_says_nothing_was_written(cli, tmp_path: Path) -> None:
    for files in ([BAD / "clockwise.geojson"], [BAD / "clockwise.geojson", BAD / "good.geojson"]):
        done = cli("validate", *files, "--fix", cwd=tmp_path)
        assert done.status == 2, (files, done.out, done.err)
        assert done.out == "" and "fixed" not in done.err and " ok" not in done.err, "no repair reported that nobody keeps"
        lines = done.err.strip().splitlines()
        assert len(lines) == 1 and "nothing checked or written" in lines[0] and "add -o FIXED.geojson" in lines[0], done.err
    assert list(tmp_path.iterdir()) == []


def test_validate_fix_onto_its_input_is_refused_before_anything_is_reported(cli, tmp_path: Path) -> None:
    source = tmp_path / "cw.geojson"
    source.write_bytes((BAD / "clockwise.geojson").read_bytes())
    before = source.read_bytes()
    done = cli("validate", source, "--fix", "-o", source)
    assert done.status == 2 and done.out == "", done.out
    assert done.err.strip().splitlines() == [f"zonemap: {source}: is the input {source}; give another output name with -o"]
    assert source.read_bytes() == before
    theirs = tmp_path / "theirs.geojson"
    theirs.write_text("keep me")
    refused = cli("validate", source, "--fix", "-o", theirs)
    assert refused.status == 2 and refused.out == "" and "use --force" in refused.err, (refused.out, refused.err)
    assert theirs.read_text() == "keep me"


class _ClosedPipe:
    """A stdout whose reader has gone: every write raises BrokenPipeError, as a closed pipe does."""

    def write(self, data: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> _ClosedPipe:
        return self


@pytest.mark.parametrize("args", [["areas"], ["relations"], ["export", "-o", "-"], ["map", BAD / "good.geojson", "-o", "-", "--basemap", "none"],
                                  ["locate", REPO / "docs" / "examples" / "gaode_points.csv", "-o", "-"]])
def test_a_closed_stdout_ends_any_command_quietly(cli, monkeypatch, args: list) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    done = cli(*args)
    assert (done.status, done.err) == (0, ""), args


def test_locate_into_head_ends_quietly(tmp_path: Path) -> None:
    """``zonemap locate big.csv -o - | head -2``: a real pipe, closed by its reader long before the end."""
    import os

    points = tmp_path / "big.csv"
    points.write_text("name,lon,lat\n" + "".join(f"p{i},114.0{i % 997:03d},22.5{i % 991:03d}\n" for i in range(40_000)))
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.Popen([sys.executable, "-m", "zonemap", "locate", points, "-o", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           cwd=tmp_path, env=environment)
    assert run.stdout is not None and run.stderr is not None
    head = [run.stdout.readline() for _ in range(2)]
    run.stdout.close()
    err = run.stderr.read().decode()
    assert run.wait(timeout=120) == 0 and err == "", err
    assert head[0].startswith(b"name,lon,lat,zone") and head[1].startswith(b"p0,")


def test_gdal_advice_to_prefix_a_driver_is_not_passed_on(cli, tmp_path: Path) -> None:
    """GDAL's "prefix the file path with '<DRIVER>:', e.g. 'CSV:path'" does not work here: no message repeats it."""
    for name in ("garbage.gpkg", "garbage.geojson"):
        (tmp_path / name).write_text("not GIS data\n")
    points = REPO / "docs" / "examples" / "gaode_points.csv"
    runs = [("areas", BAD / "not_gis_data.gpkg"), ("validate", BAD / "not_gis_data.gpkg"), ("locate", tmp_path / "garbage.gpkg", "-o", tmp_path / "o.csv"),
            ("locate", tmp_path / "garbage.geojson", "-o", tmp_path / "o.csv"), ("locate", points, "--zones", tmp_path / "garbage.gpkg", "-o", tmp_path / "o.csv")]
    for args in runs:
        done = cli(*args)
        assert done.status == 2 and len(done.err.strip().splitlines()) == 1, (args, done.err)
        assert "not recognized as being in a supported file format." in done.err, (args, done.err)
        assert "DRIVER" not in done.err and "It might help" not in done.err and "CSV:path" not in done.err, (args, done.err)
    with pytest.raises(zonemap.ZoneDataError) as raised:
        zonemap.read_zones(BAD / "not_gis_data.gpkg")
    assert "It might help" not in str(raised.value) and "It might help" not in raised.value.problems[0].message


def test_an_empty_file_is_said_to_be_empty(cli, tmp_path: Path) -> None:
    for suffix in (".geojson", ".gpkg", ".shp", ".csv", ".parquet"):
        (tmp_path / f"empty{suffix}").touch()
    points = REPO / "docs" / "examples" / "gaode_points.csv"
    runs = {("areas", "empty.geojson"): "empty.geojson", ("areas", "empty.gpkg"): "empty.gpkg", ("relations", "empty.shp"): "empty.shp",
            ("map", "empty.geojson"): "empty.geojson", ("export", "empty.gpkg"): "empty.gpkg",
            ("locate", "empty.csv", "-o", "o.csv"): "empty.csv", ("locate", "empty.geojson", "-o", "o.csv"): "empty.geojson",
            ("locate", "empty.gpkg", "-o", "o.csv"): "empty.gpkg", ("locate", "empty.parquet", "-o", "o.csv"): "empty.parquet",
            ("locate", points, "--zones", "empty.geojson", "-o", "o.csv"): "empty.geojson"}
    for args, name in runs.items():
        done = cli(*args, cwd=tmp_path)
        assert (done.status, done.out, done.err) == (2, "", f"zonemap: {name}: is empty\n"), args
    checked = cli("validate", "empty.gpkg", BAD / "good.geojson", "empty.geojson", cwd=tmp_path)
    assert checked.status == 2 and checked.err == "zonemap: empty.gpkg: is empty\nzonemap: empty.geojson: is empty\n", checked.err
    assert "good.geojson: ok" in checked.out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"empty{s}" for s in (".geojson", ".gpkg", ".shp", ".csv", ".parquet"))
    with pytest.raises(zonemap.ZoneDataError, match=r"empty\.geojson: is empty$"):
        zonemap.read_zones(tmp_path / "empty.geojson")


def test_locate_refuses_an_option_that_only_works_with_another(cli, tmp_path: Path) -> None:
    points = REPO / "docs" / "examples" / "gaode_points.csv"
    refusals = {("--accuracy", "5"): "--accuracy needs --zones", ("--id-column", "name"): "--id-column needs --zones",
                ("--id-column", "id"): "--id-column needs --zones", ("--no-hong-kong-offset",): "--no-hong-kong-offset needs --from-datum"}
    for options, message in refusals.items():
        done = cli("locate", points, *options, "-o", tmp_path / "out.csv")
        assert (done.status, done.out, done.err) == (2, "", f"zonemap: {message}\n"), options
    assert list(tmp_path.iterdir()) == [], "nothing written"
    together = [("--zones", BAD / "good.geojson", "--accuracy", "5", "--id-column", "id"), ("--from-datum", "gcj02", "--no-hong-kong-offset")]
    for options in together:
        assert cli("locate", points, *options, "-o", tmp_path / "out.csv").status == 0, options


def test_an_unknown_argument_is_shown_with_its_commands_usage_and_options_are_never_abbreviated(cli, tmp_path: Path) -> None:
    wrong = cli("areas", "--fix", BAD / "good.geojson")
    assert wrong.status == 2 and "usage: zonemap areas" in wrong.err and "unrecognized arguments: --fix" in wrong.err
    short = cli("relations", BAD / "good.geojson", "--out", tmp_path / "x.csv")  # --output is the option; --out is build's
    assert short.status == 2 and "usage: zonemap relations" in short.err and not (tmp_path / "x.csv").exists()
    assert cli("relations", BAD / "good.geojson", "--output", tmp_path / "x.csv").status == 0


def test_export_refuses_a_hong_kong_option_that_would_do_nothing(cli, tmp_path: Path) -> None:
    idle = cli("export", "--no-hong-kong-offset", "-o", tmp_path / "zones.geojson")
    assert idle.status == 2 and idle.err.strip() == "zonemap: --no-hong-kong-offset needs --to-datum gcj02 or bd09"
    assert not (tmp_path / "zones.geojson").exists()
    assert cli("export", "--no-hong-kong-offset", "--to-datum", "gcj02", "-o", tmp_path / "zones.geojson").status == 0


def test_validate_fix_to_the_screen_writes_only_geojson_there(cli) -> None:
    shown = cli("validate", BAD / "clockwise.geojson", "--fix", "-o", "-")
    assert shown.status == 0, shown.err
    assert json.loads(shown.out)["type"] == "FeatureCollection"  # stdout is the GeoJSON alone
    assert "fixed: " in shown.err and ": ok, 1 feature" in shown.err


def test_results_on_a_terminal_show_control_characters_escaped(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CSV keeps every byte of a cell when piped, but a terminal never receives an escape sequence from data
    ring = [[114.07, 22.51], [114.09, 22.51], [114.09, 22.53], [114.07, 22.53], [114.07, 22.51]]
    zones = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "\x1b[31mred"},
                                                        "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    (tmp_path / "zones.geojson").write_text(json.dumps(zones), encoding="utf-8")
    (tmp_path / "p.csv").write_text("lon,lat\n114.08,22.52\n", encoding="utf-8")
    piped = cli("areas", tmp_path / "zones.geojson", "--format", "csv")
    assert piped.status == 0 and "\n\x1b[31mred," in piped.out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for args in (["areas", tmp_path / "zones.geojson", "--format", "csv"],
                 ["locate", tmp_path / "p.csv", "--zones", tmp_path / "zones.geojson", "-o", "-", "-q"]):
        shown = cli(*args)
        assert shown.status == 0 and "\x1b" not in shown.out and "\\x1b[31mred" in shown.out, args
        assert shown.out.endswith("\n") and "\\n" not in shown.out
