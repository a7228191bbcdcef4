"""The command line, run as a subprocess: each subcommand, the bad-input corpus, and safe output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import zonemap

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "bad_input"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "zonemap", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_help_version_and_usage_errors() -> None:
    helped = run("--help")
    assert helped.returncode == 0 and "zonemap build" in helped.stdout and "exit status" in helped.stdout
    assert run("--version").stdout.strip() == f"zonemap {zonemap.__version__}"
    assert run("areas", "--format", "xml").returncode == 2
    assert run().returncode == 2


def test_build_writes_every_map_and_the_picture(tmp_path: Path) -> None:
    done = run("build", "--out", tmp_path / "maps", "--basemap", "none", "--lang", "en", "--png")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "maps").iterdir())
    assert names == sorted(
        ["index.html", "overview.html", "history.html", "relations.html", "overview.png",
         *(f"zone_{i}.html" for i in zonemap.load_zones()["id"])]
    )
    assert "wrote 13 files" in done.stdout
    assert done.stderr == ""  # no progress display when stderr is not a terminal
    again = run("build", "--out", tmp_path / "maps", "--basemap", "none", "--lang", "en", "--png")
    assert again.returncode == 0, "zonemap's own files are replaced"


def test_areas_formats_on_bundled_and_user_files(tmp_path: Path) -> None:
    table = run("areas")
    assert table.returncode == 0 and "loop_a" in table.stdout and "official ha" in table.stdout
    rows = json.loads(run("areas", BAD / "good.geojson", "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["area_ha"] == pytest.approx(zonemap.areas(zonemap.read_zones(BAD / "good.geojson"))["area_ha"][0])
    assert run("areas", "--format", "markdown").stdout.startswith("| zone | status |")
    out = tmp_path / "areas.csv"
    assert run("areas", "--format", "csv", "-o", out).returncode == 0
    assert out.read_text().startswith("id,name_en,status,geodesic_area_m2")
    refused = run("areas", "--format", "csv", "-o", out)
    assert refused.returncode == 2 and "exists" in refused.stderr
    assert run("areas", "--format", "csv", "-o", out, "--force").returncode == 0


def test_relations_on_bundled_and_user_files(tmp_path: Path) -> None:
    table = run("relations", "--format", "csv").stdout
    shared = zonemap.relations().query("left == 'loop_a' and right == 'loop_b'").shared_length_m.item()
    assert f"loop_a,loop_b,shares_border,{shared:.1f}" in table
    user = run("relations", BAD / "good.geojson", "--format", "json")
    assert json.loads(user.stdout)[0]["relation"] == "shares_border"
    lines = json.loads(run("relations", "--format", "geojson").stdout)
    assert lines["type"] == "FeatureCollection" and lines["features"][0]["geometry"]["type"] == "LineString"
    negative = run("relations", BAD / "good.geojson", "--tolerance", "-1")
    assert negative.returncode == 2 and "must not be negative" in negative.stderr


def test_map_of_a_user_file(tmp_path: Path) -> None:
    done = run("map", BAD / "good.geojson", "--label-field", "name", "--basemap", "none", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "good.html").read_text(encoding="utf-8")
    assert "zone a" in page and "tile.openstreetmap" not in page


def test_validate_reports_every_problem_in_every_file_and_fixes_what_it_safely_can(tmp_path: Path) -> None:
    checked = run("validate", BAD / "good.geojson", BAD / "out_of_range.geojson", BAD / "unclosed_ring.geojson")
    assert checked.returncode == 2
    assert "good.geojson: ok, 2 features" in checked.stdout
    assert "out_of_range.geojson: feature 'far'" in checked.stderr and "unclosed_ring.geojson: feature 'open'" in checked.stderr
    source = BAD / "self_intersection.geojson"
    before = source.read_bytes()
    fixed = run("validate", source, "--fix", "-o", tmp_path / "fixed.geojson")
    assert fixed.returncode == 0, fixed.stderr
    assert "fixed: " in fixed.stdout and "made valid (Self-intersection[114.075 22.525])" in fixed.stdout
    assert source.read_bytes() == before, "the input is never modified"
    repaired = zonemap.read_zones(tmp_path / "fixed.geojson")
    assert repaired.geometry.iloc[0].geom_type == "MultiPolygon" and repaired.is_valid.all()


#: The bad-input corpus: file (or arguments), the one line it must print, for each problem.
CORPUS = [
    ("malformed.geojson", r"malformed.geojson: is not valid JSON \(line 3, column 1"),
    ("empty_collection.geojson", r"empty_collection.geojson: FeatureCollection has no features"),
    ("wrong_geometry_type.geojson", r"feature 'road': geometry is a LineString; zones must be Polygon or MultiPolygon"),
    ("unclosed_ring.geojson", r"feature 'open': exterior ring is not closed: it starts at \[114.07, 22.52\] and ends at"),
    ("self_intersection.geojson", r"feature 'bowtie': geometry is invalid: Self-intersection\[114.075 22.525\] \(fix=True / --fix repairs this\)"),
    ("out_of_range.geojson", r"feature 'far': coordinate \[114.08, 95.0\] is out of range for lon/lat$"),
    ("swapped_axes.geojson", r"feature 'swapped': .* out of range for lon/lat \(they look like lat/lon: swap the axes to lon/lat\)"),
    ("duplicate_ids.geojson", r"feature 'twin': id 'twin' occurs 2 times; ids must be unique"),
    ("clockwise.geojson", r"feature 'cw': exterior ring is clockwise; RFC 7946 wants exteriors counter-clockwise"),
    ("not_gis_data.gpkg", r"not_gis_data.gpkg: cannot be read as GIS data"),
    ("no_such_file.geojson", r"no_such_file.geojson: does not exist"),
]


@pytest.mark.parametrize(("name", "message"), CORPUS, ids=[c[0] for c in CORPUS])
def test_each_bad_file_gets_one_clear_line_exit_2_and_no_output(tmp_path: Path, name: str, message: str) -> None:
    import re

    out = tmp_path / "map.html"
    done = run("map", BAD / name, "-o", out)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"zonemap: {BAD / name}"), done.stderr
    assert re.search(message, lines[0]), lines[0]
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == [], "no output file, not even a temporary one"


def test_missing_label_field_and_unwritable_output(tmp_path: Path) -> None:
    missing = run("map", BAD / "good.geojson", "--label-field", "title", "-o", tmp_path / "m.html")
    assert missing.returncode == 2
    assert "good.geojson: has no column 'title' to label with; its columns are id, name" in missing.stderr
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    unwritable = run("build", "--out", blocker / "maps")
    assert unwritable.returncode == 2 and "cannot write in" in unwritable.stderr and "Traceback" not in unwritable.stderr
    debug = run("--debug", "map", BAD / "clockwise.geojson", "-o", tmp_path / "m.html")
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import pty

    main_fd, terminal_fd = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "zonemap", "map", str(BAD / "good.geojson"), "-o", str(tmp_path / "m.html"), "--basemap", "none"]
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=terminal_fd, env=env, timeout=120)
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
    quiet = run("-q", "map", BAD / "good.geojson", "-o", tmp_path / "m.html", "--basemap", "none")
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.parametrize("suffix", [".gpkg", ".shp"])
def test_user_files_in_another_crs_are_reprojected(tmp_path: Path, suffix: str) -> None:
    zones = zonemap.read_zones(BAD / "good.geojson")
    path = tmp_path / f"grid{suffix}"
    zones.to_crs(2326).to_file(path)
    rows = json.loads(run("areas", path, "--format", "json").stdout)
    expected = zonemap.areas(zones)["area_ha"].tolist()
    assert [r["area_ha"] for r in rows] == pytest.approx(expected, rel=1e-6)
