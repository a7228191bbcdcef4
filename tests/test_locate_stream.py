"""``zonemap locate`` on files: streamed in chunks, the same rows as the in-memory call, in every format; bad rows
reported by row number and kept; an interrupted run leaves no partial output; progress on a terminal only."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zonemap
from zonemap.locating._sinks import Sink
from zonemap.locating._sources import open_source

from .conftest import REPO

NAMES = ["plain", "a, comma", 'a "quote"', "two\nlines", "=HYPERLINK(\"x\")", "港深创新及科技园", "@at", "-3"]


def points_frame(n: int = 3000, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    zones = zonemap.load_zones()
    west, south, east, north = zones.total_bounds
    lon, lat = rng.uniform(west - 0.01, east + 0.01, n), rng.uniform(south - 0.01, north + 0.01, n)
    return pd.DataFrame({"name": [NAMES[i % len(NAMES)] + f" {i}" for i in range(n)], "count": np.arange(n), "lon": lon, "lat": lat})


def write_input(frame: pd.DataFrame, path: Path) -> Path:
    geo = gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.name.endswith(".geo.parquet"):
        geo.to_parquet(path)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        geo.to_file(path)
    return path


def read_input(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path)
    if path.suffix == ".parquet":
        return gpd.read_parquet(path) if path.name.endswith(".geo.parquet") else pd.read_parquet(path)
    return gpd.read_file(path)


def read_output(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return gpd.read_file(path)


def as_tuple(value: object) -> tuple:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ()
    if isinstance(value, str):
        return tuple(value.split(";")) if value else ()
    return tuple(value)


@pytest.mark.parametrize(("source", "target"), [
    ("in.csv", "out.csv"), ("in.csv", "out.parquet"), ("in.csv", "out.geojson"), ("in.csv", "out.gpkg"),
    ("in.parquet", "out.parquet"), ("in.geo.parquet", "out.csv"), ("in.geojson", "out.geojson"), ("in.gpkg", "out.gpkg"),
])
def test_streaming_in_chunks_gives_the_rows_of_the_in_memory_call(cli, tmp_path: Path, source: str, target: str) -> None:
    frame = points_frame()
    path = write_input(frame, tmp_path / source)
    assert len(list(open_source(path, chunk_rows=500).batches())) > 3  # the file is several chunks long
    done = cli("locate", path, "-o", tmp_path / target, "--chunk-rows", "500")
    assert done.status == 0, done.err
    got = read_output(tmp_path / target)
    want = zonemap.locate(read_input(path))  # the same points as the file holds them
    assert len(got) == len(frame)
    assert [as_tuple(z) for z in got["zones"]] == want["zones"].tolist()
    assert [as_tuple(z) for z in got["uncertain_zones"]] == want["uncertain_zones"].tolist()
    assert got["certainty"].astype(str).tolist() == want["certainty"].astype(str).tolist()
    np.testing.assert_allclose(got["boundary_distance_m"].astype(float), want["boundary_distance_m"].round(2), atol=0.006)
    names = got["name"].tolist()
    if target.endswith(".csv"):  # text from data is guarded against formulas in CSV, and only there
        assert names == ["'" + n if n.startswith(("=", "@", "-")) else n for n in frame["name"]]
    else:
        assert names == frame["name"].tolist()
    if target.endswith((".geojson", ".gpkg")):
        np.testing.assert_allclose(got.geometry.x, frame["lon"], atol=1e-7)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.suffix == ".tmp") == []
    assert done.out.startswith("3,000 rows: ") and "per zone: loop_a " in done.out


def test_bad_rows_are_reported_by_row_number_and_kept(cli, tmp_path: Path) -> None:
    frame = points_frame(1200).astype({"lon": str, "lat": str})
    bad = {3: ("lat", "abc"), 700: ("lon", ""), 1150: ("lat", "95")}
    for row, (column, value) in bad.items():
        frame.loc[row - 1, column] = value
    path = tmp_path / "points.csv"
    frame.to_csv(path, index=False)
    done = cli("locate", path, "-o", tmp_path / "out.csv", "--chunk-rows", "250")
    assert done.status == 0
    errors = done.err.splitlines()
    assert f"zonemap: {path}: row 3: lat 'abc' is not a number (kept, not located)" in errors
    assert f"zonemap: {path}: row 700: lon is missing (kept, not located)" in errors
    assert f"zonemap: {path}: row 1150: lat 95.0 is out of range (-90 to 90) (kept, not located)" in errors
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert len(out) == 1200
    assert [i + 1 for i in np.flatnonzero(out["certainty"] == "")] == sorted(bad)
    assert ", 3 not located;" in done.out


def test_many_bad_rows_are_counted_after_the_first_twenty(cli, tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_text("lon,lat\n" + "x,22.5\n" * 25 + "114.08,22.52\n", encoding="utf-8")
    done = cli("locate", path, "-o", tmp_path / "out.csv")
    assert done.status == 0
    assert sum("(kept, not located)" in line for line in done.err.splitlines()) == 20
    assert "and 5 more rows not located" in done.err
    assert done.out.startswith("26 rows: ")


def test_malformed_lines_and_unreadable_files_are_named(cli, tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_text("name,lon,lat\na,114.08,22.52\nb,114.08,22.52,extra\nc,114.08,22.52\n", encoding="utf-8")
    done = cli("locate", path, "-o", tmp_path / "out.csv")
    assert done.status == 0
    assert f"zonemap: {path}: row 2: has 4 cells, the header 3 (the cells after the 3rd are not written) (kept, not located)" in done.err.splitlines()
    assert done.out.startswith("3 rows: 2 inside, 0 uncertain, 0 outside, 1 not located;")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["name"].tolist() == ["a", "b", "c"] and out["certainty"].tolist() == ["inside", "", "inside"]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("名称,lon,lat\n皇岗口岸,114.08,22.52\n".encode("gbk"))
    done = cli("locate", gbk, "-o", tmp_path / "gbk_out.csv")
    assert done.status == 2 and "is not UTF-8 text" in done.err
    (tmp_path / "folder.csv").mkdir()
    for args, message in [
        (("locate", tmp_path / "missing.csv"), "No such file"),
        (("locate", tmp_path / "folder.csv", "-o", tmp_path / "f.csv"), f"zonemap: {tmp_path / 'folder.csv'}: is a folder, not a file"),
        (("locate", path, "-o", tmp_path / "out.txt"), "unknown format '.txt'"),
        (("locate", path, "--lon", "x"), "has no column 'x'"),
        (("locate", path, "-o", path), "is the input"),
    ]:
        done = cli(*args)
        assert done.status == 2 and message in done.err, (args, done.err)
    foreign = tmp_path / "foreign.csv"
    foreign.write_text("mine\n")
    assert cli("locate", path, "-o", foreign).status == 2 and foreign.read_text() == "mine\n"
    assert cli("locate", path, "-o", foreign, "--force").status == 0


@pytest.mark.parametrize("chunk", ["1", "2", "1000"])
def test_rows_after_a_malformed_line_keep_their_numbers(cli, tmp_path: Path, chunk: str) -> None:
    path = tmp_path / "points.csv"
    path.write_text("name,lon,lat\nrow1,114.07,22.52,extra\nrow2,abc,22.5\nrow3,114.08\nrow4,114.0805,22.5223\n\nrow5,x,1\n", encoding="utf-8")
    done = cli("locate", path, "-o", tmp_path / "out.csv", "--chunk-rows", chunk)
    assert done.status == 0, done.err
    assert done.err.splitlines() == [
        f"zonemap: {path}: row 1: has 4 cells, the header 3 (the cells after the 3rd are not written) (kept, not located)",
        f"zonemap: {path}: row 2: lon 'abc' is not a number (kept, not located)",
        f"zonemap: {path}: row 3: has 2 cells, the header 3 (kept, not located)",
        f"zonemap: {path}: row 5: lon 'x' is not a number (kept, not located)",
        f"wrote {tmp_path / 'out.csv'}",
    ]
    assert done.out.startswith("5 rows: 1 inside, 0 uncertain, 0 outside, 4 not located;")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["name"].tolist() == ["row1", "row2", "row3", "row4", "row5"]
    assert out["lon"].tolist() == ["114.07", "abc", "114.08", "114.0805", "x"] and out["lat"].tolist() == ["22.52", "22.5", "", "22.5223", "1"]
    assert out["zone"].tolist() == ["", "", "", "loop_a", ""]


def test_the_example_from_a_chinese_map_app(cli, tmp_path: Path) -> None:
    example = REPO / "docs" / "examples" / "gaode_points.csv"
    done = cli("locate", example, "--from-datum", "gcj02", "-o", tmp_path / "located.csv", "--map", tmp_path / "located.html", "--basemap", "none")
    assert done.status == 0, done.err
    out = pd.read_csv(tmp_path / "located.csv", dtype=str, keep_default_na=False)
    by_name = dict(zip(out["名称"], out["zone"]))
    assert by_name["港深创新及科技园11号大楼"] == "loop_a" and by_name["福田保税区"] == "futian_bonded_zone"
    assert by_name["香港科学园"] == ""
    assert "row 8: 经度 is missing; 纬度 is missing" in done.err
    naive = cli("locate", example, "-o", tmp_path / "naive.csv")  # read as WGS-84, the points land about 600 m off
    assert pd.read_csv(tmp_path / "naive.csv", dtype=str, keep_default_na=False)["zone"].tolist() != out["zone"].tolist()
    assert naive.status == 0
    page = (tmp_path / "located.html").read_text(encoding="utf-8")
    assert "PointLayer" not in page or "zonemap-points-legend" in page
    assert "zonemap-points-legend" in page


def test_a_sampled_map_says_how_many_points_it_shows(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zonemap.cli._locate

    monkeypatch.setattr(zonemap.cli._locate, "MAP_POINTS", 3)
    path = tmp_path / "p.csv"
    path.write_text("name,lon,lat\n" + "".join(f"firm {i},114.08{i},22.52\n" for i in range(6)) + "bad,x,1\n", encoding="utf-8")
    done = cli("locate", path, "-o", tmp_path / "out.csv", "--map", tmp_path / "map.html", "--basemap", "none")
    assert done.status == 0, done.err
    assert f"zonemap: {tmp_path / 'map.html'}: shows 3 of 6 located points (a random sample)" in done.err.splitlines()
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert '"sampled":"3 of 6 points shown (a random sample)"' in page and '"ids":["name"]' in page
    chunked = cli("locate", path, "-o", tmp_path / "out2.csv", "--map", tmp_path / "chunked.html", "--basemap", "none", "--chunk-rows", "2")
    assert f"zonemap: {tmp_path / 'chunked.html'}: shows 3 of 6 located points (a random sample)" in chunked.err.splitlines()
    monkeypatch.setattr(zonemap.cli._locate, "MAP_POINTS", 6)
    whole = cli("locate", path, "-o", tmp_path / "out2.csv", "--map", tmp_path / "whole.html", "--basemap", "none", "--force")
    assert whole.status == 0 and "located points (a random sample)" not in whole.err
    assert '"sampled":""' in (tmp_path / "whole.html").read_text(encoding="utf-8")


def test_screen_output_and_default_name(cli, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("lon,lat\n114.0805,22.5223\n", encoding="utf-8")
    done = cli("locate", path, "-o", "-")
    assert done.status == 0
    assert done.out.splitlines()[1].startswith("114.0805,22.5223,loop_a,loop_a;loop_zoning_plan;cooperation_zone,,inside,")
    assert "1 row: 1 inside" in done.err
    assert cli("locate", path, cwd=tmp_path).status == 0 and (tmp_path / "p.located.csv").is_file()


def test_an_interrupted_run_leaves_no_partial_output(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_input(points_frame(2000), tmp_path / "in.csv")
    out = tmp_path / "out.csv"
    assert cli("locate", path, "-o", out).status == 0
    before = out.read_bytes()
    calls = []
    original = Sink.write

    def interrupted(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Sink, "write", interrupted)
    done = cli("locate", path, "-o", out, "--chunk-rows", "300")
    assert done.status == 130 and len(calls) == 3
    assert out.read_bytes() == before  # the previous output, whole
    fresh = tmp_path / "fresh.csv"
    calls.clear()
    assert cli("locate", path, "-o", fresh, "--chunk-rows", "300").status == 130
    assert not fresh.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


#: ``zonemap ARGS`` whose first chunk, once written, waits for its stdin to close: a run surely stopped mid-file.
HELD_RUN = """
import sys
from pathlib import Path
from zonemap.cli import main
from zonemap.locating._sinks import Sink

