"""The history's timeline: a numbered list beside the map, each event linked to its place and its zones.

On wide screens the list is a panel to the right of the map (the map is
narrowed to make room, so it covers nothing); on phones it is a bar below the
map that opens upwards. Choosing an event shows its zones and its numbered
marker and opens the marker's popup; choosing a marker marks its event in the
list. The entries reach the page as JSON and the DOM as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import branca.element

from zonemap.escape import html_text, script_json
from zonemap.render.elements._base import PageElement

__all__ = ["Timeline"]


class Timeline(PageElement):
    """The numbered timeline panel.

    Parameters
    ----------
    title, hint : str
        The panel's heading and its one-line help, plain text.
    entries : sequence of dict
        Each with ``n`` (the marker's number), ``title``, ``text``, ``key`` (the
        marker's key) and ``zones`` (keys of the zones it concerns), plain text.
    markers, zones : folium.FeatureGroup
        The groups holding the numbered markers and the zones.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
body:has(.zonemap-timeline) .folium-map {width: calc(100% - 340px) !important;}
.zonemap-timeline {position: fixed; top: 0; right: 0; bottom: 0; width: 340px; box-sizing: border-box; overflow-y: auto; z-index: 1001;
  background: #fafafa; border-left: 1px solid #ccc; padding: 10px 12px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", sans-serif;}
.zonemap-timeline h2 {font-size: 16px; margin: 0 0 2px;}
.zonemap-timeline h2 button {all: inherit; cursor: default;}
.zonemap-timeline .hint {color: #666; font-size: 12px; margin: 0 0 6px;}
.zonemap-timeline ol {list-style: none; margin: 0; padding: 0;}
.zonemap-timeline li {display: grid; grid-template-columns: auto 1fr; gap: 0 8px; padding: 6px; border-radius: 4px; cursor: pointer;}
.zonemap-timeline li:hover, .zonemap-timeline li:focus, .zonemap-timeline li.active {background: #e3eef8; outline: none;}
.zonemap-timeline .n {grid-row: span 2; align-self: start; background: #263238; color: #fff; border-radius: 10px; padding: 0 6px; font-weight: bold; font-size: 11.5px; line-height: 18px;}
.zonemap-timeline li.active .n {background: #d84315;}
.zonemap-timeline .t {font-weight: 600;}
@media (max-width: 600px) {
  body:has(.zonemap-timeline) .folium-map {width: 100% !important; height: calc(100% - 40px) !important;}
  .zonemap-timeline {top: auto; height: 40px; width: 100%; border-left: 0; border-top: 1px solid #ccc; padding: 0 12px; overflow: hidden;}
  .zonemap-timeline h2 {line-height: 40px; margin: 0;}
  .zonemap-timeline h2 button {cursor: pointer; width: 100%;}
  .zonemap-timeline h2 button::after {content: " \\25B4";}
  .zonemap-timeline.open {height: 60%; overflow-y: auto;}
  .zonemap-timeline.open h2 button::after {content: " \\25BE";}
}
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<aside class="zonemap-timeline" id="{{ this.get_name() }}"><h2><button type="button">{{ this.title }}</button></h2><p class="hint">{{ this.hint }}</p><ol></ol></aside>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var Z = window.zonemapUI, panel = document.getElementById({{ this.element_id }}), list = panel.querySelector("ol");
  var map = {{ this._parent.get_name() }}, markerGroup = {{ this.markers }}, zoneGroup = {{ this.zones }}, entries = {{ this.entries }};
  var items = {};
  function find(group, key) {
    var found = null;
    (group.zonemapLayers || []).forEach(function (layer) { layer.eachLayer(function (l) { if (l.zonemapKey === key) { found = l; } }); });
    return found;
  }
  function mark(key) {
    Object.keys(items).forEach(function (k) { L.DomUtil[k === key ? "addClass" : "removeClass"](items[k], "active"); });
    (markerGroup.zonemapLayers || []).forEach(function (layer) {
      layer.eachLayer(function (l) { var pill = l.getElement && l.getElement() && l.getElement().firstChild; if (pill) { L.DomUtil[l.zonemapKey === key ? "addClass" : "removeClass"](pill, "active"); } });
    });
    if (items[key] && items[key].scrollIntoView) { items[key].scrollIntoView({block: "nearest"}); }
  }
  function choose(entry) {
    var marker = find(markerGroup, entry.key), bounds = L.latLngBounds([]);
    if (!map.hasLayer(markerGroup)) { map.addLayer(markerGroup); }
    entry.zones.forEach(function (key) { var z = find(zoneGroup, key); if (z && z.getBounds) { bounds.extend(z.getBounds()); } });
    if (marker) { bounds.extend(marker.getLatLng()); }
    if (bounds.isValid()) { map.fitBounds(bounds, {maxZoom: 16, padding: [30, 30]}); }
    mark(entry.key);
    if (marker) { map.once("moveend", function () { marker.openPopup(); }); window.setTimeout(function () { marker.openPopup(); }, 400); }
    if (Z.narrow.matches) { L.DomUtil.removeClass(panel, "open"); }
  }
  entries.forEach(function (entry) {
    var li = Z.node("li"); li.tabIndex = 0;
    li.appendChild(Z.node("span", String(entry.n), "n")); li.appendChild(Z.node("span", entry.title, "t")); li.appendChild(Z.node("span", entry.text, "x"));
    li.addEventListener("click", function () { choose(entry); });
    li.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(entry); } });
    items[entry.key] = li; list.appendChild(li);
  });
  panel.querySelector("h2 button").addEventListener("click", function () { if (Z.narrow.matches) { L.DomUtil.toggleClass(panel, "open"); } });
  (markerGroup.zonemapLayers || []).forEach(function (layer) { layer.on("click", function (e) { mark(e.layer.zonemapKey); }); });
  map.invalidateSize();
})();
{% endmacro %}
"""
    )

    def __init__(self, title: str, hint: str, entries: Sequence[dict[str, Any]], markers: Any, zones: Any) -> None:
        super().__init__()
        self._name = "Timeline"
        self.title = html_text(title)
        self.hint = html_text(hint)
        self.entries = script_json([{"n": int(e["n"]), "title": str(e["title"]), "text": str(e["text"]), "key": str(e["key"]),
                                     "zones": [str(z) for z in e.get("zones", [])]} for e in entries])
        self._groups = (markers, zones)

    @property
    def markers(self) -> str:
        """The marker group's variable name."""
        return str(self._groups[0].get_name())

    @property
    def zones(self) -> str:
        """The zone group's variable name."""
        return str(self._groups[1].get_name())

    @property
    def element_id(self) -> str:
        """The panel's element id as a JavaScript string."""
        return f'"{self.get_name()}"'
