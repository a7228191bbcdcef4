"""Where labels go: inside their zone, apart from the labels placed before."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.ops import polylabel

__all__ = ["label_points"]


def label_points(geometries: Any) -> list[Any]:
    """Where to put each zone's permanent label: inside it, away from the labels placed before.

    Each label goes to the pole of inaccessibility (the point farthest inside)
    of the largest part of the zone not covered by the zones before it, so
    overlapping zones get their labels apart. Only zones that intersect are
    compared (an STRtree finds them).

    Examples
    --------
    >>> from shapely import box
    >>> [(round(p.x, 6), round(p.y, 6)) for p in label_points([box(0, 0, 2, 2)])]
    [(1.0, 1.0)]
    """
    geoms = np.asarray(getattr(geometries, "array", geometries), dtype=object)
    tree = shapely.STRtree(geoms)
    points = []
    for i, geometry in enumerate(geoms):
        earlier = tree.query(geometry, predicate="intersects")
        earlier = earlier[earlier < i]
        free = geometry.difference(shapely.union_all(geoms[earlier])) if len(earlier) else geometry
        free = free if free.area > 0.15 * geometry.area else geometry
        parts = shapely.get_parts(free)
        largest = parts[np.argmax(shapely.area(parts))]
        west, south, east, north = largest.bounds
        tolerance = max(east - west, north - south) / 200
        points.append(polylabel(largest, tolerance=tolerance) if largest.geom_type == "Polygon" else largest.representative_point())
    return points
