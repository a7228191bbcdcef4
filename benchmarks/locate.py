"""Benchmark of zonemap.locate, run by hand (never in the tests): ``python benchmarks/locate.py [--rows 1000000 10000000]``.

Points: half uniform over Shenzhen and Hong Kong (113.75-114.65 E, 22.15-22.85 N), half within 200 m of every zone
boundary (uniformly along every edge of every bundled zone, a random offset of up to 200 m). For each size:

* **in memory**: ``zonemap.locate`` (zones, certainty and distance) against
  ``geopandas.sjoin(points, zones, predicate="within")`` (zones only), on the same GeoDataFrame of points; sjoin gets
  a fresh copy each run, so its spatial index is built in the timed run as in any single call. Also ``locate`` on a
  DataFrame of lon/lat columns (no shapely points at all).
* **streaming**: ``zonemap locate in.csv -o out.csv`` (chunk by chunk) against the I/O floor: ``pandas.read_csv`` of the
  same file and writing the same rows (``DataFrame.to_csv``), and a stricter floor by Arrow (``pyarrow.csv.read_csv`` +
  ``pyarrow.csv.write_csv``). Each run is a fresh process, whose peak resident memory is reported.

Runs alternate between the tools; min and median are reported, with the load average of the machine (2 cores, shared)
before and after. Targets (issue 14): in memory >= 3x sjoin's throughput; streaming <= 1.5x the I/O floor; the
streaming path's peak memory within 10 % between 1M and 10M rows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(REPO))  # this checkout's zonemap, not another installed one


def points(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Half uniform over Shenzhen and Hong Kong, half within 200 m of the bundled zones' boundaries."""
    import shapely

    import zonemap

    rng = np.random.default_rng(seed)
    half = n // 2
    lon, lat = rng.uniform(113.75, 114.65, n), rng.uniform(22.15, 22.85, n)
    edges = shapely.segmentize(zonemap.load_zones().boundary.to_numpy(), 0.0001)  # about 10 m apart
    along = shapely.get_coordinates(edges)
    pick = along[rng.integers(0, len(along), half)]
    radius, angle = 200 * np.sqrt(rng.uniform(0, 1, half)), rng.uniform(0, 2 * np.pi, half)
    lon[:half] = pick[:, 0] + radius * np.cos(angle) / (111_320 * np.cos(np.radians(22.52)))
    lat[:half] = pick[:, 1] + radius * np.sin(angle) / 110_574
    order = rng.permutation(n)
    return lon[order], lat[order]


def alternate(tools: dict, runs: int) -> dict[str, list[float]]:
    """Run each tool ``runs`` times, in alternating order; wall seconds of each run."""
    times: dict[str, list[float]] = {name: [] for name in tools}
    for r in range(runs):
        for name in (list(tools) if r % 2 == 0 else list(tools)[::-1]):
            times[name].append(tools[name]())
    return times


def in_memory(n: int, runs: int) -> dict:
    import geopandas as gpd
    import pandas as pd

    import zonemap

    lon, lat = points(n)
    frame = pd.DataFrame({"id": np.arange(n), "lon": lon, "lat": lat})
    geo = gpd.GeoDataFrame(frame[["id"]], geometry=gpd.points_from_xy(lon, lat), crs=4326)
    zones = zonemap.load_zones()[["id", "geometry"]].rename(columns={"id": "zone"})
    zonemap.locate(geo.iloc[:1000])  # build the engine once, as any long-running process has

    def timed(call):
        def run() -> float:
            started = time.perf_counter()
            call()
            return time.perf_counter() - started
        return run

    fresh = {"copy": geo.copy()}

    def sjoin() -> float:
        points_copy = fresh["copy"]  # a copy made outside the timing, with no spatial index yet
        started = time.perf_counter()
        gpd.sjoin(points_copy, zones, predicate="within")
        elapsed = time.perf_counter() - started
        fresh["copy"] = geo.copy()
        return elapsed

    times = alternate({"locate (GeoDataFrame)": timed(lambda: zonemap.locate(geo)), "sjoin within": sjoin,
                       "locate (lon/lat DataFrame)": timed(lambda: zonemap.locate(frame))}, runs)
    return {name: {"min": min(t), "median": statistics.median(t), "rows_per_s": n / min(t)} for name, t in times.items()}


