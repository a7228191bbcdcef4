"""The legend: one row per symbol on the map, each symbol meaning one thing; folded to a button on phones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import branca.element

from zonemap.escape import html_text
from zonemap.render.elements._base import PageElement

__all__ = ["Legend", "swatch_css"]


def swatch_css(style: Mapping[str, Any]) -> str:
    """The CSS of a legend swatch drawing a Leaflet path style: a filled box, a line, a dot, hatching or a pill.

    Parameters
    ----------
    style : mapping
        A Leaflet path style, as :mod:`zonemap.render.styles` gives them.

    Returns
    -------
    str
        Inline CSS.

    Examples
    --------
    >>> swatch_css({"color": "#c0392b", "weight": 2, "fillColor": "#c0392b", "fillOpacity": 0.25})
    'width:22px;height:12px;background:rgba(192,57,43,0.25);border:2px solid #c0392b'
    >>> swatch_css({"color": "#111111", "weight": 1.8})
    'width:22px;height:0;border-top:2px solid #111111'
    """
    colour = str(style.get("color", "#333"))
    weight = max(1, round(float(style.get("weight", 2))))
    dash = "dashed" if style.get("dashArray") else "solid"
    if style.get("hatch"):
        hatch = str(style["hatch"])
        return f"width:22px;height:12px;background:repeating-linear-gradient(45deg,{_rgba(hatch, 0.6)} 0 2px,transparent 2px 5px)"
    if style.get("pill"):
        return f"width:22px;height:12px;border-radius:6px;background:{style.get('background', '#263238')};border:1px solid #fff"
    if style.get("radius"):
        fill = str(style.get("fillColor", colour))
        return f"width:10px;height:10px;border-radius:50%;background:{fill};border:1px solid {colour}"
    if style.get("fill", True) and float(style.get("fillOpacity", 0)) > 0:
        border = f"{weight}px {dash} {colour}" if style.get("weight", 1) else "0"
        return f"width:22px;height:12px;background:{_rgba(str(style.get('fillColor', colour)), float(style['fillOpacity']))};border:{border}"
    return f"width:22px;height:0;border-top:{weight + (1 if dash == 'dashed' else 0)}px {dash} {colour}"


def _rgba(colour: str, opacity: float) -> str:
    if colour.startswith("#") and len(colour) == 7:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgba({red},{green},{blue},{opacity:g})"
    return colour


class Legend(PageElement):
    """The legend, a Leaflet control at the bottom left: open on wide screens, a button on phones, and a button too
    where open it would bring the fixed boxes over 11 % of the screen (a bilingual legend on a laptop; see
    :class:`~zonemap.render.elements.Layout`).

    Parameters
    ----------
    title : str
        Plain text (the button's label).
    sections : sequence of (str, sequence of sequence of (dict, str))
        Each a heading (plain text, may be empty) and its rows; a row holds one
        or more symbols side by side: a Leaflet path style (drawn as a swatch,
        see :func:`swatch_css`) and its meaning, plain text.
    """

    _template = branca.element.Template(
        """
{% macro html(this, kwargs) %}
<details class="zonemap-legend zonemap-box" id="{{ this.get_name() }}" open><summary>{{ this.title }}</summary>
{% for heading, rows in this.sections %}{% if heading %}<h3>{{ heading }}</h3>{% endif %}
{% for row in rows %}<div class="zonemap-row">{% for css, label in row %}<span class="zonemap-item"><span class="swatch" style="{{ css }}"></span>{{ label }}</span>{% endfor %}</div>
{% endfor %}{% endfor %}</details>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var element = document.getElementById({{ this.element_id }}), map = {{ this._parent.get_name() }};
  if (window.zonemapUI.narrow.matches) { element.removeAttribute("open"); }
  window.zonemapUI.corner(map, element, "bottomleft", false);
})();
{% endmacro %}
"""
    )

    def __init__(self, title: str, sections: Sequence[tuple[str, Sequence[Sequence[tuple[Mapping[str, Any], str]]]]]) -> None:
        super().__init__()
        self._name = "Legend"
        self.title = html_text(title)
        self.sections = [(html_text(heading), [[(html_text(swatch_css(style)), html_text(text)) for style, text in row] for row in rows])
                         for heading, rows in sections]

    @property
    def element_id(self) -> str:
        """The legend's element id as a JavaScript string."""
        return f'"{self.get_name()}"'
