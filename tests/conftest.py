"""Shared fixtures: the bundled data, and helpers to write zone files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

import zonemap

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def zones() -> gpd.GeoDataFrame:
    return zonemap.load_zones()


@pytest.fixture(scope="session")
def zones_by_id(zones: gpd.GeoDataFrame) -> dict[str, Any]:
    return dict(zip(zones["id"], zones.geometry))


def square(x: float, y: float, size: float = 0.001) -> list[list[float]]:
    """A counter-clockwise closed ring, lon/lat."""
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(ident: Any, ring: list[list[float]] | None = None, **properties: Any) -> dict[str, Any]:
    ring = ring if ring is not None else square(114.07, 22.52)
    return {
        "type": "Feature",
        "properties": {"id": ident, **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture
def write_json(tmp_path: Path):
    def write(data: Any, name: str = "zones.geojson") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return path

    return write
