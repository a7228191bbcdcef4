"""folium's classes as zonemap's maps use them: rendered once, their output placed in the page as text.

A folium element renders its macros to text, and branca wraps that text in a
new ``Element``, which compiles it as a Jinja template and renders it again:
about 170 compilations per set of maps, a third of the time, and text that
held ``{{ ... }}`` would run as template code. Each class here is the folium
class with :class:`~zonemap.render.elements.RenderedOnce` among its bases, so
its ``render`` places the text as it is (the same bytes for text without
Jinja syntax). They are ordinary subclasses: ``isinstance(fmap, folium.Map)``
holds, nothing in folium is patched, and other maps are untouched.
"""

from __future__ import annotations

import folium
import folium.plugins

from zonemap.render.elements import RenderedOnce

__all__ = ["FeatureGroup", "Fullscreen", "LayerControl", "Map", "MeasureControl", "MiniMap", "MousePosition", "TileLayer"]


class Map(folium.Map, RenderedOnce):
    """:class:`folium.Map`, rendered once."""


class FeatureGroup(folium.FeatureGroup, RenderedOnce):
    """:class:`folium.FeatureGroup`, rendered once."""


class TileLayer(folium.TileLayer, RenderedOnce):
    """:class:`folium.TileLayer`, rendered once."""


class LayerControl(folium.LayerControl, RenderedOnce):
    """:class:`folium.LayerControl`, rendered once."""


class MeasureControl(folium.plugins.MeasureControl, RenderedOnce):
    """:class:`folium.plugins.MeasureControl`, rendered once."""


class Fullscreen(folium.plugins.Fullscreen, RenderedOnce):
    """:class:`folium.plugins.Fullscreen`, rendered once."""


class MousePosition(folium.plugins.MousePosition, RenderedOnce):
    """:class:`folium.plugins.MousePosition`, rendered once."""


class MiniMap(folium.plugins.MiniMap, RenderedOnce):
    """:class:`folium.plugins.MiniMap`, rendered once."""
