"""Areas of zones: geodesic on the WGS-84 ellipsoid and planar in a metric CRS, against official figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap._frame import prepare_zones
from zonemap.crs import metric_crs

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["MU_M2", "OUTLINE_COLUMNS", "areas", "geodesic_area_perimeter", "outline_areas"]

#: One mu (亩), the Chinese land unit: 1/15 of a hectare, about 666.67 m².
MU_M2 = 10_000 / 15
#: Outline kinds of an ``outlines`` frame and the area column each fills.
OUTLINE_COLUMNS = {
    "inner": "area_min_m2",
    "outer": "area_max_m2",
    "land": "area_land_m2",
    "to_boundary": "area_to_boundary_m2",
}


def geodesic_area_perimeter(geometries: Any) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic areas (m²) and perimeters (m) of lon/lat geometries on WGS-84.

    Parameters
    ----------
    geometries : array_like of shapely geometries
        In lon/lat (EPSG:4326). Holes are subtracted; parts of MultiPolygons added.

    Returns
    -------
    (ndarray, ndarray)
        Unsigned areas and perimeters, computed by pyproj's ``Geod`` (Karney's algorithm).

    Examples
    --------
    >>> from shapely import box
    >>> area, perimeter = geodesic_area_perimeter([box(114.0, 22.5, 114.01, 22.51)])
    >>> round(float(area[0])), round(float(perimeter[0]))
    (1139403, 4273)
    """
    from pyproj import Geod

    ellipsoid = Geod(ellps="WGS84")
    geometries = np.asarray(geometries, dtype=object)
    parts, part_of = shapely.get_parts(geometries, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    exterior = np.r_[True, ring_of[1:] != ring_of[:-1]] if len(rings) else np.zeros(0, bool)
    coordinates, ring_index = shapely.get_coordinates(rings, return_index=True)
    starts = np.searchsorted(ring_index, np.arange(len(rings) + 1)).tolist()
    ring_area = np.empty(len(rings))
    ring_perimeter = np.empty(len(rings))
    all_lons, all_lats = np.ascontiguousarray(coordinates[:, 0]), np.ascontiguousarray(coordinates[:, 1])  # slices need no copy
    for i in range(len(rings)):  # one C call per ring; pyproj has no batch form
        lons, lats = all_lons[starts[i] : starts[i + 1]], all_lats[starts[i] : starts[i + 1]]
        ring_area[i], ring_perimeter[i] = ellipsoid.polygon_area_perimeter(lons, lats)
    signed = np.where(exterior, np.abs(ring_area), -np.abs(ring_area))
    owner = part_of[ring_of]
    area = np.bincount(owner, weights=signed, minlength=len(geometries))
    perimeter = np.bincount(owner, weights=ring_perimeter, minlength=len(geometries))
    return np.abs(area), perimeter


def areas(zones: gpd.GeoDataFrame | None = None, *, id_column: str = "id", outlines: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Area of each zone, geodesic and planar, set against its official figure.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygon zones in any CRS, named by the ``id`` column (else the index).
        ``official_area_m2``, where present, gives the official figure.
        Omitted: the bundled zones with :func:`zonemap.bundled.areas_preset`.
    id_column : str
        The column holding ids.
    outlines : GeoDataFrame, optional
        Other outlines of the same zones, one row each, with columns ``zone``
        (the zone's id) and ``outline``: ``inner`` (surely inside) and
        ``outer`` (possibly inside) give the area range, ``land`` and
        ``to_boundary`` the areas to a river's bank and to a boundary in
        mid-river.

    Returns
    -------
    DataFrame
        One row per zone, in order: ``id``, ``name_en``, ``status``,
        ``geodesic_area_m2`` (WGS-84 ellipsoid), ``planar_area_m2`` in
        ``planar_crs`` (see :func:`zonemap.crs.metric_crs`),
        ``planar_vs_geodesic_pct``, ``perimeter_m`` (geodesic), the geodesic
        area in ``area_ha``, ``area_km2`` and ``area_mu`` (亩),
        ``official_area_m2``, ``official_diff_pct`` (computed minus official,
        relative to official), and ``area_min_m2``, ``area_max_m2``,
        ``area_land_m2``, ``area_to_boundary_m2`` (NaN where no such outline).

    Raises
    ------
    TypeError, ZoneDataError
        As :func:`zonemap._frame.prepare_zones`: the same rule as every other function.

    Examples
    --------
    >>> import zonemap
    >>> table = zonemap.areas()
    >>> table.set_index("id").loc["loop_a", "official_area_m2"]
    np.float64(877000.0)
    """
    import pandas as pd

    if zones is None:
        from zonemap.bundled import areas_preset, load_zones

        return areas(load_zones(), id_column=id_column, **areas_preset())
    checked = prepare_zones(zones, id_column=id_column)
    lonlat, ids = checked.frame, checked.ids
    geodesic, perimeter = geodesic_area_perimeter(checked.geometries)
    crs = metric_crs(lonlat)
    planar = shapely.area(lonlat.geometry.to_crs(crs).array)
    official = (
        pd.to_numeric(lonlat["official_area_m2"], errors="coerce").to_numpy(dtype=float)
        if "official_area_m2" in lonlat
        else np.full(len(lonlat), np.nan)
    )
    table = pd.DataFrame(
        {
            "id": ids,
            "name_en": lonlat["name_en"].to_numpy() if "name_en" in lonlat else np.full(len(ids), None),
            "status": lonlat["status"].to_numpy() if "status" in lonlat else np.full(len(ids), None),
            "geodesic_area_m2": geodesic,
            "planar_area_m2": planar,
            "planar_crs": crs.name,
            "planar_vs_geodesic_pct": (planar - geodesic) / geodesic * 100,
            "perimeter_m": perimeter,
            "area_ha": geodesic / 1e4,
            "area_km2": geodesic / 1e6,
            "area_mu": geodesic / MU_M2,
            "official_area_m2": official,
            "official_diff_pct": (geodesic - official) / official * 100,
        }
    )
    for column, values in outline_areas(outlines, ids).items():
        table[column] = values
    return table


def outline_areas(outlines: gpd.GeoDataFrame | None, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Geodesic areas of each zone's other outlines (inner, outer, land, to boundary), by area column.

    Parameters
    ----------
    outlines : GeoDataFrame, optional
        One row per zone and outline, with the columns ``zone`` and ``outline`` (as the bundled ``zone_outlines``).
    ids : ndarray of str
        The zones, in the order of the result.

    Returns
    -------
    dict of str to ndarray
        For each column of :data:`OUTLINE_COLUMNS`, the area in m² per zone (NaN where a zone has no such outline).

    Examples
    --------
    >>> import numpy as np
    >>> from zonemap.bundled import load_layer
    >>> found = outline_areas(load_layer("zone_outlines"), np.array(["loop_a", "elsewhere"]))
    >>> sorted(found) == sorted(OUTLINE_COLUMNS.values()), bool(found["area_min_m2"][0] < found["area_max_m2"][0])
    (True, True)
    >>> bool(np.isnan(found["area_min_m2"][1]))
    True
    """
    columns = {column: np.full(len(ids), np.nan) for column in OUTLINE_COLUMNS.values()}
    if outlines is None:
        return columns
    if getattr(outlines, "crs", None) is None or not hasattr(outlines, "geometry"):
        raise TypeError("outlines must be a GeoDataFrame with a CRS and the columns 'zone' and 'outline'")
    if len(outlines) == 0:
        return columns
    missing = {"zone", "outline"} - set(outlines.columns)
    if missing:
        raise ValueError(f"outlines need the columns 'zone' and 'outline'; missing {sorted(missing)}")
    lonlat = outlines.to_crs(4326)
    area, _ = geodesic_area_perimeter(lonlat.geometry.array)
    position = {str(i): n for n, i in enumerate(ids)}
    for zone_id, kind, value in zip(lonlat["zone"].astype(str), lonlat["outline"].astype(str), area):
        if kind in OUTLINE_COLUMNS and zone_id in position:
            columns[OUTLINE_COLUMNS[kind]][position[zone_id]] = value
    return columns
