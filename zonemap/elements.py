"""Page elements for folium maps, in folium's plugin pattern: legend, labels, notes, attribution, decoder.

Every element takes text that is HTML-safe already; :func:`escape` makes text
from data so.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import branca.element
import numpy as np

from zonemap.polyline import DECODER_JS, PRECISION

JURISDICTION_COLOURS = {"HKSAR": "#c0392b", "Shenzhen": "#1f5fa8", "shared": "#7d3c98"}


_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape(value: Any) -> str:
    """Text from data as inert HTML text; None as empty.

    ``<``, ``>``, ``&`` and quotes become entities, so nothing runs as HTML or
    script; so do ``{`` and ``}``: branca compiles each rendered script of a
    folium map again as a Jinja template, so ``{{ ... }}`` in data would be
    evaluated as Python-side template code when the map is rendered.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(escape(v) for v in value)
    return html.escape(str(value), quote=True).translate(_BRACES)


class Legend(branca.element.MacroElement):
    """A fixed legend box: jurisdiction colours and official (solid) / indicative (dashed) lines."""

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-legend {position: absolute; z-index: 1000; bottom: 48px; left: 10px; background: rgba(255,255,255,.92);
  padding: 8px 10px; border-radius: 4px; font: 12px/1.5 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3);}
.zonemap-legend .swatch {display: inline-block; width: 22px; height: 0; margin-right: 6px; vertical-align: middle;}
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<div class="zonemap-legend" id="{{ this.get_name() }}">
<b>{{ this.title }}</b><br>
{% for label, colour in this.jurisdictions %}<span class="swatch" style="border-top: 8px solid {{ colour }}"></span>{{ label }}<br>{% endfor %}
<span class="swatch" style="border-top: 3px solid #333"></span>{{ this.official }}<br>
<span class="swatch" style="border-top: 3px dashed #333"></span>{{ this.indicative }}
</div>
{% endmacro %}
"""
    )

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "Legend"
        chinese = lang in ("zh-Hant", "zh-Hans")
        both = lang == "bilingual"
        words = {
            "title": ("Legend", "圖例"),
            "HKSAR": ("Hong Kong (HKSAR)", "香港特區"),
            "Shenzhen": ("Shenzhen", "深圳"),
            "shared": ("Both / boundary", "港深共有／界線"),
            "official": ("official outline (within 5 %)", "官方範圍（面積差5%以內）"),
            "indicative": ("indicative outline", "示意範圍"),
        }

        def say(key: str) -> str:
            en, zh = words[key]
            return f"{zh} {en}" if both else (zh if chinese else en)

        self.title = say("title")
        self.jurisdictions = [(say(k), c) for k, c in JURISDICTION_COLOURS.items()]
        self.official = say("official")
        self.indicative = say("indicative")


class Labels(branca.element.MacroElement):
    """Permanent text labels at points, all in one script (one element, however many labels).

    ``texts`` must be HTML-safe already (escape text from data with :func:`escape`).
    """

    _template = branca.element.Template(
        """
{% macro script(this, kwargs) %}
{{ this.labels|tojson }}.forEach(function (label) {
    L.marker(label[0], {interactive: false, keyboard: false, icon: L.divIcon({
        html: '<div class="zonemap-label">' + label[1] + '</div>', className: "zonemap-label-icon",
        iconSize: {{ this.size|tojson }}, iconAnchor: {{ this.anchor|tojson }}})}).addTo({{ this._parent.get_name() }});
});
{% endmacro %}
"""
    )

    def __init__(self, points: Sequence[Any], texts: Sequence[str], size: tuple[int, int]) -> None:
        super().__init__()
        self._name = "Labels"
        self.labels = [[[round(p.y, PRECISION), round(p.x, PRECISION)], text] for p, text in zip(points, texts)]
        self.size = list(size)
        self.anchor = [size[0] // 2, size[1] // 2]


class PolylineDecoder(branca.element.MacroElement):
    """Teaches the page's Leaflet to read zonemap's compact coordinates (see :mod:`zonemap.polyline`)."""

    _template = branca.element.Template("{% macro script(this, kwargs) %}" + DECODER_JS + "{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "PolylineDecoder"


class Note(branca.element.MacroElement):
    """A fixed text box (title, history, notes) at the top of the map; its text must be HTML-safe already."""

    _template = branca.element.Template(
        """
{% macro html(this, kwargs) %}
<div class="zonemap-note" id="{{ this.get_name() }}" style="position: absolute; z-index: 1000; {{ this.position }}
 max-width: 420px; background: {{ this.background }}; padding: 6px 10px; border-radius: 4px;
 font: 13px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3);">{{ this.text }}</div>
{% endmacro %}
"""
    )

    def __init__(self, safe_html: str, *, warning: bool = False) -> None:
        super().__init__()
        self._name = "Note"
        self.text = safe_html
        self.position = "bottom: 30px; right: 10px;" if warning else "top: 10px; left: 60px;"
        self.background = "rgba(255,243,205,.95)" if warning else "rgba(255,255,255,.92)"


class Attribution(branca.element.MacroElement):
    """Adds the data sources to the map's attribution control (after the map exists)."""

    _template = branca.element.Template(
        """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text
