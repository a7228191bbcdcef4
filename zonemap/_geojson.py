"""GeoJSON text checked as RFC 7946 before any geometry is built: structure, rings, ranges, decimals.

:func:`parse_collection` turns a GeoJSON document into per-feature properties and shapely geometries, collecting
every structural problem with the feature it belongs to (property clashes here; closed rings, orientation,
lon/lat ranges with a hint when the axes look swapped and decimals by :mod:`zonemap._geojson_geometry`).
Geometry validity and ids are the one rule of :mod:`zonemap._frame`, applied afterwards.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from shapely.geometry import shape

from zonemap._geojson_geometry import MAX_DECIMALS, geometry_structure_problems
from zonemap._long_numbers import too_many_digits
from zonemap.errors import Problem, ZoneDataError

__all__ = ["MAX_DECIMALS", "geometry_structure_problems", "load_json", "parse_collection"]

STATUSES = frozenset({"official", "indicative"})
JURISDICTIONS = frozenset({"HKSAR", "Shenzhen", "shared"})


def load_json(text: str | bytes, source: str) -> Any:
    """Parse JSON text, or raise a :class:`ZoneDataError` naming the file and where the text is broken.

    Parameters
    ----------
    text : str or bytes
        The text.
    source : str
        The file's name, for messages.

    Returns
    -------
    object

    Examples
    --------
    >>> load_json("[1,", "a.geojson")
    Traceback (most recent call last):
    ...
    zonemap.errors.ZoneDataError: a.geojson: is not valid JSON (line 1, column 4: Expecting value)
    """
    if not text.strip():
        raise ZoneDataError.single(source, "", "is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ZoneDataError.single(source, "", f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise ZoneDataError.single(source, "", "is nested too deeply to be GeoJSON") from None
    except (ValueError, UnicodeDecodeError) as error:  # integers beyond Python's digit limit, bad encodings
        if isinstance(error, ValueError) and "digits" in str(error):
            raise too_many_digits(text, source) from None
        raise ZoneDataError.single(source, "", f"cannot be read as JSON: {error}") from None


def feature_label(feature: Mapping[str, Any], index: int) -> str:
    """Name a feature in messages: its id where it has one, else ``#index``."""
    properties = feature.get("properties") or {}
    ident = feature.get("id", properties.get("id") if isinstance(properties, Mapping) else None)
    return repr(str(ident)) if ident is not None else f"#{index}"


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


def parse_collection(
    data: Any,
    source: str,
    *,
    required: Sequence[str] = (),
    orientation: bool = True,
    max_decimals: int | None = MAX_DECIMALS,
    build: Callable[[Any], Any] | None = None,
    surrogates: bool = True,
) -> tuple[list[dict[str, Any]], np.ndarray, list[Problem]]:
    """Check a parsed GeoJSON FeatureCollection and build its geometries.

    Parameters
    ----------
    data : object
        The parsed JSON document.
    source : str
        The file name, used in messages.
    required : sequence of str
        Properties every feature must carry (the bundled data's schema).
    orientation : bool
        Enforce RFC 7946 ring orientation.
    max_decimals : int or None
        The most decimals a coordinate may carry; None for no limit.
    build : callable, optional
        Given a feature's ``geometry`` member, the geometry already built and
        checked for it, or None for the checks here (the fast path's hook, see
        :mod:`zonemap._geojson_scan`).
    surrogates : bool
        Whether the text may hold lone surrogates (False skips that check).

    Returns
    -------
    (list of dict, ndarray, list of Problem)
        Each feature's properties (with the feature's ``id`` member copied in
        as ``id`` where the properties have none), its shapely geometry (None
        where it has structural problems), and every structural problem.

    Raises
    ------
    ZoneDataError
        When the document as a whole is not a FeatureCollection with features.

    Examples
    --------
    >>> doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", "properties": {},
    ...        "geometry": {"type": "Point", "coordinates": [22.5, 114.1]}}]}
    >>> [str(p) for p in parse_collection(doc, "x.geojson")[2]]
    ["x.geojson: feature 'a': coordinate [22.5, 114.1] is out of range for lon/lat (they look like lat/lon: swap the axes to lon/lat)"]
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
        properties = crs.get("properties") if isinstance(crs, Mapping) else None
        name = properties.get("name") if isinstance(properties, Mapping) else None
        said = repr(name) if isinstance(name, str) else repr(crs)[:200]
        raise ZoneDataError.single(
            source, "", f"declares the CRS {said}; GeoJSON must be WGS-84 lon/lat (RFC 7946): reproject it to EPSG:4326, or give it as a GeoPackage or Shapefile, which may be in any CRS"
        )
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    geometries = np.full(len(features), None, dtype=object)
    for index, feature in enumerate(features):
        if not _is_object(feature) or feature.get("type") != "Feature":
            problems.append(Problem(source, f"#{index}", "is not a GeoJSON Feature"))
            records.append({})
            continue
        properties = feature.get("properties")
        if properties is None:
            properties = {}
        if not _is_object(properties):
            problems.append(Problem(source, feature_label(feature, index), "properties is not a JSON object"))
            records.append({})
            continue
        record = {str(k): v for k, v in properties.items()}
        if surrogates and not _encodable(record):
            problems.append(Problem(source, feature_label(feature, index), "properties hold text that is not valid Unicode (a lone surrogate); fix the file's text"))
            records.append({"id": record.get("id")} if _encodable({"id": record.get("id")}) else {})
            continue
        if "id" in feature and "id" not in record:
            record["id"] = feature["id"]
        records.append(record)
        if "geometry" in record:
            problems.append(Problem(source, feature_label(feature, index), "has a property named 'geometry', which clashes with the geometry; rename it"))
        if required or "official_area_m2" in record:  # the only property checked when none is required
            problems += [Problem(source, feature_label(feature, index), m) for m in property_problems(record, required)]
        geometry = feature.get("geometry")
        built = build(geometry) if build is not None else None
        if built is not None:
            geometries[index] = built
            continue
        structure = geometry_structure_problems(geometry, orientation=orientation, max_decimals=max_decimals)
        if structure:
            label = feature_label(feature, index)
            problems += [Problem(source, label, m) for m in structure]
        else:
            geometries[index] = shape(geometry)
    return records, geometries, problems


def _is_object(value: Any) -> bool:
    """A JSON object: a dict (as :mod:`json` makes them, tested first because it is quick) or another Mapping."""
    return type(value) is dict or isinstance(value, Mapping)


def _encodable(value: Any) -> bool:
    """Whether every text in a JSON value (keys included) can be written as UTF-8."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    except (TypeError, ValueError):
        return True
    return True


def _is_crs84(crs: Any) -> bool:
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, Mapping) else ""
    return name.upper().replace("::", ":").endswith(("CRS84", "EPSG:4326"))
