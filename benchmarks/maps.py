"""Benchmark: zonemap.render_map against GeoDataFrame.explore() on the same layer, in one run.

Run by hand (never in CI)::

    python benchmarks/maps.py [--repeat 3] [--polygons 1000] [--vertices 1000]

Two layers: the bundled zones, and a generated layer of N polygons of V
vertices each (noisy circles on a grid around the Loop, lon/lat). For each it
renders a complete HTML page with zonemap (context layers off, so both draw
the same polygons, with labels, legend and controls) and with
``GeoDataFrame.explore()`` (folium too, default tooltips), and reports page
bytes and render time (best of ``--repeat``) with zonemap's ratios to explore.
Targets: bytes <= 0.6 x explore, time <= 1.0 x explore.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely
from zonemap.maps import map_html

import zonemap


def generated_layer(polygons: int, vertices: int, seed: int = 0) -> gpd.GeoDataFrame:
    """Noisy circles of ``vertices`` vertices on a grid around the Loop, in lon/lat."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(polygons)))
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    shapes = []
    for k in range(polygons):
        cx, cy = 114.0 + 0.004 * (k % side), 22.45 + 0.004 * (k // side)
        radius = 0.0015 * (1 + 0.05 * rng.standard_normal(vertices))
        ring = np.column_stack([cx + radius * np.cos(angles), cy + radius * np.sin(angles)])
        shapes.append(shapely.Polygon(ring))
    names = [f"parcel {k}" for k in range(polygons)]
    return gpd.GeoDataFrame({"id": [f"p{k:05d}" for k in range(polygons)], "name_en": names}, geometry=shapes, crs=4326)


def best_time(function: Callable[[], str], repeat: int) -> tuple[float, str]:
    best, page = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        page = function()
        best = min(best, time.perf_counter() - start)
    return best, page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--polygons", type=int, default=1000)
    parser.add_argument("--vertices", type=int, default=1000)
    args = parser.parse_args()
    layers = {
        "bundled zones (8)": zonemap.load_zones(),
        f"generated {args.polygons} x {args.vertices} vertices": generated_layer(args.polygons, args.vertices),
    }
    print(f"{'layer':<34} {'tool':<9} {'bytes':>12} {'seconds':>8} {'bytes ratio':>11} {'time ratio':>10}")
    for name, layer in layers.items():
        explore_s, explore_page = best_time(lambda layer=layer: layer.explore().get_root().render(), args.repeat)
        ours_s, ours_page = best_time(
            lambda layer=layer: map_html(zonemap.render_map(layer, layers=(), basemap="openstreetmap")), args.repeat
        )
        print(f"{name:<34} {'explore':<9} {len(explore_page.encode()):>12,} {explore_s:>8.3f}")
        print(
            f"{'':<34} {'zonemap':<9} {len(ours_page.encode()):>12,} {ours_s:>8.3f}"
            f" {len(ours_page.encode()) / len(explore_page.encode()):>11.2f} {ours_s / explore_s:>10.2f}"
        )


if __name__ == "__main__":
    main()
