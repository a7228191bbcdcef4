"""Page elements for folium maps, in folium's plugin pattern: each element with its template, CSS and JS."""

from __future__ import annotations

from zonemap.render.elements._base import PageElement, RawText, RenderedOnce
from zonemap.render.elements.decoder import PolylineDecoder
from zonemap.render.elements.features import FeatureLayer
from zonemap.render.elements.labels import Labels
from zonemap.render.elements.layout import Layout
from zonemap.render.elements.legend import Legend
from zonemap.render.elements.notes import Attribution, Note
from zonemap.render.elements.plugin_words import PluginWords
from zonemap.render.elements.pointer import ZonePointer
from zonemap.render.elements.timeline import Timeline

__all__ = [
    "Attribution",
    "FeatureLayer",
    "Labels",
    "Layout",
    "Legend",
    "Note",
    "PageElement",
    "PluginWords",
    "PolylineDecoder",
    "RawText",
    "RenderedOnce",
    "Timeline",
    "ZonePointer",
]
