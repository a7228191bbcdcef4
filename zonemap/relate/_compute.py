"""The relation of every pair of zones near each other: the computation behind :class:`Relations`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap.relate._crossing import crossing
from zonemap.relate._measures import facing_lengths, gap_names, shared_lengths
from zonemap.relate._outlines import outlines
from zonemap.relate._overlap import deep_pairs, no_overlaps
from zonemap.relate._pairs import as_complex, pairs_within

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["Pairs", "relate"]


@dataclass(frozen=True)
class Pairs:
    """Related pairs as arrays (one entry per pair, ``left < right`` in row order), metric geometries kept for lines."""

    left: np.ndarray
    right: np.ndarray
    relation: np.ndarray
    shared_left_m: np.ndarray
    shared_right_m: np.ndarray
    facing_left_m: np.ndarray
    facing_right_m: np.ndarray
    gap_m: np.ndarray
    overlap_m2: np.ndarray
    in_gap: np.ndarray
    geometries: np.ndarray


def relate(
    geometries: np.ndarray, tolerance_m: float, across_m: float, gap_features: gpd.GeoDataFrame | None, crs: Any, threads: int
) -> Pairs:
    """Relate every pair of metric polygons at most ``max(tolerance_m, across_m)`` apart.

    Parameters
    ----------
    geometries : ndarray of polygons
        The zones, in a metric CRS.
    tolerance_m : float
        Outlines this close count as shared (digitising noise).
    across_m : float
        Zones farther apart than ``tolerance_m`` but at most this far face each other across a gap.
    gap_features : GeoDataFrame, optional
        Features (the river's water) to name when the line between two zones crosses them.
    crs : pyproj.CRS
        The CRS of ``geometries``.
    threads : int
        Threads for large inputs.

    Returns
    -------
    Pairs

    Examples
    --------
    >>> from shapely import box
    >>> squares = np.array([box(0, 0, 10, 10), box(10, 0, 20, 5), box(30, 0, 40, 10)])
    >>> pairs = relate(squares, 0.5, 50.0, None, 2326, 1)
    >>> pairs.left.tolist(), pairs.right.tolist(), pairs.relation.tolist(), pairs.gap_m.tolist()
    ([0, 0, 1], [1, 2, 2], ['shares_border', 'across_gap', 'across_gap'], [0.0, 20.0, 10.0])
    """
    lines = outlines(geometries, max(tolerance_m, 1e-9))
    n = len(geometries)
    twin_a, twin_b = lines.twin_a, lines.twin_b  # zones with twins that are equal or cross are 0 apart
    start, end = as_complex(lines.start), as_complex(lines.end)
    meet = lines.exact | crossing(start[twin_a], end[twin_a], start[twin_b], end[twin_b])
    touching = np.unique(np.sort(np.column_stack([lines.owner[twin_a[meet]], lines.owner[twin_b[meet]]]), axis=1) @ [n, 1])
    left, right, gap = pairs_within(geometries, max(tolerance_m, across_m), threads, touching)
    a, b = geometries[left], geometries[right]
    near = gap <= tolerance_m
    shared_left, shared_right = np.zeros(len(a)), np.zeros(len(a))
    shared_left[near], shared_right[near] = shared_lengths(
        geometries, left[near], right[near], max(tolerance_m, 1e-9), threads, lines
    )
    shared = (shared_left + shared_right) / 2

    # Overlay only the pairs whose interiors meet deeper than the tolerance (none, in a clean coverage).
    deep = np.zeros(len(a), dtype=bool)
    if not no_overlaps(geometries, lines, max(tolerance_m, 1e-9)):
        meeting = gap == 0  # polygons apart cannot overlap
        deep[meeting] = deep_pairs(geometries, left[meeting], right[meeting], tolerance_m, threads)
    overlap = np.zeros(len(a))
    overlap[deep] = shapely.area(shapely.intersection(a[deep], b[deep]))
    slack_a, slack_b = np.zeros(len(a)), np.zeros(len(a))
    slack_a[deep] = tolerance_m * shapely.length(b[deep])  # a polygon's length is its perimeter, holes included
    slack_b[deep] = tolerance_m * shapely.length(a[deep])
    a_contains_b = np.zeros(len(a), bool)
    b_contains_a = np.zeros(len(a), bool)
    a_contains_b[deep] = shapely.area(shapely.difference(b[deep], a[deep])) <= slack_a[deep]
    b_contains_a[deep] = shapely.area(shapely.difference(a[deep], b[deep])) <= slack_b[deep]

    relation = np.full(len(a), "", dtype=object)
    overlapping = deep & (overlap > np.minimum(slack_a, slack_b))
    border = near & ~overlapping & (shared > 2 * tolerance_m)
    relation[near & ~border] = "touches_at_point"
    relation[border] = "shares_border"
    relation[overlapping] = "overlaps"
    relation[b_contains_a & overlapping] = "within"
    relation[a_contains_b & overlapping] = "contains"

    across = ~near & (gap <= across_m)
    facing_left, facing_right = np.zeros(len(a)), np.zeros(len(a))
    facing_left[across], facing_right[across] = facing_lengths(a[across], b[across], gap[across], across_m)
    in_gap = np.full(len(a), "", dtype=object)
    in_gap[across] = gap_names(a[across], b[across], gap_features, crs)
    relation[across] = np.where(in_gap[across] != "", "across_river", "across_gap")

    keep = relation != ""
    contained = np.isin(relation, ["contains", "within", "overlaps"])
    bordering = relation == "shares_border"
    return Pairs(
        left=left[keep],
        right=right[keep],
        relation=relation[keep],
        shared_left_m=np.where(bordering, shared_left, 0.0)[keep],
        shared_right_m=np.where(bordering, shared_right, 0.0)[keep],
        facing_left_m=facing_left[keep],
        facing_right_m=facing_right[keep],
        gap_m=np.where(contained, 0.0, gap)[keep],
        overlap_m2=np.where(contained, overlap, 0.0)[keep],
        in_gap=in_gap[keep],
        geometries=geometries,
    )
