"""Permanent text labels at points, all in one script, their text set as text (never parsed as HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import branca.element

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement
from zonemap.render.polyline import PRECISION

__all__ = ["Labels"]


class Labels(PageElement):
    """Labels at points: each a list of lines (the first in bold), centred on its point.

    Parameters
    ----------
    points : sequence of shapely Points
        Where, in lon/lat.
    lines : sequence of sequence of str
        Each label's lines, plain text.
    size : (int, int)
        The box of each label, in pixels.
    min_zoom : int
        Labels are hidden below this zoom.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-label {font: 12px/1.25 sans-serif; text-align: center; color: #111; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff;}
.zonemap-label b {font-weight: 600; display: block;}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var group = {{ this._parent.get_name() }}, markers = [];
  {{ this.labels }}.forEach(function (label) {
    var box = document.createElement("div");
    box.className = "zonemap-label";
    label[1].forEach(function (line, i) { var part = document.createElement(i === 0 ? "b" : "div"); part.textContent = line; box.appendChild(part); });
    markers.push(L.marker(label[0], {interactive: false, keyboard: false, icon: L.divIcon({
      html: box, className: "zonemap-label-icon", iconSize: {{ this.size }}, iconAnchor: {{ this.anchor }}})}));
  });
  var layer = L.layerGroup(markers);
  function update() {
    var m = group._map;
    if (!m) { return; }
    if (m.getZoom() >= {{ this.min_zoom }}) { if (!group.hasLayer(layer)) { group.addLayer(layer); } } else { group.removeLayer(layer); }
  }
  function watch() { var m = group._map; if (m && !layer.zonemapWatched) { layer.zonemapWatched = true; m.on("zoomend", update); } update(); }
  group.on("add", watch);
  watch();
})();
{% endmacro %}
"""
    )

    def __init__(self, points: Sequence[Any], lines: Sequence[Sequence[str]], size: tuple[int, int], *, min_zoom: int = 0) -> None:
        super().__init__()
        self._name = "Labels"
        self.labels = script_json([[[round(p.y, PRECISION), round(p.x, PRECISION)], [str(t) for t in text]] for p, text in zip(points, lines)])
        self.size = script_json(list(size))
        self.anchor = script_json([size[0] // 2, size[1] // 2])
        self.min_zoom = int(min_zoom)
