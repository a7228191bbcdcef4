"""One GeoJSON geometry object checked as RFC 7946 before it is built: structure, lon/lat ranges, decimals, rings.

:func:`geometry_structure_problems` says, in words for the user, what is wrong
with a feature's ``geometry`` member (nested arrays of numbers, positions of 2
or 3 numbers, coordinates in range with a hint when lon and lat look swapped,
at most :data:`MAX_DECIMALS` decimals, rings closed, long enough and turned as
RFC 7946 wants). Only geometries with no problem are built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import shapely

from zonemap._geometry import REPAIRABLE

__all__ = ["GEOMETRY_TYPES", "MAX_DECIMALS", "geometry_structure_problems"]

GEOMETRY_TYPES = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})
#: RFC 7946 recommends no more than 6 decimals; zonemap allows 7 (about 1 cm).
MAX_DECIMALS = 7


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text or "E" in text:
        return 0 if abs(value) >= 1 else 99
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _positions(coordinates: Any, depth: int) -> Iterable[Sequence[Any]]:
    if depth == 0:
        yield coordinates
    else:
        for part in coordinates:
            yield from _positions(part, depth - 1)


_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _ring_problems(geometry_type: str, coordinates: Any, orientation: bool) -> list[str]:
    polygons = [coordinates] if geometry_type == "Polygon" else coordinates
    problems: list[str] = []
    for p, rings in enumerate(polygons):
        if not rings:
            problems.append(f"polygon {p} has no rings" if geometry_type == "MultiPolygon" else "polygon has no rings")
            continue
        for r, ring in enumerate(rings):
            name = "exterior ring" if r == 0 else f"interior ring {r}"
            if geometry_type == "MultiPolygon":
                name = f"polygon {p} {name}"
            if len(ring) < 4:
                problems.append(f"{name} has {len(ring)} positions; a ring needs at least 4")
                continue
            if list(ring[0][:2]) != list(ring[-1][:2]):
                problems.append(
                    f"{name} is not closed: it starts at {list(ring[0][:2])} and ends at {list(ring[-1][:2])}"
                )
                continue
            if orientation:
                ccw = shapely.is_ccw(shapely.linearrings([pos[:2] for pos in ring]))
                if r == 0 and not ccw:
                    problems.append(f"{name} is clockwise; RFC 7946 wants exteriors counter-clockwise{REPAIRABLE}")
                elif r > 0 and ccw:
                    problems.append(f"{name} is counter-clockwise; RFC 7946 wants holes clockwise{REPAIRABLE}")
    return problems


def geometry_structure_problems(
    geometry: Any, *, orientation: bool = True, max_decimals: int | None = MAX_DECIMALS
) -> list[str]:
    """Problems in one GeoJSON geometry object, before it is turned into shapely.

    Parameters
    ----------
    geometry : object
        The ``geometry`` member of a GeoJSON feature.
    orientation : bool
        Check RFC 7946 ring orientation (exteriors counter-clockwise).
    max_decimals : int or None
        The most decimals a coordinate may carry; None for no limit.

    Returns
    -------
    list of str
        The problems, empty when there are none.

    Examples
    --------
    >>> geometry_structure_problems({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})
    ['exterior ring is not closed: it starts at [0, 0] and ends at [0, 1]']
    """
    if not isinstance(geometry, Mapping):
        return ["has no geometry" if geometry is None else "geometry is not a JSON object"]
    geometry_type = geometry.get("type")
    if not isinstance(geometry_type, str) or geometry_type not in GEOMETRY_TYPES:
        return [f"geometry type {geometry_type!r} is not supported"]
    coordinates = geometry.get("coordinates")
    depth = _DEPTH[geometry_type]
    try:
        positions = list(_positions(coordinates, depth))
        if not positions:
            return [f"{geometry_type} has no coordinates"]
        for pos in positions:
            if not isinstance(pos, Sequence) or len(pos) < 2:
                raise TypeError
            for value in pos:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise TypeError
    except TypeError:
        return [f"{geometry_type} coordinates are not nested arrays of numbers"]
    dimensions = {len(p) for p in positions}
    if max(dimensions) > 3:
        return [f"a position has {max(dimensions)} numbers; GeoJSON positions are [lon, lat] or [lon, lat, height]"]
    if len(dimensions) > 1:
        return ["positions mix [lon, lat] and [lon, lat, height]; use one form throughout a geometry"]
    problems: list[str] = []
    try:
        lons = np.array([float(p[0]) for p in positions])
        lats = np.array([float(p[1]) for p in positions])
    except OverflowError:
        return ["a coordinate is too large to be a number of degrees"]
    if not (np.isfinite(lons).all() and np.isfinite(lats).all()):
        return ["coordinates contain NaN or infinity"]
    if (np.abs(lats) > 90).any() or (np.abs(lons) > 180).any():
        bad = next(p for p in positions if abs(p[1]) > 90 or abs(p[0]) > 180)
        swapped = (np.abs(lons) <= 90).all() and (np.abs(lats) <= 180).all()
        hint = " (they look like lat/lon: swap the axes to lon/lat)" if swapped else ""
        problems.append(f"coordinate {list(bad[:2])} is out of range for lon/lat{hint}")
    if max_decimals is not None:
        worst = max(_decimals(v) for p in positions for v in p[:2])
        if worst > max_decimals:
            problems.append(f"coordinates carry {worst} decimals; at most {max_decimals} are allowed")
    if geometry_type in ("Polygon", "MultiPolygon"):
        problems += _ring_problems(geometry_type, coordinates, orientation and not problems)
    return problems
