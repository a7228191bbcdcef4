"""Whether zones lie within the range of their own CRS.

A projection's inverse wraps coordinates beyond its range round the globe
(x = 1e8 m in Web Mercator comes back as 178.3° E), so the lon/lat ranges that
:func:`zonemap._geometry.geometry_problems` checks cannot see them; taking the
corners of the zones' bounds to lon/lat and back can.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap.errors import Problem

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["outside_crs"]


def outside_crs(zones: gpd.GeoDataFrame, labels: Sequence[str], source: str) -> list[Problem]:
    """Zones whose bounds do not come back from lon/lat to where they were: outside their CRS's range.

    A projection's inverse wraps coordinates beyond its range round the globe
    (x = 1e8 m in Web Mercator becomes 178.3° E), so lon/lat ranges alone cannot
    see them. The corners of all the zones' bounds are taken to lon/lat and
    back; only when one does not come back is each zone's checked.

    Parameters
    ----------
    zones : GeoDataFrame
        Zones in their own CRS (not yet reprojected).
    labels : sequence of str
        How each zone is named in messages.
    source : str
        Named in messages.

    Returns
    -------
    list of Problem
        One for each zone outside its CRS's range.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> far = gpd.GeoDataFrame(geometry=[box(1.27e7, 2.57e6, 1.271e7, 2.58e6), box(0, 0, 1e8, 1e8)], crs=3857)
    >>> [str(p) for p in outside_crs(far, ["'near'", "'far'"], "f.gpkg")]
    ["f.gpkg: feature 'far': bounds [0.0, 0.0, 100000000.0, 100000000.0] are out of range for its CRS (WGS 84 / Pseudo-Mercator)"]
    """
    import shapely

    bounds = shapely.bounds(zones.geometry.array)
    with np.errstate(invalid="ignore"):
        whole = np.array([[np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1]), np.nanmax(bounds[:, 2]), np.nanmax(bounds[:, 3])]])
    corners = np.array([[whole[0, 0], whole[0, 1], whole[0, 2], whole[0, 3]], [whole[0, 0], whole[0, 3], whole[0, 2], whole[0, 1]]])
    if not _wrapped(corners, zones.crs).any():  # the corners of all the zones' bounds come back: so does everything within
        return []
    name = zones.crs.name
    return [Problem(source, labels[int(i)], f"bounds {np.round(bounds[i], 3).tolist()} are out of range for its CRS ({name})")
            for i in np.flatnonzero(_wrapped(bounds, zones.crs))]


def _wrapped(bounds: np.ndarray, crs: Any) -> np.ndarray:
    """For each row of bounds, whether a corner does not come back from lon/lat to where it was (non-finite rows: False)."""
    from pyproj import Transformer

    x, y = bounds[:, [0, 2]].ravel(), bounds[:, [1, 3]].ravel()
    lon, lat = Transformer.from_crs(crs, 4326, always_xy=True).transform(x, y, errcheck=False)
    back_x, back_y = Transformer.from_crs(4326, crs, always_xy=True).transform(lon, lat, errcheck=False)
    with np.errstate(invalid="ignore", over="ignore"):
        moved = np.hypot(np.subtract(back_x, x), np.subtract(back_y, y)).reshape(-1, 2).max(axis=1)
        scale = np.abs(bounds).max(axis=1)  # a wrap moves a point by the globe's size; a round trip by millimetres
        return np.isfinite(bounds).all(axis=1) & ~(moved <= 1.0 + 1e-6 * scale)
