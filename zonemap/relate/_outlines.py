"""Which outline segments of different zones run along each other: twins first, then within a tolerance.

Twins are matched by sorting in numpy (:func:`zonemap.relate._edges.numbered_twins`),
on the outlines' points snapped together (:mod:`zonemap.relate._snap`): two
segments of two zones whose snapped ends are the same two points, and no
third segment's; then, among the segments left, two with the same two ends as
given (a tiny edge shared exactly, which snapping turned into a point). Exact twins (the same two endpoints before snapping) run along
each other over their whole length; near twins (zones digitised apart, their
vertices a few centimetres off) over the stretch each projects onto the other.
Only the segments left without a twin are matched geometrically, segment
against segment, with an STRtree of their envelopes: a segment counts where
both its ends lie within the tolerance of the line through a segment of another
zone, over the stretch it projects onto that segment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from zonemap.relate._edges import numbered_twins
from zonemap.relate._pairs import as_complex, envelopes, ring_points, segments
from zonemap.relate._snap import equal_points, snap_points
from zonemap.relate._threads import in_pieces

__all__ = ["EXACT_TWINS", "Matches", "Outlines", "matches", "outlines", "projection"]

#: Segments queried at a time in the tolerant matching.
PIECE = 50_000
#: Match twins by sorting (off: every segment goes through the tolerant matching; for tests).
EXACT_TWINS = True


@dataclass(frozen=True)
class Outlines:
    """Every segment of every outline (holes included): endpoints (as given and snapped), owning zone, the side its
    owner lies on, where its start is among the zones' coordinates, and the twins among them (whether exact)."""

    start: np.ndarray
    end: np.ndarray
    owner: np.ndarray
    inside_left: np.ndarray
    twin_a: np.ndarray
    twin_b: np.ndarray
    exact: np.ndarray
    snapped_start: np.ndarray
    snapped_end: np.ndarray
    vertex: np.ndarray


@dataclass(frozen=True)
class Matches:
    """Segment ``measured`` runs along segment ``along`` (of another zone) for ``length`` metres, per match."""

    measured: np.ndarray
    along: np.ndarray
    length: np.ndarray


def outlines(geometries: np.ndarray, tolerance_m: float, involved: np.ndarray | None = None) -> Outlines:
    """The segments of ``geometries[involved]`` (all when omitted), owners numbered as in ``geometries``.

    Parameters
    ----------
    geometries : ndarray of polygons
        The zones, in a metric CRS.
    tolerance_m : float
        The tolerance of the relations: how far points are snapped together (see :mod:`zonemap.relate._snap`).
    involved : ndarray of int, optional
        The zones whose segments are wanted, as indices into ``geometries``; all when omitted.

    Returns
    -------
    Outlines
        Their segments, and the twins among them.

    Examples
    --------
    >>> squares = np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    >>> lines = outlines(squares, 0.5)
    >>> lines.owner.tolist(), len(lines.twin_a), lines.exact.tolist()
    ([0, 0, 0, 0, 1, 1, 1, 1], 1, [True])
    >>> apart = np.array([shapely.box(0, 0, 1, 1), shapely.box(1.02, 0.01, 2, 1)])
    >>> len(outlines(apart, 0.5).twin_a), outlines(apart, 0.5).exact.tolist()
    (1, [False])
    >>> outlines(squares, 0.5, np.array([1])).owner.tolist()
    [1, 1, 1, 1]
    """
    chosen = np.arange(len(geometries)) if involved is None else involved
    start, end, local_owner, inside_left, vertex = segments(geometries[chosen])
    owner = chosen[local_owner]
    if len(start) and EXACT_TWINS:
        snapped, number = snap_points(ring_points(vertex, start, end), tolerance_m)
        snapped_start, snapped_end = snapped[vertex], snapped[vertex + 1]
        twin_a, twin_b = numbered_twins(number[vertex], number[vertex + 1], owner)
        # Segments shared exactly that snapping left without a twin (snapped to a point, or onto a third segment).
        rest = np.ones(len(start), dtype=bool)
        rest[twin_a] = rest[twin_b] = False
        rest = np.flatnonzero(rest)
        if len(rest) > 1:
            number = equal_points(np.r_[start[rest], end[rest]])
            more_a, more_b = numbered_twins(number[: len(rest)], number[len(rest) :], owner[rest])
            twin_a, twin_b = np.r_[twin_a, rest[more_a]], np.r_[twin_b, rest[more_b]]
    else:
        snapped_start, snapped_end = start, end
        twin_a = twin_b = np.zeros(0, dtype=np.intp)
    start_point, end_point = as_complex(start), as_complex(end)  # a point as one number
    same = (start_point[twin_a] == start_point[twin_b]) & (end_point[twin_a] == end_point[twin_b])
    reverse = (start_point[twin_a] == end_point[twin_b]) & (end_point[twin_a] == start_point[twin_b])
    return Outlines(start, end, owner, inside_left, twin_a, twin_b, same | reverse, snapped_start, snapped_end, vertex)


