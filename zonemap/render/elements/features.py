"""A GeoJSON layer whose tooltips and popups are built in the page from data, as text.

Python gives each feature its display text as plain strings (``tip``: lines;
``popup``: a title and rows of label and value) and a style key; the page's
script builds the DOM with ``textContent``, so no text from data is ever
parsed as HTML. The data are written once, as JSON made inert inside
``<script>`` (:func:`zonemap.escape.script_json`), with coordinates encoded as
polyline strings (:mod:`zonemap.render.polyline`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import branca.element

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement
from zonemap.render.polyline import encode_geometry

__all__ = ["FeatureLayer", "feature"]


def feature(
    geometry: Any,
    *,
    style: str,
    tip: Sequence[str] = (),
    title: str = "",
    rows: Sequence[tuple[str, str]] = (),
    marker: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """One feature for a :class:`FeatureLayer`: geometry, style key and display text (plain strings).

    Parameters
    ----------
    geometry : shapely geometry
        In lon/lat.
    style : str
        A key of the layer's styles.
    tip : sequence of str
        Tooltip lines (the first in bold).
    title, rows : str, sequence of (str, str)
        The popup: a title, and rows of label and value (empty values left out).
    marker : str, optional
        For points: a short text shown in a pill-shaped marker instead of a circle.
    key : str, optional
        An identifier the page can look the feature up by (``data-key``).
    """
    properties: dict[str, Any] = {"style": style}
    if tip:
        properties["tip"] = [str(t) for t in tip if t]
    if title or rows:
        properties["title"] = str(title)
        properties["rows"] = [[str(label), str(value)] for label, value in rows if value]
    if marker is not None:
        properties["marker"] = str(marker)
    if key is not None:
        properties["key"] = str(key)
    return {"type": "Feature", "properties": properties, "geometry": encode_geometry(geometry)}


class FeatureLayer(PageElement):
    """Features with per-feature styles, text tooltips and popups, added to the parent layer.

    Parameters
    ----------
    features : sequence of dict
        From :func:`feature`.
    styles : mapping of str to dict
        Leaflet path options by style key (for points: circle marker options).
    interactive : bool
        Whether the features take the pointer (tooltips, popups).
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-tip b, .zonemap-popup b {display: block;}
.zonemap-popup table {border-collapse: collapse; margin-top: 4px;}
.zonemap-popup th {text-align: left; vertical-align: top; padding: 1px 8px 1px 0; font-weight: normal; color: #555;}
.zonemap-popup td {padding: 1px 0;}
.zonemap-tip {max-width: 260px; white-space: normal;}
.zonemap-marker {font: bold 12px sans-serif; background: #f4d03f; border: 1px solid #333; border-radius: 10px;
  text-align: center; line-height: 18px; white-space: nowrap;}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var styles = {{ this.styles }};
  function text(tag, value, className) {
    var node = document.createElement(tag); node.textContent = value; if (className) { node.className = className; } return node;
  }
  function tip(lines) {
    var box = text("div", "", "zonemap-tip");
    lines.forEach(function (line, i) { box.appendChild(text(i === 0 ? "b" : "div", line)); });
    return box;
  }
  function popup(p) {
    var box = text("div", "", "zonemap-popup"), table = document.createElement("table");
    if (p.title) { box.appendChild(text("b", p.title)); }
    p.rows.forEach(function (row) {
      var tr = document.createElement("tr"); tr.appendChild(text("th", row[0])); tr.appendChild(text("td", row[1])); table.appendChild(tr);
    });
    box.appendChild(table);
    return box;
  }
  var layer = L.geoJson({{ this.data }}, {
    interactive: {{ this.interactive }},
    style: function (f) { return styles[f.properties.style] || {}; },
    pointToLayer: function (f, latlng) {
      var style = styles[f.properties.style] || {};
      if (f.properties.marker !== undefined) {
        var pill = text("div", f.properties.marker, "zonemap-marker");
        return L.marker(latlng, {interactive: {{ this.interactive }}, icon: L.divIcon({html: pill, className: "", iconSize: [44, 20], iconAnchor: [22, 10]})});
      }
      return L.circleMarker(latlng, Object.assign({interactive: {{ this.interactive }}}, style));
    },
    onEachFeature: function (f, item) {
      var p = f.properties;
      if (p.key !== undefined) { item.zonemapKey = p.key; }
      if (p.tip && p.tip.length) { item.bindTooltip(function () { return tip(p.tip); }, {sticky: true, className: "zonemap-tooltip"}); }
      if (p.rows) { item.bindPopup(function () { return popup(p); }, {maxWidth: 320, autoPanPadding: [20, 60]}); }
    }
  });
  layer.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )

    def __init__(self, features: Sequence[dict[str, Any]], styles: Mapping[str, Mapping[str, Any]], *, interactive: bool = True) -> None:
        super().__init__()
        self._name = "FeatureLayer"
        self.data = script_json({"type": "FeatureCollection", "features": list(features)})
        self.styles = script_json({key: dict(style) for key, style in styles.items()})
        self.interactive = "true" if interactive else "false"
