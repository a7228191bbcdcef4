"""Chinese map datums: WGS-84, GCJ-02 (Gaode/AMap, Tencent) and BD-09 (Baidu), vectorised.

GCJ-02 is WGS-84 with a deliberate, non-linear offset (about 600 m at the Loop,
more than the Loop is wide); BD-09 adds Baidu's own offset on top of GCJ-02.
Tiles and coordinates from Chinese map apps are in these datums, so WGS-84
polygons drawn on them, or their points read as WGS-84, land in the wrong place.

The forward transforms are the published algorithm as implemented by
wandergis/coordtransform and googollee/eviltransform (Krasovsky ellipsoid,
a = 6378245 m, e² = 0.00669342162296594323; BD-09 rotates and scales GCJ-02
about the origin with 3000·π/180). The inverses are iterative, so a round
trip is exact to far below 0.01 m (the usual one-step inverses are 1-2 m off).

Why not a package: those on PyPI are scalar (one point per Python call).
eviltransform 0.1.1 takes a = 6378137 m, so its forward results miss its own
reference pairs by up to 1.1e-7°, and its exact inverse stops at 1e-6°
(about 0.1 m); coord-convert 0.2.1 has the right ellipsoid but stops its
inverse at 1e-6° too and inverts BD-09 in closed form (up to 1e-6° off).
Neither can leave Hong Kong unshifted. The formulas are short; numpy runs
them over whole geometries.

Where the offset applies: inside the rectangle the algorithm defines for China
(72.004-137.8347 E, 0.8293-55.8271 N). Hong Kong and Macao lie inside it, and
providers differ there: Gaode, Tencent and Baidu draw their Hong Kong tiles in
their datum too, so the default is ``hong_kong=True`` (offset applied); pass
``hong_kong=False`` for sources that leave Hong Kong and Macao in WGS-84.
With ``hong_kong=False`` the transform jumps at the boundary: within about
600 m of it a Shenzhen point and a Hong Kong point can share GCJ-02
coordinates, and the inverse picks the Shenzhen one.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from zonemap._datum_shift import CHINA_BOX, Pair, forward, hong_kong_macao, inverse, offset_applies
from zonemap.choices import DATUMS, check_choice

__all__ = [
    "CHINA_BOX",
    "DATUMS",
    "Pair",
    "bd09_to_gcj02",
    "convert",
    "convert_coordinates",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "hong_kong_macao",
    "offset_applies",
    "shift_m",
    "wgs84_to_gcj02",
]

_GeometryLike = TypeVar("_GeometryLike")  # a GeoDataFrame, a GeoSeries or an array of geometries


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike, *, hong_kong: bool = True) -> Pair:
    """WGS-84 to GCJ-02 (Gaode/AMap, Tencent), arrays in, arrays out.

    Parameters
    ----------
    lon, lat : array_like
        WGS-84 coordinates.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too (see the module notes).

    Returns
    -------
    (ndarray, ndarray)
        GCJ-02 lon and lat.

    Examples
    --------
    >>> lon, lat = wgs84_to_gcj02(116.404, 39.915)
    >>> round(float(lon), 9), round(float(lat), 9)
    (116.410244499, 39.916404282)
    """
    return forward("gcj02", lon, lat, hong_kong)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike, *, hong_kong: bool = True, tolerance_deg: float = 1e-11) -> Pair:
    """GCJ-02 to WGS-84, iterating the forward transform to ``tolerance_deg`` (1e-11° is about 1 µm).

    Parameters
    ----------
    lon, lat : array_like
        GCJ-02 coordinates.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.
    tolerance_deg : float
        Stop iterating when the round trip is this close, in degrees.

    Returns
    -------
    (ndarray, ndarray)
        WGS-84 lon and lat.

    Examples
    --------
    >>> lon, lat = gcj02_to_wgs84(116.410244499, 39.916404282)
    >>> round(float(lon), 6), round(float(lat), 6)
    (116.404, 39.915)
    """
    return inverse("gcj02", lon, lat, hong_kong, tolerance_deg)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike, *, hong_kong: bool = True) -> Pair:
    """GCJ-02 to BD-09 (Baidu).

    Parameters
    ----------
    lon, lat : array_like
        GCJ-02 coordinates.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.

    Returns
    -------
    (ndarray, ndarray)
        BD-09 lon and lat.

    Examples
    --------
    >>> lon, lat = gcj02_to_bd09(116.404, 39.915)
    >>> round(float(lon), 6), round(float(lat), 6)
    (116.410369, 39.921337)
    """
    return forward("bd09", lon, lat, hong_kong)


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike, *, hong_kong: bool = True, tolerance_deg: float = 1e-11) -> Pair:
    """BD-09 to GCJ-02 by iterating :func:`gcj02_to_bd09` (the usual closed form is up to 1e-6° off).

    Parameters
    ----------
    lon, lat : array_like
        BD-09 coordinates.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.
    tolerance_deg : float
        Stop iterating when the round trip is this close, in degrees.

    Returns
    -------
    (ndarray, ndarray)
        GCJ-02 lon and lat.

    Examples
    --------
    >>> lon, lat = bd09_to_gcj02(116.410369, 39.921337)
    >>> round(float(lon), 5), round(float(lat), 5)
    (116.404, 39.915)
    """
    return inverse("bd09", lon, lat, hong_kong, tolerance_deg)


def convert_coordinates(lon: ArrayLike, lat: ArrayLike, from_datum: str, to_datum: str, *, hong_kong: bool = True) -> Pair:
    """Convert lon/lat arrays between any two of :data:`DATUMS`.

    Parameters
    ----------
    lon, lat : array_like
        Coordinates in ``from_datum``.
    from_datum, to_datum : {"wgs84", "gcj02", "bd09"}
        The datum of the input, and the datum wanted.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too (see the module notes).

    Returns
    -------
    (ndarray, ndarray)
        lon and lat in ``to_datum``.

    Examples
    --------
    >>> lon, lat = convert_coordinates(114.0742, 22.5176, "wgs84", "bd09")
    >>> back = convert_coordinates(lon, lat, "bd09", "wgs84")
    >>> round(float(back[0]), 9), round(float(back[1]), 9)
    (114.0742, 22.5176)
    """
    check_choice(from_datum, DATUMS, "datum")
    check_choice(to_datum, DATUMS, "datum")
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if from_datum == to_datum:
        return lon.copy(), lat.copy()
    if from_datum == "bd09":
        lon, lat = bd09_to_gcj02(lon, lat, hong_kong=hong_kong)
    elif from_datum == "wgs84":
        lon, lat = wgs84_to_gcj02(lon, lat, hong_kong=hong_kong)
    # Now in GCJ-02.
    if to_datum == "wgs84":
        return gcj02_to_wgs84(lon, lat, hong_kong=hong_kong)
    if to_datum == "bd09":
        return gcj02_to_bd09(lon, lat, hong_kong=hong_kong)
    return lon, lat


def convert(data: _GeometryLike, from_datum: str, to_datum: str, *, hong_kong: bool = True) -> _GeometryLike:
    """Convert whole geometries between datums: a GeoDataFrame, a GeoSeries or an array of shapely geometries.

    GeoDataFrames and GeoSeries must be in lon/lat (EPSG:4326, which is how the
    CRS of GCJ-02 and BD-09 data is usually, wrongly, declared); the result keeps
    that CRS label. Heights, where there are any, are kept.

    Parameters
    ----------
    data : GeoDataFrame, GeoSeries or array of shapely geometries
        The geometries, in ``from_datum``.
    from_datum, to_datum : {"wgs84", "gcj02", "bd09"}
        The datum of the input, and the datum wanted.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.

    Returns
    -------
    Same type as ``data``
        A copy with moved coordinates.

    Examples
    --------
    >>> from shapely import Point
    >>> moved = convert([Point(114.0742, 22.5176)], "wgs84", "gcj02")
    >>> round(moved[0].x, 6), round(moved[0].y, 6)
    (114.079325, 22.514905)
    """
    check_choice(from_datum, DATUMS, "datum")
    check_choice(to_datum, DATUMS, "datum")

    def shift(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
        moved = coordinates.copy()
        moved[:, 0], moved[:, 1] = convert_coordinates(coordinates[:, 0], coordinates[:, 1], from_datum, to_datum, hong_kong=hong_kong)
        return moved

    geometry = getattr(data, "geometry", None)
    if geometry is None:
        return shapely.transform(np.asarray(data, dtype=object), shift, include_z=None)  # type: ignore[return-value]
    crs = data.crs  # type: ignore[attr-defined]
    if crs is not None and not crs.is_geographic:
        raise ValueError(f"datum conversion needs lon/lat; the data are in {crs.name}: use to_crs(4326) first")
    moved = shapely.transform(np.asarray(geometry.array, dtype=object), shift, include_z=None)
    if data is geometry:  # a GeoSeries
        return type(data)(moved, index=data.index, crs=crs, name=data.name)  # type: ignore[call-arg,attr-defined]
    return data.set_geometry(type(geometry)(moved, index=data.index, crs=crs))  # type: ignore[attr-defined,call-arg]


def shift_m(lon: ArrayLike, lat: ArrayLike, from_datum: str = "wgs84", to_datum: str = "gcj02", *, hong_kong: bool = True) -> NDArray[np.float64]:
    """How far (metres, on the WGS-84 ellipsoid) the conversion moves each point.

    Parameters
    ----------
    lon, lat : array_like
        Points in ``from_datum``.
    from_datum, to_datum : {"wgs84", "gcj02", "bd09"}
        The conversion.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.

    Returns
    -------
    ndarray
        Metres, one per point.

    Examples
    --------
    >>> round(float(shift_m(114.0742, 22.5176)), 1)
    605.9
    """
    from pyproj import Geod

    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    moved_lon, moved_lat = convert_coordinates(lon, lat, from_datum, to_datum, hong_kong=hong_kong)
    return np.asarray(Geod(ellps="WGS84").inv(lon, lat, moved_lon, moved_lat)[2])
