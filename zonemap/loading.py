"""Loading zone data: the bundled layers and users' own files, validated on every load."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import geopandas as gpd
from pyproj import CRS

from zonemap.errors import ZoneDataError
from zonemap.validation import (
    BUNDLED_PROPERTIES,
    check_feature_collection,
    check_frame,
    repair,
)

#: The bundled layers, each one GeoJSON FeatureCollection in ``geodata/``.
LAYERS: tuple[str, ...] = ("zones", "river", "boundary", "landmarks")
GEOJSON_SUFFIXES = (".geojson", ".json")
WGS84 = CRS.from_epsg(4326)


def geodata_dir() -> Traversable:
    """The folder holding the bundled GeoJSON and its manifest.

    In an installed wheel it is the package's ``geodata`` resource; in a source
    checkout, the repository's top-level ``geodata/``.
    """
    packaged = resources.files("zonemap") / "geodata"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "geodata"


@cache
def _bundled_features(name: str) -> tuple[dict[str, Any], ...]:
    if name not in LAYERS:
        raise ValueError(f"unknown layer {name!r}; the layers are {', '.join(LAYERS)}")
    resource = geodata_dir() / f"{name}.geojson"
    source = f"geodata/{name}.geojson"
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ZoneDataError.single(source, "", "is missing from the installed package") from None
    except json.JSONDecodeError as error:
        raise ZoneDataError.single(source, "", f"is not valid JSON: {error}") from None
    return tuple(check_feature_collection(data, source, required=BUNDLED_PROPERTIES))


def frame_from_features(features: Any) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame in EPSG:4326 from GeoJSON features, properties as columns."""
    frame = gpd.GeoDataFrame.from_features(list(features), crs=WGS84)
    columns = [c for c in frame.columns if c != "geometry"] + ["geometry"]
    return frame[columns]


def load_layer(name: str) -> gpd.GeoDataFrame:
    """Load one bundled layer.

    Parameters
    ----------
    name : {"zones", "river", "boundary", "landmarks"}
        The layer.

    Returns
    -------
    GeoDataFrame
        One row per feature, in EPSG:4326, with the feature's properties as
        columns (``id``, ``name_en``, ``status``, ``sources`` …).

    Raises
    ------
    ValueError
        For an unknown layer name.
    ZoneDataError
        If the bundled file fails validation.
    """
    return frame_from_features(_bundled_features(name))


def load_zones() -> gpd.GeoDataFrame:
    """Load the bundled zones of the Hetao cooperation zone.

    Returns
    -------
    GeoDataFrame
        ``loop_a``, ``loop_b``, ``loop_c``, ``futian_bonded_zone``,
        ``huanggang_port_area``, ``shenzhen_park``, ``cooperation_zone`` and
        ``loop_zoning_plan``, in EPSG:4326, each with its provenance.

    Examples
    --------
    >>> import zonemap
    >>> zones = zonemap.load_zones()
    >>> "loop_a" in set(zones["id"])
    True
    """
    return load_layer("zones")


def zone(zone_id: str) -> gpd.GeoDataFrame:
    """One bundled zone by id, as a one-row GeoDataFrame.

    Raises
    ------
    KeyError
        If there is no zone with that id; the message lists the ids there are.
    """
    zones = load_zones()
    found = zones[zones["id"] == zone_id]
    if found.empty:
        raise KeyError(f"no zone {zone_id!r}; the zones are {', '.join(zones['id'])}")
    return found.reset_index(drop=True)


def read_zones(
    path: str | Path, *, id_column: str | None = "id", fix: bool = False, datum: str | None = None, hong_kong: bool = True
) -> gpd.GeoDataFrame:
    """Read a user's own zones from GeoJSON, GeoPackage or Shapefile.

    GeoJSON is checked as RFC 7946 text (closed rings, counter-clockwise
    exteriors, lon/lat ranges, a hint when the axes look swapped); every format
    is checked for valid geometry and unique ids, and reprojected to EPSG:4326.

    Parameters
    ----------
    path : str or Path
        The file.
    id_column : str or None
        The column holding feature ids, checked for uniqueness where present.
    fix : bool
        Repair what can be repaired safely instead of refusing it: rings
        reoriented to RFC 7946, invalid polygons made valid (``make_valid``).
        What was changed is listed, one line per feature, in
        ``frame.attrs["repairs"]``. The file itself is never modified.
    datum : {"wgs84", "gcj02", "bd09"}, optional
        The datum the file's lon/lat are in. Coordinates copied from Gaode
        (AMap) or Tencent are GCJ-02, from Baidu BD-09: they are converted to
        WGS-84 (see :mod:`zonemap.china`). By default, the datum a zonemap
        export declares, else WGS-84.
    hong_kong : bool
        Whether the source applied the Chinese offset in Hong Kong too.

    Returns
    -------
    GeoDataFrame
        In EPSG:4326.

    Raises
    ------
    ZoneDataError
        Naming the file, the feature and the problem, for a file that is
        missing, unreadable, malformed or holds invalid geometry.
    """
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise ZoneDataError.single(source, "", "does not exist")
    if path.is_dir() and path.suffix.lower() != ".gdb":
        raise ZoneDataError.single(source, "", "is a folder, not a file")
    if path.suffix.lower() in GEOJSON_SUFFIXES:
        frame = _read_geojson(path, source, strict=not fix)
    else:
        frame = _read_with_pyogrio(path, source)
    has_ids = id_column is not None and id_column in frame.columns
    if fix:
        labels = [repr(str(v)) for v in frame[id_column]] if has_ids else [f"#{i}" for i in range(len(frame))]
        frame, changes = repair(frame, source, labels)
        frame.attrs["repairs"] = [str(change) for change in changes]
    check_frame(frame, source, id_column if has_ids else None, polygons=True)
    datum = datum or frame.attrs.pop("declared_datum", None) or "wgs84"
    if datum != "wgs84":
        from zonemap.china import DATUMS, convert  # china uses the bundled boundary, so it imports this module

        if datum not in DATUMS:
            raise ValueError(f"unknown datum {datum!r}; choose one of {', '.join(DATUMS)}")
        frame = convert(frame, datum, "wgs84", hong_kong=hong_kong)
        frame.attrs["converted_from"] = datum
    return frame


def _read_geojson(path: Path, source: str, *, strict: bool = True) -> gpd.GeoDataFrame:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ZoneDataError.single(source, "", f"cannot be read: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ZoneDataError.single(
            source, "", f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    features = check_feature_collection(data, source, max_decimals=None, orientation=strict, validity=strict)
    for feature in features:
        if "id" in feature and "id" not in feature["properties"]:
            feature["properties"]["id"] = feature["id"]
    frame = frame_from_features(features)
    if data.get("datum") in ("wgs84", "gcj02", "bd09"):
        frame.attrs["declared_datum"] = data["datum"]
    return frame


def _read_with_pyogrio(path: Path, source: str) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as error:  # pyogrio raises several DataSourceError kinds
        raise ZoneDataError.single(source, "", f"cannot be read as GIS data: {error}") from None
    if frame.empty:
        raise ZoneDataError.single(source, "", "holds no features")
    if frame.crs is None:
        raise ZoneDataError.single(source, "", "has no CRS; say which CRS its coordinates are in")
    if not frame.crs.equals(WGS84):
        frame = frame.to_crs(WGS84)
    return frame
