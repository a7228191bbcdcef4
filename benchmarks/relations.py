"""Benchmark: zonemap.relations against libpysal contiguity on generated coverages.

Run by hand (never in CI)::

    python benchmarks/relations.py [--sizes 1000 10000 100000] [--repeat 1]

For each size it makes a Voronoi coverage of random points (metres, a local
plane at the Loop) and a copy with every vertex jittered by up to 3 cm, so
shared vertices no longer coincide. It times, in one run:

* zonemap.relations (shared lengths computed, tolerance 0.5 m, no across search);
* libpysal ``weights.Rook.from_dataframe`` and ``graph.Graph.build_contiguity(rook=True)``;
* libpysal ``weights.fuzzy_contiguity`` (buffer-based, no lengths) with the same tolerance;

and prints each tool's time as a ratio to Rook on the same coverage, how many neighbour
pairs it found, and what share of Rook's pairs on the exact coverage (the reference) those
include. zonemap's pairs are a superset of Rook's: point contacts count too.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely
from zonemap.relations import relations

LOCAL_METRES = "+proj=laea +lat_0=22.52 +lon_0=114.07 +datum=WGS84 +units=m +no_defs"
TOLERANCE_M = 0.5


def coverage(n: int, seed: int = 0, jitter_m: float = 0.0) -> gpd.GeoDataFrame:
    """A Voronoi coverage of n cells over a square of about 100 m a cell."""
    rng = np.random.default_rng(seed)
    side = 100.0 * np.sqrt(n)
    points = shapely.multipoints(rng.uniform(0, side, (n, 2)))
    frame = shapely.box(0, 0, side, side)
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=frame))
    cells = shapely.intersection(cells, frame)
    if jitter_m:
        rings = [np.asarray(cell.exterior.coords) for cell in cells]
        for ring in rings:  # every polygon moves its own copy of each vertex; rings stay closed
            ring[:-1] += rng.uniform(-jitter_m, jitter_m, ring[:-1].shape)
            ring[-1] = ring[0]
        cells = shapely.make_valid(np.array([shapely.Polygon(r) for r in rings]))
    return gpd.GeoDataFrame({"id": np.arange(len(cells)).astype(str)}, geometry=cells, crs=LOCAL_METRES)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def pairs_from_zonemap(table) -> set[tuple[int, int]]:
    # Rook counts every shared edge, however short; zonemap calls edges under 2 x tolerance point contacts.
    rook = table[table.relation.isin(["shares_border", "touches_at_point"])]
    return {tuple(sorted((int(a), int(b)))) for a, b in zip(rook.left, rook.right)}


def pairs_from_weights(weights) -> set[tuple[int, int]]:
    return {tuple(sorted((int(i), int(j)))) for i, neighbours in weights.neighbors.items() for j in neighbours}


def pairs_from_graph(graph) -> set[tuple[int, int]]:
    adjacency = graph.adjacency.reset_index()
    adjacency = adjacency[adjacency.iloc[:, 0] != adjacency.iloc[:, 1]]
    return {tuple(sorted((int(i), int(j)))) for i, j, w in adjacency.itertuples(index=False) if w}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs per tool")
    parser.add_argument("--skip-fuzzy-above", type=int, default=10_000, help="fuzzy contiguity is slow on large inputs")
    args = parser.parse_args()
    from libpysal import graph as lgraph
    from libpysal import weights

    warnings.filterwarnings("ignore")
    print(f"{'coverage':>16} {'tool':>34} {'seconds':>9} {'vs Rook':>8} {'pairs':>8} {'agree':>6}")
    for n in args.sizes:
        exact = coverage(n)
        jittered = coverage(n, jitter_m=0.03)
        truth: set[tuple[int, int]] = set()  # Rook's pairs on the exact coverage: the reference
        for label, frame in (("exact", exact), ("jittered 3 cm", jittered)):
            runs = [
                (
                    "libpysal Rook.from_dataframe",
                    lambda f=frame: pairs_from_weights(weights.Rook.from_dataframe(f, use_index=False)),
                ),
                (
                    "libpysal Graph.build_contiguity",
                    lambda f=frame: pairs_from_graph(lgraph.Graph.build_contiguity(f, rook=True)),
                ),
                (
                    "zonemap.relations (with lengths)",
                    lambda f=frame: pairs_from_zonemap(relations(f, tolerance_m=TOLERANCE_M)),
                ),
            ]
            if n <= args.skip_fuzzy_above:
                runs.append(
                    (
                        "libpysal fuzzy_contiguity",
                        lambda f=frame: pairs_from_weights(
                            weights.fuzzy_contiguity(f, tolerance=0, buffering=True, buffer=TOLERANCE_M)
                        ),
                    )
                )
            rook_seconds = 0.0
            for tool, run in runs:
                seconds, pairs = min((timed(run) for _ in range(args.repeat)), key=lambda result: result[0])
                if tool.startswith("libpysal Rook"):
                    rook_seconds = seconds
                    truth = truth or pairs
                ratio = f"{seconds / rook_seconds:.2f}"
                agree = f"{len(pairs & truth) / max(len(truth), 1):.0%}"
                print(f"{n:>7} {label:>8} {tool:>34} {seconds:>9.2f} {ratio:>8} {len(pairs):>8} {agree:>6}", flush=True)


if __name__ == "__main__":
    main()
