"""Validation of zone data: GeoJSON structure, rings, ranges, geometry, ids, properties.

Every loader calls :func:`check_feature_collection` (for GeoJSON text) or
:func:`check_frame` (for a GeoDataFrame read from any format); both collect every
problem and raise one :class:`~zonemap.errors.ZoneDataError` that names the file,
the feature and the problem.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import shape

from zonemap.errors import Problem, ZoneDataError

#: Properties every feature of the bundled dataset carries.
BUNDLED_PROPERTIES: tuple[str, ...] = (
    "id",
    "name_en",
    "name_zh_hant",
    "name_zh_hans",
    "jurisdiction",
    "kind",
    "status",
    "official_area_m2",
    "official_area_source",
    "accuracy_m",
    "description",
    "sources",
    "licence",
    "attribution",
)
STATUSES = frozenset({"official", "indicative"})
JURISDICTIONS = frozenset({"HKSAR", "Shenzhen", "shared"})
GEOMETRY_TYPES = frozenset({"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})
#: RFC 7946 recommends no more than 6 decimals; zonemap allows 7 (about 1 cm).
MAX_DECIMALS = 7


#: Said of the problems ``read_zones(..., fix=True)`` and ``zonemap validate --fix`` repair.
REPAIRABLE = " (fix=True / --fix repairs this)"


def feature_label(feature: Mapping[str, Any], index: int) -> str:
    """Name a feature in messages: its id where it has one, else ``#index``."""
    properties = feature.get("properties") or {}
    ident = feature.get("id", properties.get("id") if isinstance(properties, Mapping) else None)
    return repr(str(ident)) if ident is not None else f"#{index}"


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
    lons = np.array([float(p[0]) for p in positions])
    lats = np.array([float(p[1]) for p in positions])
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


def property_problems(properties: Mapping[str, Any], required: Sequence[str]) -> list[str]:
    """Missing or malformed properties, for the bundled schema's fields named in ``required``."""
    problems = [f"property {name!r} is missing" for name in required if name not in properties]
    if "status" in required and "status" in properties and properties["status"] not in STATUSES:
        problems.append(f"status {properties['status']!r} is not one of {sorted(STATUSES)}")
    if "jurisdiction" in required and "jurisdiction" in properties and properties["jurisdiction"] not in JURISDICTIONS:
        problems.append(f"jurisdiction {properties['jurisdiction']!r} is not one of {sorted(JURISDICTIONS)}")
    area = properties.get("official_area_m2")
    if area is not None and (not isinstance(area, (int, float)) or not math.isfinite(area) or area <= 0):
        problems.append(f"official_area_m2 {area!r} is not a positive number")
    return problems


def shapely_problems(geometries: Any, labels: Sequence[str], source: str) -> list[Problem]:
    """Invalid or empty geometries, with GEOS's reason (vectorised over an array)."""
    geometries = np.asarray(geometries, dtype=object)
    problems: list[Problem] = []
    missing = shapely.is_missing(geometries)
    empty = np.zeros(len(geometries), bool)
    empty[~missing] = shapely.is_empty(geometries[~missing])
    valid = np.ones(len(geometries), bool)
    present = ~missing & ~empty
    valid[present] = shapely.is_valid(geometries[present])
    for i in np.flatnonzero(missing | empty).tolist():
        problems.append(Problem(source, labels[i], "geometry is empty"))
    for i in np.flatnonzero(~valid).tolist():
        reason = shapely.is_valid_reason(geometries[i])
        problems.append(Problem(source, labels[i], f"geometry is invalid: {reason}{REPAIRABLE}"))
    return problems


def polygon_problems(geometries: Any, labels: Sequence[str], source: str) -> list[Problem]:
    """One problem per geometry that is not a Polygon or MultiPolygon (vectorised over an array)."""
    geometries = np.asarray(geometries, dtype=object)
    present = ~shapely.is_missing(geometries)
    kinds = np.full(len(geometries), "missing", dtype=object)
    kinds[present] = shapely.get_type_id(geometries[present])
    names = dict(enumerate(["Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
                            "MultiPolygon", "GeometryCollection"]))
    return [
        Problem(source, labels[i], f"geometry is a {names[kinds[i]]}; zones must be Polygon or MultiPolygon")
        for i in np.flatnonzero(present).tolist()
        if kinds[i] not in (3, 6)
    ]


def duplicate_id_problems(ids: Sequence[Any], source: str) -> list[Problem]:
    """One problem per id that occurs more than once."""
    counts = Counter(i for i in ids if i is not None)
    return [
        Problem(source, repr(str(ident)), f"id {str(ident)!r} occurs {n} times; ids must be unique")
        for ident, n in counts.items()
        if n > 1
    ]


