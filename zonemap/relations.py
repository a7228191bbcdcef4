"""How zones relate: shared borders, gaps across a river or road, containment, overlap.

Unlike vertex-matching contiguity (libpysal's Rook and Queen), relations are
measured in metres with a tolerance, so polygons digitised separately, whose
vertices do not coincide, are still neighbours. Candidate pairs of zones and
of outline segments come from STRtrees; shared lengths are measured segment
against segment in numpy, everything else with shapely 2's vectorised
functions, in threads for large inputs (they release the GIL). There is no
Python loop over pairs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zonemap.crs import metric_crs
from zonemap.errors import ZoneDataError
from zonemap.loading import load_layer, load_zones
from zonemap.validation import polygon_problems, shapely_problems

T = TypeVar("T")
#: Gap used for the bundled zones when ``across_m`` is not given: wider than the river (about 130 m).
BUNDLED_ACROSS_M = 250.0
RELATIONS = ("contains", "within", "overlaps", "shares_border", "touches_at_point", "across_river", "across_gap")
COLUMNS = [
    "left",
    "right",
    "relation",
    "shared_length_m",
    "facing_length_m",
    "gap_m",
    "overlap_area_m2",
    "in_gap",
]


def river_water() -> gpd.GeoDataFrame:
    """The bundled Shenzhen River's water (new channel and old meander): what lies between the bundled zones."""
    river = load_layer("river")
    return river[river.kind == "channel_water"]


def _ids(frame: gpd.GeoDataFrame) -> np.ndarray:
    if "id" in frame.columns:
        ids = frame["id"].astype(str).to_numpy()
        if len(set(ids)) != len(ids):
            raise ZoneDataError.single("<zones>", "", "ids are not unique; relations need one id per zone")
        return ids
    return frame.index.astype(str).to_numpy()


def _check_polygons(frame: gpd.GeoDataFrame, ids: np.ndarray) -> None:
    labels = [repr(i) for i in ids]
    problems = polygon_problems(frame.geometry.array, labels, "<zones>")
    problems += shapely_problems(frame.geometry.array, labels, "<zones>")
    if problems:
        raise ZoneDataError(problems)


def _edge_length(outlines: np.ndarray, reach: np.ndarray, trim_m: float | np.ndarray = 0.0) -> np.ndarray:
    """How much of each outline runs within the matching ``reach`` polygon (a buffer of the other zone).

    Where an outline turns away from the other zone at the end of a stretch it
    stays within the buffer for about the buffer's width less the gap:
    ``trim_m`` (one value, or one per pair) is taken off each open end for that.
    """
    stretches = shapely.line_merge(shapely.intersection(outlines, reach))
    parts, owner = shapely.get_parts(stretches, return_index=True)
    open_parts = np.bincount(owner, weights=~shapely.is_closed(parts), minlength=len(stretches))
    return np.maximum(shapely.length(stretches) - 2 * trim_m * open_parts, 0.0)


#: Threads for shapely's vectorised functions, which release the GIL (environment: ZONEMAP_THREADS);
#: arrays under twice CHUNK_MIN run in one.
THREADS = max(1, int(os.environ.get("ZONEMAP_THREADS", 0)) or min(4, os.cpu_count() or 1))
CHUNK_MIN = 20_000


def _in_chunks(work: Callable[[slice], T], size: int) -> list[T]:
    """``work`` on consecutive slices of ``range(size)``, one per thread (one slice for small sizes)."""
    if THREADS == 1 or size < 2 * CHUNK_MIN:
        return [work(slice(0, size))]
    cuts = np.linspace(0, size, THREADS + 1).astype(int)
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(lambda i: work(slice(cuts[i], cuts[i + 1])), range(THREADS)))


def _in_threads(function: Callable[..., np.ndarray], *arrays: np.ndarray) -> np.ndarray:
    """``function(*arrays)``, element-wise, split over :data:`THREADS` threads for large arrays."""
    return np.concatenate(_in_chunks(lambda part: function(*(a[part] for a in arrays)), len(arrays[0])))


