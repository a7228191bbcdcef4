"""The :class:`Relations` result: immutable, built by :meth:`Relations.from_zones`."""

from __future__ import annotations

import math
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap._frame import prepare_zones
from zonemap.crs import metric_crs
from zonemap.errors import MissingDependencyError
from zonemap.relate._compute import Pairs, relate
from zonemap.relate._measures import facing_lines, shared_lines
from zonemap.relate._threads import thread_count

if TYPE_CHECKING:
    import geopandas as gpd
    import networkx
    import pandas as pd
    from pyproj import CRS

__all__ = ["COLUMNS", "LINE_RELATIONS", "Relations", "check_metres"]

#: The relations a pair can have; disjoint pairs are left out.
RELATION_NAMES = ("contains", "within", "overlaps", "shares_border", "touches_at_point", "across_river", "across_gap")
#: Relations drawn as lines: a shared border, or stretches facing each other across a gap.
LINE_RELATIONS = ("shares_border", "across_river", "across_gap")
COLUMNS = (
    "left", "right", "relation", "shared_length_m", "shared_left_m", "shared_right_m", "facing_length_m", "facing_left_m",
    "facing_right_m", "gap_m", "overlap_area_m2", "in_gap",
)


def check_metres(value: Any, name: str) -> float:
    """A distance argument as a float: finite and not negative, else ``TypeError``/``ValueError`` naming it.

    Examples
    --------
    >>> check_metres(2, "tolerance_m")
    2.0
    >>> check_metres(float("inf"), "across_m")
    Traceback (most recent call last):
    ...
    ValueError: across_m must be a finite distance in metres, not inf
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number of metres, not {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite distance in metres, not {value}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, not {value}")
    return value


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
    every view returns a new object.

    Attributes
    ----------
    ids : tuple of str
        The zones related, in row order.
    tolerance_m, across_m : float
        The parameters used.
    metric_crs : pyproj.CRS
        The CRS the measures were taken in.
    """

    def __init__(
        self, pairs: Pairs, zones: gpd.GeoDataFrame, ids: np.ndarray, tolerance_m: float, across_m: float, crs: CRS
    ) -> None:
        self._pairs = pairs
        self._zones = zones
        self._ids = ids
        self.tolerance_m = tolerance_m
        self.across_m = across_m
        self.metric_crs = crs

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
        """Relate every pair of zones; see :func:`zonemap.relations` for the parameters."""
        tolerance_m = check_metres(tolerance_m, "tolerance_m")
        across_m = check_metres(across_m, "across_m")
        checked = prepare_zones(zones, id_column=id_column)
        crs, geometries = _metric(zones, checked.frame)
        if gap_features is not None and getattr(gap_features, "crs", None) is None:
            raise TypeError("gap_features must be a GeoDataFrame with a CRS")
        pairs = relate(geometries, tolerance_m, across_m, gap_features, crs, thread_count(threads))
        return cls(pairs, checked.frame, checked.ids, tolerance_m, across_m, crs)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._ids)

    def __len__(self) -> int:
        return len(self._pairs.left)

    def __repr__(self) -> str:
        return f"<Relations: {len(self)} related pair{'s' * (len(self) != 1)} of {len(self._ids)} zones, tolerance {self.tolerance_m:g} m, across {self.across_m:g} m>"

    @cached_property
    def _table(self) -> pd.DataFrame:
        import pandas as pd

        p = self._pairs
        return pd.DataFrame(
            {
                "left": self._ids[p.left].astype(object),
                "right": self._ids[p.right].astype(object),
                "relation": p.relation.astype(object),
                "shared_length_m": (p.shared_left_m + p.shared_right_m) / 2,
                "shared_left_m": p.shared_left_m,
                "shared_right_m": p.shared_right_m,
                "facing_length_m": (p.facing_left_m + p.facing_right_m) / 2,
                "facing_left_m": p.facing_left_m,
                "facing_right_m": p.facing_right_m,
                "gap_m": p.gap_m,
                "overlap_area_m2": p.overlap_m2,
                "in_gap": p.in_gap.astype(object),
            },
            columns=list(COLUMNS),
        )

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
        """
        return self._table.copy()

    def lines(self) -> gpd.GeoDataFrame:
        """The measured lines, in EPSG:4326: the table's rows with a line, and ``length_m``.

        A shared border is exactly the pieces of the left zone's outline whose
        length is ``shared_left_m``; facing zones get the stretches of both outlines (one
        MultiLineString), exactly those whose lengths are ``facing_left_m``
        and ``facing_right_m``. ``length_m`` is the measure a map labels the
        line with (``shared_length_m``, or ``facing_length_m``, their mean).
        """
        import geopandas as gpd

        table = self._table
        shown = np.isin(table["relation"].to_numpy(), LINE_RELATIONS)
        p = self._pairs
        bordering = table["relation"].to_numpy()[shown] == "shares_border"
        a, b = p.geometries[p.left[shown]], p.geometries[p.right[shown]]
        geometry = np.empty(len(a), dtype=object)
        rows = np.flatnonzero(shown)
        geometry[bordering] = shared_lines(p.geometries, p.left[rows[bordering]], p.right[rows[bordering]], self.tolerance_m, thread_count(None))
        if (~bordering).any():
            geometry[~bordering] = facing_lines(a[~bordering], b[~bordering], p.gap_m[shown][~bordering], self.across_m)
        rows = table[shown].reset_index(drop=True)
        rows["length_m"] = np.where(bordering, rows["shared_length_m"], rows["facing_length_m"])
        return gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geometry, crs=self.metric_crs).to_crs(4326).array, crs=4326)

    def to_geojson(self) -> str:
        """The measured lines as an RFC 7946 FeatureCollection (WGS-84, 7 decimals)."""
        lines = self.lines()
        lines = lines.set_geometry(shapely.set_precision(lines.geometry.array, 1e-7, mode="pointwise"))
        return str(lines.to_json(drop_id=True, ensure_ascii=False))

    def to_networkx(self) -> networkx.Graph:
        """A networkx graph: one node per zone related here (carrying its properties), one edge per related pair.

        Raises
        ------
        MissingDependencyError
            Without networkx (``pip install 'zonemap[graph]'``).
        """
        try:
            import networkx as nx
        except ImportError:
            raise MissingDependencyError("Relations.to_networkx", "networkx", "graph") from None
        graph = nx.Graph()
        properties = self._zones.drop(columns=self._zones.geometry.name)
        for ident, record in zip(self._ids, properties.to_dict("records")):
            graph.add_node(ident, **record)
        for record in self._table.to_dict("records"):
            graph.add_edge(record.pop("left"), record.pop("right"), **record)
        return graph
