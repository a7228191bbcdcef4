"""Teaches the page's Leaflet to read zonemap's compact coordinates (see :mod:`zonemap.render.polyline`)."""

from __future__ import annotations

import branca.element

from zonemap.render.elements._base import PageElement
from zonemap.render.polyline import DECODER_JS

__all__ = ["PolylineDecoder"]


class PolylineDecoder(PageElement):
    """Makes every ``L.GeoJSON`` decode geometries marked ``"encoded": "polyline6"``."""

    _template = branca.element.Template("{% macro script(this, kwargs) %}" + DECODER_JS + "{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "PolylineDecoder"
