"""How zones relate: shared borders, gaps across a river or road, containment, overlap.

Unlike vertex-matching contiguity (libpysal's Rook and Queen), relations are
measured in metres with a tolerance, so polygons digitised separately, whose
vertices do not coincide, are still neighbours. Everything runs on shapely 2's
vectorised functions over the candidate pairs an STRtree finds: no Python loop
over pairs.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zonemap.crs import metric_crs
from zonemap.errors import ZoneDataError
from zonemap.loading import load_layer, load_zones
from zonemap.validation import polygon_problems, shapely_problems

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
    zones = load_zones() if bundled else zones
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
    left, right = shapely.STRtree(geometries).query(geometries, predicate="dwithin", distance=reach)
    keep = left < right
    left, right = left[keep], right[keep]
    a, b = geometries[left], geometries[right]

    # Measure each pair's outline on the side with the smaller id, so results do not depend on row order.
    swap = ids[left] > ids[right]
    first = np.where(swap, right, left)
    second = np.where(swap, left, right)
    gap = shapely.distance(a, b)
    near_tolerance = gap <= tolerance_m
    buffered = shapely.buffer(geometries, max(tolerance_m, 1e-9), join_style="mitre")
    shared = np.zeros(len(a))
    shared[near_tolerance] = _edge_length(
        shapely.boundary(geometries[first[near_tolerance]]), buffered[second[near_tolerance]], tolerance_m
    )

    # Overlay only the pairs whose interiors meet deeper than the tolerance (none, in a clean coverage).
    shrunk = shapely.buffer(geometries, -tolerance_m, join_style="mitre")
    shapely.prepare(shrunk)
    deep = shapely.intersects(shrunk[left], b) | shapely.intersects(shrunk[right], a)
    overlap = np.zeros(len(a))
    overlap[deep] = shapely.area(shapely.intersection(a[deep], b[deep]))
    slack_a = tolerance_m * shapely.length(shapely.boundary(b))
    slack_b = tolerance_m * shapely.length(shapely.boundary(a))
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
    pairs = left != right
    left, right = left[pairs], right[pairs]
    area = shapely.area(geoms)
    inside = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    covering = (inside >= share * area[right]) & (area[left] > area[right] * (1 + (1 - share)))
    result[left[covering]] = True
    return result