def _overlapping_envelopes(envelopes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All index pairs (both orders, and each with itself) of rectangles that meet, from an STRtree."""
    tree = shapely.STRtree(envelopes)
    found = np.concatenate(
        _in_chunks(lambda part: tree.query(envelopes[part]) + [[part.start], [0]], len(envelopes)), axis=1
    )
    return found[0], found[1]


def _envelopes(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return _in_threads(shapely.box, low[:, 0], low[:, 1], high[:, 0], high[:, 1])


def _pairs_within(geometries: np.ndarray, distance: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs ``i < j`` of geometries at most ``distance`` apart, and their distances.

    Envelopes grown by the distance are matched in an STRtree (envelope tests
    only, which is fast), then the exact distance decides.
    """
    bounds = shapely.bounds(geometries)
    left, right = _overlapping_envelopes(_envelopes(bounds[:, :2] - distance, bounds[:, 2:] + distance))
    keep = left < right
    left, right = left[keep], right[keep]
    gap = _in_threads(shapely.distance, geometries[left], geometries[right])
    close = gap <= distance
    return left[close], right[close], gap[close]


def _segments(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every straight segment of every outline (holes included): start and end points, and the owning index."""
    polygons, polygon_owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_polygon = shapely.get_rings(polygons, return_index=True)
    coordinates, vertex_ring = shapely.get_coordinates(rings, return_index=True)
    same_ring = vertex_ring[1:] == vertex_ring[:-1]
    owner = polygon_owner[ring_polygon[vertex_ring[:-1][same_ring]]]
    return coordinates[:-1][same_ring], coordinates[1:][same_ring], owner


def _along(start: np.ndarray, end: np.ndarray, seg_a: np.ndarray, seg_b: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Length of each segment ``seg_a`` running along segment ``seg_b`` within the tolerance (0 where it does not)."""
    direction = end[seg_b] - start[seg_b]
    length_b = np.hypot(direction[:, 0], direction[:, 1])
    unit = direction / np.maximum(length_b, np.finfo(float).tiny)[:, None]
    from_start = start[seg_a] - start[seg_b]
    from_end = end[seg_a] - start[seg_b]
    along_start = from_start[:, 0] * unit[:, 0] + from_start[:, 1] * unit[:, 1]
    along_end = from_end[:, 0] * unit[:, 0] + from_end[:, 1] * unit[:, 1]
    across_start = from_start[:, 0] * unit[:, 1] - from_start[:, 1] * unit[:, 0]
    across_end = from_end[:, 0] * unit[:, 1] - from_end[:, 1] * unit[:, 0]
    in_band = (np.abs(across_start) <= tolerance_m) & (np.abs(across_end) <= tolerance_m)
    overlap = np.clip(np.maximum(along_start, along_end), 0, length_b) - np.clip(np.minimum(along_start, along_end), 0, length_b)
    return np.where(in_band, overlap, 0.0)


def _shared_lengths(
    geometries: np.ndarray, first: np.ndarray, second: np.ndarray, tolerance_m: float, rank: np.ndarray
) -> np.ndarray:
    """For each pair, how much of ``first``'s outline runs along ``second``'s, within ``tolerance_m``.

    Segment against segment, vectorised: a segment of one outline counts where
    both its ends lie within the tolerance of the line through a segment of the
    other, over the stretch it projects onto that segment. Outlines digitised
    apart (vertices a few centimetres off) still match; a contact at a point, or
    a segment crossing the other outline, adds nothing.
    """
    if len(first) == 0:
        return np.zeros(0)
    involved = np.unique(np.concatenate([first, second]))
    start, end, local_owner = _segments(geometries[involved])
    owner = involved[local_owner]
    low, high = np.minimum(start, end) - tolerance_m, np.maximum(start, end) + tolerance_m
    seg_a, seg_b = _overlapping_envelopes(_envelopes(low, high))
    measured = rank[owner[seg_a]] < rank[owner[seg_b]]  # on the outline of the zone with the smaller id
    seg_a, seg_b = seg_a[measured], seg_b[measured]
    overlap = _in_threads(lambda a, b: _along(start, end, a, b, tolerance_m), seg_a, seg_b)
    touching = overlap > 0
    n = len(geometries)
    keys = owner[seg_a[touching]] * n + owner[seg_b[touching]]
    wanted = first * n + second
    order = np.argsort(wanted)
    slot = np.minimum(np.searchsorted(wanted[order], keys), len(wanted) - 1)
    matched = wanted[order][slot] == keys
    return np.bincount(order[slot[matched]], weights=overlap[touching][matched], minlength=len(first))


def _gap_names(a: np.ndarray, b: np.ndarray, gap_features: gpd.GeoDataFrame | None, crs: Any) -> np.ndarray:
    """For each pair, the names of the gap features crossed by the shortest line between the two."""
    names = np.full(len(a), "", dtype=object)
    if gap_features is None or gap_features.empty or len(a) == 0:
        return names
    features = gap_features.to_crs(crs)
    labels = (features["name_en"] if "name_en" in features else features.index.astype(str)).to_numpy()
    links = shapely.shortest_line(a, b)
    link_index, feature_index = shapely.STRtree(features.geometry.array).query(links, predicate="intersects")
    for i, j in zip(link_index, feature_index):
        names[i] = labels[j] if not names[i] else f"{names[i]}; {labels[j]}"
    return names


def relations(
    zones: gpd.GeoDataFrame | None = None,
    *,
    tolerance_m: float = 1.0,
    across_m: float | None = None,
    gap_features: gpd.GeoDataFrame | None = None,
    lines: bool = False,
) -> pd.DataFrame:
    """Every related pair of zones, measured in metres.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS, named by an ``id`` column (else the index); the
        bundled zones when omitted.
    tolerance_m : float
        Distance within which two outlines count as one line: absorbs digitising
        slivers, gaps and small overlaps, so polygons whose vertices do not
        coincide still share a border.
    across_m : float, optional
        Pairs farther apart than ``tolerance_m`` but no more than ``across_m``
        face each other across a gap (a river, a road). Default: 250 m for the
        bundled zones, 0 (off) for other data.
    gap_features : GeoDataFrame, optional
        What may lie in a gap (named by ``name_en``); a pair whose shortest link
        crosses one is ``across_river``. Default: the bundled river's water for
        the bundled zones.
    lines : bool
        Return a GeoDataFrame whose geometry (EPSG:4326) is each pair's shared
        border or facing stretch, on the left zone's outline.

    Returns
    -------
    DataFrame or GeoDataFrame
        One row per related pair (``left`` < ``right`` in input order; for
        ``contains`` / ``within`` the row reads "left contains right"):
        ``relation`` (``contains``, ``within``, ``overlaps``, ``shares_border``,
        ``touches_at_point``, ``across_river``, ``across_gap``; disjoint pairs
        are left out), ``shared_length_m`` (border run within the tolerance),
        ``facing_length_m`` (outline within ``across_m`` of the other),
        ``gap_m`` (smallest distance), ``overlap_area_m2`` and ``in_gap``.
        Lengths and areas are taken in the metric CRS of :func:`zonemap.crs.metric_crs`.

    Raises
    ------
    ZoneDataError
        For non-polygon or invalid geometries, duplicate ids or a missing CRS.

    Examples
    --------
    >>> import zonemap
    >>> table = zonemap.relations()
    >>> table.query("left == 'loop_a' and right == 'loop_b'").relation.item()
    'shares_border'
    """
    bundled = zones is None
    if zones is None:
        zones = load_zones()
    if zones.crs is None:
        raise ZoneDataError.single("<zones>", "", "has no CRS; set one with GeoDataFrame.set_crs")
    if across_m is None:
        across_m = BUNDLED_ACROSS_M if bundled else 0.0
    if gap_features is None and bundled:
        gap_features = river_water()
    if tolerance_m < 0 or across_m < 0:
        raise ValueError("tolerance_m and across_m must not be negative")
    ids = _ids(zones)
    _check_polygons(zones, ids)
    if len(zones) < 2:
        return _empty(lines)
    crs = metric_crs(zones)
    geometries = np.asarray(zones.geometry.to_crs(crs).array, dtype=object)
    reach = max(tolerance_m, across_m)
    left, right, gap = _pairs_within(geometries, reach)
    a, b = geometries[left], geometries[right]

    # Measure each pair's outline on the side with the smaller id, so results do not depend on row order.
    swap = ids[left] > ids[right]
    first = np.where(swap, right, left)
    second = np.where(swap, left, right)
    near_tolerance = gap <= tolerance_m
    shared = np.zeros(len(a))
    rank = np.argsort(np.argsort(ids, kind="stable"), kind="stable")
    shared[near_tolerance] = _shared_lengths(
        geometries, first[near_tolerance], second[near_tolerance], max(tolerance_m, 1e-9), rank
    )

    # Overlay only the pairs whose interiors meet deeper than the tolerance (none, in a clean coverage).
    shrunk = _in_threads(lambda g: shapely.buffer(g, -tolerance_m, join_style="mitre"), geometries)
    shapely.prepare(shrunk)
    deep = _in_threads(lambda s1, g2, s2, g1: shapely.intersects(s1, g2) | shapely.intersects(s2, g1), shrunk[left], b, shrunk[right], a)
    overlap = np.zeros(len(a))
    overlap[deep] = shapely.area(shapely.intersection(a[deep], b[deep]))
    slack_a = tolerance_m * shapely.length(b)  # a polygon's length is its perimeter, holes included
    slack_b = tolerance_m * shapely.length(a)
    a_contains_b = np.zeros(len(a), bool)
    b_contains_a = np.zeros(len(a), bool)
    a_contains_b[deep] = shapely.area(shapely.difference(b[deep], a[deep])) <= slack_a[deep]
    b_contains_a[deep] = shapely.area(shapely.difference(a[deep], b[deep])) <= slack_b[deep]

    relation = np.full(len(a), "", dtype=object)
    overlapping = deep & (overlap > np.minimum(slack_a, slack_b))
    border = near_tolerance & ~overlapping & (shared > 2 * tolerance_m)
    relation[near_tolerance & ~border] = "touches_at_point"
    relation[border] = "shares_border"
    relation[overlapping] = "overlaps"
    relation[b_contains_a & overlapping] = "within"
    relation[a_contains_b & overlapping] = "contains"

    across = ~near_tolerance & (gap <= across_m)
    facing = np.zeros(len(a))
    if across.any():
        wide = shapely.buffer(geometries, across_m, quad_segs=4)
        facing[across] = _edge_length(
            shapely.boundary(geometries[first[across]]), wide[second[across]], across_m - gap[across]
        )
    in_gap = np.full(len(a), "", dtype=object)
    in_gap[across] = _gap_names(a[across], b[across], gap_features, crs)
    relation[across] = np.where(in_gap[across] != "", "across_river", "across_gap")

    related = relation != ""
    contained = np.isin(relation, ["contains", "within", "overlaps"])
    table = pd.DataFrame(
        {
            "left": ids[left],
            "right": ids[right],
            "relation": relation,
            "shared_length_m": np.where(np.isin(relation, ["shares_border"]), shared, 0.0),
            "facing_length_m": facing,
            "gap_m": np.where(contained, 0.0, gap),
            "overlap_area_m2": np.where(contained, overlap, 0.0),
            "in_gap": in_gap,
        }
    )[related].reset_index(drop=True)
    if not lines:
        return table
    shown = np.isin(relation[related], ["shares_border", "across_river", "across_gap"])
    tolerance_or_reach = np.where(relation[related] == "shares_border", tolerance_m, across_m)
    outline = shapely.boundary(a[related])
    reach_of_b = shapely.buffer(b[related], np.maximum(tolerance_or_reach, 1e-9), quad_segs=4)
    stretch = np.where(shown, shapely.line_merge(shapely.intersection(outline, reach_of_b)), None)
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(stretch, crs=crs).to_crs(4326).array, crs=4326)


def _empty(lines: bool) -> pd.DataFrame:
    table = pd.DataFrame({c: pd.Series(dtype=float if c.endswith(("_m", "_m2")) else object) for c in COLUMNS})
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries([], crs=4326), crs=4326) if lines else table