def check_feature_collection(
    data: Any,
    source: str,
    *,
    required: Sequence[str] = (),
    orientation: bool = True,
    max_decimals: int | None = MAX_DECIMALS,
    validity: bool = True,
) -> list[dict[str, Any]]:
    """Check a parsed GeoJSON FeatureCollection; return its features.

    Parameters
    ----------
    data : object
        The parsed JSON document.
    source : str
        The file name, used in messages.
    required : sequence of str
        Properties every feature must carry.
    orientation : bool
        Enforce RFC 7946 ring orientation.
    max_decimals : int or None
        The most decimals a coordinate may carry; None for no limit.
    validity : bool
        Check the geometries are valid (OGC simple features).

    Returns
    -------
    list of dict
        The features, each with ``properties`` guaranteed to be a dict.

    Raises
    ------
    ZoneDataError
        Listing every problem found.
    """
    if not isinstance(data, Mapping) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, Mapping) else type(data).__name__
        raise ZoneDataError.single(source, "", f"is not a GeoJSON FeatureCollection (found {kind!r})")
    features = data.get("features")
    if not isinstance(features, list):
        raise ZoneDataError.single(source, "", "FeatureCollection has no 'features' array")
    if not features:
        raise ZoneDataError.single(source, "", "FeatureCollection has no features")
    crs = data.get("crs")
    if crs is not None and not _is_crs84(crs):
        raise ZoneDataError.single(source, "", f"declares CRS {crs!r}; GeoJSON must be WGS-84 lon/lat (RFC 7946)")
    problems: list[Problem] = []
    ids: list[Any] = []
    geometries: list[Any] = []
    labels: list[str] = []
    for index, feature in enumerate(features):
        if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
            problems.append(Problem(source, f"#{index}", "is not a GeoJSON Feature"))
            continue
        label = feature_label(feature, index)
        properties = feature.get("properties")
        if properties is None:
            properties = {}
        if not isinstance(properties, Mapping):
            problems.append(Problem(source, label, "properties is not a JSON object"))
            continue
        if "geometry" in properties:
            problems.append(Problem(source, label, "has a property named 'geometry', which clashes with the geometry; rename it"))
        ident = feature.get("id", properties.get("id"))
        if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int, float))):
            problems.append(Problem(source, label, f"id {ident!r} is not a string or a number"))
        else:
            ids.append(ident)
        problems += [Problem(source, label, m) for m in property_problems(properties, required)]
        structure = geometry_structure_problems(
            feature.get("geometry"), orientation=orientation, max_decimals=max_decimals
        )
        problems += [Problem(source, label, m) for m in structure]
        if not structure:
            geometries.append(shape(feature["geometry"]))
            labels.append(label)
    problems += duplicate_id_problems(ids, source)
    if validity:
        problems += shapely_problems(geometries, labels, source)
    if problems:
        raise ZoneDataError(problems)
    return [dict(f, properties=dict(f.get("properties") or {})) for f in features]


def _is_crs84(crs: Any) -> bool:
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, Mapping) else ""
    return name.upper().replace("::", ":").endswith(("CRS84", "EPSG:4326"))


def check_frame(frame: gpd.GeoDataFrame, source: str, id_column: str | None = None, *, polygons: bool = False) -> None:
    """Check a GeoDataFrame already in EPSG:4326 (lon/lat ranges, validity, unique ids, polygons only if asked).

    Raises
    ------
    ZoneDataError
        Listing every problem found.
    """
    labels = [repr(str(v)) for v in frame[id_column]] if id_column is not None else [f"#{i}" for i in range(len(frame))]
    problems = polygon_problems(frame.geometry.array, labels, source) if polygons else []
    problems += shapely_problems(frame.geometry.array, labels, source)
    bounds = frame.geometry.bounds.to_numpy()
    with np.errstate(invalid="ignore"):
        outside = (np.abs(bounds[:, [0, 2]]) > 180).any(axis=1) | (np.abs(bounds[:, [1, 3]]) > 90).any(axis=1)
    for i in np.flatnonzero(outside).tolist():
        problems.append(
            Problem(source, labels[i], f"bounds {bounds[i].round(6).tolist()} are out of range for lon/lat")
        )
    if id_column is not None:
        problems += duplicate_id_problems(list(frame[id_column]), source)
    if problems:
        raise ZoneDataError(problems)


def repair(frame: gpd.GeoDataFrame, source: str, labels: Sequence[str]) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Repair what can be repaired safely: ring orientation (RFC 7946) and invalid geometry (``make_valid``).

    Returns
    -------
    (GeoDataFrame, list of Problem)
        The repaired copy, and one entry per feature changed saying what was done.
    """
    geometries = np.asarray(frame.geometry.array, dtype=object)
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
    return frame.set_geometry(gpd.GeoSeries(oriented, index=frame.index, crs=frame.crs)), changes
