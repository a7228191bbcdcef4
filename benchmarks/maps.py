"""Benchmark: zonemap's maps against ``GeoDataFrame.explore()`` at equal precision, in one run.

Run by hand (never in CI), from the checkout to measure::

    PYTHONPATH=$PWD python benchmarks/maps.py [--polygons 1000 10000] [--vertices 100 1000] [--rounds 5]
                                              [--build-rounds 5] [--no-build]

**One map.** A generated layer of N polygons of V vertices each (noisy
circles on a grid around the Loop, lon/lat) for every N in ``--polygons`` and
V in ``--vertices``. zonemap writes coordinates at 1e-6 degrees (encoded
polylines, :mod:`zonemap.render.polyline`), so ``explore()`` is given the same
layer with every coordinate rounded to 1e-6 degrees (``np.rint(c * 1e6) / 1e6``,
exactly zonemap's rounding) and writes them as short decimals. Each side renders
a complete page to an HTML string: zonemap ``map_html(render_map(layer,
layers=(), basemap="openstreetmap"))`` (labels, legend, controls, tooltips and
popups, areas), explore ``layer.explore().get_root().render()`` (folium's
default tooltips of every column). Timed: building the map and rendering the
page, for both; the layer's generation and rounding are outside.

**A set of maps, warm.** ``build_maps(basemap="openstreetmap")`` in a
temporary folder (11 maps, their pictures, the areas table and index.html,
written to disk), after one untimed warm-up build in the same process, against
11 ``explore()`` pages rendered to strings (not written), one per map of the
set, of the same layers rounded to 1e-6 degrees: for the overview and
relations maps all 8 zones plus the river, boundary and landmarks layers
(``explore(m=...)`` on one map); for the history map its 5 zones plus the
river, boundary and milestones; for each zone's map that zone plus the river,
boundary and landmarks.

Every measurement is repeated ``--rounds`` times, the two tools alternating
(their order swapped every round); the table gives min and median of wall and
CPU time (``time.process_time``: this process, all its threads; a full garbage collection runs before each
timed run, outside it, so neither tool pays for the other's garbage), page bytes
(UTF-8) and zonemap's ratios to explore (median to median, and min to min).
Targets: bytes <= 0.3 x explore and time <= 0.8 x explore for each size;
warm build_maps <= 1.0 x the same number of explore maps. The machine's load
(``/proc/loadavg``) before and after and the CPU time other processes used
during the run are printed with the table.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

import zonemap
from zonemap.render.page import map_html


def generated_layer(polygons: int, vertices: int, seed: int = 0) -> gpd.GeoDataFrame:
    """Noisy circles of ``vertices`` vertices on a grid around the Loop, in lon/lat."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(polygons)))
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    k = np.arange(polygons)
    centres = np.column_stack([114.0 + 0.004 * (k % side), 22.45 + 0.004 * (k // side)])
    radius = 0.0015 * (1 + 0.05 * rng.standard_normal((polygons, vertices)))
    rings = np.stack([centres[:, :1] + radius * np.cos(angles), centres[:, 1:] + radius * np.sin(angles)], axis=-1)
    rings = np.concatenate([rings, rings[:, :1]], axis=1)  # closed
    shapes = shapely.polygons(shapely.linearrings(rings))
    names = [f"parcel {i}" for i in range(polygons)]
    return gpd.GeoDataFrame({"id": [f"p{i:05d}" for i in range(polygons)], "name_en": names}, geometry=shapes, crs=4326)


def rounded(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with every coordinate rounded to 1e-6 degrees, as zonemap's pages hold them."""
    copy = frame.copy()
    copy.geometry = shapely.transform(copy.geometry.to_numpy(), lambda c: np.rint(c * 1e6) / 1e6)
    return copy


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def machine_cpu_seconds() -> float | None:
    """CPU seconds (user + nice + system) of the whole machine since boot, from ``/proc/stat``; None elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    return sum(int(v) for v in fields[:3]) / os.sysconf("SC_CLK_TCK")


class Timings:
    """Wall and CPU seconds of repeated runs, and the size of what the last run returned."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.size = 0

    def run(self, function: Callable[[], object]) -> None:
        gc.collect()  # outside the timed region: no tool pays for the garbage the other one left
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        if isinstance(result, str):
            self.size = len(result.encode())
        elif isinstance(result, int):
            self.size = result


def alternate(tools: dict[str, Callable[[], object]], rounds: int) -> dict[str, Timings]:
    """Run the tools ``rounds`` times each, alternating, the order reversed every other round."""
    timings = {name: Timings() for name in tools}
    names = list(tools)
    for round_ in range(rounds):
        for name in names if round_ % 2 == 0 else names[::-1]:
            timings[name].run(tools[name])
    return timings


def explore_page(frames: list[gpd.GeoDataFrame]) -> str:
    """One explore() map of the frames, each added as a layer of the first's map, rendered to a page."""
    fmap = frames[0].explore()
    for frame in frames[1:]:
        frame.explore(m=fmap)
    return str(fmap.get_root().render())


def explore_set() -> list[list[gpd.GeoDataFrame]]:
    """The layers of each map of ``build_maps``, rounded to 1e-6 degrees (see the module's docstring)."""
    from zonemap import bundled

    zones = rounded(bundled.load_zones())
    context = {name: rounded(bundled.load_layer(name)) for name in ("river", "boundary", "landmarks", "milestones")}
    usual = [context["river"], context["boundary"], context["landmarks"]]
    history = zones[zones["id"].isin(bundled.HISTORY_ZONES)]
    maps = [[zones, *usual], [history, context["river"], context["boundary"], context["milestones"]], [zones, *usual]]
    maps += [[zones[zones["id"] == z], *usual] for z in zones["id"]]
    return maps


def row(label: str, tool: str, t: Timings, ref: Timings | None) -> str:
    wall_min, wall_med, cpu_med = min(t.wall), statistics.median(t.wall), statistics.median(t.cpu)
    text = f"{label:<24} {tool:<9} {t.size:>13,} {wall_min:>8.3f} {wall_med:>8.3f} {cpu_med:>8.3f}"
    if ref is not None:
        text += (f" {t.size / ref.size:>6.2f} {wall_med / statistics.median(ref.wall):>7.2f} {wall_min / min(ref.wall):>7.2f}"
                 f" {cpu_med / statistics.median(ref.cpu):>7.2f}")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polygons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--vertices", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--build-rounds", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="leave out the warm build_maps comparison")
    args = parser.parse_args()
    load_before, machine_before, own_before = loadavg(), machine_cpu_seconds(), time.process_time()
    start = time.perf_counter()
    print(f"{os.cpu_count()} CPUs; rounds: {args.rounds} per size, {args.build_rounds} for the set; tools alternating")
    print(f"{'layer':<24} {'tool':<9} {'bytes':>13} {'min s':>8} {'median s':>8} {'CPU s':>8} {'bytes':>6} {'time':>7} {'min':>7} {'CPU':>7}")
    print(f"{'':<24} {'':<9} {'':>13} {'(wall)':>8} {'(wall)':>8} {'(median)':>8} {'ratio':>6} {'ratio':>7} {'ratio':>7} {'ratio':>7}")
    verdicts = []
    for polygons in args.polygons:
        for vertices in args.vertices:
            layer = generated_layer(polygons, vertices)
            same = rounded(layer)
            timings = alternate({
                "explore": lambda same=same: str(same.explore().get_root().render()),
                "zonemap": lambda layer=layer: map_html(zonemap.render_map(layer, layers=(), basemap="openstreetmap")),
            }, args.rounds)
            label = f"{polygons:,} x {vertices:,} vertices"
            print(row(label, "explore", timings["explore"], None))
            print(row("", "zonemap", timings["zonemap"], timings["explore"]))
            byte_ratio = timings["zonemap"].size / timings["explore"].size
            time_ratio = statistics.median(timings["zonemap"].wall) / statistics.median(timings["explore"].wall)
            verdicts.append(f"{label}: bytes {byte_ratio:.2f}x (<= 0.3: {'met' if byte_ratio <= 0.3 else 'MISSED'}), "
                            f"time {time_ratio:.2f}x (<= 0.8: {'met' if time_ratio <= 0.8 else 'MISSED'})")
    if not args.no_build:
        layers = explore_set()
        with tempfile.TemporaryDirectory() as folder:
            zonemap.build_maps(folder, basemap="openstreetmap", force=True)  # the warm-up build, untimed

            def build() -> int:
                written = zonemap.build_maps(folder, basemap="openstreetmap", force=True)
                return sum(p.stat().st_size for p in written if p.suffix == ".html" and p.name != "index.html")

            timings = alternate({"explore": lambda: sum(len(explore_page(m).encode()) for m in layers), "zonemap": build}, args.build_rounds)
        label = f"set of {len(layers)} maps, warm"
        print(row(label, "explore", timings["explore"], None))
        print(row("", "build", timings["zonemap"], timings["explore"]))
        time_ratio = statistics.median(timings["zonemap"].wall) / statistics.median(timings["explore"].wall)
        verdicts.append(f"{label}: time {time_ratio:.2f}x (<= 1.0: {'met' if time_ratio <= 1.0 else 'MISSED'})")
    elapsed = time.perf_counter() - start
    machine_after, own = machine_cpu_seconds(), time.process_time() - own_before
    others = "n/a" if machine_before is None or machine_after is None else f"{max(0.0, machine_after - machine_before - own):.1f} s"
    print("ratios: zonemap / explore, bytes; time median/median, min/min; CPU median/median. Bytes of the set: the 11 maps' pages.")
    for verdict in verdicts:
        print("target", verdict)
    print(f"load before {load_before}, after {loadavg()}; {elapsed:.0f} s of wall time, CPU used by other processes meanwhile: {others}")


if __name__ == "__main__":
    main()
