"""The zones to locate in, with the outlines that say how sure an answer is.

Zones pass the one rule (:func:`zonemap._frame.prepare_zones`). Each zone's
inner outline (surely inside) and outer outline (possibly inside) come from
``outlines`` where it has them (the bundled ``zone_outlines`` layer); else
from its accuracy, the zone shrunk and grown by ``accuracy_m`` metres (its
``accuracy_m`` column, else the ``accuracy_m`` argument); else the zone is
taken as exact.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap._frame import prepare_zones
from zonemap.errors import ZoneDataError
from zonemap.locating._engine import ZoneSet, local_crs

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["zone_set"]

OUTLINES_SOURCE = "<outlines>"


def _accuracy(value: Any, what: str) -> float:
    """A finite, non-negative number of metres (None and NaN mean 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0.0
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{what} must be a number of metres, not {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be a finite number of metres, not negative: {value!r}")
    return float(value)


def _outlines(outlines: gpd.GeoDataFrame | None, ids: list[str]) -> dict[tuple[str, str], shapely.Geometry]:
    """The inner and outer outlines by (zone id, kind), in lon/lat, checked."""
    import geopandas as gpd

    if outlines is None or len(outlines) == 0:
        return {}
    if not isinstance(outlines, gpd.GeoDataFrame):
        raise TypeError(f"outlines must be a GeoDataFrame, not {type(outlines).__name__}")
    missing = {"zone", "outline"} - set(outlines.columns)
    if missing:
        raise ValueError(f"outlines need the columns 'zone' and 'outline'; missing {sorted(missing)}")
    if outlines.crs is None:
        raise ZoneDataError.single(OUTLINES_SOURCE, "", "has no CRS; set one with GeoDataFrame.set_crs")
    lonlat = outlines if outlines.crs.equals("EPSG:4326") else outlines.to_crs(4326)
    known = set(ids)
    found: dict[tuple[str, str], shapely.Geometry] = {}
    for zone, kind, shape in zip(lonlat["zone"].astype(str), lonlat["outline"].astype(str), lonlat.geometry.array):
        if kind not in ("inner", "outer") or zone not in known:
            continue
        label = f"'{zone}:{kind}'"
        if shape is None or shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
            raise ZoneDataError.single(OUTLINES_SOURCE, label, "is not a polygon")
        if not shape.is_valid:
            raise ZoneDataError.single(OUTLINES_SOURCE, label, f"geometry is invalid: {shapely.is_valid_reason(shape)}")
        if (zone, kind) in found:
            raise ZoneDataError.single(OUTLINES_SOURCE, label, "occurs more than once")
        found[(zone, kind)] = shape
    return found


def zone_set(zones: Any, *, outlines: gpd.GeoDataFrame | None = None, accuracy_m: float | None = None, id_column: str = "id") -> ZoneSet:
    """The zones, checked, with an inner and outer outline for each where there is doubt.

    Parameters
    ----------
    zones : GeoDataFrame or GeoSeries
        As every function takes them (see :mod:`zonemap._frame`).
    outlines : GeoDataFrame, optional
        Columns ``zone`` (a zone's id) and ``outline`` (``inner`` or ``outer``;
        other kinds are ignored), as the bundled ``zone_outlines`` layer.
    accuracy_m : float, optional
        For zones with neither outlines nor an ``accuracy_m`` value.
    id_column : str
        The column holding ids.

    Returns
    -------
    ZoneSet

    Examples
    --------
    >>> import geopandas as gpd
    >>> zones = gpd.GeoDataFrame({"id": ["a"]}, geometry=[shapely.box(114.0, 22.5, 114.01, 22.51)], crs=4326)
    >>> found = zone_set(zones, accuracy_m=50)
    >>> found.ids, round(found.outer[0].area / found.polygons[0].area, 2)
    (('a',), 1.19)
    """
    checked = prepare_zones(zones, id_column=id_column)
    ids = [str(i) for i in checked.ids]
    polygons = list(checked.geometries)
    given = _outlines(outlines, ids)
    default = _accuracy(accuracy_m, "accuracy_m")
    column = checked.frame["accuracy_m"] if "accuracy_m" in checked.frame.columns else None
    inner: list[shapely.Geometry | None] = []
    outer: list[shapely.Geometry | None] = []
    transformers = None
    for n, (ident, polygon) in enumerate(zip(ids, polygons)):
        shrunk, grown = given.get((ident, "inner")), given.get((ident, "outer"))
        if shrunk is None or grown is None:
            value = column.iloc[n] if column is not None else None
            try:
                metres = _accuracy(value, "accuracy_m") if value is not None and not _missing(value) else default
            except (TypeError, ValueError) as error:
                raise ZoneDataError.single(checked.source, repr(ident), f"accuracy_m {value!r} is not usable: {error}") from None
            if metres > 0:
                transformers = transformers or _transformers(polygons)
                shrunk = shrunk if shrunk is not None else _buffer(polygon, -metres, transformers)
                grown = grown if grown is not None else _buffer(polygon, metres, transformers)
        inner.append(shrunk)
        outer.append(grown)
    return ZoneSet(tuple(ids), tuple(polygons), tuple(inner), tuple(outer))


def _missing(value: Any) -> bool:
    try:
        return bool(np.isnan(value))
    except TypeError:
        return False


def _transformers(polygons: list[shapely.Geometry]) -> tuple[Any, Any]:
    from pyproj import Transformer

    crs = local_crs(tuple(float(v) for v in shapely.total_bounds(np.array(polygons, dtype=object))))  # type: ignore[arg-type]
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True), Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def _buffer(polygon: shapely.Geometry, metres: float, transformers: tuple[Any, Any]) -> shapely.Geometry:
    """``polygon`` grown (or shrunk, for negative ``metres``) by that many metres, in lon/lat."""
    forward, back = transformers

    def move(transformer: Any) -> Any:
        return lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    buffered = shapely.buffer(shapely.transform(polygon, move(forward)), metres, quad_segs=8)
    parts = shapely.get_parts(shapely.make_valid(shapely.transform(buffered, move(back))))
    return shapely.multipolygons(parts[shapely.get_type_id(parts) == 3])
