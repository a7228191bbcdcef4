"""The page's layout and the helpers every zonemap element's script uses.

One style sheet lays out the fixed boxes: every box is a Leaflet control, so
Leaflet stacks them in the map's corners and none covers another. Below 600 px
(phones) the title becomes a one-line header, the legend and the layer control
are buttons (a legend is a button on any screen where, open, it would bring
the boxes over 11 % of it), the attribution is one short line, and the mouse position and the
minimap are left out. Popups pan clear of the boxes (:js:`zonemapUI.pad`).

``window.zonemapUI`` (defined once per page) builds tooltips and popups from
plain strings with ``textContent``, never as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

import branca.element

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement
from zonemap.render.elements.labels import PLACER_JS
from zonemap.render.polyline import PRECISION

__all__ = ["LAYOUT_CSS", "UI_JS", "Layout"]

#: Phones and other narrow screens.
_NARROW = "(max-width: 600px)"

LAYOUT_CSS = """
.leaflet-container {font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", sans-serif;}
.leaflet-control-container .leaflet-control {font-size: 12px;}
.zonemap-box {background: rgba(255,255,255,.95); border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);}
.zonemap-header {display: flex; align-items: baseline; gap: .7em; max-width: min(480px, calc(100vw - 110px)); padding: 4px 10px;}
.zonemap-header h1 {font-size: 14px; font-weight: 600; line-height: 1.3; margin: 0;}
.zonemap-header a {white-space: nowrap; font-size: 12px;}
.zonemap-legend {padding: 2px 8px 4px; max-width: 270px; max-height: calc(100vh - 230px); overflow-y: auto; line-height: 1.25; font-size: 11px;}
.zonemap-legend summary, .zonemap-note summary {font-weight: 600; cursor: pointer; font-size: 12px; padding: 2px 0;}
.zonemap-legend h3 {font-size: 11px; font-weight: 600; color: #555; margin: 5px 0 1px;}
.zonemap-legend .zonemap-row {display: flex; flex-wrap: wrap; gap: 1px 10px; margin: 2px 0;}
.zonemap-legend .zonemap-item {display: inline-flex; align-items: center; gap: 5px;}
.zonemap-legend .swatch {flex: none; box-sizing: border-box;}
.zonemap-note {max-width: 300px; padding: 3px 8px; font-size: 12px; line-height: 1.35; background: rgba(255,243,205,.96);}
.zonemap-note p {margin: 3px 0;}
.leaflet-bottom.leaflet-right {max-width: calc(100% - 170px);}
.leaflet-control-minimap {transition: none !important;}
.leaflet-control-attribution details {display: inline;}
.leaflet-control-attribution summary {display: inline; cursor: pointer; color: #0b5394;}
.leaflet-control-attribution details[open] {display: block; max-width: 420px; white-space: normal;}
.leaflet-tooltip.zonemap-tooltip {white-space: normal; width: max-content; max-width: min(280px, 75vw); font-size: 12px; line-height: 1.35;}
.zonemap-tip b {display: block;}
.zonemap-tip-row + .zonemap-tip-row {margin-top: 3px;}
.zonemap-tip-row span {color: #444;}
.zonemap-tip-hint {color: #777; font-size: 11px; margin-top: 3px;}
.zonemap-popup {font-size: 12.5px; line-height: 1.4;}
.zonemap-popup-title {display: block; font-size: 13.5px; margin-bottom: 3px;}
.zonemap-popup table {border-collapse: collapse;}
.zonemap-popup th {text-align: left; vertical-align: top; padding: 1px 8px 1px 0; font-weight: normal; color: #555;}
.zonemap-popup td {padding: 1px 0; vertical-align: top;}
.zonemap-popup details {margin-top: 4px;}
.zonemap-popup summary {cursor: pointer; color: #0b5394;}
.zonemap-popup details p {margin: 3px 0; white-space: pre-line;}
.zonemap-also {margin-top: 6px; border-top: 1px solid #ddd; padding-top: 4px;}
.zonemap-also button {border: 0; background: none; padding: 0 0 0 .5em; color: #0b5394; text-decoration: underline; cursor: pointer; font: inherit;}
.zonemap-pointing {cursor: pointer;}
.zonemap-measure {position: absolute; left: -10000px; top: 0; visibility: hidden;}
@media NARROW {
  .zonemap-header {max-width: calc(100vw - 74px); padding: 3px 8px;}
  .zonemap-header h1 {font-size: 12.5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0;}
  .zonemap-header a {order: -1;}
  .zonemap-legend {max-height: 55vh; max-width: 240px;}
  .zonemap-note {max-width: 200px;}
  .leaflet-control-mouseposition, .leaflet-control-minimap {display: none !important;}
  .leaflet-control-attribution {font-size: 10px; max-width: 55vw;}
  .leaflet-touch .leaflet-bar a {width: 30px; height: 30px; line-height: 30px;}
  .leaflet-touch .leaflet-control-layers-toggle {width: 34px; height: 34px;}
}
""".replace("NARROW", _NARROW)

UI_JS = """
window.zonemapUI = window.zonemapUI || (function () {
  var narrow = window.matchMedia ? window.matchMedia("NARROW") : {matches: false};
  function node(tag, value, className) {
    var element = document.createElement(tag);
    if (value) { element.textContent = value; }
    if (className) { element.className = className; }
    return element;
  }
  function tip(lines) {
    var box = node("div", "", "zonemap-tip");
    lines.forEach(function (line, i) { box.appendChild(node(i === 0 ? "b" : "div", line)); });
    return box;
  }
  function popup(p) {
    var box = node("div", "", "zonemap-popup"), table = document.createElement("table");
    if (p.title) { box.appendChild(node("b", p.title, "zonemap-popup-title")); }
    (p.rows || []).forEach(function (row) {
      var tr = document.createElement("tr"); tr.appendChild(node("th", row[0])); tr.appendChild(node("td", row[1])); table.appendChild(tr);
    });
    if (table.childNodes.length) { box.appendChild(table); }
    (p.more || []).forEach(function (more) {
      var details = node("details"); details.appendChild(node("summary", more[0])); details.appendChild(node("p", more[1])); box.appendChild(details);
    });
    return box;
  }
  function boxes(map) {
    var frame = map.getContainer().getBoundingClientRect(), out = [];
    map.getContainer().querySelectorAll(".leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control").forEach(function (element) {
      var r = element.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) { out.push({l: r.left - frame.left, t: r.top - frame.top, r: r.right - frame.left, b: r.bottom - frame.top}); }
    });
    return out;
  }
  function pad(map, options, latlng) {
    var size = map.getSize(), width = Math.min(options.maxWidth || 320, size.x - 40) + 40;
    var x = latlng ? map.latLngToContainerPoint(latlng).x : size.x / 2;
    var left = Math.max(0, Math.min(x - width / 2, size.x - width)), right = left + width, top = 10, bottom = 10;
    boxes(map).forEach(function (b) {
      if (b.r <= left || b.l >= right) { return; }
      if (b.t + b.b < size.y) { top = Math.max(top, b.b + 8); } else { bottom = Math.max(bottom, size.y - b.t + 8); }
    });
    options.autoPanPaddingTopLeft = [10, top];
    options.autoPanPaddingBottomRight = [10, bottom];
    options.maxHeight = Math.max(120, size.y - top - bottom - 40);
  }
  function hatch(svg, colour) {
    var id = "zonemap-hatch-" + colour.replace("#", "").toLowerCase();
    if (!svg || svg.querySelector("#" + id)) { return; }
    var ns = "http://www.w3.org/2000/svg", defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(ns, "defs"), svg.firstChild);
    var pattern = document.createElementNS(ns, "pattern"), line = document.createElementNS(ns, "line");
    [["id", id], ["patternUnits", "userSpaceOnUse"], ["width", "7"], ["height", "7"], ["patternTransform", "rotate(45)"]].forEach(function (a) { pattern.setAttribute(a[0], a[1]); });
    [["x1", "0"], ["y1", "0"], ["x2", "0"], ["y2", "7"], ["stroke", colour], ["stroke-width", "2.2"], ["stroke-opacity", "0.5"]].forEach(function (a) { line.setAttribute(a[0], a[1]); });
    pattern.appendChild(line); defs.appendChild(pattern);
  }
  function corner(map, element, position, first) {
    var control = L.control({position: position});
    control.onAdd = function () { L.DomEvent.disableClickPropagation(element); L.DomEvent.disableScrollPropagation(element); return element; };
    control.addTo(map);
    if (first) { element.parentNode.insertBefore(element, element.parentNode.firstChild); }
    element.addEventListener("toggle", function () { map.fire("zonemap:layout"); });
    return control;
  }
  return {narrow: narrow, node: node, tip: tip, popup: popup, boxes: boxes, pad: pad, hatch: hatch, corner: corner};
})();
L.control.scale({imperial: false, maxWidth: 120}).addTo({{ this._parent.get_name() }});
(function (map, bounds) {
  // Fit the data now (no animation, which a later fit would race), and again once every box is in place, into
  // the part of the map they leave free: below the header, and beside or above the legend, whichever leaves more room.
  map.fitBounds(bounds, {padding: [12, 12], animate: false});
  window.setTimeout(function () {
    map.getContainer().querySelectorAll(".zonemap-legend[open]").forEach(function (legend) {  // the zones', then the points'
      var covered = window.zonemapUI.boxes(map).reduce(function (sum, b) { return sum + (b.r - b.l) * (b.b - b.t); }, 0);
      if (covered > 0.11 * window.innerWidth * window.innerHeight) { legend.removeAttribute("open"); }  // a button, then
    });
    var size = map.getSize(), top = 10, left = 10, bottom = 10;
    window.zonemapUI.boxes(map).forEach(function (b) {
      if (b.t < size.y / 3 && b.l < size.x / 2 && b.r - b.l > 60) { top = Math.max(top, b.b + 10); }
      if (b.b > size.y * 2 / 3 && b.l < size.x / 2 && b.r - b.l > 120) {
        if ((size.x - b.r) * size.y > size.x * (b.t - top)) { left = Math.max(left, b.r + 10); } else { bottom = Math.max(bottom, size.y - b.t + 10); }
      }
    });
    map.fitBounds(bounds, {paddingTopLeft: [left, top], paddingBottomRight: [10, bottom], animate: false});
  }, 0);
})({{ this._parent.get_name() }}, {{ this.bounds }});
""".replace("NARROW", _NARROW)


class Layout(PageElement):
    """The layout style sheet and ``window.zonemapUI``; added to a map before every other zonemap element.

    Parameters
    ----------
    bounds : (west, south, east, north)
        The data, fitted into the part of the map the fixed boxes leave free once they are in place.
    """

    _template = branca.element.Template(
        "{% macro header(this, kwargs) %}<style>" + LAYOUT_CSS + "</style>{% endmacro %}"
        "{% macro script(this, kwargs) %}" + UI_JS + PLACER_JS + "{% endmacro %}"
    )

    def __init__(self, bounds: Sequence[float]) -> None:
        super().__init__()
        self._name = "Layout"
        west, south, east, north = (round(float(v), PRECISION) for v in bounds)
        self.bounds = script_json([[south, west], [north, east]])
