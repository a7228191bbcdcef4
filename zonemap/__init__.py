"""zonemap: the Hetao Shenzhen–Hong Kong Science and Technology Innovation Cooperation Zone.

Sourced zone polygons, their areas and relations, and annotated maps.
Data: © OpenStreetMap contributors (ODbL 1.0); Government of the HKSAR; see
``geodata/manifest.json``.
"""

from zonemap import china
from zonemap.areas import areas
from zonemap.errors import Problem, ZoneDataError
from zonemap.export import export_zones
from zonemap.loading import LAYERS, load_layer, load_zones, read_zones, zone
from zonemap.maps import build_maps, history_map, render_map, write_html
from zonemap.relations import relations, relations_graph
from zonemap.static import render_png

__version__ = "0.1.0"

__all__ = [
    "LAYERS",
    "Problem",
    "ZoneDataError",
    "__version__",
    "areas",
    "build_maps",
    "china",
    "export_zones",
    "history_map",
    "load_layer",
    "load_zones",
    "read_zones",
    "relations",
    "relations_graph",
    "render_map",
    "render_png",
    "write_html",
    "zone",
]
