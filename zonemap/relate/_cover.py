"""Which polygons are composites: those covering most of another, smaller polygon of the same set."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

__all__ = ["covers_others"]


def covers_others(geometries: Any, share: float = 0.95) -> np.ndarray:
    """Which polygons cover most of another, smaller polygon of the same set (composites of parts).

    Parameters
    ----------
    geometries : array_like of shapely geometries or GeoSeries
        Polygons; compared by area ratios, so any CRS will do.
    share : float
        The fraction of the smaller polygon's area that must lie inside.

    Returns
    -------
    numpy.ndarray of bool
        True where the polygon covers at least one other.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> covers_others([box(0, 0, 2, 2), box(0, 0, 1, 1), box(5, 5, 6, 6)]).tolist()
    [True, False, False]
    """
    geoms = np.asarray(getattr(geometries, "array", geometries), dtype=object)
    result = np.zeros(len(geoms), dtype=bool)
    if len(geoms) < 2:
        return result
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    area = shapely.area(geoms)
    larger = area[left] > area[right] * (1 + (1 - share))  # only a larger polygon can cover another
    left, right = left[larger], right[larger]
    inside = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    covering = inside >= share * area[right]
    result[left[covering]] = True
    return result
