"""The map itself and its controls: basemaps (named in the map's language), zoom, layers, scale, measure,
full screen, mouse position and minimap, with the plugins' own words translated.

The layer control is a button (it opens on hover or tap), the minimap starts
folded: on a laptop the fixed boxes cover under 12 % of the screen, on a phone
under 20 % (see :mod:`zonemap.render.elements.layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium

from zonemap.basemaps import BASEMAPS, Basemap
from zonemap.render.elements import PluginWords
from zonemap.render.folium_classes import (
    Fullscreen,
    LayerControl,
    Map,
    MeasureControl,
    MiniMap,
    MousePosition,
    TileLayer,
)
from zonemap.render.polyline import PRECISION
from zonemap.text import say

__all__ = ["PLUGIN_WORDS", "add_controls", "new_map"]

#: The plugins' English words and the catalogue key of each.
PLUGIN_WORDS = {
    "Zoom in": "control_zoom_in", "Zoom out": "control_zoom_out", "Layers": "control_layers",
    "A JavaScript library for interactive maps": "control_leaflet",
    "Measure": "measure_measure", "Measure distances and areas": "measure_title", "Create a new measurement": "measure_new",
    "Start creating a measurement by adding points to the map": "measure_start", "Finish measurement": "measure_finish",
    "Last point": "measure_last_point", "Area": "measure_area", "Perimeter": "measure_perimeter", "Point location": "measure_point",
    "Area measurement": "measure_area_result", "Linear measurement": "measure_line_result", "Path distance": "measure_path",
    "Center on this area": "measure_centre_area", "Center on this line": "measure_centre_line",
    "Center on this location": "measure_centre_point", "Cancel": "measure_cancel", "Delete": "measure_delete",
    "Meters": "unit_meters", "Kilometers": "unit_kilometers", "Hectares": "unit_hectares", "Sq Meters": "unit_sqmeters",
    "contributors": "control_contributors",
}


def _s(key: str, lang: str) -> str:
    return say(key, lang, separator=" / ")


def _tile_layer(name: str, tiles: Basemap, **options: Any) -> folium.TileLayer:
    import xyzservices

    provider = xyzservices.TileProvider(name=name, url=tiles.url, attribution=tiles.attribution, html_attribution=tiles.attribution, subdomains=tiles.subdomains)
    return TileLayer(provider, name=name, tms=tiles.tms, **options)


def new_map(bounds: Sequence[float], basemap: str, lang: str) -> folium.Map:
    """A map centred on ``bounds`` on ``basemap``, with the other basemaps of the same datum to switch to, each named in ``lang``.

    Parameters
    ----------
    bounds : sequence of float
        West, south, east, north, in degrees.
    basemap : str
        A name in :data:`zonemap.basemaps.BASEMAPS` (``"none"``: no tiles).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language of the basemaps' names.

    Returns
    -------
    folium.Map
        Fitted to the data later, by the page's layout.

    Examples
    --------
    >>> fmap = new_map((114.06, 22.50, 114.10, 22.52), "openstreetmap", "zh-Hans")
    >>> fmap.location, [layer.layer_name for layer in fmap._children.values()]
    ([22.51, 114.08], ['OpenStreetMap 地图', 'CARTO 浅色底图', 'Esri 卫星影像'])
    """
    tiles = BASEMAPS[basemap]
    west, south, east, north = (round(float(v), PRECISION) for v in bounds)
    fmap = Map(location=[round((south + north) / 2, PRECISION), round((west + east) / 2, PRECISION)], tiles=None,
                      control_scale=False, zoom_start=14, zoom_snap=0.25)
    if tiles.url is not None:
        _tile_layer(_s(f"basemap_{basemap}", lang), tiles, max_zoom=19).add_to(fmap)
        for name, other in BASEMAPS.items():  # the other tiles of the same datum, to switch to in the layer control
            if other.url is not None and other.datum == tiles.datum and name != basemap:
                _tile_layer(_s(f"basemap_{name}", lang), other, max_zoom=19, show=False).add_to(fmap)
    return fmap  # fitted to the data by the page's layout (zonemap.render.elements.Layout), clear of the fixed boxes


def add_controls(fmap: folium.Map, basemap: str, lang: str) -> None:
    """Add the measure, full screen, mouse position, minimap (folded) and layer controls, in ``lang``.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    basemap : str
        Its basemap (no minimap without tiles).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language of the controls; other than English, the plugins' own words are translated too.

    Returns
    -------
    None
        The controls are added to ``fmap``.

    Examples
    --------
    >>> fmap = new_map((114.06, 22.50, 114.10, 22.52), "none", "en")
    >>> add_controls(fmap, "none", "en")
    >>> [type(child).__name__ for child in fmap._children.values()]
    ['MeasureControl', 'Fullscreen', 'MousePosition', 'LayerControl']
    """
    MeasureControl(primary_length_unit="meters", secondary_length_unit="kilometers", primary_area_unit="hectares",
                                  secondary_area_unit="sqmeters").add_to(fmap)
    Fullscreen(title=_s("control_fullscreen", lang), title_cancel=_s("control_fullscreen_exit", lang)).add_to(fmap)
    MousePosition(separator=" , ", num_digits=6, prefix=_s("control_position", lang), empty_string="").add_to(fmap)
    tiles = BASEMAPS[basemap]
    if tiles.url is not None:
        MiniMap(tile_layer=_tile_layer(basemap, tiles), toggle_display=True, minimized=True,
                               strings={"hideText": _s("control_minimap_hide", lang), "showText": _s("control_minimap_show", lang)}).add_to(fmap)
    LayerControl(collapsed=True).add_to(fmap)
    if lang != "en":
        PluginWords({english: _s(key, lang) for english, key in PLUGIN_WORDS.items()}).add_to(fmap)
