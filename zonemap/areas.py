"""Areas of zones: geodesic on the WGS-84 ellipsoid and planar in a metric CRS."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from zonemap.crs import metric_crs
from zonemap.errors import ZoneDataError
from zonemap.loading import load_zones
from zonemap.validation import polygon_problems

WGS84_ELLIPSOID = Geod(ellps="WGS84")
#: One mu (亩), the Chinese land unit: 1/15 of a hectare, about 666.67 m².
MU_M2 = 10_000 / 15


def geodesic_area_perimeter(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic areas (m²) and perimeters (m) of lon/lat geometries on WGS-84.

    Parameters
    ----------
    geometries : array of shapely geometries
        In lon/lat (EPSG:4326).

    Returns
    -------
    (ndarray, ndarray)
        Unsigned areas and perimeters, computed by pyproj's ``Geod`` (Karney's
        algorithm), holes subtracted.
    """
    geometries = np.asarray(geometries, dtype=object)
    parts, part_of = shapely.get_parts(geometries, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    exterior = np.r_[True, ring_of[1:] != ring_of[:-1]] if len(rings) else np.zeros(0, bool)
    coordinates, ring_index = shapely.get_coordinates(rings, return_index=True)
    starts = np.searchsorted(ring_index, np.arange(len(rings) + 1))
    ring_area = np.empty(len(rings))
    ring_perimeter = np.empty(len(rings))
    for i in range(len(rings)):  # one C call per ring; pyproj has no batch form
        lons, lats = coordinates[starts[i] : starts[i + 1], 0], coordinates[starts[i] : starts[i + 1], 1]
        ring_area[i], ring_perimeter[i] = WGS84_ELLIPSOID.polygon_area_perimeter(lons, lats)
    signed = np.where(exterior, np.abs(ring_area), -np.abs(ring_area))
    owner = part_of[ring_of]
    area = np.bincount(owner, weights=signed, minlength=len(geometries))
    perimeter = np.bincount(owner, weights=ring_perimeter, minlength=len(geometries))
    return np.abs(area), perimeter


def areas(zones: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Area of each zone, geodesic and planar, set against its official figure.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygon zones in any CRS; the bundled zones when omitted. An ``id``
        column, where present, names the rows; ``official_area_m2`` where
        present gives the official figure.

    Returns
    -------
    DataFrame
        One row per zone: ``geodesic_area_m2`` (WGS-84 ellipsoid),
        ``planar_area_m2`` in ``planar_crs`` (EPSG:2326 Hong Kong 1980 Grid for
        the bundled zones, see :mod:`zonemap.crs`), ``planar_vs_geodesic_pct``,
        ``perimeter_m`` (geodesic), the geodesic area in ``area_ha``,
        ``area_km2`` and ``area_mu`` (亩), ``official_area_m2`` and
        ``official_diff_pct`` (computed minus official, relative to official).

    Raises
    ------
    ZoneDataError
        If a zone is not a polygon or has no CRS.

    Examples
    --------
    >>> import zonemap
    >>> table = zonemap.areas()
    >>> bool(abs(table.loc[table.id == "loop_a", "official_diff_pct"].item()) < 3)
    True
    """
    zones = load_zones() if zones is None else zones
    if zones.crs is None:
        raise ZoneDataError.single("<zones>", "", "has no CRS; set one with GeoDataFrame.set_crs")
    lonlat = zones.to_crs(4326)
    ids = lonlat["id"].astype(str).to_numpy() if "id" in lonlat else np.arange(len(lonlat)).astype(str)
    problems = polygon_problems(lonlat.geometry.array, [repr(i) for i in ids], "<zones>")
    if problems:
        raise ZoneDataError(problems)
    geodesic, perimeter = geodesic_area_perimeter(lonlat.geometry.array)
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
            "name_en": lonlat["name_en"].to_numpy() if "name_en" in lonlat else ids,
            "status": lonlat["status"].to_numpy() if "status" in lonlat else None,
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
    return table


def format_areas(table: pd.DataFrame, style: str = "text") -> str:
    """The :func:`areas` table for people: ``style`` "text" for a terminal, "markdown" for a report."""
    shown = pd.DataFrame(
        {
            "zone": table["id"],
            "status": table["status"],
            "geodesic ha": table["area_ha"].map("{:,.2f}".format),
            "planar ha": (table["planar_area_m2"] / 1e4).map("{:,.2f}".format),
            "km²": table["area_km2"].map("{:.3f}".format),
            "mu": table["area_mu"].map("{:,.0f}".format),
            "official ha": (table["official_area_m2"] / 1e4).map(lambda v: "" if np.isnan(v) else f"{v:,.1f}"),
            "diff %": table["official_diff_pct"].map(lambda v: "" if np.isnan(v) else f"{v:+.1f}"),
        }
    )
    return text_table(shown, style)


def text_table(frame: pd.DataFrame, style: str = "text") -> str:
    """Any table as text: "text" aligned for a terminal, "markdown" for a report."""
    if style == "markdown":
        rows = [list(map(str, frame.columns)), ["---"] * len(frame.columns), *frame.astype(str).to_numpy().tolist()]
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)
    return frame.to_string(index=False)
