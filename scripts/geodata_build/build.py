"""The whole build: every layer's features, their bytes, and the manifest of what each layer read."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from .context import LAYERS as CONTEXT
from .features import encode_layer, provenance
from .geometry import finish
from .layers import outline_features, zone_features
from .milestones import milestones_layer
from .reading import Reader, Reference
from .zones import Zone, build_zones

__all__ = ["DEFINITIONS_FILE", "LAYER_ORDER", "Layer", "build", "build_all", "build_layers", "load_definitions"]

DEFINITIONS_FILE = Path(__file__).with_name("definitions.json")
#: The layers, in manifest order.
LAYER_ORDER = ("zones", "zone_outlines", "river", "boundary", "landmarks", "milestones")
_TITLES = {
    "zones": "Zones of the Hetao Cooperation Zone and around it",
    "zone_outlines": "Each zone's inner, outer, land and to-boundary outlines",
    "river": "The Shenzhen River: centre lines and water",
    "boundary": "The HKSAR-Shenzhen boundary",
    "landmarks": "Landmarks: ports, stations, buildings",
    "milestones": "History milestones, placed on the map",
}
_DESCRIPTIONS = {
    "zones": "One feature per zone, its best outline; areas, status and provenance in its properties.",
    "zone_outlines": "Per zone: inner (surely inside) and outer (possibly inside) from each edge's tolerance, land (to the bank) and to_boundary (to the boundary in mid-river).",
    "river": "The regulated channel's centre line (the boundary), the old meanders, and the water between measured banks.",
    "boundary": "The boundary from OpenStreetMap and, as a check, from the Home Affairs Department districts.",
    "landmarks": "Points and one outline with their stated accuracy.",
    "milestones": "Dated events from 1997 to 2024 in three scripts, each with its sources.",
}


@dataclass
class Layer:
    """One layer: its features (properties, lon/lat geometry) and the reader of each."""

    name: str
    features: list[tuple[dict[str, Any], BaseGeometry]]
    readers: list[Reader]


def load_definitions() -> dict[str, Any]:
    """``definitions.json``: the zones and the source catalogue."""
    data: dict[str, Any] = json.loads(DEFINITIONS_FILE.read_text(encoding="utf-8"))
    return data


def build_layers(reference: Path) -> tuple[dict[str, Layer], list[Zone], Reference]:
    """Every layer, built from the reference folder; also the zones (for docs and tests) and the reference."""
    definitions = load_definitions()
    ref = Reference(reference, definitions["sources"])
    zones = build_zones(ref, definitions)
    citations = {k: s.citation for k, s in ref.sources.items()}
    layers = {
        "zones": Layer("zones", [zone_features(z, citations) for z in zones], [z.outline.reader for z in zones]),
        "zone_outlines": Layer(
            "zone_outlines",
            [f for z in zones for f in outline_features(z)],
            [z.outline.reader for z in zones for _ in range(4)],
        ),
    }
    for name, make in CONTEXT.items():
        items = make(ref)
        features = [({**props, **provenance(reader)}, finish(geometry)) for props, geometry, reader in items]
        layers[name] = Layer(name, features, [reader for _, _, reader in items])
    items = milestones_layer(ref)
    layers["milestones"] = Layer(
        "milestones",
        [({**props, **provenance(reader)}, finish(point)) for props, point, reader in items],
        [reader for _, _, reader in items],
    )
    return {name: layers[name] for name in LAYER_ORDER}, zones, ref


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(reference: Path) -> dict[str, bytes]:
    """Every file of ``geodata/`` by name, as bytes: the layers and ``manifest.json``."""
    return build_all(reference)[0]


def build_all(reference: Path) -> tuple[dict[str, bytes], list[Zone], Reference]:
    """The files of :func:`build`, with the zones and the reference they came from (for the docs)."""
    layers, zones, ref = build_layers(reference)
    files: dict[str, bytes] = {}
    entries: dict[str, Any] = {}
    attributions: list[str] = []
    for name, layer in layers.items():
        data = encode_layer(name, layer.features)
        files[f"{name}.geojson"] = data
        merged = ref.reader()
        for reader in layer.readers:
            merged.absorb(reader)
        sources = merged.sources()
        attribution = "; ".join(dict.fromkeys(s.attribution for s in sources))
        attributions += [s.attribution for s in sources]
        entries[name] = {
            "file": f"{name}.geojson",
            "sha256": _sha256(data),
            "title": _TITLES[name],
            "description": _DESCRIPTIONS[name],
            "geometry_types": sorted({g.geom_type for _, g in layer.features}),
            "features": [p["id"] for p, _ in layer.features],
            "sources": [s.as_manifest() for s in sources],
            "licence": "; ".join(dict.fromkeys(s.licence for s in sources)),
            "attribution": attribution,
            "inputs": merged.inputs(),
        }
    manifest = {
        "name": "zonemap bundled data",
        "generated_by": "scripts/build_geodata.py",
        "datum": "WGS-84 (EPSG:4326), longitude/latitude, RFC 7946; at most 7 decimals",
        "attribution": "; ".join(dict.fromkeys(attributions)),
        "layers": entries,
    }
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files, zones, ref
