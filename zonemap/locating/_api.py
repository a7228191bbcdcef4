"""``locate``: the zones each point is in, how surely, and how far the nearest boundary is."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap.choices import DATUMS, check_choice
from zonemap.errors import MissingDependencyError
from zonemap.locating._columns import COLUMNS, Located
from zonemap.locating._engine import ZoneSet, engine
from zonemap.locating._points import Coordinates, check_coordinates, coordinate_columns, point_coordinates
from zonemap.locating._zones import zone_set

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["BadRowsWarning", "bundled_zone_set", "locate", "locate_frame", "points_frame"]


class BadRowsWarning(UserWarning):
    """Some points could not be located (missing, non-numeric or out-of-range coordinates; geometries not points)."""


def bundled_zone_set() -> ZoneSet:
    """The bundled zones with their preset (:func:`zonemap.bundled.locate_preset`).

    Returns
    -------
    ZoneSet
        The zones, with the inner and outer outlines that bound each one's uncertainty.

    Examples
    --------
    >>> zones = bundled_zone_set()
    >>> zones.ids[:3], len(zones.ids) == len(zones.inner) == len(zones.outer)
    (('loop_a', 'loop_b', 'loop_c'), True)
    """
    from zonemap.bundled import load_zones, locate_preset

    return zone_set(load_zones(), **locate_preset())


def points_frame(points: Any) -> pd.DataFrame:
    """Points as a frame: GeoDataFrames and DataFrames as they are, two arrays (or an n×2 array) as ``lon``, ``lat``.

    Parameters
    ----------
    points : DataFrame, GeoDataFrame, (array_like, array_like) or array_like of shape (n, 2)
        The points.

    Returns
    -------
    DataFrame

    Raises
    ------
    TypeError
        For anything else.

    Examples
    --------
    >>> points_frame(([114.07, 114.08], [22.51, 22.52])).values.tolist()
    [[114.07, 22.51], [114.08, 22.52]]
    >>> list(points_frame([[114.07, 22.51]]).columns)
    ['lon', 'lat']
    """
    import pandas as pd

    if isinstance(points, pd.DataFrame):
        return points
    if isinstance(points, tuple) and len(points) == 2:
        return pd.DataFrame({"lon": np.asarray(points[0]), "lat": np.asarray(points[1])})
    array = np.asarray(points) if isinstance(points, (list, np.ndarray)) else None
    if array is not None and array.ndim == 2 and array.shape[1] == 2:
        return pd.DataFrame({"lon": array[:, 0], "lat": array[:, 1]})
    raise TypeError(f"points must be a GeoDataFrame, a DataFrame with lon/lat columns, (lon, lat) arrays or an n×2 array, not {type(points).__name__}")


def _coordinates(frame: pd.DataFrame, lon: str | None, lat: str | None, from_datum: str, hong_kong: bool) -> Coordinates:
    import geopandas as gpd

    if isinstance(frame, gpd.GeoDataFrame) and lon is None and lat is None and frame.geometry.name in frame.columns:
        x, y, problems = point_coordinates(frame.geometry.array)
        crs = frame.crs
        if crs is None:
            raise ValueError("points have no CRS; set one with GeoDataFrame.set_crs (4326 for lon/lat)")
        if not crs.is_geographic:
            if from_datum != "wgs84":
                raise ValueError(f"from_datum={from_datum!r} needs lon/lat points; these are in {crs.name}")
            from pyproj import Transformer

            x, y = Transformer.from_crs(crs, 4326, always_xy=True).transform(x, y)
        return check_coordinates(x, y, from_datum=from_datum, hong_kong=hong_kong, problems=problems)
    lon_column, lat_column = coordinate_columns(frame.columns, lon, lat)
    return check_coordinates(frame[lon_column].to_numpy(), frame[lat_column].to_numpy(), from_datum=from_datum, hong_kong=hong_kong,
                             names=(str(lon_column), str(lat_column)))


def _label(value: Any) -> Any:
    """A row's label as Python shows it: ``20``, not numpy's ``np.int64(20)``.

    Examples
    --------
    >>> repr(_label(np.int64(20))), repr(_label("b"))
    ('20', "'b'")
    """
    return value.item() if isinstance(value, np.generic) else value


def locate_frame(frame: pd.DataFrame, zones: ZoneSet, *, lon: str | None = None, lat: str | None = None, from_datum: str = "wgs84",
                 hong_kong: bool = True, warn: bool = True) -> tuple[pd.DataFrame, Coordinates]:
    """``frame`` with the located columns added (and ``lon_wgs84``, ``lat_wgs84`` when converted), and its coordinates.

    Parameters
    ----------
    frame : DataFrame or GeoDataFrame
        The points.
    zones : ZoneSet
        Where to locate them.
    lon, lat : str, optional
        Coordinate columns (default: the geometry, else ``lon``/``lat`` and their usual aliases).
    from_datum : {"wgs84", "gcj02", "bd09"}
        The datum of the coordinates.
    hong_kong : bool
        With GCJ-02 or BD-09: whether Hong Kong points are shifted too.
    warn : bool
        Warn (:class:`BadRowsWarning`) about points that cannot be located.

    Returns
    -------
    (DataFrame, Coordinates)
        The located points, and their WGS-84 coordinates.

    Raises
    ------
    ValueError
        When ``frame`` already has a column that locating adds.

    Examples
    --------
    >>> import pandas as pd
    >>> located, found = locate_frame(pd.DataFrame({"lon": [114.075, 114.3], "lat": [22.518, 22.3]}), bundled_zone_set())
    >>> located["zone"].tolist()[0], located["certainty"].tolist(), found.bad
    ('loop_a', ['inside', 'outside'], 0)
    """
    clash = [c for c in (*COLUMNS, "lon_wgs84", "lat_wgs84") if c in frame.columns]
    if clash:
        raise ValueError(f"points already have the column{'s' * (len(clash) > 1)} {', '.join(map(repr, clash))}, which locate adds; rename or drop them")
    found = _coordinates(frame, lon, lat, from_datum, hong_kong)
    built = engine(zones)
    columns = Located.of(built.classify(found.lon, found.lat, found.located), built.ranked).frame_columns()
    if from_datum != "wgs84":
        columns = {**columns, "lon_wgs84": found.lon, "lat_wgs84": found.lat}
    if warn and found.bad:
        labels = frame.index
        shown = "; ".join(f"{_label(labels[row])!r}: {reason}" for row, reason in found.problems[:5])
        warnings.warn(f"{found.bad:,} of {len(frame):,} points could not be located and are left with no certainty ({shown})",
                      BadRowsWarning, stacklevel=3)
    return frame.assign(**columns), found


def locate(
    points: Any,
    *,
    zones: gpd.GeoDataFrame | None = None,
    outlines: gpd.GeoDataFrame | None = None,
    accuracy_m: float | None = None,
    lon: str | None = None,
    lat: str | None = None,
    from_datum: str = "wgs84",
    hong_kong: bool = True,
    id_column: str = "id",
) -> Any:
    """Which zones contain each point, how surely, and how far the nearest zone boundary is.

    Parameters
    ----------
    points : GeoDataFrame, DataFrame, (lon, lat) arrays, n×2 array, or a dask (Geo)DataFrame
        Points as a GeoDataFrame of points (any CRS), or a DataFrame with
        longitude and latitude columns. A dask DataFrame or dask-geopandas
        GeoDataFrame is located partition by partition, on whatever cluster
        its client points at (``pip install 'zonemap[dask]'``).
    zones : GeoDataFrame, optional
        Polygons in any CRS, named by ``id_column`` (else the index). Omitted:
        the bundled zones with :func:`zonemap.bundled.locate_preset` (their
        inner and outer outlines), exactly as ``locate(points, zones=load_zones(), **locate_preset())``.
    outlines : GeoDataFrame, optional
        Columns ``zone`` and ``outline``: each zone's ``inner`` (surely inside)
        and ``outer`` (possibly inside) outline.
    accuracy_m : float, optional
        For zones without outlines: how far their edges may be off, in metres,
        when they have no ``accuracy_m`` column. Default: exact.
    lon, lat : str, optional
        The coordinate columns. Default: the geometry of a GeoDataFrame, else
        the one column named like ``lon``/``lng``/``longitude`` (and ``lat``/``latitude``).
    from_datum : {"wgs84", "gcj02", "bd09"}
        The datum of the coordinates: ``gcj02`` for Gaode (AMap) and Tencent,
        ``bd09`` for Baidu. They are converted to WGS-84 to be located.
    hong_kong : bool
        Whether Hong Kong points are shifted in ``from_datum`` too (as Gaode,
        Tencent and Baidu do).
    id_column : str
        The zones' id column.

    Returns
    -------
    DataFrame, GeoDataFrame or dask collection (the type given; arrays give a DataFrame)
        The points with ``zone`` (the most specific zone containing the point:
        the smallest, so a part comes before the composites containing it),
        ``zones`` (a tuple of every zone containing it, most specific first),
        ``uncertain_zones`` (those the point lies between the inner and outer
        outline of: it may or may not be in them), ``certainty``
        (``inside``: in the inner outline of its zone; ``uncertain``: in some
        zone's outer outline but not surely in a zone; ``outside``: in no
        zone's outer outline) and ``boundary_distance_m`` (metres to the
        nearest zone boundary), and ``lon_wgs84``/``lat_wgs84`` when
        converted. Bad rows (coordinates missing, not numbers, out of range)
        are kept with these empty, and a :class:`BadRowsWarning` names them.

    Raises
    ------
    TypeError, ValueError
        For points that are none of the above, or coordinate columns not found.
    ZoneDataError
        For zones that break the one rule (see :mod:`zonemap._frame`).
    MissingDependencyError
        For a dask collection when dask's dataframe module cannot be imported.

    Examples
    --------
    >>> import zonemap
    >>> found = zonemap.locate(([114.0805, 114.0444, 114.1694], [22.5223, 22.5121, 22.2819]))
    >>> found[["zone", "certainty"]].astype(object).values.tolist()
    [['loop_a', 'inside'], ['futian_bonded_zone', 'uncertain'], [nan, 'outside']]
    >>> found["zones"][0]
    ('loop_a', 'loop_zoning_plan', 'cooperation_zone')
    >>> found["boundary_distance_m"].round().tolist()
    [384.0, 178.0, 26948.0]
    """
    check_choice(from_datum, DATUMS, "datum")
    if zones is None and outlines is not None:
        raise ValueError("outlines go with zones: omitting zones means the bundled zones with their own outlines")
    spec = bundled_zone_set() if zones is None else zone_set(zones, outlines=outlines, accuracy_m=accuracy_m, id_column=id_column)
    options = {"lon": lon, "lat": lat, "from_datum": from_datum, "hong_kong": hong_kong}
    if hasattr(points, "__dask_graph__") and hasattr(points, "map_partitions"):
        return _locate_dask(points, spec, options)
    located, _ = locate_frame(points_frame(points), spec, **options)  # type: ignore[arg-type]
    return located


def _partition(frame: pd.DataFrame, spec: ZoneSet, options: dict[str, Any]) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BadRowsWarning)
        return locate_frame(frame, spec, **options)[0]


def _locate_dask(points: Any, spec: ZoneSet, options: dict[str, Any]) -> Any:
    try:
        import dask.dataframe  # noqa: F401
    except ImportError:
        raise MissingDependencyError("locate on dask", "dask", "dask") from None
    meta = _partition(points._meta, spec, options)
    return points.map_partitions(_partition, spec, options, meta=meta)
