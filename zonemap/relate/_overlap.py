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
(:mod:`zonemap.relate._snap`), the snapped zones valid and their rings'
orientation unchanged. A zone whose snapped outline is one ring, certainly
strictly convex (:func:`zonemap.relate._crossing.convex_rings`), is valid
without being built; any other zone a vertex moved is rebuilt from its
snapped coordinates and checked, as is every zone a segment without a twin
could meet (the segments are tested against it).
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

from zonemap.relate._crossing import convex_rings
from zonemap.relate._outlines import Outlines
from zonemap.relate._pairs import as_complex, envelopes, ring_areas
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


def _moved_too_far(lines: Outlines, tolerance_m: float, given_area: np.ndarray, snapped_area: np.ndarray) -> bool:
    """Whether a point moved a quarter of the tolerance or more, or a ring not snapped flat turned round."""
    shift = np.abs(as_complex(lines.snapped_start) - as_complex(lines.start))
    turned = (np.sign(given_area) != np.sign(snapped_area)) & (snapped_area != 0)
    return bool(shift.max(initial=0) >= MOVE_SHARE * tolerance_m or turned.any())


def _rebuilt(geometries: np.ndarray, lines: Outlines, zones: np.ndarray, ring: np.ndarray, flat: np.ndarray) -> np.ndarray:
    """``geometries[zones]`` (``zones`` in increasing order) rebuilt from their snapped outlines, less their rings
    snapped flat (``flat``, per ring; ``ring``: each segment's ring)."""
    chosen = np.zeros(len(geometries), dtype=bool)
    chosen[zones] = True
    segment = np.flatnonzero(chosen[lines.owner])
    start_at, end_at = lines.vertex[segment], lines.vertex[segment] + 1
    point = np.union1d(start_at, end_at)  # the zones' points, in order
    points = np.empty((len(point), 2))
    points[np.searchsorted(point, start_at)], points[np.searchsorted(point, end_at)] = lines.snapped_start[segment], lines.snapped_end[segment]
    rebuilt = shapely.set_coordinates(geometries[zones].copy(), points)
    if flat.any():  # a sliver snapped flat adds nothing to its zone: its ring goes (its points are checked apart)
        first_ring = np.full(len(geometries), len(flat))
        np.minimum.at(first_ring, lines.owner, ring)
        flat_rings = set(np.flatnonzero(flat).tolist())
        for k in np.flatnonzero(np.isin(zones, lines.owner[flat[ring]])).tolist():
            rebuilt[k] = _without_rings(rebuilt[k], flat_rings, int(first_ring[zones[k]]))
    return rebuilt


def _surely_valid(lines: Outlines, ring: np.ndarray, zone_count: int) -> np.ndarray:
    """Per zone, whether its snapped outline is one ring, certainly strictly convex (so valid without a check)."""
    ring_owner = lines.owner[np.r_[0, np.flatnonzero(np.diff(ring)) + 1]]
    convex = convex_rings(as_complex(lines.snapped_start), as_complex(lines.snapped_end), ring)
    single = np.bincount(ring_owner, minlength=zone_count) == 1
    return single & (np.bincount(ring_owner, weights=convex, minlength=zone_count) == 1)


def _snapped_near(
    shapes: np.ndarray, owner: np.ndarray, geometries: np.ndarray, lines: Outlines, tolerance_m: float, ring: np.ndarray, flat: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The snapped zones, built where needed, and every pair (shape, zone) of a shape and another owner's zone that
    may meet; None if a snapped zone that had to be built is invalid.

    A snapped zone lies within the largest move of its zone as given, so only
    zones whose envelopes meet a shape's envelope grown by that much can meet
    the shape: those are rebuilt from their snapped outlines (if a point of
    theirs moved), and so are the zones not certainly valid
    (:func:`_surely_valid`), to be checked; no other zone is built.
    """
    zone = shape = np.zeros(0, dtype=np.intp)
    if len(shapes):
        bounds, grow = shapely.bounds(shapes), MOVE_SHARE * tolerance_m
        zone, shape = shapely.STRtree(envelopes(bounds[:, :2] - grow, bounds[:, 2:] + grow, 1)).query(geometries)
        other = zone != owner[shape]
        zone, shape = zone[other], shape[other]
    moved = np.zeros(len(geometries), dtype=bool)
    moved[lines.owner[as_complex(lines.snapped_start) != as_complex(lines.start)]] = True
    near = np.zeros(len(geometries), dtype=bool)
    near[zone] = True
    build = np.flatnonzero(moved & (near | ~_surely_valid(lines, ring, len(geometries))))
    rebuilt = _rebuilt(geometries, lines, build, ring, flat)
    if not shapely.is_valid(rebuilt).all():
        return None
    snapped = geometries.copy()
    snapped[build] = rebuilt
    return snapped, shape, zone


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
    flat = snapped_area == 0
    on_flat = flat[ring]
    a, b = lines.twin_a, lines.twin_b
    start, end = as_complex(lines.snapped_start), as_complex(lines.snapped_end)
    # A twin on a ring snapped flat is no border in the snapped zones: both segments count as without a twin. A twin
    # snapped to a point is none either (and nothing to cross).
    real = ~on_flat[a] & ~on_flat[b] & (start[a] != end[a])
    a, b = a[real], b[real]
    opposite = (lines.inside_left[a] != lines.inside_left[b]) == (start[a] == start[b])
    if not opposite.all():
        return False
    loose = ~on_flat & (start != end)
    loose[a] = loose[b] = False
    if loose.sum() > max(LOOSE_SHARE * len(loose), 1000) or _moved_too_far(lines, tolerance_m, given_area, snapped_area):
        return False
    # Pieces without a twin may touch another zone at an end, not along their length (within or on the outline); a
    # ring snapped flat (a sliver) is left as points and lines, none of which may lie inside another zone.
    pieces, flats = np.flatnonzero(loose), np.flatnonzero(on_flat)
    ends = np.stack([lines.snapped_start, lines.snapped_end], axis=1)
    shapes = np.r_[shapely.linestrings(ends[pieces]), shapely.points(lines.snapped_start[flats]), shapely.linestrings(ends[flats])]
    found = _snapped_near(shapes, lines.owner[np.r_[pieces, flats, flats]], geometries, lines, tolerance_m, ring, flat)
    if found is None:
        return False
    snapped, shape, zone = found
    along = shape < len(pieces)
    return bool(
        shapely.relate_pattern(shapes[shape[along]], snapped[zone[along]], "FF*******").all()
        and shapely.relate_pattern(shapes[shape[~along]], snapped[zone[~along]], "F**F*****").all()
    )


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
