"""Helpers of ``benchmarks/relations.py``: coverages, the tools compared, pair sets, timing, memory and load.

Not a test and not part of zonemap: run by hand through ``benchmarks/relations.py``.
"""

from __future__ import annotations

import gc
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's zonemap, not another installed one

LOCAL_METRES = "+proj=laea +lat_0=22.52 +lon_0=114.07 +datum=WGS84 +units=m +no_defs"
TOLERANCE_M = 0.5
JITTER_M = 0.03


def coverage(n: int, seed: int = 0, jitter_m: float = 0.0):
    """A Voronoi coverage of n cells over a square of about 100 m a cell; with ``jitter_m``, every polygon moves
    its own copy of each vertex by up to that much (so no vertex is shared exactly any more)."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    side = 100.0 * np.sqrt(n)
    points = shapely.multipoints(rng.uniform(0, side, (n, 2)))
    frame = shapely.box(0, 0, side, side)
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(points, extend_to=frame)), frame)
    if jitter_m:
        coords, ring = shapely.get_coordinates(shapely.get_exterior_ring(cells), return_index=True)
        closing = np.r_[ring[1:] != ring[:-1], True]  # the last vertex of each ring repeats its first
        coords[~closing] += rng.uniform(-jitter_m, jitter_m, (int((~closing).sum()), 2))
        first = np.r_[True, ring[1:] != ring[:-1]]
        coords[closing] = coords[first]
        cells = shapely.make_valid(shapely.polygons(shapely.linearrings(coords, indices=ring)))
    return gpd.GeoDataFrame({"id": np.arange(len(cells)).astype(str)}, geometry=cells, crs=LOCAL_METRES)


def tools(jittered: bool, with_weights: bool) -> dict[str, Callable]:
    """The calls timed, by name: each takes the input frame and returns the tool's own result."""
    from libpysal import graph as lgraph
    from libpysal import weights

    import zonemap

    chosen: dict[str, Callable] = {}
    if not jittered:  # vertex-matching contiguity finds no pair once vertices no longer coincide
        chosen["Graph rook"] = lambda f: lgraph.Graph.build_contiguity(f, rook=True)
        chosen["Graph rook by_perimeter"] = lambda f: lgraph.Graph.build_contiguity(f, rook=True, by_perimeter=True)
        if with_weights:
            chosen["weights.Rook"] = lambda f: weights.Rook.from_dataframe(f, use_index=False, silence_warnings=True)
    else:  # buffered by half the tolerance: a pair is found when the polygons are at most the tolerance apart
        chosen["Graph fuzzy"] = lambda f: lgraph.Graph.build_fuzzy_contiguity(f, buffer=TOLERANCE_M / 2)
    chosen["zonemap 1 thread"] = lambda f: zonemap.relations(f, tolerance_m=TOLERANCE_M, threads=1)
    chosen["zonemap default"] = lambda f: zonemap.relations(f, tolerance_m=TOLERANCE_M)
    return chosen


def pairs_and_lengths(result, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted pair keys ``i * n + j`` (``i < j``) and the length of each (NaN when the tool measures none)."""
    if hasattr(result, "table"):  # zonemap: every pair within the tolerance (a border or a point contact)
        table = result.table()
        table = table[table.relation.isin(["shares_border", "touches_at_point"])]
        i, j = table.left.astype(int).to_numpy(), table.right.astype(int).to_numpy()
        length = np.where(table.relation == "shares_border", table.shared_length_m.to_numpy(), np.nan)
    elif hasattr(result, "adjacency"):  # libpysal Graph: both directions, isolates as zero-weight self-loops
        adjacency = result.adjacency
        i = adjacency.index.get_level_values(0).to_numpy().astype(int)
        j = adjacency.index.get_level_values(1).to_numpy().astype(int)
        length = adjacency.to_numpy().astype(float)
    else:  # libpysal W
        i = np.array([a for a, found in result.neighbors.items() for _ in found], dtype=int)
        j = np.array([b for found in result.neighbors.values() for b in found], dtype=int)
        length = np.full(len(i), np.nan)
    keep = i < j
    keys = i[keep].astype(np.int64) * n + j[keep]
    order = np.argsort(keys)
    return keys[order], length[keep][order]


def agreement(keys: np.ndarray, lengths: np.ndarray, truth: np.ndarray, true_lengths: np.ndarray) -> tuple[int, int, float]:
    """Pairs of the truth missed, pairs found beyond it, and the largest length difference over pairs both measure."""
    missed = len(np.setdiff1d(truth, keys, assume_unique=True))
    extra = len(np.setdiff1d(keys, truth, assume_unique=True))
    _, mine, theirs = np.intersect1d(keys, truth, assume_unique=True, return_indices=True)
    difference = np.abs(lengths[mine] - true_lengths[theirs])
    difference = difference[np.isfinite(difference)]
    return missed, extra, float(difference.max()) if len(difference) else float("nan")


def alternate(calls: dict[str, Callable], frame, runs: int) -> dict[str, dict[str, list[float]]]:
    """Each call ``runs`` times in alternating order (forward, then backward); wall and CPU seconds of each run."""
    times: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in calls}
    for r in range(runs):
        for name in list(calls) if r % 2 == 0 else list(calls)[::-1]:
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            result = calls[name](frame)
            times[name]["wall"].append(time.perf_counter() - wall)
            times[name]["cpu"].append(time.process_time() - cpu)
            del result
    return times


def summary(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def _status(field: str) -> int:
    """A field of /proc/self/status in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def peak_memory(path: str, tool: str, jittered: bool) -> None:
    """In a fresh process: the peak resident memory one call of ``tool`` adds (MB), printed.

    The frame is unpickled and a small warm-up call made first (imports, the PROJ database), then the kernel's peak
    counter (VmHWM) is reset through /proc/self/clear_refs; the call's peak is VmHWM after it less VmRSS before it.
    """
    with open(path, "rb") as file:
        frame = pickle.load(file)
    call = tools(jittered, with_weights=True)[tool]
    call(coverage(50, seed=1, jitter_m=JITTER_M if jittered else 0.0))
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    before = _status("VmRSS")
    result = call(frame)
    print((_status("VmHWM") - before) / 1024)
    del result


def save(frame, path: str) -> None:
    with open(path, "wb") as file:
        pickle.dump(frame, file)


class Load:
    """The machine's load over a run: /proc/loadavg at both ends and the CPU time of other processes."""

    def __init__(self) -> None:
        self.before = Path("/proc/loadavg").read_text().split()[:3]
        self.busy, self.own, self.wall = self._busy(), self._own(), time.perf_counter()

    @staticmethod
    def _busy() -> float:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _own() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def note(self) -> str:
        wall = time.perf_counter() - self.wall
        others = (self._busy() - self.busy) - (self._own() - self.own)
        after = Path("/proc/loadavg").read_text().split()[:3]
        return (
            f"load: /proc/loadavg {' '.join(self.before)} before, {' '.join(after)} after; over {wall:.0f} s of wall time "
            f"other processes used {max(others, 0):.0f} CPU s ({max(others, 0) / wall:.2f} of {os.cpu_count()} cores)"
        )