def relations_graph(table: pd.DataFrame, zones: gpd.GeoDataFrame | None = None) -> Any:
    """The relations as a networkx graph.

    Parameters
    ----------
    table : DataFrame
        The result of :func:`relations`.
    zones : GeoDataFrame, optional
        The zones, whose properties (all columns but the geometry) become node
        attributes; the bundled zones when omitted.

    Returns
    -------
    networkx.Graph
        One node per zone, one edge per related pair carrying the measures.
    """
    try:
        import networkx as nx
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("relations_graph needs networkx: pip install 'zonemap[graph]'") from error
    zones = load_zones() if zones is None else zones
    graph = nx.Graph()
    ids = _ids(zones)
    properties = pd.DataFrame(zones.drop(columns=zones.geometry.name))
    for ident, record in zip(ids, properties.to_dict("records")):
        graph.add_node(ident, **record)
    for record in pd.DataFrame(table.drop(columns="geometry", errors="ignore")).to_dict("records"):
        graph.add_edge(record.pop("left"), record.pop("right"), **record)
    return graph


def covers_others(geometries: Any, share: float = 0.95) -> np.ndarray:
    """Which polygons cover most of another, smaller polygon of the same set (composites of parts).

    Parameters
    ----------
    geometries : array_like of shapely geometries or GeoSeries
        Polygons; compared by area ratios, so any CRS will do.
    share : float
        The fraction of the smaller polygon's area that must lie inside.

    Returns
    -------
    numpy.ndarray of bool
        True where the polygon covers at least one other.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> covers_others([box(0, 0, 2, 2), box(0, 0, 1, 1), box(5, 5, 6, 6)]).tolist()
    [True, False, False]
    """
    geoms = np.asarray(geometries, dtype=object)
    result = np.zeros(len(geoms), dtype=bool)
    if len(geoms) < 2:
        return result
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    area = shapely.area(geoms)
    larger = area[left] > area[right] * (1 + (1 - share))  # only a larger polygon can cover another
    left, right = left[larger], right[larger]
    inside = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    covering = inside >= share * area[right]
    result[left[covering]] = True
    return result
