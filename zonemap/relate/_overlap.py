"""Which pairs of zones overlap deeper than the tolerance: proved impossible for a clean coverage, else tested.

The test (a polygon shrunk by the tolerance intersecting the other) costs a
negative buffer of every polygon and a predicate per touching pair. A coverage
whose shared borders are noded exactly needs neither: if every segment shared
exactly by two zones has their interiors on opposite sides, and no other
segment touches another zone except at its ends, no two interiors overlap. (Count
the zones covering a point: it changes by nothing across a shared segment and
by one across any other, beside which no other zone lies; starting from 0 far
away it is never more than 1.)

A coverage digitised apart (each zone with its own copy of each border vertex,
a few centimetres off) is proved the same way on its snapped outlines
(:mod:`zonemap.relate._snap`), with the zones a vertex moved rebuilt from their
snapped coordinates and checked valid (and their rings' orientation unchanged).
That proves no overlap deeper than the tolerance in the zones as given: every
point moved by at most m < tolerance / 3, so a point deeper than the tolerance
in one zone and inside another would put a point deeper than m in both, or a
point of the second's outline deeper than 2m in the first, in the snapped
zones, whose interiors do not meet. Anything else (overlaps, composites, gaps
wider than the snapping) takes the test.
"""

from __future__ import annotations

import numpy as np
import shapely

from zonemap.relate._outlines import Outlines
from zonemap.relate._pairs import ring_areas, ring_points
from zonemap.relate._snap import MOVE_SHARE
from zonemap.relate._threads import in_threads

__all__ = ["deep_pairs", "no_overlaps"]

#: Above this share of segments without a twin (and 1,000), the proof is not attempted (the test is likely needed).
LOOSE_SHARE = 0.2


