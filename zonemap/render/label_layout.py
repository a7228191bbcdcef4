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
from shapely.ops import nearest_points

__all__ = ["Box", "label_candidates", "label_points", "line_candidates", "place_boxes"]

#: A label's box: left, bottom, right, top.
Box = tuple[float, float, float, float]


def _pole(geometry: Any) -> Any:
    return _poles(np.array([geometry], dtype=object))[0]


def _poles(geometries: np.ndarray) -> np.ndarray:
    """Each geometry's pole of inaccessibility: of its largest part (the first of equal ones), found to 1/200 of
    that part's size; a part that is not a polygon gives its representative point. In one pass over all."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    order = np.lexsort((np.arange(len(parts)), -shapely.area(parts), owner))
    largest = parts[order[np.r_[True, owner[order][1:] != owner[order][:-1]]]] if len(parts) else parts
    if len(largest) != len(geometries):
        raise ValueError("a geometry to label has no parts")
    west, south, east, north = shapely.bounds(largest).T
    polygon = shapely.get_type_id(largest) == 3
    poles = shapely.point_on_surface(largest)  # representative_point
    circles = shapely.maximum_inscribed_circle(largest[polygon], np.maximum(east - west, north - south)[polygon] / 200)
    poles[polygon] = shapely.get_point(circles, 0)
    return poles


def label_points(geometries: Any) -> list[Any]:
    """Where to put each zone's label: inside it, away from the zones before it.

    Each label goes to the pole of inaccessibility (the point farthest inside)
    of the largest part of the zone not covered by the zones before it, so
    overlapping zones get their labels apart. Only zones that intersect are
    compared (an STRtree finds them).

    Parameters
    ----------
    geometries : sequence or GeoSeries of polygons
        The zones, in order.

    Returns
    -------
    list of shapely.Point

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

    Parameters
    ----------
    geometries : sequence or GeoSeries of polygons
        The zones, in priority order.
    count : int
        Candidates wanted per zone (fewer where the zone is small).

    Returns
    -------
    list of list of shapely.Point
        Per zone, its candidates, best first.

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
    frees = np.empty(len(geoms), dtype=object)
    for i, geometry in enumerate(geoms):
        earlier = meets[i]
        free = geometry.difference(shapely.union_all(geoms[earlier])) if len(earlier) else geometry
        frees[i] = free if free.area > 0.15 * geometry.area else geometry
    own = np.array([f is g for f, g in zip(frees, geoms)], dtype=bool)
    free_poles = _poles(frees)
    if count == 1:
        return [[pole] for pole in free_poles]
    poles = free_poles.copy()
    poles[~own] = _poles(geoms[~own])
    deep = [points for start in range(0, len(geoms), _BATCH) for points in _deep_points_of(geoms[start : start + _BATCH], count * 3,
                                                                                             bounds[start : start + _BATCH])]
    spacing = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]) / 8
    return [_spread([free_poles[i], poles[i], *deep[i]], float(spacing[i]), count) for i in range(len(geoms))]


#: Zones whose grid points are made, tested and measured together: enough to share the calls, few enough
#: that their points stay in the processor's cache.
_BATCH = 64


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


def _deep_points(geometry: Any, count: int) -> list[Any]:
    """Points of a grid over the geometry that lie inside it, deepest first."""
    return _deep_points_of(np.array([geometry], dtype=object), count, shapely.bounds(np.array([geometry], dtype=object)))[0]


def _deep_points_of(geometries: np.ndarray, count: int, bounds: np.ndarray) -> list[list[Any]]:
    """:func:`_deep_points` of each geometry (``bounds``: theirs), the grids' points tested and measured in one pass."""
    grids = []
    for west, south, east, north in bounds.tolist():
        step = max(east - west, north - south) / 10
        xs, ys = np.meshgrid(np.arange(west + step / 2, east, step), np.arange(south + step / 2, north, step))
        grids.append((xs.ravel(), ys.ravel()))
    owner = np.repeat(np.arange(len(geometries)), [len(x) for x, _ in grids])
    points = shapely.points(np.concatenate([x for x, _ in grids]), np.concatenate([y for _, y in grids])) if grids else np.empty(0, object)
    unprepared = geometries[~shapely.is_prepared(geometries)]
    shapely.prepare(unprepared)  # tested against many points; left as the caller gave them below
    try:
        inside = shapely.contains(geometries[owner], points)
    finally:
        shapely.destroy_prepared(unprepared)
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


def line_candidates(geometry: Any, fractions: Sequence[float] = (0.5, 0.35, 0.65, 0.2, 0.8)) -> list[Any]:
    """Candidate label points along a line, best first; for two lines (the stretches of a pair facing each other
    across a river) midway between them.

    Parameters
    ----------
    geometry : LineString or MultiLineString
        The line, or two lines.
    fractions : sequence of float
        Positions along the line (0 to 1), best first.

    Returns
    -------
    list of shapely.Point

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
