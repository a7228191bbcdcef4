"""Decoding polyline6 back to coordinates, for the tests: maps decode in the browser (``DECODER_JS``), so the package
never decodes in Python."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from zonemap.render.polyline import PAGE_ALPHABET, PRECISION

_SCALE = 10**PRECISION

__all__ = ["decode", "decode_geometry"]


def decode(text: str, alphabet: str = PAGE_ALPHABET) -> NDArray[np.float64]:
    """Decode a polyline string at 1e-6° to (n, 2) lon/lat coordinates."""
    lookup = np.zeros(256, dtype=np.int64)
    lookup[np.frombuffer(alphabet.encode("ascii"), dtype=np.uint8)] = np.arange(64)
    values = lookup[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    ends = np.flatnonzero(values < 0x20)
    starts = np.r_[0, ends[:-1] + 1]
    shifts = (np.arange(len(values)) - np.repeat(starts, ends - starts + 1)) * 5
    numbers = np.add.reduceat((values & 0x1F) << shifts, starts) if len(values) else np.zeros(0, np.int64)
    deltas = np.where(numbers & 1, ~(numbers >> 1), numbers >> 1).reshape(-1, 2)
    return np.cumsum(deltas, axis=0)[:, ::-1] / _SCALE


def decode_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """The plain GeoJSON geometry (coordinates as lists) of an :func:`encode_geometry` result."""
    if geometry.get("encoded") != "polyline6":
        return geometry
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        plain: Any = decode(coordinates).tolist()
    elif kind in ("Polygon", "MultiLineString"):
        plain = [decode(text).tolist() for text in coordinates]
    else:
        plain = [[decode(text).tolist() for text in polygon] for polygon in coordinates]
    return {"type": kind, "coordinates": plain}