def _positions(start: np.ndarray, end: np.ndarray, seg_a: np.ndarray, seg_b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ends of segments ``seg_a`` in the frame of segments ``seg_b`` (complex points, :func:`as_complex`): real
    part along ``seg_b`` from its start, imaginary part across it (left positive); and ``seg_b``'s lengths."""
    origin = start[seg_b]
    vector = end[seg_b] - origin
    length = np.abs(vector)
    turn = np.conj(vector) / np.maximum(length, np.finfo(float).tiny)  # multiplying by it turns seg_b onto the x axis
    return (start[seg_a] - origin) * turn, (end[seg_a] - origin) * turn, length


def projection(
    start: np.ndarray, end: np.ndarray, seg_a: np.ndarray, seg_b: np.ndarray, tolerance_m: float
) -> tuple[np.ndarray, ...]:
    """Where segment ``seg_a`` runs along segment ``seg_b``: its ends' positions along ``seg_b``, the clipped
    interval of ``seg_b`` it covers, and whether both its ends lie within the tolerance of ``seg_b``'s line.

    Parameters
    ----------
    start, end : ndarray
        The segments' endpoints, one row ``(x, y)`` a segment.
    seg_a, seg_b : ndarray of int
        The pairs of segments, as indices into ``start`` and ``end``.
    tolerance_m : float
        How far from ``seg_b``'s line each end of ``seg_a`` may lie.

    Returns
    -------
    tuple of ndarray
        Per pair: the positions of ``seg_a``'s start and end along ``seg_b``,
        the low and high ends of the stretch of ``seg_b`` they span (clipped
        to ``seg_b``), and whether both ends lie within the tolerance.

    Examples
    --------
    >>> start, end = np.array([[0.0, 0.0], [2.0, 0.1]]), np.array([[4.0, 0.0], [6.0, 0.1]])
    >>> [v.tolist() for v in projection(start, end, np.array([1]), np.array([0]), 0.5)]
    [[2.0], [6.0], [2.0], [4.0], [True]]
    """
    from_start, from_end, length_b = _positions(as_complex(start), as_complex(end), seg_a, seg_b)
    in_band = (np.abs(from_start.imag) <= tolerance_m) & (np.abs(from_end.imag) <= tolerance_m)
    low = np.clip(np.minimum(from_start.real, from_end.real), 0, length_b)
    high = np.clip(np.maximum(from_start.real, from_end.real), 0, length_b)
    return from_start.real, from_end.real, low, high, in_band


def _along(start: np.ndarray, end: np.ndarray, seg_a: np.ndarray, seg_b: np.ndarray, tolerance_m: float | None) -> np.ndarray:
    """Length of each segment ``seg_a`` running along segment ``seg_b`` (complex points), with both its ends within
    the tolerance of ``seg_b``'s line (0 where not; None: no band): :func:`projection`'s measure."""
    from_start, from_end, length = _positions(start, end, seg_a, seg_b)
    covered = np.abs(np.clip(from_end.real, 0, length) - np.clip(from_start.real, 0, length))
    if tolerance_m is None:
        return covered
    return np.where((np.abs(from_start.imag) <= tolerance_m) & (np.abs(from_end.imag) <= tolerance_m), covered, 0.0)


def _twin_lengths(lines: Outlines, twin_a: np.ndarray, twin_b: np.ndarray, exact: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far each segment of a twin pair runs along the other: an exact twin over its whole length, a near one
    over the stretch it projects onto the other (:func:`projection`; its ends, snapped together with the other's,
    lie within half the tolerance of them, so within the tolerance of its line: no band to test)."""
    start, end = as_complex(lines.start), as_complex(lines.end)
    along_a = np.abs(end[twin_a] - start[twin_a])  # exact twins: the same segment, its whole length
    along_b = along_a.copy()
    near = np.flatnonzero(~exact)
    along_a[near] = _along(start, end, twin_a[near], twin_b[near], None)
    along_b[near] = _along(start, end, twin_b[near], twin_a[near], None)
    return along_a, along_b


def _tolerant(lines: Outlines, loose: np.ndarray, nearby: np.ndarray, tolerance_m: float, threads: int) -> Matches:
    """Matches of the ``loose`` segments (a mask) among themselves and with the ``nearby`` twins (a mask).

    Candidates come from STRtrees of the segments, each queried with a
    segment's envelope grown by the tolerance (a segment that runs along another
    has a point within the tolerance of it). The segments are taken in strips,
    west to east: each strip's segments query a tree of only the segments
    within reach of the strip, so neither all the trees' segments nor all the
    candidate pairs (ten or so per segment) are held at once. Twins do not
    match each other here: sorting did that.
    """
    chosen = np.flatnonzero(loose | nearby)
    if not loose.any() or len(chosen) < 2:
        return Matches(np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros(0))
    chosen = chosen[np.argsort(np.minimum(lines.start[chosen, 0], lines.end[chosen, 0]), kind="stable")]
    start, end = lines.start[chosen], lines.end[chosen]
    west, east = np.minimum(start[:, 0], end[:, 0]), np.maximum(start[:, 0], end[:, 0])
    low, high = np.minimum(start, end) - tolerance_m, np.maximum(start, end) + tolerance_m
    points_start, points_end = as_complex(lines.start), as_complex(lines.end)

    def strip(part: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        reach = np.flatnonzero((west <= high[part, 0].max()) & (east >= low[part, 0].min()))
        tree = shapely.STRtree(shapely.linestrings(np.stack([start[reach], end[reach]], axis=1)))
        found = tree.query(envelopes(low[part], high[part], 1))
        seg_a, seg_b = chosen[found[0] + part.start], chosen[reach[found[1]]]
        other = (lines.owner[seg_a] != lines.owner[seg_b]) & (loose[seg_a] | loose[seg_b])
        seg_a, seg_b = seg_a[other], seg_b[other]
        along = _along(points_start, points_end, seg_a, seg_b, tolerance_m)
        touching = along > 0
        return seg_a[touching], seg_b[touching], along[touching]

    measured, along, found = (np.concatenate(part) for part in zip(*in_pieces(strip, len(chosen), threads, PIECE)))
    return Matches(measured, along, found)


def matches(lines: Outlines, first: np.ndarray, second: np.ndarray, tolerance_m: float, threads: int) -> Matches:
    """Every pair of segments of the two zones of a pair (``first[i]``, ``second[i]``) that run along each other.

    Exact twins match each other over their whole length, both ways round, near
    twins over the stretch each projects onto the other. The other segments are matched within ``tolerance_m`` among themselves and with
    the twins of the zones near their own (a segment runs along another only if
    their zones are at most the tolerance apart: a pair).

    Parameters
    ----------
    lines : Outlines
        The segments of (at least) the zones of the pairs, from :func:`outlines`.
    first, second : ndarray of int
        The pairs of zones, as indices into the zones ``lines`` was taken from.
    tolerance_m : float
        How far a segment's ends may lie from the line through the other segment.
    threads : int
        Threads for large inputs.

    Returns
    -------
    Matches
        Per match, the segment measured, the segment it runs along and the
        length it runs along it (both ways round).

    Examples
    --------
    >>> squares = np.array([shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 5)])
    >>> found = matches(outlines(squares, 0.5), np.array([0]), np.array([1]), 0.5, 1)
    >>> found.length.tolist()
    [5.0, 5.0]
    """
    zones = int(max(lines.owner.max(initial=-1), first.max(initial=-1), second.max(initial=-1))) + 1
    involved = np.zeros(zones, dtype=bool)
    involved[first] = involved[second] = True
    twin_a, twin_b = lines.twin_a, lines.twin_b
    wanted = involved[lines.owner[twin_a]] & involved[lines.owner[twin_b]]
    twin_a, twin_b, exact = twin_a[wanted], twin_b[wanted], lines.exact[wanted]
    length_a, length_b = _twin_lengths(lines, twin_a, twin_b, exact)
    loose = np.ones(len(lines.owner), dtype=bool)
    loose[lines.twin_a] = loose[lines.twin_b] = False
    loose &= involved[lines.owner]
    with_loose = np.bincount(lines.owner[loose], minlength=zones) > 0
    beside_loose = np.zeros(zones, dtype=bool)
    beside_loose[first[with_loose[second]]] = beside_loose[second[with_loose[first]]] = True
    found = _tolerant(lines, loose, ~loose & beside_loose[lines.owner] & involved[lines.owner], tolerance_m, threads)
    keep_a, keep_b = length_a > 0, length_b > 0
    return Matches(
        np.concatenate([twin_a[keep_a], twin_b[keep_b], found.measured]),
        np.concatenate([twin_b[keep_a], twin_a[keep_b], found.along]),
        np.concatenate([length_a[keep_a], length_b[keep_b], found.length]),
    )
