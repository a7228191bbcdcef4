"""Choice of a metric CRS for measuring, and moving geometries in and out of it.

Around the Shenzhen River zonemap measures in **EPSG:2326, Hong Kong 1980 Grid**:
a Transverse Mercator whose scale error over the zone is below 0.001 % in area
(checked against geodesic areas in the tests), the grid the Hong Kong survey data
is published in, and valid on both banks of the river. UTM 50N would overstate
areas here by 0.145 % and Web Mercator by 17.7 %. For data elsewhere zonemap
uses a Lambert azimuthal equal-area projection centred on the data, which keeps
areas exact and distances within a fraction of a percent over a city. Data
already in a projected CRS whose scale error over the data is below 0.01 %
(checked with pyproj's projection factors) is measured in that CRS as it is.
"""

from __future__ import annotations

from typing import TypeVar

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Proj, Transformer
from pyproj.crs import ProjectedCRS
from pyproj.crs.coordinate_operation import LambertAzimuthalEqualAreaConversion
from shapely.geometry.base import BaseGeometry

__all__ = ["FAITHFUL_SCALE", "HK_GRID", "faithful", "lonlat_bounds", "metric_crs", "to_lonlat", "to_metric"]

#: The metric CRS used for the bundled zones.
HK_GRID = CRS.from_epsg(2326)
_HK_GRID_AREA = (113.76, 22.13, 114.51, 22.58)  # lon/lat area of use of EPSG:2326
#: Largest scale error (lengths and areas) at which zonemap measures in the data's own projected CRS.
FAITHFUL_SCALE = 1e-4

_G = TypeVar("_G", BaseGeometry, np.ndarray)  # one geometry or an array of them


def metric_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> CRS:
    """Pick a metric CRS suited to where the data lies.

    Parameters
    ----------
    frame : GeoDataFrame or GeoSeries
        Data with a geographic or projected CRS.

    Returns
    -------
    pyproj.CRS
        The data's own CRS when it is projected in metres with a scale error
        below :data:`FAITHFUL_SCALE` over the data; else EPSG:2326 (Hong Kong
        1980 Grid) when the data lies within its area of use (Hong Kong and the
        Shenzhen River); else a Lambert azimuthal equal-area CRS centred on the data.

    Examples
    --------
    >>> import zonemap
    >>> metric_crs(zonemap.load_zones()).to_epsg()
    2326
    """
    west, south, east, north = lonlat_bounds(frame)
    if frame.crs is not None and faithful(frame.crs, (west, south, east, north)):
        return frame.crs
    hk_west, hk_south, hk_east, hk_north = _HK_GRID_AREA
    if west >= hk_west and east <= hk_east and south >= hk_south and north <= hk_north:
        return HK_GRID
    lon = float((west + east) / 2) if np.isfinite(west) else 0.0
    lat = float((south + north) / 2) if np.isfinite(south) else 0.0
    return ProjectedCRS(
        name=f"Lambert azimuthal equal-area centred on {lat:.4f} N {lon:.4f} E",
        conversion=LambertAzimuthalEqualAreaConversion(latitude_natural_origin=lat, longitude_natural_origin=lon),
    )


def lonlat_bounds(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> tuple[float, float, float, float]:
    """The data's bounds in lon/lat, transforming only the bounding box (densified), not the data.

    Parameters
    ----------
    frame : GeoDataFrame or GeoSeries
        Data in any CRS (or none, taken as lon/lat).

    Returns
    -------
    (float, float, float, float)
        West, south, east, north, in degrees.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> square = gpd.GeoSeries([box(833000, 840000, 834000, 841000)], crs=2326)
    >>> [round(v, 4) for v in lonlat_bounds(square)]
    [114.1451, 22.4996, 114.1548, 22.5086]
    """
    bounds = tuple(float(v) for v in frame.total_bounds)
    if frame.crs is None or frame.crs.is_geographic or not np.isfinite(bounds).all():
        return bounds  # type: ignore[return-value]
    west, south, east, north = bounds
    return Transformer.from_crs(frame.crs, 4326, always_xy=True).transform_bounds(west, south, east, north, densify_pts=21)


def faithful(crs: CRS, bounds: tuple[float, float, float, float], tolerance: float = FAITHFUL_SCALE) -> bool:
    """Whether a projected metre CRS measures lengths and areas within ``tolerance`` over lon/lat ``bounds``.

    Parameters
    ----------
    crs : pyproj.CRS
        The CRS.
    bounds : (float, float, float, float)
        West, south, east, north, in degrees.
    tolerance : float
        The largest scale error allowed (1e-4 is 0.01 %).

    Returns
    -------
    bool
        False for geographic CRSs, CRSs in other units, and where pyproj cannot
        give the projection factors.

    Examples
    --------
    >>> from pyproj import CRS
    >>> loop = (114.07, 22.50, 114.10, 22.52)
    >>> faithful(HK_GRID, loop), faithful(CRS.from_epsg(32650), loop), faithful(CRS.from_epsg(4326), loop)
    (True, False, False)
    """
    if not crs.is_projected or not np.isfinite(bounds).all():
        return False
    if any(axis.unit_name not in ("metre", "meter") for axis in crs.axis_info):
        return False
    lons, lats = np.meshgrid(np.linspace(bounds[0], bounds[2], 3), np.linspace(bounds[1], bounds[3], 3))
    try:
        factors = Proj(crs).get_factors(lons.ravel(), lats.ravel())
    except Exception:  # pyproj cannot say for some conversions: do not trust them
        return False
    scales = np.concatenate([factors.meridional_scale, factors.parallel_scale, factors.areal_scale])
    return bool(np.isfinite(scales).all() and np.abs(scales - 1).max() < tolerance)


def _apply(transformer: Transformer, geometry: _G) -> _G:
    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, transform)


def to_metric(geometry: _G, crs: CRS = HK_GRID) -> _G:
    """Project lon/lat geometries (one or an array) into ``crs``.

    Parameters
    ----------
    geometry : shapely geometry or ndarray of them
        In lon/lat (EPSG:4326, x = longitude).
    crs : pyproj.CRS
        The target CRS.

    Returns
    -------
    shapely geometry or ndarray of them
        The same shape as ``geometry``.

    Examples
    --------
    >>> from shapely import Point
    >>> point = to_metric(Point(114.0742, 22.5176))
    >>> round(point.x), round(point.y)
    (825705, 841995)
    """
    return _apply(Transformer.from_crs(4326, crs, always_xy=True), geometry)


def to_lonlat(geometry: _G, crs: CRS = HK_GRID) -> _G:
    """Project geometries (one or an array) from ``crs`` back to lon/lat.

    Parameters
    ----------
    geometry : shapely geometry or ndarray of them
        In ``crs``.
    crs : pyproj.CRS
        Their CRS.

    Returns
    -------
    shapely geometry or ndarray of them
        In lon/lat (x = longitude), the same shape as ``geometry``.

    Examples
    --------
    >>> from shapely import Point
    >>> point = to_lonlat(Point(825705, 841995))
    >>> round(point.x, 4), round(point.y, 4)
    (114.0742, 22.5176)
    """
    return _apply(Transformer.from_crs(crs, 4326, always_xy=True), geometry)
