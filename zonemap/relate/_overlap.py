"""Which pairs of zones overlap deeper than the tolerance: proved impossible for a clean coverage, else tested.

The test (a polygon shrunk by the tolerance intersecting the other) costs a
negative buffer of every polygon and a predicate per touching pair. A coverage
whose shared borders are noded exactly needs neither: if every segment shared
exactly by two zones has their interiors on opposite sides, and no other
segment touches another zone except at its ends, no two interiors overlap. (Count
the zones covering a point: it changes by nothing across a shared segment and
by one across any other, beside which no other zone lies; starting from 0 far
away it is never more than 1.) Anything else (zones digitised apart, overlaps,
composites) takes the test.
"""

from __future__ import annotations

import numpy as np
import shapely

from zonemap.relate._outlines import Outlines
from zonemap.relate._threads import in_threads

__all__ = ["deep_pairs", "no_overlaps"]

#: Above this share of segments without a twin (and 1,000), the proof is not attempted (the test is likely needed).
LOOSE_SHARE = 0.2


def no_overlaps(geometries: np.ndarray, lines: Outlines) -> bool:
    """Whether the outlines prove that no two of ``geometries`` share interior points (False: not proved).

    Parameters
    ----------
    geometries : ndarray of polygons
        The zones.
    lines : Outlines
        Their outlines, from :func:`zonemap.relate._outlines.outlines` of all of ``geometries``.

    Returns
    -------
    bool
        True if every exactly shared segment has the two interiors on
        opposite sides and no other segment meets another zone but at its
        ends; False if that does not hold (which does not prove an overlap).

    Examples
    --------
    >>> from zonemap.relate._outlines import outlines
    >>> squares = np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    >>> no_overlaps(squares, outlines(squares))
    True
    >>> overlapping = np.array([shapely.box(0, 0, 1, 1), shapely.box(0.5, 0, 2, 1)])
    >>> no_overlaps(overlapping, outlines(overlapping))
    False
    """
    a, b = lines.twin_a, lines.twin_b
    same_way = (lines.start[a] == lines.start[b]).all(axis=1)
    opposite = (lines.inside_left[a] != lines.inside_left[b]) == same_way
    if not opposite.all():
        return False
    loose = np.ones(len(lines.owner), dtype=bool)
    loose[a] = loose[b] = False
    loose &= (lines.start != lines.end).any(axis=1)
    if loose.sum() > max(LOOSE_SHARE * len(loose), 1000):
        return False
    loose_index = np.flatnonzero(loose)
    pieces = shapely.linestrings(np.stack([lines.start[loose], lines.end[loose]], axis=1))
    piece, zone = shapely.STRtree(geometries).query(pieces, predicate="intersects")
    other = zone != lines.owner[loose_index[piece]]
    piece, zone = piece[other], zone[other]
    # Touching another zone at an end is allowed; along its length (within or on the outline) is not.
    return bool(shapely.relate_pattern(pieces[piece], geometries[zone], "FF*******").all())


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
