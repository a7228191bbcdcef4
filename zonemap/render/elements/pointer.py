"""Every zone under the pointer: one tooltip listing them all, parts first, and a popup for each.

Zones overlap (a park and its parts, a zoning plan and the Loop inside it), so
no zone may take the pointer for itself: the zone paths are not interactive,
and this element tests, for each pointer position, which zones contain it
(bounding box, then even-odd ray casting on the drawn rings). The tooltip lists
them in ``rank`` order (parts before the composites that contain them, smaller
before larger); a click or tap opens the first one's popup, which offers the
others as buttons. Lines and points drawn above the zones (river, boundary,
landmarks, relations) keep their own tooltips: a click or tap on one shows its
text, and no zone's popup opens over it.

Every tooltip of the page is kept inside the map (Leaflet puts a tooltip on
the left or right of the pointer whatever its width, so on a phone a wide one
ran off the screen): once placed, one that overflows is moved back in, its
arrow hidden.
"""

from __future__ import annotations

import branca.element

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement

__all__ = ["ZonePointer"]


class ZonePointer(PageElement):
    """Lists every zone of its parent group (a folium FeatureGroup holding zone FeatureLayers) under the pointer.

    Parameters
    ----------
    hint : str
        The tooltip's last line (how to see the details), plain text.
    also : str
        The heading of the other zones in a popup, plain text.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>.leaflet-tooltip.zonemap-tooltip-moved:before {display: none;}</style>
{% endmacro %}
{% macro script(this, kwargs) %}
if (!L.Tooltip.prototype.zonemapInside) {  // keep every tooltip inside its map, 4 px from the edges
  L.Tooltip.prototype.zonemapInside = L.Tooltip.prototype._setPosition;
  L.Tooltip.prototype._setPosition = function (pos) {
    this.zonemapInside(pos);
    var el = this._container, map = this._map;
    if (!el || !map || !el.offsetWidth) { return; }
    var r = el.getBoundingClientRect(), f = map.getContainer().getBoundingClientRect(), dx = 0, dy = 0;
    if (r.right > f.right - 4) { dx = f.right - 4 - r.right; }
    if (r.left + dx < f.left + 4) { dx = f.left + 4 - r.left; }
    if (r.bottom > f.bottom - 4) { dy = f.bottom - 4 - r.bottom; }
    if (r.top + dy < f.top + 4) { dy = f.top + 4 - r.top; }
    if (dx || dy) { L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add([dx, dy])); }
    L.DomUtil[dx || dy ? "addClass" : "removeClass"](el, "zonemap-tooltip-moved");
  };
}
(function () {
  var Z = window.zonemapUI, group = {{ this._parent.get_name() }}, words = {{ this.words }}, zones = [];
  function inRing(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if ((a.lat > y) !== (b.lat > y) && x < (b.lng - a.lng) * (y - a.lat) / (b.lat - a.lat) + a.lng) { inside = !inside; }
    }
    return inside;
  }
  function inPolygon(rings, ll) {
    if (!inRing(rings[0], ll.lng, ll.lat)) { return false; }
    for (var k = 1; k < rings.length; k++) { if (inRing(rings[k], ll.lng, ll.lat)) { return false; } }
    return true;
  }
  function contains(layer, ll) {
    if (!layer.getBounds().contains(ll)) { return false; }
    var latlngs = layer.getLatLngs();
    var polygons = latlngs.length && latlngs[0].length && latlngs[0][0] instanceof L.LatLng ? [latlngs] : latlngs;
    return polygons.some(function (rings) { return rings.length && inPolygon(rings, ll); });
  }
  function collect() {
    zones = [];
    (group.zonemapLayers || []).forEach(function (layer) {
      layer.eachLayer(function (item) { if (item.feature && item.getLatLngs && item.feature.properties.tip) { zones.push(item); } });
    });
    zones.sort(function (a, b) { return (a.feature.properties.rank || 0) - (b.feature.properties.rank || 0); });
  }
  function under(map, ll) { return map.hasLayer(group) ? zones.filter(function (z) { return contains(z, ll); }) : []; }
  function open(map, hits, index, ll) {
    var p = hits[index].feature.properties, content = Z.popup(p);
    if (hits.length > 1) {
      var also = Z.node("div", "", "zonemap-also");
      also.appendChild(Z.node("span", words.also));
      hits.forEach(function (other, j) {
        if (j === index) { return; }
        var button = Z.node("button", other.feature.properties.tip[0]);
        button.type = "button";
        L.DomEvent.on(button, "click", function (e) { L.DomEvent.stop(e); open(map, hits, j, ll); });
        also.appendChild(button);
      });
      content.appendChild(also);
    }
    var pop = L.popup({maxWidth: 320, className: "zonemap-popup-box"}).setLatLng(ll).setContent(content);
    Z.pad(map, pop.options, ll);
    pop.openOn(map);
  }
  function setup(map) {
    var box = map.getContainer(), tooltip = L.tooltip({direction: "auto", offset: [14, 0], className: "zonemap-tooltip"}), frame = null, last = null;
    function hide() { if (map.hasLayer(tooltip)) { map.closeTooltip(tooltip); } L.DomUtil.removeClass(box, "zonemap-pointing"); }
    function show(e) {
      var over = e.target && e.target.closest && e.target.closest(".leaflet-interactive, .leaflet-control, .leaflet-popup, .leaflet-marker-icon, .zonemap-timeline");
      var hits = over ? [] : under(map, map.mouseEventToLatLng(e));
      if (!hits.length) { hide(); return; }
      var content = Z.node("div", "", "zonemap-tip");
      hits.forEach(function (z) {
        var row = Z.node("div", "", "zonemap-tip-row"), tip = z.feature.properties.tip;
        row.appendChild(Z.node("b", tip[0]));
        if (tip[1]) { row.appendChild(Z.node("span", tip[1])); }
        content.appendChild(row);
      });
      content.appendChild(Z.node("div", words.hint, "zonemap-tip-hint"));
      tooltip.setLatLng(map.mouseEventToLatLng(e)).setContent(content);
      if (!map.hasLayer(tooltip)) { map.openTooltip(tooltip); }
      L.DomUtil.addClass(box, "zonemap-pointing");
    }
    L.DomEvent.on(box, "mousemove", function (e) {
      last = e;
      if (frame === null) { frame = window.requestAnimationFrame(function () { frame = null; show(last); }); }
    });
    L.DomEvent.on(box, "mouseleave", hide);
    map.on("click", function (e) {
      var on = e.originalEvent && e.originalEvent.target;  // a line or a landmark tapped: its own text, not a zone's popup
      if (on && on.closest && on.closest(".leaflet-interactive, .leaflet-marker-icon")) { return; }
      var hits = under(map, e.latlng);
      if (hits.length) { hide(); open(map, hits, 0, e.latlng); }
    });
    map.on("popupopen", hide);
  }
  collect();
  if (group._map) { setup(group._map); } else { group.once("add", function () { setup(group._map); }); }
})();
{% endmacro %}
"""
    )

    def __init__(self, hint: str, also: str) -> None:
        super().__init__()
        self._name = "ZonePointer"
        self.words = script_json({"hint": str(hint), "also": str(also)})
