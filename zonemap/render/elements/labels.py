"""Permanent labels placed without collisions, at every zoom, their text set as text (never parsed as HTML).

Each map has one placer (``map.zonemapLabels``) for all its labels and
numbered markers. After every zoom, move, resize, layer switch or opened box it
places them again, greedily: by priority (milestones, zones, relations,
the river, landmarks), each label tries its variants from the fullest
("Loop A · 89 ha") to the simplest ("Loop A"), each at its candidate points
(and, for labels beside a point, on each side of it), and takes the first
place that is wholly on screen and overlaps neither a label placed before, a
landmark's dot nor a fixed box. A zone's fuller labels must also fit its zone as drawn,
and its simplest one needs the zone at least 20 by 10 pixels (so zoomed out,
labels simplify, then give way); a label with no free place is hidden. Markers that must stay (milestones: "3 · 2008") move a few pixels off
their point (their edge at most 30 pixels from it), shorten to their number, and, with no free place at all, stay on it. Zones'
labels go before the markers when every marker still finds a free place after them; otherwise the last zones' labels, one by
one, go after the markers until every marker does (a marker gives way to no zone's label it need not).
The same rule places the labels of the PNG (:mod:`zonemap.render.static_labels`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import branca.element
import numpy as np
import shapely

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement
from zonemap.render.polyline import encode

__all__ = ["PLACER_JS", "PRIORITY", "Labels", "label"]

#: Placement order of the kinds of label: higher first.
PRIORITY = {"milestone": 110, "zone": 100, "relation": 80, "river": 60, "landmark": 40}

PLACER_JS = """
window.zonemapPlacer = window.zonemapPlacer || function (map) {
  if (map.zonemapLabels) { return map.zonemapLabels; }
  var Z = window.zonemapUI, m = map.zonemapLabels = {items: [], points: [], placed: 0, pending: false};
  // A marker's places: on its point, then around it, its edge 2 to 26 pixels off the point (never farther
  // than 30 pixels, so each pill stays by its place): [x, y direction, gap].
  var RINGS = [[0, 0, 0]];
  [2, 8, 14, 20, 26].forEach(function (gap) {
    [[0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1], [-1, 1]].forEach(function (d) {
      if (Math.abs(d[0] * d[1]) * gap * Math.SQRT2 <= 30) { RINGS.push([d[0], d[1], gap]); }
    });
  });
  var ruler = Z.node("div", "", "zonemap-measure");
  map.getContainer().appendChild(ruler);
  var SYMBOLS = {};  // candidate places come as polyline6 strings (zonemap.render.polyline), markers' as [lat, lng]
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { SYMBOLS[c] = i; });
  function places(at) {
    if (typeof at !== "string") { return at.map(function (a) { return L.latLng(a[0], a[1]); }); }
    var found = [], index = 0, value = [0, 0];
    while (index < at.length) {
      for (var axis = 0; axis < 2; axis++) {
        var result = 0, shift = 0, byte;
        do { byte = SYMBOLS[at.charAt(index++)]; result |= (byte & 0x1f) << shift; shift += 5; } while (byte >= 0x20);
        value[axis] += (result & 1) ? ~(result >>> 1) : (result >>> 1);
      }
      found.push(L.latLng(value[0] / 1e6, value[1] / 1e6));
    }
    return found;
  }
  function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function labelNode(item, v) {
    var box = Z.node("div", "", "zonemap-label zonemap-label-" + item.kind);
    item.v[v].forEach(function (line, i) { box.appendChild(Z.node(i === 0 ? "b" : "div", line)); });
    return box;
  }
  function pill(item) { return item.marker.getElement() && item.marker.getElement().firstChild; }
  function size(item, v) {
    if (item.marker) {
      var p = pill(item); if (!p) { return [0, 0]; }
      var text = p.textContent; p.textContent = item.v[v][0]; var s = [p.offsetWidth, p.offsetHeight]; p.textContent = text; return s;
    }
    if (!item.sizes[v]) { var n = labelNode(item, v); ruler.appendChild(n); item.sizes[v] = [n.offsetWidth + 2, n.offsetHeight]; ruler.removeChild(n); }
    return item.sizes[v];
  }
  function show(item, v, latlng, s) {
    if (item.marker) { item.marker.setLatLng(latlng); if (pill(item)) { pill(item).textContent = item.v[v][0]; } return; }
    if (!item.shown || item.variant !== v) {
      hide(item);
      item.shown = L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon({html: labelNode(item, v), className: "zonemap-label-icon", iconSize: s, iconAnchor: [s[0] / 2, s[1] / 2]})});
      item.variant = v;
    } else { item.shown.setLatLng(latlng); }
    item.layer.addLayer(item.shown);
  }
  function hide(item) { if (item.shown) { item.layer.removeLayer(item.shown); } }
  function plan(order, base) {  // each item's place, greedily in this order: [item, variant, latlng, size] or [item] (hidden)
    var taken = base.slice(), out = [], stuck = 0;
    order.forEach(function (item) {
      if (!map.hasLayer(item.group)) { out.push([item]); return; }
      var fit = item.fit ? [map.latLngToContainerPoint(item.fit[0]), map.latLngToContainerPoint(item.fit[1])] : null;
      var fitW = fit ? Math.abs(fit[1].x - fit[0].x) : 0, fitH = fit ? Math.abs(fit[1].y - fit[0].y) : 0, done = false;
      var sides = item.beside ? [[1, 0], [-1, 0], [0, -1], [0, 1]] : item.marker ? RINGS : [[0, 0]];
      for (var v = 0; v < item.v.length && !done; v++) {
        var s = size(item, v);
        if (fit && (v < item.v.length - 1 ? s[0] > fitW * 1.15 + 10 || s[1] > fitH * 1.3 + 4 : fitW < 20 || fitH < 10)) { continue; }
        for (var c = 0; c < item.at.length && !done; c++) {
          var p = map.latLngToContainerPoint(item.at[c]);
          for (var d = 0; d < sides.length && !done; d++) {
            var gap = item.marker ? sides[d][2] : 7, x = p.x + sides[d][0] * (s[0] / 2 + gap), y = p.y + sides[d][1] * (s[1] / 2 + gap);
            var box = {l: x - s[0] / 2, t: y - s[1] / 2, r: x + s[0] / 2, b: y + s[1] / 2};
            if (box.l < 2 || box.t < 2 || box.r > view.x - 2 || box.b > view.y - 2) { continue; }
            if (taken.some(function (t) { return overlaps(box, t); })) { continue; }
            taken.push({l: box.l - 2, t: box.t - 1, r: box.r + 2, b: box.b + 1});
            out.push([item, v, map.containerPointToLatLng([x, y]), s]);
            done = true;
          }
        }
      }
      if (!done) {
        if (item.marker) {  // a marker stays, simplest, on its point
          var last = item.v.length - 1, s0 = size(item, last), c0 = map.latLngToContainerPoint(item.at[0]);
          out.push([item, last, item.at[0], s0]);
          taken.push({l: c0.x - s0[0] / 2, t: c0.y - s0[1] / 2, r: c0.x + s0[0] / 2, b: c0.y + s0[1] / 2});
          stuck += 1;
        } else { out.push([item]); }
      }
    });
    return {out: out, stuck: stuck};
  }
  var view;
  function place() {
    m.pending = false;
    view = map.getSize();
    var base = Z.boxes(map).map(function (b) { return {l: b.l - 4, t: b.t - 4, r: b.r + 4, b: b.b + 4}; });
    m.points.forEach(function (p) {
      if (!map.hasLayer(p.group)) { return; }
      var c = map.latLngToContainerPoint(p.at);
      base.push({l: c.x - p.r, t: c.y - p.r, r: c.x + p.r, b: c.y + p.r});
    });
    // By priority, markers first; but as many zones' labels as can go before them while every marker still finds
    // a free place after them (the first zones first): markers win over zones' labels only where they must.
    var order = m.items.slice().sort(function (a, b) { return b.priority - a.priority || a.order - b.order; });
    var zones = order.filter(function (i) { return i.kind === "zone"; }), chosen = null;
    for (var k = zones.length; k >= 0 && !(chosen && !chosen.stuck); k--) {
      var early = zones.slice(0, k);
      chosen = plan(early.concat(order.filter(function (i) { return early.indexOf(i) < 0; })), base);
    }
    chosen.out.forEach(function (e) { if (e.length > 1) { show(e[0], e[1], e[2], e[3]); } else if (!e[0].marker) { hide(e[0]); } });
    m.placed += 1;
  }
  m.schedule = function () { if (!m.pending) { m.pending = true; window.setTimeout(place, 0); } };
  m.add = function (group, kind, items) {
    var layer = L.layerGroup().addTo(group);
    items.forEach(function (item) {
      m.items.push(Object.assign(item, {group: group, kind: kind, layer: layer, order: m.items.length, sizes: {},
        priority: item.priority || 0, at: places(item.at), fit: item.fit ? places(item.fit) : null}));
      if (item.dot) { m.points.push({at: item.at[0], r: item.dot, group: group}); }
    });
    group.on("add remove", m.schedule);
    m.schedule();
  };
  map.on("zoomend moveend resize overlayadd overlayremove zonemap:layout", m.schedule);
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () { m.items.forEach(function (item) { item.sizes = {}; }); m.schedule(); });
  }
  return m;
};
"""


def label(points: Sequence[Any] | str, variants: Sequence[Sequence[str]], *, fit: tuple[float, float, float, float] | str | None = None,
          beside: bool = False, dot: float | None = None) -> dict[str, Any]:
    """One label for :class:`Labels`.

    Parameters
    ----------
    points : sequence of shapely Points, or str
        Candidate places, best first, in lon/lat; written as one polyline6 string
        (:func:`zonemap.render.polyline.encode`), as is ``fit`` (its south-west and north-east corners).
        Either may be given so encoded already.
    variants : sequence of sequence of str
        The label's text, from the fullest to the simplest, each as lines (the first bold).
    fit : (west, south, east, north) or str, optional
        A shape the label must fit as drawn (a zone's bounds): too large a variant is skipped.
    beside : bool
        Place the label beside its point (a landmark's dot) rather than centred on it.
    dot : float, optional
        The radius in pixels of a dot drawn at the first point, which no label may cover.

    Returns
    -------
    dict

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> item = label([Point(114.07, 22.51), Point(114.071, 22.5101)], [["Loop A · 89 ha"], ["Loop A"]], fit=(114.0, 22.5, 114.1, 22.6))
    >>> item["v"], item["at"], item["at"] == encode(np.array([[114.07, 22.51], [114.071, 22.5101]]))
    ([['Loop A · 89 ha'], ['Loop A']], 'g789qBg_oy5GoGw-B', True)
    >>> item["fit"] == encode(np.array([[114.0, 22.5], [114.1, 22.6]]))
    True
    """
    at = points if isinstance(points, str) else encode(shapely.get_coordinates(points))
    item: dict[str, Any] = {"at": at, "v": [[str(line) for line in lines] for lines in variants]}
    if isinstance(fit, str):
        item["fit"] = fit
    elif fit is not None:
        west, south, east, north = (float(v) for v in fit)
        item["fit"] = encode(np.array([[west, south], [east, north]]))
    if beside:
        item["beside"] = True
    if dot is not None:
        item["dot"] = float(dot)
    return item


class Labels(PageElement):
    """Labels of one kind, placed by the map's placer, shown and hidden with the parent layer.

    Parameters
    ----------
    labels : sequence of dict
        From :func:`label`.
    kind : {"zone", "milestone", "relation", "river", "landmark"}
        Sets the priority (:data:`PRIORITY`) and the style (``zonemap-label-<kind>``).
    markers : bool
        Also place the parent layer's markers (milestone pills): they are never
        hidden, only moved a few pixels off their point when that is taken.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-label {font: 600 12px/1.25 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", sans-serif; color: #111;
  text-align: center; white-space: nowrap; pointer-events: none; text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff;}
.zonemap-label b {font-weight: 600; display: block;}
.zonemap-label div {font-weight: 400;}
.zonemap-label-relation {font-size: 11.5px; color: #0d3b1e;}
.zonemap-label-river b {font-style: italic; font-weight: 500; color: #0b5d69;}
.zonemap-label-landmark {font-size: 11px;}
.zonemap-label-landmark b {font-weight: 400; color: #333;}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var group = {{ this._parent.get_name() }}, items = {{ this.labels }}, markers = {{ this.markers }};
  function start(map) {
    if (markers) {
      (group.zonemapLayers || []).forEach(function (layer) {
        layer.eachLayer(function (marker) {
          if (marker instanceof L.Marker) {
            var ll = marker.getLatLng(), text = (marker.feature && marker.feature.properties.marker) || "";
            items.push({at: [[ll.lat, ll.lng]], v: [[text], [text.split(" · ")[0]]], marker: marker});
          }
        });
      });
    }
    items.forEach(function (item) { item.priority = {{ this.priority }}; });
    window.zonemapPlacer(map).add(group, {{ this.kind }}, items);
  }
  if (group._map) { start(group._map); } else { group.once("add", function () { start(group._map); }); }
})();
{% endmacro %}
"""
    )

    def __init__(self, labels: Sequence[dict[str, Any]], *, kind: str, markers: bool = False) -> None:
        super().__init__()
        self._name = "Labels"
        self.labels = script_json(list(labels))
        self.markers = "true" if markers else "false"
        self.kind = script_json(kind)
        self.priority = int(PRIORITY.get(kind, 0))
