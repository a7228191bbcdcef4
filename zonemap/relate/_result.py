"""The :class:`Relations` result: immutable, built by :meth:`Relations.from_zones`."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap._arguments import check_metres
from zonemap._frame import prepare_zones
from zonemap._no_gc import no_gc
from zonemap.crs import metric_crs
from zonemap.relate._compute import Pairs, relate
from zonemap.relate._threads import thread_count
from zonemap.relate._views import COLUMNS, LINE_RELATIONS, pair_graph, pair_lines, pair_table

if TYPE_CHECKING:
    import geopandas as gpd
    import networkx
    import pandas as pd
    from pyproj import CRS

__all__ = ["COLUMNS", "LINE_RELATIONS", "RELATION_NAMES", "Relations", "check_metres"]

#: The relations a pair can have; disjoint pairs are left out.
RELATION_NAMES = ("contains", "within", "overlaps", "shares_border", "touches_at_point", "across_river", "across_gap")


def _metric(zones: gpd.GeoDataFrame | gpd.GeoSeries, lonlat: gpd.GeoDataFrame) -> tuple[CRS, np.ndarray]:
    """The metric CRS to measure in and the zones in it: the zones' own CRS, untouched, when it is metric and
    faithful over them (:func:`zonemap.crs.metric_crs`), else the one chosen for their lon/lat copy."""
    own = zones.geometry
    if own.crs.is_projected and metric_crs(own) == own.crs:
        return own.crs, np.asarray(own.array, dtype=object)
    crs = metric_crs(lonlat)
    return crs, np.asarray(lonlat.geometry.to_crs(crs).array, dtype=object)


class Relations:
    """How zones relate, in metres: the pairs, the parameters used, and views of them.

    Build with :meth:`from_zones` (or :func:`zonemap.relations`). Immutable:
    every attribute is read-only (setting or deleting one is an
    ``AttributeError``), and every view returns a new object.

    Attributes
    ----------
    ids : tuple of str
        The zones related, in row order.
    tolerance_m, across_m : float
        The parameters used.
    metric_crs : pyproj.CRS
        The CRS the measures were taken in.
    """

    _pairs: Pairs
    _zones: gpd.GeoDataFrame
    _ids: np.ndarray
    _tolerance_m: float
    _across_m: float
    _metric_crs: CRS

    def __init__(
        self, pairs: Pairs, zones: gpd.GeoDataFrame, ids: np.ndarray, tolerance_m: float, across_m: float, crs: CRS
    ) -> None:
        for name, value in (("_pairs", pairs), ("_zones", zones), ("_ids", ids), ("_tolerance_m", tolerance_m),
                            ("_across_m", across_m), ("_metric_crs", crs)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Relations is immutable: {name!r} cannot be set (build another with Relations.from_zones)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Relations is immutable: {name!r} cannot be deleted")

    @property
    def tolerance_m(self) -> float:
        """The tolerance used, in metres."""
        return float(self._tolerance_m)

    @property
    def across_m(self) -> float:
        """The largest gap across which zones face each other, in metres (0: off)."""
        return float(self._across_m)

    @property
    def metric_crs(self) -> CRS:
        """The CRS the measures were taken in."""
        return self._metric_crs

    @classmethod
    def from_zones(
        cls,
        zones: gpd.GeoDataFrame,
        *,
        id_column: str = "id",
        tolerance_m: float = 1.0,
        across_m: float = 0.0,
        gap_features: gpd.GeoDataFrame | None = None,
        threads: int | None = None,
    ) -> Relations:
        """Relate every pair of zones; see :func:`zonemap.relations` for the parameters.

        Parameters
        ----------
        zones : GeoDataFrame
            Polygons in any CRS.
        id_column : str
            The column holding ids (else the index).
        tolerance_m : float
            Outlines this close count as shared.
        across_m : float
            Zones farther apart than ``tolerance_m`` but at most this far face each other.
        gap_features : GeoDataFrame, optional
            Features to name when the line between two zones crosses them.
        threads : int, optional
            Threads for large inputs (see :func:`zonemap.relate._threads.thread_count`).

        Returns
        -------
        Relations

        Examples
        --------
        >>> import geopandas as gpd
        >>> from shapely import box
        >>> squares = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(833000, 840000, 833100, 840100), box(833100, 840000, 833200, 840050)],
        ...                            crs=2326)  # beside the Loop, in the Hong Kong 1980 Grid
        >>> related = Relations.from_zones(squares)
        >>> related
        <Relations: 1 related pair of 2 zones, tolerance 1 m, across 0 m>
        """
        tolerance_m = check_metres(tolerance_m, "tolerance_m")
        across_m = check_metres(across_m, "across_m")
        if gap_features is not None and getattr(gap_features, "crs", None) is None:
            raise TypeError("gap_features must be a GeoDataFrame with a CRS")
        with no_gc():  # hundreds of thousands of geometries made (for STRtrees), no cycles
            checked = prepare_zones(zones, id_column=id_column)
            crs, geometries = _metric(zones, checked.frame)
            pairs = relate(geometries, tolerance_m, across_m, gap_features, crs, thread_count(threads))
        return cls(pairs, checked.frame, checked.ids, tolerance_m, across_m, crs)

    @property
    def ids(self) -> tuple[str, ...]:
        """The zones related, in row order."""
        return tuple(self._ids)

    def __len__(self) -> int:
        return len(self._pairs.left)

    def __repr__(self) -> str:
        return f"<Relations: {len(self)} related pair{'s' * (len(self) != 1)} of {len(self._ids)} zones, tolerance {self.tolerance_m:g} m, across {self.across_m:g} m>"

    @cached_property
    def _table(self) -> pd.DataFrame:
        return pair_table(self._pairs, self._ids)

    def table(self) -> pd.DataFrame:
        """One row per related pair.

        Returns
        -------
        DataFrame
            ``left``, ``right`` (``left`` comes first in row order; ``contains``
            and ``within`` read "left contains right"), ``relation``,
            ``shared_length_m`` (border run within the tolerance: the mean of
            ``shared_left_m`` and ``shared_right_m``, measured on each outline), ``facing_length_m`` (the mean of
            ``facing_left_m`` and ``facing_right_m``: how much of each outline
            lies within ``across_m`` of the other), ``gap_m`` (smallest
            distance), ``overlap_area_m2`` and ``in_gap`` (names of the gap
            features the shortest link crosses).

        Examples
        --------
        >>> import geopandas as gpd
        >>> from shapely import box
        >>> squares = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(833000, 840000, 833100, 840100), box(833100, 840000, 833200, 840050)],
        ...                            crs=2326)  # beside the Loop, in the Hong Kong 1980 Grid
        >>> related = Relations.from_zones(squares)
        >>> related.table().round(6)[["left", "right", "relation", "shared_length_m"]].values.tolist()
        [['a', 'b', 'shares_border', 50.0]]
        """
        return self._table.copy()

    def lines(self) -> gpd.GeoDataFrame:
        """The measured lines, in EPSG:4326: the table's rows with a line, and ``length_m``.

        A shared border is exactly the pieces of the left zone's outline whose
        length is ``shared_left_m``; facing zones get the stretches of both outlines (one
        MultiLineString), exactly those whose lengths are ``facing_left_m``
        and ``facing_right_m``. ``length_m`` is the measure a map labels the
        line with (``shared_length_m``, or ``facing_length_m``, their mean).

        Returns
        -------
        GeoDataFrame

        Examples
        --------
        >>> import geopandas as gpd
        >>> from shapely import box
        >>> squares = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(833000, 840000, 833100, 840100), box(833100, 840000, 833200, 840050)],
        ...                            crs=2326)  # beside the Loop, in the Hong Kong 1980 Grid
        >>> related = Relations.from_zones(squares)
        >>> lines = related.lines()
        >>> lines["length_m"].round(6).tolist(), lines.crs.to_epsg(), float(lines.to_crs(2326).length.round(6).iloc[0])
        ([50.0], 4326, 50.0)
        """
        return pair_lines(self._pairs, self._table, self.tolerance_m, self.across_m, self.metric_crs)

    def to_geojson(self) -> str:
        """The measured lines as an RFC 7946 FeatureCollection (WGS-84, 7 decimals).

        Returns
        -------
        str

        Examples
        --------
        >>> import json
        >>> import geopandas as gpd
        >>> from shapely import box
        >>> squares = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(833000, 840000, 833100, 840100), box(833100, 840000, 833200, 840050)],
        ...                            crs=2326)  # beside the Loop, in the Hong Kong 1980 Grid
        >>> related = Relations.from_zones(squares)
        >>> collection = json.loads(related.to_geojson())
        >>> [(f["properties"]["relation"], round(f["properties"]["length_m"], 6), f["geometry"]["type"]) for f in collection["features"]]
        [('shares_border', 50.0, 'LineString')]
        """
        lines = self.lines()
        lines = lines.set_geometry(shapely.set_precision(lines.geometry.array, 1e-7, mode="pointwise"))
        return str(lines.to_json(drop_id=True, ensure_ascii=False))

    def to_networkx(self) -> networkx.Graph:
        """A networkx graph: one node per zone related here (carrying its properties), one edge per related pair.

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
        >>> from shapely import box
        >>> squares = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(833000, 840000, 833100, 840100), box(833100, 840000, 833200, 840050)],
        ...                            crs=2326)  # beside the Loop, in the Hong Kong 1980 Grid
        >>> related = Relations.from_zones(squares)
        >>> graph = related.to_networkx()
        >>> sorted(graph.nodes), graph.edges["a", "b"]["relation"]
        (['a', 'b'], 'shares_border')
        """
        return pair_graph(self._zones, self._ids, self._table)
