"""The map plugins' own words (zoom, layers, measure, minimap) in the map's language.

Leaflet and its plugins write English into the page (button titles, the
measure tool's panels and result popups), and leaflet-measure knows no
Traditional Chinese. This element replaces their English, text node by text
node and title by title, with the catalogue's words, now and whenever the
plugins add more (a MutationObserver on the map).
"""

from __future__ import annotations

from collections.abc import Mapping

import branca.element

from zonemap.escape import script_json
from zonemap.render.elements._base import PageElement

__all__ = ["PluginWords"]


class PluginWords(PageElement):
    """Replaces the plugins' English words in the map with ``words[english]``.

    Parameters
    ----------
    words : mapping of str to str
        English text as a plugin writes it (a whole text, or a unit after a
        number such as "Meters", or "contributors" in the tiles' attribution)
        to the text to show, plain text.
    """

    _template = branca.element.Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }}, words = {{ this.words }}, keys = Object.keys(words).sort(function (a, b) { return b.length - a.length; });
  function say(text) {
    var key = text.trim();
    if (words[key] !== undefined) { return text.replace(key, words[key]); }
    keys.forEach(function (k) { if (text.indexOf(k) >= 0 && (/^[A-Z]/.test(k) || k === "contributors")) { text = text.split(" " + k).join(" " + words[k]); } });
    return text;
  }
  var done = new WeakMap();  // text nodes as this element left them: not translated twice (a bilingual word keeps its English)
  function translate(root) {
    if (!root) { return; }
    if (root.nodeType === 3) {
      if (done.get(root) === root.nodeValue) { return; }
      var t = say(root.nodeValue); done.set(root, t); if (t !== root.nodeValue) { root.nodeValue = t; }
      return;
    }
    if (root.nodeType !== 1) { return; }
    if (root.title && words[root.title] !== undefined && done.get(root) !== root.title) { root.title = words[root.title]; done.set(root, root.title); }
    if (root.getAttribute && root.getAttribute("aria-label") && words[root.getAttribute("aria-label")] !== undefined) {
      root.setAttribute("aria-label", words[root.getAttribute("aria-label")]);
    }
    for (var child = root.firstChild; child; child = child.nextSibling) { translate(child); }
  }
  function inPlugin(node) {
    var element = node.nodeType === 1 ? node : node.parentNode;
    return element && element.closest && element.closest(".leaflet-control-container, .leaflet-measure-resultpopup");
  }
  var box = map.getContainer();
  window.setTimeout(function () { translate(box.querySelector(".leaflet-control-container")); }, 0);
  if (window.MutationObserver) {
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === "characterData") { if (inPlugin(record.target)) { translate(record.target); } return; }
        record.addedNodes.forEach(function (node) { if (inPlugin(node)) { translate(node); } });
      });
    }).observe(box, {childList: true, subtree: true, characterData: true});
  }
})();
{% endmacro %}
"""
    )

    def __init__(self, words: Mapping[str, str]) -> None:
        super().__init__()
        self._name = "PluginWords"
        self.words = script_json({str(k): str(v) for k, v in words.items()})
