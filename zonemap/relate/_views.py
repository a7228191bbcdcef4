"""What related pairs are shown as: the table of pairs, the lines measured, a graph of the zones.

:class:`zonemap.relate.Relations` keeps the pairs as arrays (:class:`~zonemap.relate._compute.Pairs`); these
functions turn them into what users read, each a new object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap.errors import MissingDependencyError
from zonemap.relate._compute import Pairs
from zonemap.relate._measures import facing_lines, shared_lines
from zonemap.relate._threads import thread_count

if TYPE_CHECKING:
    import geopandas as gpd
    import networkx
    import pandas as pd

__all__ = ["COLUMNS", "LINE_RELATIONS", "pair_graph", "pair_lines", "pair_table"]

#: Relations drawn as lines: a shared border, or stretches facing each other across a gap.
LINE_RELATIONS = ("shares_border", "across_river", "across_gap")
#: The columns of :func:`pair_table`, in order.
COLUMNS = (
    "left", "right", "relation", "shared_length_m", "shared_left_m", "shared_right_m", "facing_length_m", "facing_left_m",
    "facing_right_m", "gap_m", "overlap_area_m2", "in_gap",
)


def pair_table(pairs: Pairs, ids: np.ndarray) -> pd.DataFrame:
    """One row per related pair, with the zones' ids and every measure (see :meth:`Relations.table`).

    Parameters
    ----------
    pairs : Pairs
        The related pairs, from :func:`zonemap.relate._compute.relate`.
    ids : ndarray of str
        The zones' ids, in row order.

    Returns
    -------
    DataFrame
        The :data:`COLUMNS`; ``shared_length_m`` and ``facing_length_m`` are
        the means of the measures on the two outlines.

    Examples
    --------
    >>> from shapely import box
    >>> from zonemap.relate._compute import relate
    >>> pairs = relate(np.array([box(0, 0, 100, 100), box(100, 0, 200, 50)]), 1.0, 0.0, None, 2326, 1)
    >>> pair_table(pairs, np.array(["a", "b"], dtype=object))[["left", "right", "relation", "shared_length_m"]].values.tolist()
    [['a', 'b', 'shares_border', 50.0]]
    """
    import pandas as pd

    return pd.DataFrame(
        {
            "left": ids[pairs.left].astype(object),
            "right": ids[pairs.right].astype(object),
            "relation": pairs.relation.astype(object),
            "shared_length_m": (pairs.shared_left_m + pairs.shared_right_m) / 2,
            "shared_left_m": pairs.shared_left_m,
            "shared_right_m": pairs.shared_right_m,
            "facing_length_m": (pairs.facing_left_m + pairs.facing_right_m) / 2,
            "facing_left_m": pairs.facing_left_m,
            "facing_right_m": pairs.facing_right_m,
            "gap_m": pairs.gap_m,
            "overlap_area_m2": pairs.overlap_m2,
            "in_gap": pairs.in_gap.astype(object),
        },
        columns=list(COLUMNS),
    )


def pair_lines(pairs: Pairs, table: pd.DataFrame, tolerance_m: float, across_m: float, crs: Any) -> gpd.GeoDataFrame:
    """The lines measured, in EPSG:4326: the rows of ``table`` with a line, and ``length_m`` (see :meth:`Relations.lines`).

    Parameters
    ----------
    pairs : Pairs
        The related pairs, their geometries in ``crs``.
    table : DataFrame
        Their :func:`pair_table`.
    tolerance_m, across_m : float
        The parameters the pairs were related with.
    crs : pyproj.CRS or int
        The metric CRS of the pairs' geometries.

    Returns
    -------
    GeoDataFrame
        A shared border is the pieces of the left zone's outline measured as
        ``shared_left_m``; facing zones get the stretches of both outlines
        (one MultiLineString) measured as ``facing_left_m`` and ``facing_right_m``.

    Examples
    --------
    >>> from shapely import box
    >>> from zonemap.relate._compute import relate
    >>> pairs = relate(np.array([box(833000, 840000, 833100, 840100), box(833100, 840000, 833200, 840050)]), 1.0, 0.0, None, 2326, 1)
    >>> lines = pair_lines(pairs, pair_table(pairs, np.array(["a", "b"], dtype=object)), 1.0, 0.0, 2326)
    >>> lines["length_m"].round(6).tolist(), lines.crs.to_epsg(), round(float(lines.to_crs(2326).length.iloc[0]), 6)
    ([50.0], 4326, 50.0)
    """
    import geopandas as gpd

    relation = table["relation"].to_numpy()
    shown = np.isin(relation, LINE_RELATIONS)
    bordering = relation[shown] == "shares_border"
    left, right = pairs.left[shown], pairs.right[shown]
    geometry = np.empty(len(left), dtype=object)
    geometry[bordering] = shared_lines(pairs.geometries, left[bordering], right[bordering], tolerance_m, thread_count(None))
    if (~bordering).any():
        a, b = pairs.geometries[left[~bordering]], pairs.geometries[right[~bordering]]
        geometry[~bordering] = facing_lines(a, b, pairs.gap_m[shown][~bordering], across_m)
    rows = table[shown].reset_index(drop=True)
    rows["length_m"] = np.where(bordering, rows["shared_length_m"], rows["facing_length_m"])
    return gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geometry, crs=crs).to_crs(4326).array, crs=4326)


def pair_graph(zones: gpd.GeoDataFrame, ids: np.ndarray, table: pd.DataFrame) -> networkx.Graph:
    """A networkx graph: one node per zone (carrying its properties), one edge per row of ``table``.

    Parameters
    ----------
    zones : GeoDataFrame
        The zones, in the order of ``ids``; their columns but the geometry become the nodes' attributes.
    ids : ndarray of str
        The zones' ids, the nodes.
    table : DataFrame
        The pairs (:func:`pair_table`): ``left`` and ``right`` name an edge's
        ends, the other columns become its attributes.

    Returns
    -------
    networkx.Graph

    Raises
    ------
    MissingDependencyError
        Without networkx (``pip install 'zonemap[graph]'``).

    Examples
    --------
    >>> import geopandas as gpd
    >>> import pandas as pd
    >>> from shapely import box
    >>> zones = gpd.GeoDataFrame({"id": ["a", "b", "c"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)])
    >>> graph = pair_graph(zones, np.array(["a", "b", "c"], dtype=object), pd.DataFrame({"left": ["a"], "right": ["b"], "relation": ["shares_border"]}))
    >>> sorted(graph.nodes), graph.nodes["c"], graph.edges["a", "b"]
    (['a', 'b', 'c'], {'id': 'c'}, {'relation': 'shares_border'})
    """
    try:
        import networkx as nx
    except ImportError:
        raise MissingDependencyError("Relations.to_networkx", "networkx", "graph") from None
    graph = nx.Graph()
    properties = zones.drop(columns=zones.geometry.name)
    for ident, record in zip(ids, properties.to_dict("records")):
        graph.add_node(ident, **record)
    for record in table.to_dict("records"):
        graph.add_edge(record.pop("left"), record.pop("right"), **record)
    return graph