PEAK = """
def peak():  # VmHWM: this process's own peak (ru_maxrss would carry the parent's over the fork)
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) * 1024
"""
STREAM = PEAK + """
import sys, time
sys.path.insert(0, {repo!r})
from zonemap.cli import main
started = time.perf_counter()
status = main(["locate", {source!r}, "-o", {target!r}, "--force", "-q"])
print(time.perf_counter() - started, peak(), status, file=sys.stderr)
"""
FLOOR_PANDAS = PEAK + """
import sys, time
import pandas as pd
started = time.perf_counter()
pd.read_csv({source!r}).to_csv({target!r}, index=False)
print(time.perf_counter() - started, peak(), 0, file=sys.stderr)
"""
FLOOR_ARROW = PEAK + """
import sys, time
from pyarrow import csv
started = time.perf_counter()
csv.write_csv(csv.read_csv({source!r}), {target!r})
print(time.perf_counter() - started, peak(), 0, file=sys.stderr)
"""


def streaming(n: int, runs: int, folder: Path) -> dict:
    import pandas as pd

    source = folder / f"points_{n}.csv"
    if not source.exists():
        lon, lat = points(n, seed=1)
        pd.DataFrame({"id": np.arange(n), "name": [f"point {i}" for i in range(n)], "lon": lon, "lat": lat}).to_csv(source, index=False)
    measured: dict[str, list[tuple[float, int]]] = {}

    def process(name: str, script: str) -> float:
        target = folder / f"out_{abs(hash(name))}_{n}.csv"
        done = subprocess.run([PYTHON, "-c", script.format(repo=str(REPO), source=str(source), target=str(target))],
                              capture_output=True, text=True, check=True)
        seconds, peak, status = done.stderr.strip().splitlines()[-1].split()
        assert status == "0", done.stderr
        measured.setdefault(name, []).append((float(seconds), int(peak)))
        target.unlink()
        return float(seconds)

    tools = {"zonemap locate (streaming)": STREAM, "floor: pandas read_csv + to_csv": FLOOR_PANDAS, "floor: pyarrow read_csv + write_csv": FLOOR_ARROW}
    alternate({name: (lambda name=name, script=script: process(name, script)) for name, script in tools.items()}, runs)
    return {name: {"min": min(s for s, _ in v), "median": statistics.median(s for s, _ in v), "rows_per_s": n / min(s for s, _ in v),
                   "peak_rss_mb": max(p for _, p in v) / 2**20, "file_mb": source.stat().st_size / 2**20} for name, v in measured.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=None, help="where the CSV files go (default: a temporary folder)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="zonemap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = {"cores": os.cpu_count(), "sizes": {}}
    for n in args.rows:
        load_before = os.getloadavg()
        memory = in_memory(n, args.runs)
        stream = streaming(n, args.runs, folder)
        results["sizes"][n] = {"in_memory": memory, "streaming": stream, "load_before": load_before, "load_after": os.getloadavg()}
        print(report(n, results["sizes"][n]), flush=True)
    sizes = sorted(results["sizes"])
    if len(sizes) >= 2:
        small, large = (results["sizes"][s]["streaming"]["zonemap locate (streaming)"]["peak_rss_mb"] for s in (sizes[0], sizes[-1]))
        print(f"\nstreaming peak memory: {small:.0f} MB at {sizes[0]:,} rows, {large:.0f} MB at {sizes[-1]:,} rows "
              f"({(large / small - 1) * 100:+.1f} %; target within 10 %)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n")


def report(n: int, result: dict) -> str:
    memory, stream = result["in_memory"], result["streaming"]
    sjoin = memory["sjoin within"]["min"]
    floor = stream["floor: pandas read_csv + to_csv"]["min"]
    arrow = stream["floor: pyarrow read_csv + write_csv"]["min"]
    lines = [f"\n{n:,} rows (load average {result['load_before'][0]:.2f} before, {result['load_after'][0]:.2f} after; "
             f"{os.cpu_count()} cores)", "| run | min s | median s | rows/s | vs sjoin | vs floor | vs arrow floor | peak MB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in memory.items():
        lines.append(f"| {name} | {r['min']:.2f} | {r['median']:.2f} | {r['rows_per_s']:,.0f} | {sjoin / r['min']:.2f}x faster | | | |")
    for name, r in stream.items():
        lines.append(f"| {name} | {r['min']:.2f} | {r['median']:.2f} | {r['rows_per_s']:,.0f} | | {r['min'] / floor:.2f}x | "
                     f"{r['min'] / arrow:.2f}x | {r['peak_rss_mb']:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