def _rings(lines: Outlines) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each segment's ring, and each ring's twice signed area as given and as snapped."""
    ring = np.cumsum(np.r_[0, np.diff(lines.vertex) != 1])
    return ring, ring_areas(lines.start, lines.end, ring), ring_areas(lines.snapped_start, lines.snapped_end, ring)


def _without_rings(geometry: shapely.Geometry, flat: set[int], ring: int) -> shapely.Geometry:
    """``geometry`` without its rings numbered in ``flat`` (its rings numbered from ``ring`` on, holes after each
    shell); a part whose shell is flat goes whole."""
    parts = []
    for polygon in shapely.get_parts(geometry):
        rings = [polygon.exterior, *polygon.interiors]
        if ring not in flat:
            parts.append(shapely.Polygon(rings[0], [r for k, r in enumerate(rings[1:], 1) if ring + k not in flat]))
        ring += len(rings)
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _snapped_zones(
    geometries: np.ndarray, lines: Outlines, tolerance_m: float, ring: np.ndarray, given_area: np.ndarray, snapped_area: np.ndarray
) -> np.ndarray | None:
    """``geometries`` with the zones a vertex moved rebuilt from their snapped outlines, less their rings snapped
    flat (``ring``: each segment's ring, whose areas as given and snapped are those of :func:`_rings`); None if a
    point moved a quarter of the tolerance or more, a ring turned round, or a rebuilt zone is invalid."""
    flat = snapped_area == 0
    on_flat = flat[ring]
    moved = (lines.snapped_start != lines.start).any(axis=1)
    if not moved.any():
        return geometries
    shift = lines.snapped_start[moved] - lines.start[moved]
    if np.hypot(shift[:, 0], shift[:, 1]).max() >= MOVE_SHARE * tolerance_m or (np.sign(given_area) != np.sign(snapped_area))[~flat].any():
        return None
    zones = np.unique(lines.owner[moved])
    points = ring_points(lines.vertex, lines.snapped_start, lines.snapped_end)
    point_owner = ring_points(lines.vertex, lines.owner, lines.owner)
    rebuilt = shapely.set_coordinates(geometries[zones].copy(), points[np.isin(point_owner, zones)])
    if flat.any():  # a sliver snapped flat adds nothing to its zone: its ring goes (its points are checked apart)
        first_ring = np.full(len(geometries), len(given_area))
        np.minimum.at(first_ring, lines.owner, ring)
        flat_rings = set(np.flatnonzero(flat).tolist())
        for k in np.flatnonzero(np.isin(zones, lines.owner[on_flat])).tolist():
            rebuilt[k] = _without_rings(rebuilt[k], flat_rings, int(first_ring[zones[k]]))
    if not shapely.is_valid(rebuilt).all():
        return None
    snapped = geometries.copy()
    snapped[zones] = rebuilt
    return snapped


def no_overlaps(geometries: np.ndarray, lines: Outlines, tolerance_m: float) -> bool:
    """Whether the outlines prove that no two of ``geometries`` overlap deeper than ``tolerance_m`` (False: not
    proved).

    Parameters
    ----------
    geometries : ndarray of polygons
        The zones.
    lines : Outlines
        Their outlines, from :func:`zonemap.relate._outlines.outlines` of all of ``geometries``.
    tolerance_m : float
        The tolerance ``lines`` were snapped with.

    Returns
    -------
    bool
        True if every twin (in the snapped outlines) has the two interiors on
        opposite sides and no other segment meets another (snapped) zone but
        at its ends; False if that does not hold (which does not prove an overlap).

    Examples
    --------
    >>> from zonemap.relate._outlines import outlines
    >>> squares = np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    >>> no_overlaps(squares, outlines(squares, 0.5), 0.5)
    True
    >>> overlapping = np.array([shapely.box(0, 0, 1, 1), shapely.box(0.5, 0, 2, 1)])
    >>> no_overlaps(overlapping, outlines(overlapping, 0.5), 0.5)
    False
    >>> apart = np.array([shapely.box(0, 0, 1, 1), shapely.box(1.02, 0.01, 2, 1)])  # 2 cm apart
    >>> no_overlaps(apart, outlines(apart, 0.5), 0.5)
    True
    """
    ring, given_area, snapped_area = _rings(lines)
    on_flat = (snapped_area == 0)[ring]
    a, b = lines.twin_a, lines.twin_b
    start, end = lines.snapped_start, lines.snapped_end
    # A twin on a ring snapped flat is no border in the snapped zones: both segments count as without a twin. A twin
    # snapped to a point is none either (and nothing to cross).
    real = ~on_flat[a] & ~on_flat[b] & (start[a] != end[a]).any(axis=1)
    a, b = a[real], b[real]
    same_way = (start[a] == start[b]).all(axis=1)
    opposite = (lines.inside_left[a] != lines.inside_left[b]) == same_way
    if not opposite.all():
        return False
    loose = ~on_flat & (start != end).any(axis=1)
    loose[a] = loose[b] = False
    if loose.sum() > max(LOOSE_SHARE * len(loose), 1000):
        return False
    snapped = _snapped_zones(geometries, lines, tolerance_m, ring, given_area, snapped_area)
    if snapped is None:
        return False
    tree = shapely.STRtree(snapped)
    loose_index = np.flatnonzero(loose)
    pieces = shapely.linestrings(np.stack([start[loose], end[loose]], axis=1))
    piece, zone = tree.query(pieces, predicate="intersects")
    other = zone != lines.owner[loose_index[piece]]
    piece, zone = piece[other], zone[other]
    # Touching another zone at an end is allowed; along its length (within or on the outline) is not.
    if not shapely.relate_pattern(pieces[piece], snapped[zone], "FF*******").all():
        return False
    # A ring snapped flat (a sliver) is left as points and lines: none of them may lie inside another zone.
    flat = np.flatnonzero(on_flat)
    shapes = np.r_[shapely.points(start[flat]), shapely.linestrings(np.stack([start[flat], end[flat]], axis=1))]
    shape, zone = tree.query(shapes, predicate="intersects")
    other = zone != lines.owner[np.r_[flat, flat][shape]]
    return bool(shapely.relate_pattern(shapes[shape[other]], snapped[zone[other]], "F**F*****").all())


def deep_pairs(
    geometries: np.ndarray, left: np.ndarray, right: np.ndarray, tolerance_m: float, threads: int
) -> np.ndarray:
    """For each pair (of polygons at distance 0), whether one, shrunk by ``tolerance_m``, still meets the other.

    Parameters
    ----------
    geometries : ndarray of polygons
        In a metric CRS.
    left, right : ndarray of int
        The pairs, as indices into ``geometries``.
    tolerance_m : float
        How far each polygon is shrunk (a negative mitred buffer).
    threads : int
        Threads for large inputs.

    Returns
    -------
    ndarray of bool
        Per pair, whether they overlap deeper than the tolerance.

    Examples
    --------
    >>> squares = np.array([shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10), shapely.box(5, 0, 15, 10)])
    >>> deep_pairs(squares, np.array([0, 0]), np.array([1, 2]), 0.5, 1).tolist()
    [False, True]
    """
    if len(left) == 0:
        return np.zeros(0, dtype=bool)
    involved = np.unique(np.concatenate([left, right]))
    shrunk = np.empty(len(geometries), dtype=object)
    shrunk[involved] = in_threads(lambda g: shapely.buffer(g, -tolerance_m, join_style="mitre"), geometries[involved], threads=threads)
    shapely.prepare(shrunk[involved])
    a, b = geometries[left], geometries[right]
    return in_threads(
        lambda s1, g2, s2, g1: shapely.intersects(s1, g2) | shapely.intersects(s2, g1), shrunk[left], b, shrunk[right], a, threads=threads
    )
