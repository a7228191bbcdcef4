"""Located points on a canvas: one circle per point, coloured by its zone, drawn by its certainty.

Made for many points (100,000 stay usable): the points are written once as
compact JSON arrays (coordinates as integers of 1e-6°, indices into short
lists of names), drawn on one Leaflet canvas renderer in a pane of their own
above the zones (blind to the pointer); a click on a point (found by the
page, before the zones see the click) opens its popup, built with
``textContent`` (titled by the row's own columns, e.g. its name), panned clear of the fixed boxes; a click
anywhere else reaches the zones as usual. A legend says what the colours and symbols mean (and when the
points are a sample); like the zones' legend it folds to a button on phones. No text from data is ever
parsed as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

import branca.element
import numpy as np

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement

__all__ = ["PALETTE", "PointLayer"]

#: Colours of the zones points are in, most specific zone first; points in no zone are grey.
PALETTE: tuple[str, ...] = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#800000", "#000075")
_NO_ZONE = "#7f7f7f"


class PointLayer(PageElement):
    """Located points, added to the parent layer, with a legend of their colours and symbols.

    Parameters
    ----------
    lon, lat : ndarray
        WGS-84 (or the basemap's datum) degrees.
    zone : ndarray of int
        Each point's zone, an index into ``zone_names`` (-1 for none).
    certainty : ndarray of int
        0 inside (a filled circle), 1 uncertain (a ring), 2 outside (a small dot).
    sets : ndarray of int
        Each point's set of zones, an index into ``set_members``.
    set_members : sequence of sequence of int
        The distinct sets of zones, as indices into ``zone_names``.
    distance_m : ndarray of float
        Metres to the nearest zone boundary.
    zone_names, certainty_names : sequence of str
        Display names (plain text).
    labels : dict of str to str
        Display text: ``title`` (of the legend), ``zones``, ``certainty``, ``distance``, ``none``, and ``sampled``
        (empty, or the line saying the points are a sample).
    identity : (list of str, list of list of str), optional
        The names of a few of the rows' own columns (a name first) and, per column, each point's cell as text: the
        popup's title and first rows.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-points-legend {line-height: 1.5; font-size: 12px; max-width: 240px;}
.zonemap-points-legend .zonemap-points-sampled {color: #555; font-size: 11px;}
.zonemap-points-legend i {display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: middle;
  box-sizing: border-box;}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var d = {{ this.data }}, parent = {{ this._parent.get_name() }}, map = {{ this._parent._parent.get_name() }};
  // Their own pane above the zones, blind to the pointer: clicks reach the zones, and the map finds the point clicked.
  var pane = map.getPane("zonemapPoints") || map.createPane("zonemapPoints");
  pane.style.zIndex = 450; pane.style.pointerEvents = "none";
  var renderer = L.canvas({pane: "zonemapPoints", padding: 0.5});
  function text(tag, value, className) {
    var node = document.createElement(tag); node.textContent = value; if (className) { node.className = className; } return node;
  }
  function colour(i) { return d.zone[i] < 0 ? d.grey : d.colours[d.zone[i] % d.colours.length]; }
  for (var i = 0; i < d.lat.length; i++) {
    var c = d.certainty[i], fill = colour(i);
    parent.addLayer(L.circleMarker([d.lat[i] / 1e6, d.lon[i] / 1e6], {renderer: renderer, interactive: false, radius: c === 2 ? 2.5 : 4.5,
      color: fill, weight: c === 1 ? 2 : 1, opacity: 0.95, fill: c !== 1, fillColor: fill, fillOpacity: c === 2 ? 0.5 : 0.85}));
  }
  function nearest(latlng) {
    var at = map.latLngToContainerPoint(latlng), a = map.containerPointToLatLng([at.x - 6, at.y + 6]),
        b = map.containerPointToLatLng([at.x + 6, at.y - 6]), best = -1, gap = 37;
    for (var i = 0; i < d.lat.length; i++) {
      var y = d.lat[i] / 1e6, x = d.lon[i] / 1e6;
      if (y < a.lat || y > b.lat || x < a.lng || x > b.lng) { continue; }
      var p = map.latLngToContainerPoint([y, x]), g = (p.x - at.x) * (p.x - at.x) + (p.y - at.y) * (p.y - at.y);
      if (g < gap) { gap = g; best = i; }
    }
    return best;
  }
  // Capture clicks before the zones do: on a point, its popup (and not the zone's); anywhere else, the zones as usual.
  map.getContainer().addEventListener("click", function (event) {
    if (!map.hasLayer(parent) || event.target.closest(".leaflet-control, .leaflet-popup") || (map.dragging && map.dragging.moved())) { return; }
    var i = nearest(map.mouseEventToLatLng(event));
    if (i < 0) { return; }
    event.stopPropagation();
    var names = d.sets[d.set[i]].map(function (z) { return d.names[z]; }), rows = [], title = "";
    d.ids.forEach(function (column, k) {  // the row's own columns: the first non-empty one titles the popup
      var cell = d.cells[k][i];
      if (!cell) { return; }
      if (!title) { title = cell; } else { rows.push([column, cell]); }
    });
    rows = rows.concat([[d.labels.zones, names.length ? names.join(", ") : d.labels.none], [d.labels.certainty, d.certainties[d.certainty[i]]],
      [d.labels.distance, d.distance[i] + " m"], ["lat, lon", (d.lat[i] / 1e6).toFixed(6) + ", " + (d.lon[i] / 1e6).toFixed(6)]]);
    var box = window.zonemapUI.popup({title: title, rows: rows}), at = [d.lat[i] / 1e6, d.lon[i] / 1e6], options = {maxWidth: 320};
    box.className += " zonemap-point-popup";
    window.zonemapUI.pad(map, options, L.latLng(at));  // pan clear of the fixed boxes, as the zones' popups do
    L.popup(options).setLatLng(at).setContent(box).openOn(map);
  }, true);
  // A legend like the zones' one: a <details> in a corner, folded to a button on phones.
  var box = text("details", "", "zonemap-legend zonemap-box zonemap-points-legend");
  box.open = !window.zonemapUI.narrow.matches;
  box.appendChild(text("summary", d.labels.title + " (" + d.lat.length.toLocaleString() + ")"));
  if (d.labels.sampled) { box.appendChild(text("div", d.labels.sampled, "zonemap-points-sampled")); }
  d.shown.forEach(function (z) {
    var row = text("div", z < 0 ? d.labels.none : d.names[z]), dot = document.createElement("i");
    dot.style.background = z < 0 ? d.grey : d.colours[z % d.colours.length]; row.insertBefore(dot, row.firstChild); box.appendChild(row);
  });
  d.certainties.forEach(function (name, c) {
    var row = text("div", name), dot = document.createElement("i");
    dot.style.border = "2px solid #333"; dot.style.background = c === 1 ? "transparent" : "#333";
    if (c === 2) { dot.style.width = dot.style.height = "6px"; }
    row.insertBefore(dot, row.firstChild); box.appendChild(row);
  });
  window.zonemapUI.corner(map, box, "bottomright", false);
})();
{% endmacro %}
"""
    )

    def __init__(self, lon: np.ndarray, lat: np.ndarray, zone: np.ndarray, certainty: np.ndarray, sets: np.ndarray,
                 set_members: Sequence[Sequence[int]], distance_m: np.ndarray, zone_names: Sequence[str],
                 certainty_names: Sequence[str], labels: dict[str, str], identity: tuple[Sequence[str], Sequence[Sequence[str]]] = ((), ())) -> None:
        super().__init__()
        self._name = "PointLayer"
        zone = np.asarray(zone, dtype=np.int64)
        self.data = script_json({
            "lon": np.round(np.asarray(lon) * 1e6).astype(np.int64).tolist(),
            "lat": np.round(np.asarray(lat) * 1e6).astype(np.int64).tolist(),
            "zone": zone.tolist(),
            "certainty": np.asarray(certainty, dtype=np.int64).tolist(),
            "set": np.asarray(sets, dtype=np.int64).tolist(),
            "sets": [[int(z) for z in members] for members in set_members],
            "distance": np.round(np.nan_to_num(np.asarray(distance_m, dtype=float), nan=-1)).astype(np.int64).tolist(),
            "names": [str(n) for n in zone_names],
            "certainties": [str(n) for n in certainty_names],
            "shown": sorted(set(zone.tolist()), key=lambda z: (z < 0, z)),
            "colours": list(PALETTE),
            "grey": _NO_ZONE,
            "labels": {key: str(value) for key, value in labels.items()},
            "ids": [str(n) for n in identity[0]],
            "cells": [[str(c) for c in cells] for cells in identity[1]],
        })
