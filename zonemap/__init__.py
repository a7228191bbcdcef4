"""zonemap: the Hetao Shenzhen–Hong Kong Science and Technology Innovation Cooperation Zone.

Sourced zone polygons, their areas and relations, and annotated maps.
Data: © OpenStreetMap contributors (ODbL 1.0); Government of the HKSAR; see
``geodata/manifest.json``.
"""

from zonemap.areas import areas
from zonemap.errors import Problem, ZoneDataError
from zonemap.loading import LAYERS, load_layer, load_zones, read_zones, zone
from zonemap.relations import relations, relations_graph

__version__ = "0.1.0"

__all__ = [
    "LAYERS",
    "Problem",
    "ZoneDataError",
    "__version__",
    "areas",
    "load_layer",
    "load_zones",
    "read_zones",
    "relations",
    "relations_graph",
    "zone",
]
