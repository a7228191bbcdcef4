"""GeoJSON features with zonemap's provenance properties, and their encoding as bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from .reading import Reader, Source
from .text import Text

__all__ = ["encode_layer", "provenance", "texts"]


def provenance(reader: Reader) -> dict[str, Any]:
    """``sources``, ``licence`` and ``attribution`` derived from what a reader read and cited."""
    found: list[Source] = reader.sources()
    return {
        "sources": [s.citation for s in found],
        "licence": "; ".join(dict.fromkeys(s.licence for s in found)),
        "attribution": "; ".join(dict.fromkeys(s.attribution for s in found)),
    }


def texts(key: str, text: Text, english_key: str | None = None) -> dict[str, str]:
    """A text as three properties: ``<key>_en`` (or ``english_key``), ``<key>_zh_hant``, ``<key>_zh_hans``."""
    return {english_key or f"{key}_en": text.en, f"{key}_zh_hant": text.zh_hant, f"{key}_zh_hans": text.zh_hans}


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 7)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, np.floating):
        return round(float(value), 7)
    return value


def encode_layer(name: str, features: Sequence[tuple[dict[str, Any], BaseGeometry]]) -> bytes:
    """A FeatureCollection as UTF-8 bytes: one feature a line, coordinates at 7 decimals, no ``crs`` member."""
    lines = []
    for properties, geometry in features:
        body = {"type": "Feature", "id": properties["id"], "properties": properties, "geometry": _rounded(mapping(geometry))}
        lines.append(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", "name": name}, ensure_ascii=False)[:-1]
    return (head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")
