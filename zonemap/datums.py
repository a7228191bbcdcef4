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

import json
from collections.abc import Callable
from functools import cache
from typing import TypeVar

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from zonemap._resources import layer_bytes
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

#: The Krasovsky 1940 ellipsoid the algorithm uses: semi-major axis (m) and squared eccentricity.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_E2 = 0.00669342162296594323
_BD_FACTOR = np.pi * 3000.0 / 180.0
#: The algorithm's own rectangle for China: west, south, east, north.
CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)
#: Hong Kong and Macao outside the Shenzhen River section, coarsely (lon, lat), west and east of it.
_HONG_KONG_WEST = [(113.52, 22.10), (113.52, 22.23), (113.56, 22.22), (113.60, 22.20), (113.65, 22.13),
                   (113.82, 22.13), (113.82, 22.40), (113.90, 22.44), (113.955, 22.495)]
_HONG_KONG_EAST = [(114.185, 22.555), (114.225, 22.545), (114.245, 22.555), (114.30, 22.56), (114.44, 22.56),
                   (114.44, 22.50), (114.50, 22.40), (114.50, 22.10)]
_GeometryLike = TypeVar("_GeometryLike")  # a GeoDataFrame, a GeoSeries or an array of geometries
#: The feature of the bundled boundary layer that follows the Shenzhen River.
_RIVER_BOUNDARY_ID = "hksar_shenzhen_boundary"


@cache
def hong_kong_macao() -> shapely.Polygon:
    """Hong Kong and Macao as one polygon: exact along the Shenzhen River (the bundled boundary,
    113.995-114.160 E), coarse elsewhere (within about 1-3 km, in water or far from the zone)."""
    features = json.loads(layer_bytes("boundary"))["features"]
    boundary = next(f for f in features if f["properties"]["id"] == _RIVER_BOUNDARY_ID)
    river = [tuple(position[:2]) for position in boundary["geometry"]["coordinates"]]
    if river[0][0] > river[-1][0]:
        river.reverse()
    return shapely.Polygon(_HONG_KONG_WEST + river + _HONG_KONG_EAST)


def _offset(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The GCJ-02 offset (degrees of lon, lat) at WGS-84 points, everywhere (no mask)."""
    x, y = lon - 105.0, lat - 35.0
    xp, yp = x * np.pi, y * np.pi
    common = 20.0 * np.sin(6.0 * xp) + 20.0 * np.sin(2.0 * xp)
    d_lat = (common + 20.0 * np.sin(yp) + 40.0 * np.sin(yp / 3.0) + 160.0 * np.sin(yp / 12.0) + 320.0 * np.sin(yp / 30.0)) * 2.0 / 3.0
    d_lat += -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    d_lon = (common + 20.0 * np.sin(xp) + 40.0 * np.sin(xp / 3.0) + 150.0 * np.sin(xp / 12.0) + 300.0 * np.sin(xp / 30.0)) * 2.0 / 3.0
    d_lon += 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    radians = np.radians(lat)
    magic = 1.0 - _KRASOVSKY_E2 * np.sin(radians) ** 2
    d_lat = d_lat * 180.0 / ((_KRASOVSKY_A * (1.0 - _KRASOVSKY_E2)) / (magic * np.sqrt(magic)) * np.pi)
    d_lon = d_lon * 180.0 / (_KRASOVSKY_A / np.sqrt(magic) * np.cos(radians) * np.pi)
    return d_lon, d_lat


def offset_applies(lon: ArrayLike, lat: ArrayLike, *, hong_kong: bool = True) -> NDArray[np.bool_]:
    """Where GCJ-02 differs from WGS-84: inside the algorithm's China rectangle (and outside
    Hong Kong and Macao when ``hong_kong`` is false).

    Parameters
    ----------
    lon, lat : array_like
        Points, in degrees.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> lon, lat = [114.06, 114.17, 2.35], [22.54, 22.32, 48.86]  # Shenzhen, Kowloon, Paris
    >>> offset_applies(lon, lat).tolist(), offset_applies(lon, lat, hong_kong=False).tolist()
    ([True, True, False], [True, False, False])
    """
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    west, south, east, north = CHINA_BOX
    inside = (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
    if not hong_kong:
        inside &= ~shapely.contains_xy(hong_kong_macao(), lon, lat)
    return inside


#: A pair of arrays: longitudes and latitudes.
Pair = tuple[NDArray[np.float64], NDArray[np.float64]]


def _gcj_everywhere(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> Pair:
    d_lon, d_lat = _offset(lon, lat)
    return lon + d_lon, lat + d_lat


def _bd_everywhere(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> Pair:
    z = np.hypot(lon, lat) + 0.00002 * np.sin(lat * _BD_FACTOR)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _BD_FACTOR)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _forward(shift: Callable[..., Pair], lon: ArrayLike, lat: ArrayLike, hong_kong: bool) -> Pair:
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    moved_lon, moved_lat = shift(lon, lat)
    applies = offset_applies(lon, lat, hong_kong=hong_kong)
    return np.where(applies, moved_lon, lon), np.where(applies, moved_lat, lat)


def _inverse(shift: Callable[..., Pair], lon: ArrayLike, lat: ArrayLike, hong_kong: bool, tolerance_deg: float) -> Pair:
    """Invert ``shift`` by fixed-point iteration, then keep the result only where the offset applies there.

    Where the offset does not apply at the solution (outside China, or in Hong Kong with
    ``hong_kong=False``) the input is returned unchanged, as the forward transform left it.
    """
    target_lon, target_lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    guess_lon, guess_lat = target_lon.copy(), target_lat.copy()
    for _ in range(50):
        moved_lon, moved_lat = shift(guess_lon, guess_lat)
        error_lon, error_lat = target_lon - moved_lon, target_lat - moved_lat
        guess_lon, guess_lat = guess_lon + error_lon, guess_lat + error_lat
        if max(np.max(np.abs(error_lon), initial=0.0), np.max(np.abs(error_lat), initial=0.0)) < tolerance_deg:
            break
    applies = offset_applies(guess_lon, guess_lat, hong_kong=hong_kong)
    return np.where(applies, guess_lon, target_lon), np.where(applies, guess_lat, target_lat)


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
    return _forward(_gcj_everywhere, lon, lat, hong_kong)


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
    return _inverse(_gcj_everywhere, lon, lat, hong_kong, tolerance_deg)


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
    return _forward(_bd_everywhere, lon, lat, hong_kong)


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
    return _inverse(_bd_everywhere, lon, lat, hong_kong, tolerance_deg)


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
