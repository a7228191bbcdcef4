"""zonemap: the Hetao Shenzhen–Hong Kong Science and Technology Innovation Cooperation Zone.

Sourced zone polygons, their areas and relations, where points lie, and
annotated maps. Data: © OpenStreetMap contributors (ODbL 1.0); Government of
the HKSAR; see ``geodata/manifest.json``.

The package root is thin: each public name is imported from its module the
first time it is used, so ``import zonemap`` loads no heavy library and the
command line starts fast.

Examples
--------
>>> import zonemap
>>> zonemap.load_zones().loc[0, "id"]
'loop_a'
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (and re), which costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from zonemap import bundled, datums
    from zonemap.bundled import LAYERS, load_layer, load_zones, zone
    from zonemap.errors import MissingDependencyError, OutputError, Problem, ZoneDataError
    from zonemap.export import export_zones
    from zonemap.locating import BadRowsWarning, locate
    from zonemap.measurement import areas
    from zonemap.read import ZoneFile, read_zones
    from zonemap.relate import Relations, relations
    from zonemap.render import history_map, map_html, render_map, render_png, write_html
    from zonemap.site import build_maps

#: Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    "BadRowsWarning": "zonemap.locating",
    "LAYERS": "zonemap.bundled",
    "MissingDependencyError": "zonemap.errors",
    "OutputError": "zonemap.errors",
    "Problem": "zonemap.errors",
    "Relations": "zonemap.relate",
    "ZoneDataError": "zonemap.errors",
    "ZoneFile": "zonemap.read",
    "areas": "zonemap.measurement",
    "build_maps": "zonemap.site",
    "export_zones": "zonemap.export",
    "history_map": "zonemap.render",
    "load_layer": "zonemap.bundled",
    "load_zones": "zonemap.bundled",
    "locate": "zonemap.locating",
    "map_html": "zonemap.render",
    "read_zones": "zonemap.read",
    "relations": "zonemap.relate",
    "render_map": "zonemap.render",
    "render_png": "zonemap.render",
    "write_html": "zonemap.render",
    "zone": "zonemap.bundled",
}
_SUBMODULES = ("bundled", "datums")

__all__ = [
    "LAYERS",
    "BadRowsWarning",
    "MissingDependencyError",
    "OutputError",
    "Problem",
    "Relations",
    "ZoneDataError",
    "ZoneFile",
    "__version__",
    "areas",
    "build_maps",
    "bundled",
    "datums",
    "export_zones",
    "history_map",
    "load_layer",
    "load_zones",
    "locate",
    "map_html",
    "read_zones",
    "relations",
    "render_map",
    "render_png",
    "write_html",
    "zone",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from zonemap._version import version

        return version()
    if name in _SUBMODULES:
        return import_module(f"zonemap.{name}")
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'zonemap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
