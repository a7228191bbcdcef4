"""Where labels may go, and the greedy rule that places them without collisions.

The candidates are computed once, in lon/lat or metres: inside each zone, the
pole of inaccessibility of the part no earlier zone covers, then other deep
points; along a line, points spread along it (between the two banks for a
pair facing each other across the river). The page's placer
(:mod:`zonemap.render.elements.labels`) and the PNG (:func:`place_boxes`)
apply the same rule to them: by priority, each label tries its variants,
fullest first, at its candidates, best first, and takes the first place whose
box overlaps nothing placed before; a label with no free place is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.ops import nearest_points, polylabel

__all__ = ["label_candidates", "label_points", "line_candidates", "place_boxes"]

Box = tuple[float, float, float, float]


def _pole(geometry: Any) -> Any:
    parts = shapely.get_parts(geometry)
    largest = parts[np.argmax(shapely.area(parts))]
    west, south, east, north = largest.bounds
    tolerance = max(east - west, north - south) / 200
    return polylabel(largest, tolerance=tolerance) if largest.geom_type == "Polygon" else largest.representative_point()


def label_points(geometries: Any) -> list[Any]:
    """Where to put each zone's label: inside it, away from the zones before it.

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
    return [candidates[0] for candidates in label_candidates(geometries, count=1)]


def label_candidates(geometries: Any, count: int = 6) -> list[list[Any]]:
    """Candidate label points inside each zone, best first: the pole of the part no earlier zone covers, the
    zone's own pole, then the deepest points of a grid over it, spread apart.

    Examples
    --------
    >>> from shapely import box
    >>> points = label_candidates([box(0, 0, 4, 1)], count=3)[0]
    >>> len(points), all(box(0, 0, 4, 1).contains(p) for p in points)
    (3, True)
    """
    geoms = np.asarray(getattr(geometries, "array", geometries), dtype=object)
    tree = shapely.STRtree(geoms)
    pairs = tree.query(geoms, predicate="intersects")  # (zone, earlier or later zone it meets), one query for all
    pairs = pairs[:, pairs[1] < pairs[0]]
    meets = np.split(pairs[1], np.searchsorted(pairs[0], np.arange(1, len(geoms))))
    bounds = shapely.bounds(geoms)
    out = []
    for i, geometry in enumerate(geoms):
        earlier = meets[i]
        free = geometry.difference(shapely.union_all(geoms[earlier])) if len(earlier) else geometry
        free = free if free.area > 0.15 * geometry.area else geometry
        pole = _pole(free)
        points = [pole]
        if count > 1:
            points.append(pole if free is geometry else _pole(geometry))
            points += _deep_points(geometry, count * 3, bounds[i])
        west, south, east, north = bounds[i]
        out.append(_spread(points, max(east - west, north - south) / 8, count))
    return out


def _spread(points: list[Any], spacing: float, count: int) -> list[Any]:
    """The first ``count`` points, in order, each farther than ``spacing`` from every point kept before it.

    Distances as GEOS computes a point's distance to a point: ``sqrt(dx * dx + dy * dy)``.
    """
    xy = shapely.get_coordinates(points)
    dx, dy = xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1]
    apart = (np.sqrt(dx * dx + dy * dy) > spacing).tolist()
    kept: list[int] = []
    for j, row in enumerate(apart):
        if all(row[k] for k in kept):
            kept.append(j)
            if len(kept) == count:
                break
    return [points[j] for j in kept]


def _deep_points(geometry: Any, count: int, bounds: Any = None) -> list[Any]:
    """Points of a grid over the geometry that lie inside it, deepest first."""
    west, south, east, north = geometry.bounds if bounds is None else bounds
    step = max(east - west, north - south) / 10
    xs, ys = np.meshgrid(np.arange(west + step / 2, east, step), np.arange(south + step / 2, north, step))
    grid = shapely.points(xs.ravel(), ys.ravel())
    prepared = shapely.is_prepared(geometry)
    shapely.prepare(geometry)  # tested against many points; left as the caller gave it below
    try:
        inside = grid[shapely.contains(geometry, grid)]
    finally:
        if not prepared:
            shapely.destroy_prepared(geometry)
    inside = inside[_may_be_deepest(inside, geometry, count)]
    depth = shapely.distance(inside, geometry.boundary)
    return list(inside[np.argsort(-depth, kind="stable")][:count])


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



def line_candidates(geometry: Any, fractions: Sequence[float] = (0.5, 0.35, 0.65, 0.2, 0.8)) -> list[Any]:
    """Candidate label points along a line, best first; for two lines (the stretches of a pair facing each other
    across a river) midway between them.

    Examples
    --------
    >>> from shapely.geometry import LineString, MultiLineString
    >>> [(p.x, p.y) for p in line_candidates(LineString([(0, 0), (10, 0)]), (0.5,))]
    [(5.0, 0.0)]
    >>> [(p.x, p.y) for p in line_candidates(MultiLineString([[(0, 0), (10, 0)], [(0, 2), (10, 2)]]), (0.5,))]
    [(5.0, 1.0)]
    """
    parts = [p for p in shapely.get_parts(geometry) if p.length > 0]
    if not parts:
        return [geometry.representative_point()] if not geometry.is_empty else []
    first = max(parts, key=lambda p: p.length)
    others = shapely.union_all([p for p in parts if p is not first]) if len(parts) > 1 else None
    points = []
    for fraction in fractions:
        point = first.interpolate(fraction, normalized=True)
        if others is not None and not others.is_empty:
            near = nearest_points(point, others)[1]
            point = shapely.Point((point.x + near.x) / 2, (point.y + near.y) / 2)
        points.append(point)
    return points


def place_boxes(items: Sequence[Sequence[Sequence[Box]]], taken: Sequence[Box] = (),
                fits: Callable[[int, int], bool] | None = None) -> list[tuple[int, int] | None]:
    """The greedy rule: for each item, in order, the first (variant, candidate) whose box overlaps no box taken.

    Parameters
    ----------
    items : sequence of sequence of sequence of (left, bottom, right, top)
        Per item (in priority order), per variant (fullest first), the box at each candidate (best first).
    taken : sequence of boxes
        Boxes no label may overlap (fixed boxes, dots).
    fits : callable, optional
        ``fits(item, variant)``: whether a variant may be used at all (a zone's label must fit its zone).

    Returns
    -------
    list
        Per item, the (variant, candidate) placed, or None when there is no free place.

    Examples
    --------
    >>> place_boxes([[[(0, 0, 2, 1)]], [[(1, 0, 3, 1), (3, 0, 5, 1)]]])
    [(0, 0), (0, 1)]
    """
    placed: list[Box] = list(taken)
    chosen: list[tuple[int, int] | None] = []
    for i, variants in enumerate(items):
        choice = None
        for v, boxes in enumerate(variants):
            if fits is not None and not fits(i, v):
                continue
            for c, box in enumerate(boxes):
                if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                    choice = (v, c)
                    placed.append(box)
                    break
            if choice is not None:
                break
        chosen.append(choice)
    return chosen
