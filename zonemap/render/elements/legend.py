"""The legend: one row per symbol on the map, each symbol meaning one thing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import branca.element

from zonemap.escape import html_text
from zonemap.render.elements._base import PageElement

__all__ = ["Legend", "swatch_css"]


def swatch_css(style: Mapping[str, Any]) -> str:
    """The CSS of a legend swatch drawing a Leaflet path style: a filled box, a line, or a dot.

    Examples
    --------
    >>> swatch_css({"color": "#c0392b", "weight": 2, "fillColor": "#c0392b", "fillOpacity": 0.25})
    'width:22px;height:12px;background:rgba(192,57,43,0.25);border:2px solid #c0392b'
    """
    colour = str(style.get("color", "#333"))
    weight = max(1, int(style.get("weight", 2)))
    dash = "dashed" if style.get("dashArray") else "solid"
    if style.get("radius"):
        fill = str(style.get("fillColor", colour))
        return f"width:10px;height:10px;border-radius:50%;background:{fill};border:1px solid {colour}"
    if style.get("fill", True) and float(style.get("fillOpacity", 0)) > 0:
        return f"width:22px;height:12px;background:{_rgba(str(style.get('fillColor', colour)), float(style['fillOpacity']))};border:{weight if style.get('weight', 1) else 0}px {dash} {colour}"
    return f"width:22px;height:0;border-top:{weight + 1}px {dash} {colour}"


def _rgba(colour: str, opacity: float) -> str:
    if colour.startswith("#") and len(colour) == 7:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgba({red},{green},{blue},{opacity:g})"
    return colour


class Legend(PageElement):
    """A fixed legend box.

    Parameters
    ----------
    title : str
        Plain text.
    rows : sequence of (dict, str)
        A Leaflet path style (drawn as a swatch) and its meaning, plain text.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-legend {position: absolute; z-index: 1000; bottom: 48px; left: 10px; background: rgba(255,255,255,.92);
  padding: 8px 10px; border-radius: 4px; font: 12px/1.5 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 260px;}
.zonemap-legend .swatch {display: inline-block; margin-right: 6px; vertical-align: middle; box-sizing: border-box;}
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<div class="zonemap-legend" id="{{ this.get_name() }}"><b>{{ this.title }}</b>
{% for css, label in this.rows %}<div><span class="swatch" style="{{ css }}"></span>{{ label }}</div>{% endfor %}
</div>
{% endmacro %}
"""
    )

    def __init__(self, title: str, rows: Sequence[tuple[Mapping[str, Any], str]]) -> None:
        super().__init__()
        self._name = "Legend"
        self.title = html_text(title)
        self.rows = [(html_text(swatch_css(style)), html_text(label)) for style, label in rows]
