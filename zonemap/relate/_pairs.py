"""Candidate pairs from STRtrees: zones within a distance of each other, and their outline segments."""

from __future__ import annotations

import numpy as np
import shapely

from zonemap.relate._threads import in_chunks, in_threads

__all__ = ["as_complex", "envelopes", "overlapping_envelopes", "pairs_within", "ring_areas", "ring_points", "segments"]


def overlapping_envelopes(boxes: np.ndarray, threads: int) -> tuple[np.ndarray, np.ndarray]:
    """All index pairs (both orders, and each with itself) of rectangles that meet, from an STRtree.

    Parameters
    ----------
    boxes : ndarray of Polygon
        The rectangles.
    threads : int
        Threads for large inputs.

    Returns
    -------
    (ndarray of int, ndarray of int)

    Examples
    --------
    >>> from shapely import box
    >>> left, right = overlapping_envelopes(np.array([box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)]), 1)
    >>> sorted(zip(left.tolist(), right.tolist()))
    [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]
    """
    tree = shapely.STRtree(boxes)
    found = np.concatenate(in_chunks(lambda part: tree.query(boxes[part]) + [[part.start], [0]], len(boxes), threads), axis=1)
    return found[0], found[1]


def envelopes(low: np.ndarray, high: np.ndarray, threads: int) -> np.ndarray:
    """Geometries whose envelopes are the rectangles with these corners, for an STRtree queried without a predicate
    (which sees envelopes only): each rectangle's diagonal, built in about half the time of a box.

    Parameters
    ----------
    low, high : ndarray, shape (n, 2)
        The lower-left and upper-right corners.
    threads : int
        Threads for large inputs.

    Returns
    -------
    ndarray of LineString

    Examples
    --------
    >>> envelopes(np.array([[0, 0]]), np.array([[2, 1]]), 1)[0].bounds
    (0.0, 0.0, 2.0, 1.0)
    """
    return in_threads(lambda a, b: shapely.linestrings(np.stack([a, b], axis=1)), low, high, threads=threads)


