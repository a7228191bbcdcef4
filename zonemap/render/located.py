"""Located points as a map layer: positions, colours by zone, symbols by certainty, text in the map's language.

``render_map(points=...)`` takes points as :func:`zonemap.locate` returns them
(or raw points, which it locates in the map's zones) and draws them with
:class:`~zonemap.render.elements.points.PointLayer` on one canvas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import folium
import numpy as np

from zonemap.locating import COLUMNS, locate
from zonemap.locating._points import coordinate_columns, identity_columns
from zonemap.render.elements.points import PointLayer
from zonemap.render.folium_classes import FeatureGroup
from zonemap.text import check_lang, pick_all, say

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["POINT_TEXT", "point_text", "points_layer"]

#: The layer's words, in English, Traditional and Simplified Chinese.
POINT_TEXT: dict[str, tuple[str, str, str]] = {
    "title": ("Located points", "定位點", "定位点"),
    "zones": ("Zones", "區域", "区域"),
    "certainty": ("Certainty", "確定程度", "确定程度"),
    "distance": ("To the nearest boundary", "距最近界線", "距最近界线"),
    "none": ("In no zone", "不在任何區域", "不在任何区域"),
    "inside": ("Inside (surely)", "肯定在區內", "肯定在区内"),
    "uncertain": ("Uncertain (near an edge)", "不確定（近界線）", "不确定（近界线）"),
    "outside": ("Outside", "在區外", "在区外"),
}


def point_text(key: str, lang: str) -> str:
    """One of :data:`POINT_TEXT` in ``lang`` (bilingual: Traditional Chinese / English).

    Parameters
    ----------
    key : str
        A key of :data:`POINT_TEXT`.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.

    Returns
    -------
    str

    Examples
    --------
    >>> point_text("uncertain", "zh-Hans"), point_text("title", "bilingual")
    ('不确定（近界线）', '定位點 / Located points')
    """
    english, hant, hans = POINT_TEXT[key]
    return {"en": english, "zh-Hant": hant, "zh-Hans": hans, "bilingual": f"{hant} / {english}"}[check_lang(lang)]


def _positions(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """WGS-84 lon/lat of located points: converted columns if there are, else the geometry, else the lon/lat columns;
    and the columns they came from (with the lon/lat columns of converted points, which are coordinates too)."""
    import geopandas as gpd
    import pandas as pd

    given: tuple[str, ...] = ()
    if not (isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns):
        try:
            given = coordinate_columns(frame.columns, None, None)
        except ValueError:
            given = ()
    if "lon_wgs84" in frame.columns and "lat_wgs84" in frame.columns:
        return frame["lon_wgs84"].to_numpy(dtype=float), frame["lat_wgs84"].to_numpy(dtype=float), given
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        shapes = frame.geometry if frame.crs is None or frame.crs.is_geographic else frame.geometry.to_crs(4326)
        points = shapes.geom_type == "Point"
        lon, lat = np.full(len(frame), np.nan), np.full(len(frame), np.nan)
        lon[points.to_numpy()], lat[points.to_numpy()] = shapes[points].x.to_numpy(), shapes[points].y.to_numpy()
        return lon, lat, (frame.geometry.name,)
    lon_column, lat_column = coordinate_columns(frame.columns, None, None)
    return (pd.to_numeric(frame[lon_column], errors="coerce").to_numpy(dtype=float),
            pd.to_numeric(frame[lat_column], errors="coerce").to_numpy(dtype=float), (lon_column, lat_column))


def _identity(frame: pd.DataFrame, skip: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    """The columns that say which row each point is (see :func:`~zonemap.locating._points.identity_columns`), and
    their cells as text (at most 80 characters; missing cells empty)."""
    names = identity_columns(frame.columns, skip)
    cells = []
    for name in names:
        column = frame[name].astype(object)
        cells.append([text[:80] for text in column.where(column.notna(), "").astype(str)])
    return names, cells


def points_layer(points: Any, *, zones: gpd.GeoDataFrame | None, id_column: str = "id", lang: str = "en", datum: str = "wgs84",
                 total: int | None = None) -> folium.FeatureGroup:
    """A layer of located points for a map.

    Parameters
    ----------
    points : DataFrame or GeoDataFrame
        As :func:`zonemap.locate` returns them; points without its columns are
        located first, in ``zones`` (None: the bundled zones with their preset).
    zones : GeoDataFrame, optional
        The map's zones, for their names (and for locating).
    id_column : str
        The zones' id column.
    lang : str
        The language of the layer's text.
    datum : str
        The basemap's datum: positions are moved into it.
    total : int, optional
        When the points are a sample: how many located points they were drawn from (the legend says so).

    Returns
    -------
    folium.FeatureGroup

    Examples
    --------
    >>> import pandas as pd
    >>> points = pd.DataFrame({"lon": [114.075, 114.3], "lat": [22.518, 22.3]})
    >>> group = points_layer(points, zones=None)
    >>> group.layer_name, [type(child).__name__ for child in group._children.values()]
    ('Located points', ['PointLayer'])
    """
    import pandas as pd

    frame = points if all(c in getattr(points, "columns", ()) for c in COLUMNS) else locate(points, zones=zones, id_column=id_column)
    lon, lat, coordinates = _positions(frame)
    shown = frame["certainty"].notna().to_numpy() & np.isfinite(lon) & np.isfinite(lat)
    frame, lon, lat = frame[shown], lon[shown], lat[shown]
    identity = _identity(frame, coordinates)
    sampled = say("points_sampled", lang, separator=" / ", shown=f"{len(frame):,}", total=f"{total:,}") if total and total > len(frame) else ""
    if datum != "wgs84" and len(lon):
        from zonemap.datums import convert_coordinates

        lon, lat = convert_coordinates(lon, lat, "wgs84", datum)
    zone = frame["zone"]
    ranked = [str(c) for c in zone.cat.categories] if isinstance(zone.dtype, pd.CategoricalDtype) else sorted({str(z) for z in zone.dropna()})
    if zones is None:
        from zonemap.bundled import load_zones

        zones = load_zones()
    records = {str(i): r for i, r in zip(zones[id_column] if id_column in zones.columns else zones.index, zones.to_dict("records"))}
    names = [" / ".join(pick_all(records.get(i, {}), "name", lang)) or i for i in ranked]
    position = {ident: n for n, ident in enumerate(ranked)}
    sets, members = pd.factorize(pd.Series([tuple(z) for z in frame["zones"]], dtype=object))
    certainty = pd.Categorical(frame["certainty"].astype(object), categories=["inside", "uncertain", "outside"]).codes
    layer = PointLayer(
        lon, lat, np.array([position.get(str(z), -1) if pd.notna(z) else -1 for z in zone], dtype=np.int64), certainty, sets,
        [[position[str(z)] for z in m if str(z) in position] for m in members], frame["boundary_distance_m"].to_numpy(dtype=float),
        names, [point_text(c, lang) for c in ("inside", "uncertain", "outside")],
        {key: point_text(key, lang) for key in ("title", "zones", "certainty", "distance", "none")} | {"sampled": sampled},
        identity,
    )
    group = FeatureGroup(name=point_text("title", lang))
    layer.add_to(group)
    return group
