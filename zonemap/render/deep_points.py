"""The deepest points of a grid over a zone: where else its label may go (:mod:`zonemap.render.label_layout`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

__all__ = ["deep_points", "deep_points_of"]


def deep_points(geometry: Any, count: int) -> list[Any]:
    """Points of a grid over the geometry that lie inside it, deepest first.

    The grid's step is a tenth of the geometry's larger side, its first point
    half a step in from the south-west corner; depth is the distance to the
    boundary (holes included); equally deep points keep the grid's order.

    Parameters
    ----------
    geometry : shapely Polygon or MultiPolygon
        Any coordinates.
    count : int
        How many points at most.

    Returns
    -------
    list of shapely.Point

    Examples
    --------
    >>> from shapely import box
    >>> [(p.x, p.y) for p in deep_points(box(0, 0, 10, 2), 3)]
    [(0.5, 0.5), (1.5, 0.5), (2.5, 0.5)]
    """
    return deep_points_of(np.array([geometry], dtype=object), count, shapely.bounds(np.array([geometry], dtype=object)))[0]


def deep_points_of(geometries: np.ndarray, count: int, bounds: np.ndarray) -> list[list[Any]]:
    """:func:`deep_points` of each geometry, the grids' points tested and measured in one pass.

    Parameters
    ----------
    geometries : ndarray of shapely geometries
        Polygons or MultiPolygons (left as given: copies of them are prepared, never these objects).
    count : int
        How many points at most per geometry.
    bounds : ndarray, shape (n, 4)
        Their bounds (:func:`shapely.bounds`).

    Returns
    -------
    list of list of shapely.Point

    Examples
    --------
    >>> from shapely import box
    >>> shapes = np.array([box(0, 0, 2, 2), box(5, 5, 6, 6)])
    >>> [[(round(p.x, 6), round(p.y, 6)) for p in points] for points in deep_points_of(shapes, 1, shapely.bounds(shapes))]
    [[(0.9, 0.9)], [(5.55, 5.55)]]
    """
    grids = []
    for west, south, east, north in bounds.tolist():
        step = max(east - west, north - south) / 10
        xs, ys = np.meshgrid(np.arange(west + step / 2, east, step), np.arange(south + step / 2, north, step))
        grids.append((xs.ravel(), ys.ravel()))
    owner = np.repeat(np.arange(len(geometries)), [len(x) for x, _ in grids])
    points = shapely.points(np.concatenate([x for x, _ in grids]), np.concatenate([y for _, y in grids])) if grids else np.empty(0, object)
    # Prepared, as they are tested against many points: private copies, never the caller's objects, which other
    # threads may be using (preparing or unpreparing a shared geometry while another thread reads it crashes GEOS).
    private = shapely.transform(geometries, lambda xy: xy)
    shapely.prepare(private)
    inside = shapely.contains(private[owner], points)
    points, owner = points[inside], owner[inside]
    starts = np.searchsorted(owner, np.arange(len(geometries) + 1))
    keep = np.ones(len(points), dtype=bool)
    for i in np.flatnonzero((shapely.get_num_coordinates(geometries) > 4 * _PIECE) & (np.diff(starts) > count)).tolist():
        keep[starts[i] : starts[i + 1]] = _may_be_deepest(points[starts[i] : starts[i + 1]], geometries[i], count)
    points, owner = points[keep], owner[keep]
    depth = shapely.distance(points, shapely.boundary(geometries)[owner])
    starts = np.searchsorted(owner, np.arange(len(geometries) + 1))
    return [list(points[a:b][np.argsort(-depth[a:b], kind="stable")][:count]) for a, b in zip(starts[:-1].tolist(), starts[1:].tolist())]


#: Vertices per piece of a boundary when bounding the depth of points (:func:`_may_be_deepest`).
_PIECE = 32


def _may_be_deepest(points: Any, geometry: Any, count: int) -> np.ndarray:
    """Which points can be among the ``count`` deepest in ``geometry`` (farthest from its boundary): a mask.

    Bounds, not distances: the boundary's vertices are cut into pieces of
    :data:`_PIECE`, each piece's box holding its segments; a point is no nearer
    the boundary than the nearest box (a lower bound of its depth) and no
    farther than the nearest first vertex of a piece (an upper bound). A point
    whose upper bound is below the ``count``-th largest lower bound has at least
    ``count`` points deeper than it, so it is left out; the points kept keep
    their order, and their depths are then computed exactly, so the deepest
    ``count`` and their order are the same as from all the points.
    """
    keep = np.ones(len(points), dtype=bool)
    coordinates = shapely.get_coordinates(geometry)  # every ring's vertices, rings one after another
    if len(points) <= count or len(coordinates) <= 4 * _PIECE:
        return keep
    starts = np.arange(0, len(coordinates), _PIECE)
    following = coordinates[np.minimum(starts + _PIECE, len(coordinates) - 1)]  # a piece's last segment ends there
    low = np.minimum(np.minimum.reduceat(coordinates, starts), following)
    high = np.maximum(np.maximum.reduceat(coordinates, starts), following)
    xy = shapely.get_coordinates(points)
    gap = np.maximum(np.maximum(low[None] - xy[:, None], xy[:, None] - high[None]), 0.0)
    lower = np.sqrt(gap[..., 0] ** 2 + gap[..., 1] ** 2).min(axis=1)
    first = coordinates[starts]
    upper = np.sqrt((xy[:, None, 0] - first[None, :, 0]) ** 2 + (xy[:, None, 1] - first[None, :, 1]) ** 2).min(axis=1)
    threshold = np.sort(lower)[-count]
    margin = 1e-9 * float(np.abs(coordinates).max() + upper.max())  # for rounding: keep a point when in doubt
    return upper >= threshold - margin
