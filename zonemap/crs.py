"""Choice of a metric CRS for measuring, and moving geometries in and out of it.

Around the Shenzhen River zonemap measures in **EPSG:2326, Hong Kong 1980 Grid**:
a Transverse Mercator whose scale error over the zone is below 0.001 % in area
(checked against geodesic areas in the tests), the grid the Hong Kong survey data
is published in, and valid on both banks of the river. UTM 50N would overstate
areas here by 0.145 % and Web Mercator by 17.7 %. For data elsewhere zonemap
uses a Lambert azimuthal equal-area projection centred on the data, which keeps
areas exact and distances within a fraction of a percent over a city.
"""

from __future__ import annotations

from typing import TypeVar

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.crs import ProjectedCRS
from pyproj.crs.coordinate_operation import LambertAzimuthalEqualAreaConversion
from shapely.geometry.base import BaseGeometry

#: The metric CRS used for the bundled zones.
HK_GRID = CRS.from_epsg(2326)
_HK_GRID_AREA = (113.76, 22.13, 114.51, 22.58)  # lon/lat area of use of EPSG:2326

G = TypeVar("G", BaseGeometry, np.ndarray)


def metric_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> CRS:
    """Pick a metric CRS suited to where the data lies.

    Parameters
    ----------
    frame : GeoDataFrame or GeoSeries
        Data with a geographic or projected CRS.

    Returns
    -------
    pyproj.CRS
        EPSG:2326 (Hong Kong 1980 Grid) when the data lies within its area of use
        (Hong Kong and the Shenzhen River), else a Lambert azimuthal equal-area
        CRS centred on the data.
    """
    lonlat = frame.to_crs(4326) if frame.crs is not None and not frame.crs.equals(CRS.from_epsg(4326)) else frame
    west, south, east, north = lonlat.total_bounds
    hk_west, hk_south, hk_east, hk_north = _HK_GRID_AREA
    if west >= hk_west and east <= hk_east and south >= hk_south and north <= hk_north:
        return HK_GRID
    lon = float((west + east) / 2) if np.isfinite(west) else 0.0
    lat = float((south + north) / 2) if np.isfinite(south) else 0.0
    return ProjectedCRS(
        name=f"Lambert azimuthal equal-area centred on {lat:.4f} N {lon:.4f} E",
        conversion=LambertAzimuthalEqualAreaConversion(latitude_natural_origin=lat, longitude_natural_origin=lon),
    )


def _apply(transformer: Transformer, geometry: G) -> G:
    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, transform)


def to_metric(geometry: G, crs: CRS = HK_GRID) -> G:
    """Project lon/lat geometries (one or an array) into ``crs``."""
    return _apply(Transformer.from_crs(4326, crs, always_xy=True), geometry)


def to_lonlat(geometry: G, crs: CRS = HK_GRID) -> G:
    """Project geometries (one or an array) from ``crs`` back to lon/lat."""
    return _apply(Transformer.from_crs(crs, 4326, always_xy=True), geometry)
