"""A GeoJSON layer whose tooltips and popups are built in the page from data, as text.

Python gives each feature its display text as plain strings (``tip``: lines;
``popup``: a title, rows of label and value, and longer texts shown folded) and
a style key; the page's script builds the DOM with ``textContent``
(``window.zonemapUI``), so no text from data is ever parsed as HTML. The data
are written once, as JSON made inert inside ``<script>``
(:func:`zonemap.escape.script_json`), with coordinates encoded as polyline
strings (:mod:`zonemap.render.polyline`).

The layer is kept on its folium group as ``group.zonemapLayers``, so other
elements (the pointer, the labels, the timeline) can find its features by key.
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
    more: Sequence[tuple[str, str]] = (),
    marker: str | None = None,
    key: str | None = None,
    rank: int | None = None,
) -> dict[str, Any]:
    """One feature for a :class:`FeatureLayer`: geometry, style key and display text (plain strings).

    Parameters
    ----------
    geometry : shapely geometry or dict
        In lon/lat; or already encoded (:func:`~zonemap.render.polyline.encode_polygons`).
    style : str
        A key of the layer's styles.
    tip : sequence of str
        Tooltip lines (the first in bold); empty lines are left out.
    title, rows : str, sequence of (str, str)
        The popup: a title, and rows of label and value (rows without a value are left out).
    more : sequence of (str, str)
        Longer texts of the popup, each folded under its heading (empty ones left out).
    marker : str, optional
        For points: a short text shown in a pill-shaped marker instead of a circle.
    key : str, optional
        An identifier the page can look the feature up by.
    rank : int, optional
        The order in which the pointer lists features under it (lowest first).

    Returns
    -------
    dict
        A GeoJSON feature with encoded coordinates.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> feature(Point(114.0, 22.5), style="landmark", tip=["A", ""], rows=[("source", ""), ("name", "A")])["properties"]
    {'style': 'landmark', 'tip': ['A'], 'title': '', 'rows': [['name', 'A']]}
    """
    properties: dict[str, Any] = {"style": style}
    if tip:
        properties["tip"] = [str(t) for t in tip if t]
    if title or rows or more:
        properties["title"] = str(title)
        properties["rows"] = [[str(label), str(value)] for label, value in rows if value]
        if any(value for _, value in more):
            properties["more"] = [[str(label), str(value)] for label, value in more if value]
    if marker is not None:
        properties["marker"] = str(marker)
    if key is not None:
        properties["key"] = str(key)
    if rank is not None:
        properties["rank"] = int(rank)
    return {"type": "Feature", "properties": properties, "geometry": geometry if isinstance(geometry, dict) else encode_geometry(geometry)}


class FeatureLayer(PageElement):
    """Features with per-feature styles, text tooltips and popups, added to the parent layer.

    Parameters
    ----------
    features : sequence of dict
        From :func:`feature`.
    styles : mapping of str to dict
        Leaflet path options by style key (for points: circle marker options).
        A style with ``hatch`` (a colour) fills with hatching in that colour.
    interactive : bool
        Whether the features take the pointer themselves (tooltips, popups).
        Zones do not: :class:`~zonemap.render.elements.ZonePointer` lists
        every zone under the pointer instead.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-marker-icon {overflow: visible;}
.zonemap-marker {position: absolute; left: 0; top: 0; transform: translate(-50%, -50%); font: bold 11.5px/18px sans-serif;
  background: #263238; color: #fff; border: 1.5px solid #fff; border-radius: 10px; padding: 0 6px; white-space: nowrap;
  box-shadow: 0 1px 3px rgba(0,0,0,.5); cursor: pointer;}
.zonemap-marker.active {background: #d84315;}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var Z = window.zonemapUI, styles = {{ this.styles }}, group = {{ this._parent.get_name() }}, interactive = {{ this.interactive }};
  var layer = L.geoJson({{ this.data }}, {
    interactive: interactive,
    style: function (f) { return styles[f.properties.style] || {}; },
    pointToLayer: function (f, latlng) {
      if (f.properties.marker !== undefined) {
        var pill = Z.node("div", f.properties.marker, "zonemap-marker");
        return L.marker(latlng, {interactive: interactive, keyboard: interactive,
          icon: L.divIcon({html: pill, className: "zonemap-marker-icon", iconSize: [0, 0], iconAnchor: [0, 0]})});
      }
      return L.circleMarker(latlng, Object.assign({interactive: interactive}, styles[f.properties.style] || {}));
    },
    onEachFeature: function (f, item) {
      var p = f.properties;
      if (p.key !== undefined) { item.zonemapKey = p.key; }
      if (!interactive) { return; }
      if (p.tip && p.tip.length) {
        item.bindTooltip(function () { return Z.tip(p.tip); }, {sticky: !p.marker, direction: "auto", className: "zonemap-tooltip"});
      }
      if (p.rows) {
        item.bindPopup(function () {
          var pop = item.getPopup();
          if (item._map) { Z.pad(item._map, pop.options, pop.getLatLng()); }
          return Z.popup(p);
        }, {maxWidth: 320, className: "zonemap-popup-box"});
      }
    }
  });
  var hatches = Object.keys(styles).map(function (k) { return styles[k].hatch; }).filter(Boolean);
  if (hatches.length) {
    layer.on("add", function () {
      layer.eachLayer(function (item) { if (item._path) { hatches.forEach(function (c) { Z.hatch(item._path.ownerSVGElement, c); }); } });
    });
  }
  group.zonemapLayers = (group.zonemapLayers || []).concat([layer]);
  layer.addTo(group);
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
