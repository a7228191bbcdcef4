"""Maps and pictures of zones: interactive folium pages and static PNGs.

Modules: ``folium_map`` (assembling a map), ``controls`` (the map and its
controls), ``layers`` and ``relation_lines`` (its layers), ``wording`` (what
tooltips, popups and labels say), ``map_legend``, ``elements`` (page elements,
each with its template, CSS and JS: layout, pointer, labels, legend, notes,
timeline), ``styles`` (one symbol per meaning), ``label_layout`` (where labels
may go, and the rule placing them), ``polyline`` (compact coordinates),
``page`` (HTML and writing), ``assets`` (offline copies of the front-end
files), ``preview`` (the landing page's pictures), ``static`` and
``static_labels`` (PNG).
Names are imported when first used, so importing this package loads neither
folium nor matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zonemap.render.folium_map import history_map, render_map
    from zonemap.render.page import map_html, write_html
    from zonemap.render.static import render_png

_EXPORTS = {
    "history_map": "zonemap.render.folium_map",
    "render_map": "zonemap.render.folium_map",
    "map_html": "zonemap.render.page",
    "write_html": "zonemap.render.page",
    "render_png": "zonemap.render.static",
}

__all__ = ["history_map", "map_html", "render_map", "render_png", "write_html"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'zonemap.render' has no attribute {name!r}")
