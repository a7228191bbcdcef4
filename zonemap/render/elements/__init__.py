"""Page elements for folium maps, in folium's plugin pattern: each element with its template, CSS and JS."""

from __future__ import annotations

from zonemap.render.elements._base import PageElement, RawText
from zonemap.render.elements.decoder import PolylineDecoder
from zonemap.render.elements.features import FeatureLayer
from zonemap.render.elements.labels import Labels
from zonemap.render.elements.legend import Legend
from zonemap.render.elements.notes import Attribution, Note

__all__ = ["Attribution", "FeatureLayer", "Labels", "Legend", "Note", "PageElement", "PolylineDecoder", "RawText"]
