"""Measures of pairs of outlines, in metres, vectorised: shared borders, facing stretches, what lies between.

Every measure is taken on both outlines of a pair, so it does not depend on
which zone comes first (by name or by row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap.relate._outlines import Matches, Outlines, matches, outlines, projection

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["facing_lengths", "facing_lines", "gap_names", "shared_lengths", "shared_lines"]


def _slots(keys: np.ndarray, measured: np.ndarray, along: np.ndarray, n: int) -> np.ndarray:
    """For each match key (owner measured * n + owner along), the pair it belongs to, or -1."""
    wanted = measured * n + along
    order = np.argsort(wanted)
    slot = np.minimum(np.searchsorted(wanted[order], keys), len(wanted) - 1)
    return np.where(wanted[order][slot] == keys, order[slot], -1)


def _measured(lines: Outlines | None, geometries: np.ndarray, first: np.ndarray, second: np.ndarray, tolerance_m: float, threads: int) -> tuple[Outlines, Matches]:
    """The segments of the zones of the pairs (``lines`` when given: every zone's) and their matches."""
    if lines is None:
        lines = outlines(geometries, max(tolerance_m, 1e-9), np.unique(np.concatenate([first, second])))
    return lines, matches(lines, first, second, max(tolerance_m, 1e-9), threads)


def shared_lengths(
    geometries: np.ndarray, first: np.ndarray, second: np.ndarray, tolerance_m: float, threads: int, lines: Outlines | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, how much of each outline runs along the other's, within ``tolerance_m``.

    Segment against segment, vectorised: a segment shared exactly by the two
    outlines counts over its whole length; any other segment of one outline
    counts where both its ends lie within the tolerance of the line through a
    segment of the other (not shared exactly), over the stretch it projects onto
    that segment. Outlines digitised apart (vertices a few centimetres off)
    still match; a contact at a point, or a segment crossing the other outline,
    adds nothing.

    Parameters
    ----------
    geometries : ndarray of polygons
        In a metric CRS.
    first, second : ndarray of int
        The pairs, as indices into ``geometries`` (each unordered pair at most once).
    tolerance_m : float
        The tolerance.
    threads : int
        Threads for large inputs.
    lines : Outlines, optional
        The outlines of all of ``geometries`` (from :func:`outlines`), when
        already taken; else those of the zones of the pairs are taken here.

    Returns
    -------
    (ndarray, ndarray)
        The length on ``first``'s outline and on ``second``'s, per pair.

    Examples
    --------
    >>> from shapely import box
    >>> squares = np.array([box(0, 0, 10, 10), box(10, 0, 20, 5)])
    >>> [v.tolist() for v in shared_lengths(squares, np.array([0]), np.array([1]), 0.5, 1)]
    [[5.0], [5.0]]
    """
    if len(first) == 0:
        return np.zeros(0), np.zeros(0)
    lines, found = _measured(lines, geometries, first, second, tolerance_m, threads)
    n = len(geometries)
    measured, along = lines.owner[found.measured], lines.owner[found.along]
    # One search for both directions: the pair of each match by its unordered key, then the side it was measured on.
    slot = _slots(np.minimum(measured, along) * n + np.maximum(measured, along), np.minimum(first, second), np.maximum(first, second), n)
    found_pair = slot >= 0
    slot, measured, length = slot[found_pair], measured[found_pair], found.length[found_pair]
    on_first = measured == first[slot]
    return (
        np.bincount(slot[on_first], weights=length[on_first], minlength=len(first)),
        np.bincount(slot[~on_first], weights=length[~on_first], minlength=len(first)),
    )


def shared_lines(geometries: np.ndarray, first: np.ndarray, second: np.ndarray, tolerance_m: float, threads: int) -> np.ndarray:
    """For each pair, exactly the pieces of ``first``'s outline that :func:`shared_lengths` measured, merged.

    Parameters
    ----------
    geometries : ndarray of polygons
        In a metric CRS.
    first, second : ndarray of int
        The pairs, as indices into ``geometries``.
    tolerance_m : float
        The tolerance.
    threads : int
        Threads for large inputs.

    Returns
    -------
    ndarray of LineString or MultiLineString
        One per pair (empty where nothing is shared).

    Examples
    --------
    >>> from shapely import box
    >>> squares = np.array([box(0, 0, 10, 10), box(10, 0, 20, 5)])
    >>> shared_lines(squares, np.array([0]), np.array([1]), 0.5, 1)[0].wkt
    'LINESTRING (10 0, 10 5)'
    """
    lines = np.array([shapely.LineString() for _ in range(len(first))], dtype=object)
    if len(first) == 0:
        return lines
    outline, found = _measured(None, geometries, first, second, tolerance_m, threads)
    start, end, owner = outline.start, outline.end, outline.owner
    slot = _slots(owner[found.measured] * len(geometries) + owner[found.along], first, second, len(geometries))
    seg_a, seg_b, slot = found.measured[slot >= 0], found.along[slot >= 0], slot[slot >= 0]
    along_start, along_end, low, high, _ = projection(start, end, seg_a, seg_b, max(tolerance_m, 1e-9))
    span = np.where(along_end == along_start, 1.0, along_end - along_start)
    t = np.sort(np.column_stack([(low - along_start) / span, (high - along_start) / span]), axis=1)
    vector = end[seg_a] - start[seg_a]
    points = start[seg_a][:, None, :] + t[:, :, None] * vector[:, None, :]
    pieces = shapely.linestrings(points.reshape(-1, 2), indices=np.repeat(np.arange(len(seg_a)), 2))
    for pair in np.unique(slot).tolist():
        lines[pair] = shapely.line_merge(shapely.union_all(pieces[slot == pair]))
    return lines


def _facing_parts(outlines: np.ndarray, reach: np.ndarray, trim_m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stretches of each outline within the matching ``reach`` polygon (a buffer of the other zone).

    Where an outline turns away from the other zone at the end of a stretch it
    stays within the buffer for about the buffer's width less the gap:
    ``trim_m`` is taken off each open end for that (a closed stretch keeps its length).

    Returns
    -------
    (ndarray, ndarray, ndarray)
        The stretches (LineStrings, untrimmed), the pair each belongs to, and each one's trimmed length.
    """
    stretch = shapely.line_merge(shapely.intersection(outlines, reach))
    parts, owner = shapely.get_parts(stretch, return_index=True)
    closed = shapely.is_closed(parts)
    length = shapely.length(parts)
    trimmed = np.where(closed, length, np.maximum(length - 2 * trim_m[owner], 0.0))
    return parts, owner, trimmed


def facing_lengths(a: np.ndarray, b: np.ndarray, gap: np.ndarray, across_m: float) -> tuple[np.ndarray, np.ndarray]:
    """For pairs apart by ``gap`` (< ``across_m``), how much of each outline faces the other within ``across_m``.

    Parameters
    ----------
    a, b : ndarray of polygons
        The two zones of each pair, in a metric CRS.
    gap : ndarray of float
        The distance between them, per pair.
    across_m : float
        How far apart outlines may be and still face each other.

    Returns
    -------
    (ndarray, ndarray)
        The facing length on ``a``'s outline and on ``b``'s, per pair.

    Examples
    --------
    >>> from shapely import box
    >>> a, b = np.array([box(0, 0, 10, 10)]), np.array([box(15, 0, 25, 4)])
    >>> [v.round(2).tolist() for v in facing_lengths(a, b, np.array([5.0]), 6.0)]
    [[6.11], [4.0]]
    """
    if len(a) == 0:
        return np.zeros(0), np.zeros(0)
    trim = across_m - gap
    _, owner_a, on_a = _facing_parts(shapely.boundary(a), shapely.buffer(b, across_m, quad_segs=4), trim)
    _, owner_b, on_b = _facing_parts(shapely.boundary(b), shapely.buffer(a, across_m, quad_segs=4), trim)
    return np.bincount(owner_a, weights=on_a, minlength=len(a)), np.bincount(owner_b, weights=on_b, minlength=len(a))


def _trimmed(part: Any, closed: bool, keep: float) -> Any:
    if closed or keep <= 0:
        return part if closed else None
    from shapely.ops import substring

    cut = (part.length - keep) / 2
    return substring(part, cut, part.length - cut)


def facing_lines(a: np.ndarray, b: np.ndarray, gap: np.ndarray, across_m: float) -> np.ndarray:
    """The facing stretches of both outlines of each pair, trimmed as measured, as one (Multi)LineString each.

    Parameters
    ----------
    a, b : ndarray of polygons
        The two zones of each pair, in a metric CRS.
    gap : ndarray of float
        The distance between them, per pair.
    across_m : float
        How far apart outlines may be and still face each other.

    Returns
    -------
    ndarray of LineString or MultiLineString
        One per pair.

    Examples
    --------
    >>> from shapely import box
    >>> a, b = np.array([box(0, 0, 10, 10)]), np.array([box(15, 0, 25, 4)])
    >>> [round(line.length, 2) for line in facing_lines(a, b, np.array([5.0]), 6.0)[0].geoms]
    [6.11, 4.0]
    """
    trim = across_m - gap
    pieces: list[list[Any]] = [[] for _ in range(len(a))]
    for zones, others in ((a, b), (b, a)):
        parts, owner, keep = _facing_parts(shapely.boundary(zones), shapely.buffer(others, across_m, quad_segs=4), trim)
        for part, i, length, closed in zip(parts, owner.tolist(), keep, shapely.is_closed(parts)):
            line = _trimmed(part, bool(closed), float(length))
            if line is not None and not line.is_empty:
                pieces[i].append(line)
    return np.array([shapely.line_merge(shapely.multilinestrings(p)) if p else shapely.LineString() for p in pieces], dtype=object)


def gap_names(a: np.ndarray, b: np.ndarray, gap_features: gpd.GeoDataFrame | None, crs: Any) -> np.ndarray:
    """For each pair, the names of the gap features crossed by the shortest line between the two.

    Parameters
    ----------
    a, b : ndarray of polygons
        The two zones of each pair, in ``crs``.
    gap_features : GeoDataFrame, optional
        The features, named by ``name_en`` (else their index).
    crs : pyproj.CRS
        The CRS of ``a`` and ``b``.

    Returns
    -------
    ndarray of str
        Names joined with ``"; "``; empty where none is crossed.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> river = gpd.GeoDataFrame({"name_en": ["Shenzhen River"]}, geometry=[box(10, -50, 15, 50)], crs=2326)
    >>> gap_names(np.array([box(0, 0, 10, 10), box(0, 20, 5, 30)]), np.array([box(15, 0, 25, 4), box(6, 20, 9, 30)]), river, river.crs).tolist()
    ['Shenzhen River', '']
    """
    names = np.full(len(a), "", dtype=object)
    if gap_features is None or len(gap_features) == 0 or len(a) == 0:
        return names
    features = gap_features.to_crs(crs)
    labels = (features["name_en"] if "name_en" in features else features.index.to_series()).astype(str).to_numpy()
    links = shapely.shortest_line(a, b)
    link_index, feature_index = shapely.STRtree(np.asarray(features.geometry.array)).query(links, predicate="intersects")
    for i, j in zip(link_index.tolist(), feature_index.tolist()):
        names[i] = labels[j] if not names[i] else f"{names[i]}; {labels[j]}"
    return names
