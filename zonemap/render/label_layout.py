"""Where labels may go, and the greedy rule that places them without collisions.

The candidates are computed once, in lon/lat or metres: inside each zone, the
pole of inaccessibility of the part no earlier zone covers, then other deep
points (for many small zones, points round the pole); along a line, points spread along it (between the two banks for a
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

from zonemap.render.deep_points import deep_points_of

__all__ = ["Box", "label_candidates", "label_points", "line_candidates", "place_boxes"]

#: A label's box: left, bottom, right, top.
Box = tuple[float, float, float, float]


def _pole(geometry: Any) -> Any:
    return _poles(np.array([geometry], dtype=object))[0]


def _poles(geometries: np.ndarray) -> np.ndarray:
    """Each geometry's pole of inaccessibility (see :func:`_circles`)."""
    return _circles(geometries)[0]


#: The pole of inaccessibility is found to this fraction of its part's size: a label's centre within 2 % of the
#: best place (a few pixels at any zoom where the label fits), at a third of the cost of 1/200.
_POLE_TOLERANCE = 1 / 50
#: ... or to this fraction of the extent of all the zones labelled together, when that is coarser (small zones:
#: about a pixel when all are in view), which halves the cost again for many small zones.
_POLE_FLOOR = 1 / 1000


def _circles(geometries: np.ndarray, floor: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Each geometry's pole of inaccessibility and its depth: of its largest part (the first of equal ones), found
    to :data:`_POLE_TOLERANCE` of that part's size or to ``floor``, the larger; a part that is not a polygon gives
    its representative point (depth 0). In one pass over all."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    order = np.lexsort((np.arange(len(parts)), -shapely.area(parts), owner))
    largest = parts[order[np.r_[True, owner[order][1:] != owner[order][:-1]]]] if len(parts) else parts
    if len(largest) != len(geometries):
        raise ValueError("a geometry to label has no parts")
    west, south, east, north = shapely.bounds(largest).T
    polygon = shapely.get_type_id(largest) == 3
    poles = shapely.point_on_surface(largest)  # representative_point
    depths = np.zeros(len(largest))
    circles = shapely.maximum_inscribed_circle(largest[polygon], np.maximum(np.maximum(east - west, north - south)[polygon] * _POLE_TOLERANCE, floor))
    poles[polygon] = shapely.get_point(circles, 0)
    depths[polygon] = shapely.length(circles)  # from the centre to the nearest point of the boundary
    return poles, depths


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
    zone's own pole, then the deepest points of a grid over it, spread apart; for a zone small on screen
    (:data:`_SMALL`), its centroid for its pole when that is nearly as deep (:data:`_ROUND`) and, when round
    enough, points on a ring round its pole instead (:data:`_RING`), which need no measuring.

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
    extent = max(bounds[:, 2].max() - bounds[:, 0].min(), bounds[:, 3].max() - bounds[:, 1].min()) if len(geoms) else 0.0
    size = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    small = own & (size < extent * _SMALL)
    free_poles, depths = np.empty(len(geoms), dtype=object), np.zeros(len(geoms))
    centres = shapely.centroid(geoms[small])
    centre_depths = shapely.distance(centres, shapely.boundary(geoms[small]))
    deep_centre = shapely.contains(geoms[small], centres) & (centre_depths >= _ROUND * np.sqrt(shapely.area(geoms[small]) / np.pi))
    quick = np.flatnonzero(small)[deep_centre]
    free_poles[quick], depths[quick] = centres[deep_centre], centre_depths[deep_centre]
    slow = np.setdiff1d(np.arange(len(geoms)), quick)
    free_poles[slow], depths[slow] = _circles(frees[slow], extent * _POLE_FLOOR)
    if count == 1:
        return [[pole] for pole in free_poles]
    poles = free_poles.copy()
    poles[~own] = _poles(geoms[~own])
    spacing = size / 8
    ring = small & (depths / 2 * _CHORD > spacing)  # small and round enough: the ring round the pole
    found: list[list[Any]] = [[] for _ in range(len(geoms))]
    if ring.any():
        centres = shapely.get_coordinates(free_poles[ring])
        around = centres[:, None, :] + (depths[ring] / 2)[:, None, None] * _RING[None, : count - 1]
        points = shapely.points(np.concatenate([centres[:, None, :], around], axis=1)).tolist()
        for i, chosen in zip(np.flatnonzero(ring).tolist(), points):
            found[i] = chosen
    rest = np.flatnonzero(~ring)
    deep = [points for start in range(0, len(rest), _BATCH) for points in deep_points_of(geoms[rest[start : start + _BATCH]], count * 3,
                                                                                             bounds[rest[start : start + _BATCH]])]
    for i, points in zip(rest.tolist(), deep):
        found[i] = _spread([free_poles[i], poles[i], *points], float(spacing[i]), count)
    return found


#: A small zone's centroid is taken for its pole when it is inside and at least this fraction as deep as any
#: point can be (the radius of a circle of the zone's area): a centre nearly as good, without the search.
_ROUND = 0.8
#: The distance between two points of the ring 45 degrees apart, per unit of its radius: 2 sin(22.5°).
_CHORD = 2 * np.sin(np.pi / 8)
#: A zone smaller than this fraction of the extent of all the zones is small on screen whenever they are all in
#: view (a few dozen pixels): its other candidates lie on a ring round its pole instead of at the deepest points
#: of a grid, when the ring fits.
_SMALL = 1 / 16
#: The ring's directions, in the order tried: above and below first (labels are wide), then beside, then the
#: diagonals. At half the inscribed circle's radius, every point of it is inside the zone; used only when the
#: nearest two (45 degrees apart, :data:`_CHORD` of that half radius) are farther apart than the spacing
#: :func:`label_candidates` asks for (1/8 of the zone's size), as the points of a grid are after spreading.
_RING = np.array([(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)]) / np.array([1, 1, 1, 1, *[np.sqrt(2)] * 4])[:, None]


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
