"""The basemaps zonemap draws on, as data: tile URL, attribution, the datum the tiles are drawn in.

Pure data (like xyzservices' providers), so the command line can list the
names without loading folium.

Examples
--------
>>> BASEMAPS["gaode"].datum
'gcj02'
>>> BASEMAPS["none"].url is None
True
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["BASEMAPS", "DEFAULT_BASEMAP", "Basemap"]


class Basemap(NamedTuple):
    """A tile source.

    Attributes
    ----------
    url : str or None
        URL template (None for no tiles at all).
    attribution : str
        HTML attribution the tile provider asks for.
    datum : str
        The datum the tiles are drawn in: on GCJ-02 tiles every layer is shifted to GCJ-02.
    subdomains : str
        Values of ``{s}`` in the URL.
    tms : bool
        Whether tile rows count from the south.
    """

    url: str | None
    attribution: str
    datum: str = "wgs84"
    subdomains: str = "abc"
    tms: bool = False


_OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
DEFAULT_BASEMAP = "openstreetmap"
#: Basemaps by name. Gaode (AMap) and Tencent tiles are drawn in GCJ-02.
BASEMAPS: dict[str, Basemap] = {
    "openstreetmap": Basemap("https://tile.openstreetmap.org/{z}/{x}/{y}.png", _OSM_ATTRIBUTION),
    "cartodb-positron": Basemap(
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        _OSM_ATTRIBUTION + ' &copy; <a href="https://carto.com/attributions">CARTO</a>',
    ),
    "esri-imagery": Basemap(
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
    "gaode": Basemap(
        "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        '&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a> (GCJ-02)', "gcj02", "1234",
    ),
    "gaode-satellite": Basemap(
        "https://webst0{s}.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}",
        '&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a> (GCJ-02)', "gcj02", "1234",
    ),
    "tencent": Basemap(
        "https://rt{s}.map.gtimg.com/tile?z={z}&x={x}&y={y}&type=vector&styleid=0",
        '&copy; <a href="https://map.qq.com/">腾讯地图 Tencent</a> (GCJ-02)', "gcj02", "0123", tms=True,
    ),
    "none": Basemap(None, ""),
}
