"""Benchmark: zonemap.relations against libpysal contiguity on Voronoi coverages, run by hand (never in CI)::

    python benchmarks/relations.py [--sizes 1000 10000 100000 300000] [--runs 3] [--no-memory] [--with-weights]

For each size: a Voronoi coverage of random points (metres, a local plane at the Loop, about 100 m a cell) and a
copy in which every polygon moves its own copy of each vertex by up to 3 cm (no vertex coincides any more). Every
tool gets the same GeoDataFrame. Timed: only the call (the conversion of results into pair sets is outside the
timed region), each tool ``--runs`` times in alternating order, wall and CPU time (``time.process_time``), min and
median.

* exact coverage: libpysal ``Graph.build_contiguity(rook=True)`` (pairs, no lengths), ``Graph.build_contiguity(
  rook=True, by_perimeter=True)`` (shared lengths: the fair length-computing comparator), optionally
  ``weights.Rook.from_dataframe``; zonemap.relations (tolerance 0.5 m, lengths, validation and reprojection
  included) with one thread and with its default threads.
* jittered coverage: ``Graph.build_fuzzy_contiguity(buffer=0.25)`` (pairs at most 0.5 m apart: zonemap's
  tolerance) and zonemap.
* checks: pairs found against Graph rook's pairs on the exact coverage (missed, extra: zonemap also reports pairs
  closer than the tolerance that touch at a point or not at all); shared lengths against ``by_perimeter``'s (the
  largest absolute difference over the pairs zonemap calls ``shares_border``; a border no longer than twice the
  tolerance is a point contact to zonemap, with no length). On the jittered coverage, zonemap's pairs against fuzzy's
  too (the pairs one finds and the other does not, and how far apart those zones are).
* memory: the peak resident memory one call adds, each tool in a fresh process (VmHWM reset through
  /proc/self/clear_refs after a warm-up call; peak less the resident size before the call).

Ratios are of min wall times (and of peak memory) against the comparator named in the column, same run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import warnings

from _relations_tools import (
    JITTER_M,
    Load,
    agreement,
    alternate,
    coverage,
    pairs_and_lengths,
    peak_memory,
    save,
    summary,
    tools,
)

COMPARATORS = {"exact": ("Graph rook", "Graph rook by_perimeter"), "jittered": ("Graph fuzzy",)}


def memory_of(path: str, tool: str, jittered: bool) -> float:
    """Peak memory (MB) one call of ``tool`` adds, measured in a fresh process."""
    command = [sys.executable, __file__, "--memory-of", tool, path] + (["--jittered"] if jittered else [])
    output = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return float(output.stdout.strip().splitlines()[-1])


def same_pairs(found: dict, frame) -> str:
    """How zonemap's pairs on the jittered coverage differ from Graph fuzzy's, and how far apart those zones are."""
    import numpy as np
    import shapely

    fuzzy, notes = found["Graph fuzzy"][0], []
    geometries = frame.geometry.to_numpy()
    for tool in (t for t in found if t.startswith("zonemap")):
        differ = np.setxor1d(found[tool][0], fuzzy)
        gaps = shapely.distance(geometries[differ // len(frame)], geometries[differ % len(frame)])
        where = f" (zones {gaps.min():.4f}-{gaps.max():.4f} m apart)" if len(differ) else ""
        notes.append(f"{tool}: {len(np.setdiff1d(found[tool][0], fuzzy))} pairs fuzzy lacks, {len(np.setdiff1d(fuzzy, found[tool][0]))} it lacks{where}")
    return "; ".join(notes)


def measure(n: int, args: argparse.Namespace, truth: dict) -> list[dict]:
    rows = []
    for label in ("exact", "jittered"):
        jittered = label == "jittered"
        frame = coverage(n, jitter_m=JITTER_M if jittered else 0.0)
        calls = tools(jittered, args.with_weights)
        times = alternate(calls, frame, args.runs)
        memory = {}
        if args.memory:
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "frame.pickle")
                save(frame, path)
                memory = {tool: memory_of(path, tool, jittered) for tool in calls}
        found = {tool: pairs_and_lengths(call(frame), len(frame)) for tool, call in calls.items()}  # untimed run
        if not jittered:
            truth["pairs"], truth["lengths"] = found["Graph rook"][0], found["Graph rook by_perimeter"][1]
        else:
            print(f"{n} jittered: {same_pairs(found, frame)}", flush=True)
        for tool, (keys, lengths) in found.items():
            if tool in ("Graph rook", "weights.Rook", "Graph fuzzy"):  # weights of 1, not lengths
                lengths = lengths * float("nan")
            missed, extra, length_error = agreement(keys, lengths, truth["pairs"], truth["lengths"])
            rows.append(
                {
                    "n": n, "coverage": label, "tool": tool, "wall": summary(times[tool]["wall"]),
                    "cpu": summary(times[tool]["cpu"]), "memory": memory.get(tool, float("nan")), "pairs": len(keys),
                    "missed": missed, "extra": extra, "length_error": length_error,
                }
            )
    return rows


def print_table(rows: list[dict]) -> None:
    by_name = {(r["n"], r["coverage"], r["tool"]): r for r in rows}
    header = (
        f"{'cells':>7} {'coverage':>8} {'tool':>24} {'wall min':>8} {'median':>7} {'cpu min':>7} {'median':>7} "
        f"{'ratios (wall min)':>34} {'peak MB':>8} {'mem ratio':>9} {'pairs':>7} {'missed':>6} {'extra':>6} {'max|dlen| m':>11}"
    )
    print(header)
    for r in rows:
        ratios, memory_ratio = [], ""
        for name in COMPARATORS[r["coverage"]]:
            peer = by_name.get((r["n"], r["coverage"], name))
            if peer and name != r["tool"]:
                ratios.append(f"{r['wall'][0] / peer['wall'][0]:.2f}x {name.removeprefix('Graph ').replace('rook by_perimeter', 'perim')}")
        peer = by_name.get((r["n"], r["coverage"], COMPARATORS[r["coverage"]][0]))
        if peer and peer["tool"] != r["tool"] and peer["memory"] > 0:
            memory_ratio = f"{r['memory'] / peer['memory']:.2f}x"
        print(
            f"{r['n']:>7} {r['coverage']:>8} {r['tool']:>24} {r['wall'][0]:>8.3f} {r['wall'][1]:>7.3f} {r['cpu'][0]:>7.3f} "
            f"{r['cpu'][1]:>7.3f} {', '.join(ratios):>34} {r['memory']:>8.0f} {memory_ratio:>9} {r['pairs']:>7} "
            f"{r['missed']:>6} {r['extra']:>6} {r['length_error']:>11.2e}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 300_000])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool, in alternating order")
    parser.add_argument("--no-memory", dest="memory", action="store_false", help="skip the peak-memory processes")
    parser.add_argument("--with-weights", action="store_true", help="also libpysal weights.Rook.from_dataframe")
    parser.add_argument("--memory-of", nargs=2, metavar=("TOOL", "PICKLE"), help=argparse.SUPPRESS)
    parser.add_argument("--jittered", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    if args.memory_of:
        peak_memory(args.memory_of[1], args.memory_of[0], args.jittered)
        return
    print(f"python {' '.join(sys.argv)}; {os.cpu_count()} cores", flush=True)
    load = Load()
    rows: list[dict] = []
    for n in args.sizes:
        size_rows = measure(n, args, {})
        print_table(size_rows)
        rows += size_rows
    print()
    print_table(rows)
    print(load.note())


if __name__ == "__main__":
    main()
