"""Checks and repairs of shapely geometries, vectorised over arrays: the one geometry rule.

Every entry point (reading a file, areas, relations, maps, exports) checks
zones with :func:`geometry_problems`, so a geometry one of them refuses is
refused by all, with the same message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from zonemap.errors import Problem

__all__ = ["REPAIRABLE", "geometry_problems", "repair"]

#: Said of the problems ``read_zones(..., fix=True)`` and ``zonemap validate FILE --fix -o FIXED.geojson`` repair.
REPAIRABLE = " (repair it with fix=True, or zonemap validate FILE --fix -o FIXED.geojson)"
_TYPE_NAMES = ("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection")
_POLYGONAL = (3, 6)


def geometry_problems(
    geometries: Any, labels: Sequence[str], source: str, *, polygons: bool = True, lonlat: bool = True
) -> list[Problem]:
    """Every problem with an array of geometries, one per geometry at most.

    Parameters
    ----------
    geometries : array_like of shapely geometries
        The geometries (None for a missing one).
    labels : sequence of str
        How each geometry's feature is named in messages.
    source : str
        The file or other source, named in messages.
    polygons : bool
        Require Polygon or MultiPolygon.
    lonlat : bool
        Require coordinates within lon/lat ranges (the geometries are in EPSG:4326).

    Returns
    -------
    list of Problem
        Missing or empty geometries, wrong types, invalid geometries (with
        GEOS's reason and location), coordinates out of range.

    Examples
    --------
    >>> from shapely import Polygon
    >>> bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    >>> [p.message for p in geometry_problems([bowtie], ["'b'"], "f.geojson")]
    ['geometry is invalid: Self-intersection[0.5 0.5] (repair it with fix=True, or zonemap validate FILE --fix -o FIXED.geojson)']
    """
    geometries = np.asarray(geometries, dtype=object)
    found: list[tuple[int, Problem]] = []

    def say(i: int, message: str) -> None:
        found.append((i, Problem(source, labels[i], message)))

    missing = shapely.is_missing(geometries)
    present = ~missing
    empty = np.zeros(len(geometries), bool)
    empty[present] = shapely.is_empty(geometries[present])
    for i in np.flatnonzero(missing | empty).tolist():
        say(i, "has no geometry" if missing[i] else "geometry is empty")
    usable = present & ~empty
    if polygons:
        kinds = np.full(len(geometries), 3)
        kinds[usable] = shapely.get_type_id(geometries[usable])
        wrong = usable & ~np.isin(kinds, _POLYGONAL)
        for i in np.flatnonzero(wrong).tolist():
            say(i, f"geometry is a {_TYPE_NAMES[kinds[i]]}; zones must be Polygon or MultiPolygon")
        usable &= ~wrong
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(geometries[usable]) if usable.any() else np.zeros((0, 4))
        finite = np.isfinite(bounds).all(axis=1)
    where = np.flatnonzero(usable)
    for i in where[~finite].tolist():
        say(i, "coordinates contain NaN or infinity")
    usable[where[~finite]] = False
    if lonlat:
        bounds = bounds[finite]
        outside = (np.abs(bounds[:, [0, 2]]) > 180).any(axis=1) | (np.abs(bounds[:, [1, 3]]) > 90).any(axis=1)
        for i, row in zip(where[finite][outside].tolist(), bounds[outside]):
            say(i, f"bounds {np.round(row, 6).tolist()} are out of range for lon/lat")
        usable[where[finite][outside]] = False
    valid = np.ones(len(geometries), bool)
    valid[usable] = shapely.is_valid(geometries[usable])
    for i in np.flatnonzero(~valid).tolist():
        say(i, f"geometry is invalid: {shapely.is_valid_reason(geometries[i])}{REPAIRABLE}")
    return [problem for _, problem in sorted(found, key=lambda pair: pair[0])]


def repair(geometries: Any, labels: Sequence[str], source: str) -> tuple[np.ndarray, list[Problem]]:
    """Repair what can be repaired safely: invalid geometry (``make_valid``) and ring orientation (RFC 7946).

    Parameters
    ----------
    geometries : array_like of shapely geometries
    labels : sequence of str
        How each feature is named in the list of changes.
    source : str

    Returns
    -------
    (ndarray, list of Problem)
        The repaired geometries, and one entry per change saying what was done.

    Examples
    --------
    >>> from shapely import Polygon
    >>> clockwise = Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])
    >>> fixed, changes = repair([clockwise], ["'cw'"], "f.geojson")
    >>> fixed[0].exterior.is_ccw, changes[0].message
    (True, 'rings reoriented (exteriors counter-clockwise, holes clockwise)')
    """
    geometries = np.array(geometries, dtype=object)
    present = ~shapely.is_missing(geometries)
    changes: list[Problem] = []
    invalid = present.copy()
    invalid[present] = ~shapely.is_valid(geometries[present])
    for i in np.flatnonzero(invalid).tolist():
        reason = shapely.is_valid_reason(geometries[i])
        fixed = shapely.make_valid(geometries[i], method="structure", keep_collapsed=False)
        parts = shapely.get_num_geometries(fixed)
        changes.append(Problem(source, labels[i], f"made valid ({reason}): now a {fixed.geom_type} of {parts} part{'' if parts == 1 else 's'}"))
        geometries[i] = fixed
    oriented = geometries.copy()
    oriented[present] = shapely.orient_polygons(geometries[present], exterior_cw=False)
    turned = present.copy()
    turned[present] = ~shapely.equals_exact(oriented[present], geometries[present], tolerance=0.0)
    changes += [Problem(source, labels[i], "rings reoriented (exteriors counter-clockwise, holes clockwise)") for i in np.flatnonzero(turned).tolist()]
    return oriented, changes