def pairs_within(
    geometries: np.ndarray, distance: float, threads: int, touching: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs ``i < j`` of geometries at most ``distance`` apart, and their distances.

    Envelopes grown by the distance are matched in an STRtree (envelope tests
    only, which is fast), then the exact distance decides, except for pairs
    known to touch: sorted keys ``i * len(geometries) + j`` in ``touching``, at distance 0.

    Parameters
    ----------
    geometries : ndarray of shapely geometries
        In a metric CRS.
    distance : float
        The largest distance.
    threads : int
        Threads for large inputs.
    touching : ndarray of int, optional
        Sorted keys of pairs known to touch.

    Returns
    -------
    (ndarray of int, ndarray of int, ndarray of float)
        ``i``, ``j`` and their distance, per pair.

    Examples
    --------
    >>> from shapely import box
    >>> squares = np.array([box(0, 0, 10, 10), box(10, 0, 20, 5), box(30, 0, 40, 10)])
    >>> [v.tolist() for v in pairs_within(squares, 15, 1)]
    [[0, 1], [1, 2], [0.0, 10.0]]
    """
    bounds = shapely.bounds(geometries)
    left, right = overlapping_envelopes(envelopes(bounds[:, :2] - distance, bounds[:, 2:] + distance, threads), threads)
    keep = left < right
    left, right = left[keep], right[keep]
    gap = np.zeros(len(left))
    unknown = np.ones(len(left), dtype=bool)
    if touching is not None and len(touching):
        keys = left.astype(np.int64) * len(geometries) + right
        slot = np.minimum(np.searchsorted(touching, keys), len(touching) - 1)
        unknown = touching[slot] != keys
    gap[unknown] = in_threads(shapely.distance, geometries[left[unknown]], geometries[right[unknown]], threads=threads)
    close = gap <= distance
    return left[close], right[close], gap[close]


def segments(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every straight segment of every outline (holes included): start and end points, the owning index,
    whether the owner's interior lies on the left of the segment (from start to end), and where its start is among
    ``shapely.get_coordinates(geometries)`` (its end is the next coordinate).

    Parameters
    ----------
    geometries : ndarray of polygons
        The outlines' polygons.

    Returns
    -------
    (ndarray, ndarray, ndarray, ndarray, ndarray)
        Start points and end points, shape (n, 2), the index of the geometry each segment belongs to, whether
        that geometry's interior lies on the segment's left, and the index of its start among the geometries'
        coordinates.

    Examples
    --------
    >>> from shapely import box
    >>> start, end, owner, inside_left, vertex = segments(np.array([box(0, 0, 1, 1), box(2, 0, 3, 1)]))
    >>> start[:4].tolist(), owner.tolist(), bool(inside_left.all()), vertex.tolist()
    ([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]], [0, 0, 0, 0, 1, 1, 1, 1], True, [0, 1, 2, 3, 5, 6, 7, 8])
    """
    parts, part_owner = _polygons(geometries)
    if parts is not None and not shapely.get_num_interior_rings(parts).any():
        start, end, owner, inside_left, vertex = _shell_segments(parts)  # the common case: no geometry built per ring
        return start, end, part_owner[owner], inside_left, vertex
    polygons, polygon_owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_polygon = shapely.get_rings(polygons, return_index=True)
    exterior = np.r_[True, ring_polygon[1:] != ring_polygon[:-1]][: len(rings)]  # each polygon's rings: its exterior first
    inside_left = shapely.is_ccw(rings) != ~exterior  # counter-clockwise shell, clockwise hole: interior on the left
    coordinates, vertex_ring = shapely.get_coordinates(rings, return_index=True)
    same_ring = vertex_ring[1:] == vertex_ring[:-1]
    ring = vertex_ring[:-1][same_ring]
    start, end = coordinates[:-1][same_ring], coordinates[1:][same_ring]
    return start, end, polygon_owner[ring_polygon[ring]], inside_left[ring], np.flatnonzero(same_ring)


def _shell_segments(polygons: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`segments` of polygons without holes, from their coordinates alone: a shell's orientation is the sign
    of its area (:func:`ring_areas`)."""
    coordinates, owner = shapely.get_coordinates(polygons, return_index=True)
    same_ring = owner[1:] == owner[:-1]
    start, end, segment_owner = coordinates[:-1][same_ring], coordinates[1:][same_ring], owner[:-1][same_ring]
    return start, end, segment_owner, (ring_areas(start, end, segment_owner) > 0)[segment_owner], np.flatnonzero(same_ring)


def _polygons(geometries: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """The polygons of ``geometries`` (the parts of a MultiPolygon in its place) and the index of each one's
    geometry; None if there is anything but polygons and multipolygons."""
    kind = shapely.get_type_id(geometries)
    if not len(geometries) or not np.isin(kind, (3, 6)).all():
        return None, np.zeros(0, dtype=np.intp)
    if (kind == 3).all():
        return geometries, np.arange(len(geometries))
    count = shapely.get_num_geometries(geometries)
    offset = np.cumsum(count) - count
    parts = np.empty(int(count.sum()), dtype=object)
    single = kind == 3
    parts[offset[single]] = geometries[single]
    multi = np.flatnonzero(~single)
    pieces, piece_owner = shapely.get_parts(geometries[multi], return_index=True)
    rank = np.arange(len(pieces)) - (np.cumsum(count[multi]) - count[multi])[piece_owner]
    parts[offset[multi][piece_owner] + rank] = pieces
    return parts, np.repeat(np.arange(len(geometries)), count)


def ring_areas(start: np.ndarray, end: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Twice the signed area of each ring (positive: counter-clockwise), by the shoelace formula over its segments,
    taken from the ring's first point so that large coordinates keep their precision.

    Parameters
    ----------
    start, end : ndarray, shape (n, 2)
        The segments' endpoints; each ring's segments consecutive and in order.
    ring : ndarray of int, shape (n,)
        The ring of each segment, numbered 0, 1, ... in order.

    Returns
    -------
    ndarray of float
        One value per ring.

    Examples
    --------
    >>> start, end, _, _, _ = segments(np.array([shapely.box(800000, 0, 800002, 1)]))
    >>> ring_areas(start, end, np.zeros(len(start), dtype=int)).tolist()
    [4.0]
    """
    if not len(ring):
        return np.zeros(0)
    first = np.r_[0, np.flatnonzero(np.diff(ring)) + 1]
    origin = np.repeat(as_complex(start)[first], np.diff(np.r_[first, len(ring)]))
    a, b = as_complex(start) - origin, as_complex(end) - origin
    return np.bincount(ring, weights=a.real * b.imag - a.imag * b.real)


def ring_points(vertex: np.ndarray, at_start: np.ndarray, at_end: np.ndarray) -> np.ndarray:
    """Values at the outlines' points, in the order of ``shapely.get_coordinates``, from the values at each
    segment's start and end (its start is point ``vertex``, its end the next).

    Parameters
    ----------
    vertex : ndarray of int
        Where each segment starts among the points (from :func:`segments`).
    at_start, at_end : ndarray
        The values at each segment's start and end: its coordinates, its owner, ...

    Returns
    -------
    ndarray
        One value per point, closing points included.

    Examples
    --------
    >>> start, end, owner, _, vertex = segments(np.array([shapely.box(0, 0, 1, 1)]))
    >>> ring_points(vertex, start, end).tolist()
    [[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]
    """
    points = np.empty((int(vertex[-1]) + 2, *at_start.shape[1:]), dtype=at_start.dtype)
    points[vertex], points[vertex + 1] = at_start, at_end
    return points


def as_complex(points: np.ndarray) -> np.ndarray:
    """Points ``(x, y)`` as complex numbers ``x + yj``: a view, no copy, when ``points`` is C-contiguous.

    Parameters
    ----------
    points : ndarray, shape (n, 2)

    Returns
    -------
    ndarray of complex, shape (n,)

    Examples
    --------
    >>> as_complex(np.array([[1.0, 2.0], [3.0, -1.0]])).tolist()
    [(1+2j), (3-1j)]
    """
    return np.ascontiguousarray(points, dtype=np.float64).view(np.complex128).ravel()
