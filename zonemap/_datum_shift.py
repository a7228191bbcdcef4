"""The GCJ-02 and BD-09 offsets and where they apply: the maths behind :mod:`zonemap.datums`.

The forward shifts are the published algorithm; the inverses iterate them.
Public names are re-exported, and documented, by :mod:`zonemap.datums`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from zonemap._resources import layer_bytes

__all__ = ["CHINA_BOX", "Pair", "forward", "hong_kong_macao", "inverse", "offset_applies"]

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
#: The feature of the bundled boundary layer that follows the Shenzhen River.
_RIVER_BOUNDARY_ID = "hksar_shenzhen_boundary"


@cache
def hong_kong_macao() -> shapely.Polygon:
    """Hong Kong and Macao as one polygon: exact along the Shenzhen River (the bundled boundary,
    113.995-114.160 E), coarse elsewhere (within about 1-3 km, in water or far from the zone).

    Returns
    -------
    shapely.Polygon
        In lon/lat (built once, then cached).

    Examples
    --------
    >>> area = hong_kong_macao()
    >>> area.contains(shapely.Point(114.17, 22.32)), area.contains(shapely.Point(114.06, 22.54))  # Kowloon, Futian
    (True, False)
    """
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


def forward(to_datum: str, lon: ArrayLike, lat: ArrayLike, hong_kong: bool) -> Pair:
    """One step forward, WGS-84 to GCJ-02 (``to_datum="gcj02"``) or GCJ-02 to BD-09 (``"bd09"``), where the offset applies.

    Parameters
    ----------
    to_datum : {"gcj02", "bd09"}
        The step.
    lon, lat : array_like
        Coordinates in the datum before the step.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.

    Returns
    -------
    (ndarray, ndarray)
        lon and lat after the step; unchanged where the offset does not apply.

    Examples
    --------
    >>> lon, lat = forward("gcj02", [116.404, 2.35], [39.915, 48.86], True)
    >>> lon.round(6).tolist(), lat.round(6).tolist()
    ([116.410244, 2.35], [39.916404, 48.86])
    """
    shift = _STEPS[to_datum]
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    moved_lon, moved_lat = shift(lon, lat)
    applies = offset_applies(lon, lat, hong_kong=hong_kong)
    return np.where(applies, moved_lon, lon), np.where(applies, moved_lat, lat)


def inverse(to_datum: str, lon: ArrayLike, lat: ArrayLike, hong_kong: bool, tolerance_deg: float) -> Pair:
    """Undo :func:`forward` by fixed-point iteration, then keep the result only where the offset applies there.

    Where the offset does not apply at the solution (outside China, or in Hong Kong with
    ``hong_kong=False``) the input is returned unchanged, as the forward transform left it.

    Parameters
    ----------
    to_datum : {"gcj02", "bd09"}
        The step to undo: GCJ-02 back to WGS-84, or BD-09 back to GCJ-02.
    lon, lat : array_like
        Coordinates in ``to_datum``.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted too.
    tolerance_deg : float
        Stop iterating when the round trip is this close, in degrees.

    Returns
    -------
    (ndarray, ndarray)
        lon and lat before the step.

    Examples
    --------
    >>> lon, lat = inverse("gcj02", [116.410244499, 2.35], [39.916404282, 48.86], True, 1e-11)
    >>> lon.round(6).tolist(), lat.round(6).tolist()
    ([116.404, 2.35], [39.915, 48.86])
    """
    shift = _STEPS[to_datum]
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




_STEPS: dict[str, Callable[[NDArray[np.float64], NDArray[np.float64]], Pair]] = {"gcj02": _gcj_everywhere, "bd09": _bd_everywhere}
