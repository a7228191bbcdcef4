"""Shared fixtures: the bundled data, helpers to write zone files, and the command line run in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

import zonemap

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"
BAD = Path(__file__).resolve().parent / "bad_input"
# Metres on a plane tangent at the Loop: shapes drawn here measure true (scale error < 1e-5).
LOCAL_METRES = "+proj=laea +lat_0=22.52 +lon_0=114.07 +datum=WGS84 +units=m +no_defs"


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
def write_json(tmp_path: Path) -> Callable[..., Path]:
    def write(data: Any, name: str = "zones.geojson") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return path

    return write


@dataclass
class Run:
    """What one command line run gave."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``zonemap ARGS`` in-process (optionally in another folder); return status, stdout and stderr."""
    from zonemap.cli import main

    def run(*args: str | Path, cwd: Path | None = None) -> Run:
        capsys.readouterr()
        with monkeypatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            try:
                status = main([str(a) for a in args])
            except SystemExit as stopped:  # argparse: --help, --version, usage errors
                status = int(stopped.code or 0)
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run