ready, original = Path(sys.argv.pop(1)), Sink.write


def held(self, *args, **kwargs):
    original(self, *args, **kwargs)
    if not ready.exists():
        ready.write_text("written")
        sys.stdin.read()


Sink.write = held
sys.argv[0] = "zonemap"
raise SystemExit(main())
"""


def test_a_run_stopped_by_sigterm_leaves_no_partial_output(tmp_path: Path) -> None:
    work, ready = tmp_path / "work", tmp_path / "ready"
    work.mkdir()
    write_input(points_frame(2000), work / "in.csv")
    out = work / "out.csv"
    run = subprocess.Popen([sys.executable, "-c", HELD_RUN, str(ready), "locate", str(work / "in.csv"), "-o", str(out), "--chunk-rows", "300"],
                           cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not ready.exists() and run.poll() is None:
        time.sleep(0.02)
    assert ready.exists() and run.poll() is None, run.communicate()
    partial = [p for p in work.iterdir() if p.name.startswith(".out.csv.zonemap-")]
    assert len(partial) == 1 and partial[0].stat().st_size > 0  # one chunk written, the run held mid-file
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) == 128 + signal.SIGTERM
    _, err = run.communicate(timeout=60)
    assert b"stopped by signal" in err, err
    assert sorted(p.name for p in work.iterdir()) == ["in.csv"]


def test_progress_shows_rows_and_rate_on_a_terminal_only(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import pty

    from zonemap.cli import main

    rng = np.random.default_rng(0)
    pd.DataFrame({"lon": rng.uniform(114.0, 114.1, 20_000), "lat": rng.uniform(22.48, 22.56, 20_000)}).to_csv(tmp_path / "p.csv", index=False)
    arguments = ["locate", str(tmp_path / "p.csv"), "-o", str(tmp_path / "o.csv"), "--chunk-rows", "2000", "--force"]
    command = [sys.executable, "-m", "zonemap", *arguments]
    main_fd, terminal_fd = pty.openpty()
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, stderr=terminal_fd, timeout=120)
    os.close(terminal_fd)
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_fd)
    assert done.returncode == 0
    assert b"rows/s" in shown and b"located 20,000 rows" in shown
    assert main(arguments) == 0  # in process, its error stream captured: not a terminal
    assert "rows/s" not in capsys.readouterr().err
    assert json.loads((tmp_path / ".zonemap-outputs.json").read_text())["files"]["o.csv"]["size"] == (tmp_path / "o.csv").stat().st_size


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=30))
def test_csv_cells_follow_the_escape_rule_of_csv_cell(texts: list) -> None:
    import csv
    import io
    import re

    import pyarrow as pa

    from zonemap.escape import csv_cell
    from zonemap.locating._csv import NUMBER, csv_column, csv_rows

    texts = [t.replace("\x00", "") for t in texts]
    cells = csv_column(pa.array(texts, pa.string()))
    parsed = [row[0] if row else "" for row in csv.reader(io.StringIO(csv_rows([cells]).decode("utf-8"), newline=""))]
    expected = [t if re.match(NUMBER, t) else csv_cell(t) for t in texts]  # a plain number is not a formula
    assert parsed == expected


def test_zone_ids_of_the_users_zones_are_guarded_in_csv(cli, tmp_path: Path) -> None:
    # the zone columns hold text from the user's zone file: a spreadsheet must not run it as a formula
    ring = [[114.07, 22.51], [114.09, 22.51], [114.09, 22.53], [114.07, 22.53], [114.07, 22.51]]
    zones = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": '=HYPERLINK("x")'},
                                                        "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    (tmp_path / "zones.geojson").write_text(json.dumps(zones), encoding="utf-8")
    (tmp_path / "p.csv").write_text("lon,lat\n114.08,22.52\n", encoding="utf-8")
    done = cli("locate", tmp_path / "p.csv", "--zones", tmp_path / "zones.geojson", "-o", tmp_path / "out.csv", "-q")
    assert done.status == 0, done.err
    row = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[1]
    assert row.startswith('114.08,22.52,"\'=HYPERLINK(""x"")","\'=HYPERLINK(""x"")",,inside,'), row


@pytest.mark.parametrize(("rows", "message"), [("0", "a chunk needs at least one row"), ("-5", "a chunk needs at least one row"),
                                               ("1.5", "is not a whole number of rows"),
                                               ("9999999999", "at most 16,777,216 rows at a time")])
def test_chunk_rows_out_of_range_are_refused_at_the_door(cli, tmp_path: Path, rows: str, message: str) -> None:
    (tmp_path / "p.csv").write_text("lon,lat\n114.08,22.52\n", encoding="utf-8")
    done = cli("locate", tmp_path / "p.csv", "-o", tmp_path / "out.csv", "--chunk-rows", rows)
    assert done.status == 2 and message in done.err and "internal error" not in done.err
    assert not (tmp_path / "out.csv").exists()


def test_the_largest_chunk_is_read_whole(tmp_path: Path) -> None:
    # Arrow's CSV block size is a 32-bit int: rows per chunk times the bytes of a row must not overflow it
    (tmp_path / "p.csv").write_text("lon,lat\n114.08,22.52\n114.3,22.3\n", encoding="utf-8")
    batches = list(open_source(tmp_path / "p.csv", chunk_rows=1 << 40).batches())
    assert sum(b.table.num_rows for b in batches) == 2
