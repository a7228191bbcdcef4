"""Benchmark: reading a large GeoJSON with zonemap against pyogrio, and the relations command end to end.

Run by hand (never in CI)::

    python benchmarks/read.py [--polygons 100000] [--rounds 5] [--threads 1] [--subprocess]

It writes a Voronoi coverage of ``--polygons`` cells around the Loop (lon/lat,
7 decimals, about 100 m a cell, string ids, counter-clockwise exteriors) as
GeoJSON in a temporary folder, then times, in rounds whose order rotates so no
tool always runs first:

* reading: ``pyogrio.read_dataframe``, ``geopandas.read_file`` (pyogrio engine)
  and ``zonemap.read_zones`` (every check: RFC 7946 rings, ranges, ids, valid
  polygons);
* the command end to end, in this process: ``zonemap relations FILE -o out.csv``,
  the same printing the table to a null stdout, and ``relations(read_zones(FILE))``
  alone (read + relations, nothing written).

Each is reported as min and median of wall and CPU time (this process's CPU),
with ratios to the reference (pyogrio for reading; read + relations for the
command). CPU time is this process's plus that of the child processes it ran. zonemap's threads are set by ``--threads`` (``ZONEMAP_THREADS``; 1 by
default: single-thread figures). The load of the machine is noted before and
after, and the CPU time other processes used during the run, since on a shared
machine they decide how far wall times can be trusted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely


def coverage_geojson(path: Path, n: int, seed: int = 0) -> int:
    """Write a Voronoi coverage of ``n`` cells (lon/lat, 7 decimals) as GeoJSON; return its size in bytes."""
    rng = np.random.default_rng(seed)
    side = np.sqrt(n)  # in cells; a cell is about 0.001 degrees (100 m) across
    frame = shapely.box(0, 0, side, side)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, side, (n, 2))), extend_to=frame))
    cells = shapely.intersection(cells, frame)
    west, south = 114.07 - side * 0.0005, 22.52 - side * 0.0005
    cells = shapely.transform(cells, lambda c: np.round(c * 0.001 + [west, south], 7))
    cells = shapely.orient_polygons(cells, exterior_cw=False)
    assert shapely.is_valid(cells).all() and (shapely.get_type_id(cells) == 3).all()
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        out.write(",\n".join(f'{{"type": "Feature", "properties": {{"id": "{i}"}}, "geometry": {g}}}'
                             for i, g in enumerate(shapely.to_geojson(cells))))
        out.write("\n]}\n")
    return path.stat().st_size


def busy_cpu_seconds() -> float:
    """CPU seconds all processes have used on this machine since boot (/proc/stat: every state but idle and iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(tools: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) per round for each tool, the order rotating each round; one untimed warm-up run each."""
    for run in tools.values():
        run()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    names = list(tools)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            wall, cpu = time.perf_counter(), cpu_seconds()
            tools[name]()
            times[name].append((time.perf_counter() - wall, cpu_seconds() - cpu))
    return times


def report(title: str, times: dict[str, list[tuple[float, float]]], reference: str) -> None:
    def stats(name: str, which: int) -> tuple[float, float]:
        values = [t[which] for t in times[name]]
        return min(values), statistics.median(values)

    print(f"\n{title}")
    print(f"{'tool':<44} {'wall min':>8} {'median':>8} {'cpu min':>8} {'median':>8}   ratio to {reference} (wall min, median; cpu min)")
    for name in times:
        (wmin, wmed), (cmin, cmed) = stats(name, 0), stats(name, 1)
        (rwmin, rwmed), (rcmin, _) = stats(reference, 0), stats(reference, 1)
        print(f"{name:<44} {wmin:>8.2f} {wmed:>8.2f} {cmin:>8.2f} {cmed:>8.2f}   {wmin / rwmin:.2f}, {wmed / rwmed:.2f}; {cmin / rcmin:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polygons", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="zonemap's threads (ZONEMAP_THREADS)")
    parser.add_argument("--subprocess", action="store_true", help="also time the command as a new process (with its start-up)")
    parser.add_argument("--skip-cli", action="store_true", help="time reading only")
    args = parser.parse_args()
    os.environ["ZONEMAP_THREADS"] = str(args.threads)

    import geopandas as gpd
    import pyogrio

    import zonemap
    from zonemap.cli import main as cli

    folder = Path(tempfile.mkdtemp(prefix="zonemap-bench-"))
    path = folder / f"voronoi_{args.polygons}.geojson"
    size = coverage_geojson(path, args.polygons)
    print(f"{path.name}: {args.polygons:,} polygons, {size / 1e6:.1f} MB; python {sys.version.split()[0]}, "
          f"pyogrio {pyogrio.__version__}, geopandas {gpd.__version__}, shapely {shapely.__version__}; "
          f"zonemap threads {args.threads}; {os.cpu_count()} CPUs")
    start_load, start_busy, start_own, start = load(), busy_cpu_seconds(), cpu_seconds(), time.perf_counter()

    reading = measure({
        "pyogrio.read_dataframe": lambda: pyogrio.read_dataframe(path),
        "geopandas.read_file (pyogrio)": lambda: gpd.read_file(path, engine="pyogrio"),
        "zonemap.read_zones (full validation)": lambda: zonemap.read_zones(path),
    }, args.rounds)
    report(f"Reading {args.polygons:,} polygons", reading, "pyogrio.read_dataframe")
    frames = [pyogrio.read_dataframe(path), zonemap.read_zones(path)]
    same = shapely.equals_exact(np.asarray(frames[0].geometry.array), np.asarray(frames[1].geometry.array), tolerance=0).all()
    print(f"same geometries as pyogrio: {bool(same)}; same ids: {frames[0]['id'].tolist() == frames[1]['id'].tolist()}")

    if not args.skip_cli:
        out = folder / "relations.csv"

        def quiet(arguments: list[str]) -> None:
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
                cli(arguments)

        command = measure({
            "read + relations (in process)": lambda: zonemap.relations(zonemap.read_zones(path)),
            "zonemap relations FILE -o out.csv": lambda: quiet(["relations", str(path), "-o", str(out), "--force", "-q"]),
            "zonemap relations FILE > /dev/null": lambda: quiet(["relations", str(path), "-q"]),
        }, args.rounds)
        report(f"The relations command on {args.polygons:,} polygons (in process)", command, "read + relations (in process)")
        print(f"out.csv: {out.stat().st_size / 1e6:.1f} MB, {out.read_text(encoding='utf-8').count(chr(10)) - 1:,} rows")
        if args.subprocess:
            env = dict(os.environ, PYTHONPATH=str(Path(zonemap.__file__).parent.parent))
            script = f"import zonemap; zonemap.relations(zonemap.read_zones({str(path)!r}))"
            spawned = measure({
                "python -c 'read + relations'": lambda: subprocess.run([sys.executable, "-c", script], check=True, env=env),
                "python -m zonemap relations FILE -o out.csv": lambda: subprocess.run(
                    [sys.executable, "-m", "zonemap", "relations", str(path), "-o", str(out), "--force", "-q"], check=True, env=env,
                    stderr=subprocess.DEVNULL),
            }, max(1, args.rounds // 2))
            report("As new processes (interpreter start and imports included)", spawned, "python -c 'read + relations'")

    elapsed = time.perf_counter() - start
    other = (busy_cpu_seconds() - start_busy) - (cpu_seconds() - start_own)
    print(f"\nload average {start_load} before, {load()} after; other processes used {other:.1f} CPU-s "
          f"in the {elapsed:.1f} s of the run ({other / elapsed:.2f} of {os.cpu_count()} CPUs)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
