"""The bundled data: the layers shipped in ``geodata/``, and the presets that go with them.

This is the only module that knows what the bundled data holds. Every
function elsewhere takes its zones and options as arguments; the presets here
are what the bundled zones need, named, so that omitting ``zones`` is exactly
the same as passing the bundled zones with their preset:

>>> import zonemap
>>> same = zonemap.relations(zonemap.load_zones(), **zonemap.bundled.relations_preset())
>>> zonemap.relations().table().equals(same.table())
True

Layers are read once per process and checked against the manifest's sha256
and the bundled schema; each call returns a fresh copy.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap._frame import zone_ids
from zonemap._geojson import load_json, parse_collection
from zonemap._geometry import geometry_problems
from zonemap._resources import layer_bytes, layer_names, manifest
from zonemap.errors import ZoneDataError
from zonemap.read import frame_from_records

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "ACROSS_RIVER_M",
    "COMMON_PROPERTIES",
    "HISTORY_ZONES",
    "LAYERS",
    "ZONE_PROPERTIES",
    "areas_preset",
    "attribution",
    "load_layer",
    "load_zones",
    "locate_preset",
    "relations_preset",
    "river_water",
    "zone",
]

#: Properties every feature of every bundled layer carries.
COMMON_PROPERTIES: tuple[str, ...] = (
    "id", "name_en", "name_zh_hant", "name_zh_hans", "status", "accuracy_m", "uncertainty", "sources", "licence", "attribution",
    "description", "description_zh_hant", "description_zh_hans",
)
#: Properties every bundled zone carries besides.
ZONE_PROPERTIES: tuple[str, ...] = (
    *COMMON_PROPERTIES, "short_en", "short_zh_hant", "short_zh_hans", "jurisdiction", "kind", "official_area_m2",
    "official_area_source", "area_basis", "parts", "status_reason_en", "status_reason_zh_hant", "status_reason_zh_hans",
)
#: Zones farther apart than the relations' tolerance but at most this far face each other:
#: wider than the Shenzhen River's regulated channel (about 130 m of water between the banks).
ACROSS_RIVER_M = 250.0
#: The zones the history map draws: the Loop, the 2008 study's areas B and C, and the Shenzhen Park's parts.
HISTORY_ZONES: tuple[str, ...] = ("loop_a", "loop_b", "loop_c", "futian_bonded_zone", "huanggang_port_area")


#: The bundled layers, in the manifest's order.
LAYERS: tuple[str, ...] = layer_names()


@cache
def _layer(name: str) -> gpd.GeoDataFrame:
    data = layer_bytes(name)
    source = f"geodata/{manifest()['layers'][name]['file']}"
    records, geometries, problems = parse_collection(
        load_json(data, source), source, required=ZONE_PROPERTIES if name == "zones" else COMMON_PROPERTIES
    )
    built = np.array([g is not None for g in geometries], dtype=bool)
    labels = [repr(str(r.get("id"))) for r in records]
    problems += geometry_problems(geometries[built], [lab for lab, b in zip(labels, built) if b], source, polygons=name == "zones")
    if problems:
        raise ZoneDataError(problems)
    frame = frame_from_records(records, geometries)
    zone_ids(frame, "id", source)
    return frame


def load_layer(name: str) -> gpd.GeoDataFrame:
    """One bundled layer.

    Parameters
    ----------
    name : str
        One of :data:`LAYERS` (from the manifest): ``"zones"``, ``"river"``,
        ``"boundary"``, ``"landmarks"`` …

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
        If the bundled file was edited or fails validation.

    Examples
    --------
    >>> river = load_layer("river")
    >>> "new_channel_centreline" in set(river["id"])
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a layer name (str), not {type(name).__name__}")
    import geopandas as gpd
    import shapely

    cached = _layer(name)
    frame = cached.copy()
    # New geometry objects as well: GEOS keeps lazily built state inside a geometry, so one shared by threads
    # rendering at once can crash them (it did, in renders of the bundled zones in threads).
    frame[frame.geometry.name] = gpd.GeoSeries(shapely.from_wkb(shapely.to_wkb(cached.geometry.array)), index=frame.index, crs=cached.crs)
    return frame


def load_zones() -> gpd.GeoDataFrame:
    """The bundled zones of the Hetao cooperation zone.

    Returns
    -------
    GeoDataFrame
        ``loop_a``, ``loop_b``, ``loop_c``, ``futian_bonded_zone``,
        ``huanggang_port_area``, ``shenzhen_park``, ``cooperation_zone`` and
        ``loop_zoning_plan``, in EPSG:4326, each with its provenance.

    Examples
    --------
    >>> load_zones()["id"].tolist()[:3]
    ['loop_a', 'loop_b', 'loop_c']
    """
    return load_layer("zones")


def zone(zone_id: str) -> gpd.GeoDataFrame:
    """One bundled zone by id, as a one-row GeoDataFrame.

    Parameters
    ----------
    zone_id : str
        The zone's id, one of ``load_zones()["id"]``.

    Returns
    -------
    GeoDataFrame
        One row, EPSG:4326.

    Raises
    ------
    KeyError
        If there is no zone with that id; the message lists the ids there are.

    Examples
    --------
    >>> zone("loop_a")["jurisdiction"].item()
    'HKSAR'
    """
    if not isinstance(zone_id, str):
        raise TypeError(f"zone_id must be a str, not {type(zone_id).__name__}")
    zones = load_zones()
    found = zones[zones["id"] == zone_id]
    if found.empty:
        raise KeyError(f"no zone {zone_id!r}; the zones are {', '.join(zones['id'])}")
    return found.reset_index(drop=True)


def attribution() -> str:
    """The attribution of the bundled data, as the manifest gives it (plain text).

    Returns
    -------
    str

    Examples
    --------
    >>> "OpenStreetMap contributors" in attribution()
    True
    """
    return str(manifest()["attribution"])


def river_water() -> gpd.GeoDataFrame:
    """The Shenzhen River's water (new channel and old meander): what lies between the bundled zones.

    Returns
    -------
    GeoDataFrame
        The ``channel_water`` features of the bundled ``river`` layer, in lon/lat.

    Examples
    --------
    >>> water = river_water()
    >>> set(water["kind"]), water.crs.to_epsg()
    ({'channel_water'}, 4326)
    """
    river = load_layer("river")
    return river[river["kind"] == "channel_water"].reset_index(drop=True)


def relations_preset() -> dict[str, Any]:
    """The options :func:`zonemap.relations` uses for the bundled zones.

    Returns
    -------
    dict
        ``across_m``: :data:`ACROSS_RIVER_M`; ``gap_features``: :func:`river_water`
        (so pairs facing each other across the river are ``across_river``).

    Examples
    --------
    >>> relations_preset()["across_m"]
    250.0
    """
    return {"across_m": ACROSS_RIVER_M, "gap_features": river_water()}


def areas_preset() -> dict[str, Any]:
    """The options :func:`zonemap.areas` uses for the bundled zones: their inner and outer outlines, where shipped.

    Returns
    -------
    dict
        ``{"outlines": GeoDataFrame or None}``.

    Examples
    --------
    >>> sorted(areas_preset())
    ['outlines']
    """
    return {"outlines": load_layer("zone_outlines") if "zone_outlines" in layer_names() else None}


def locate_preset() -> dict[str, Any]:
    """The options :func:`zonemap.locate` uses for the bundled zones: their inner and outer outlines, where shipped.

    Returns
    -------
    dict
        ``{"outlines": GeoDataFrame or None}``.

    Examples
    --------
    >>> sorted(set(locate_preset()["outlines"]["outline"]))
    ['inner', 'land', 'outer', 'to_boundary']
    """
    return {"outlines": load_layer("zone_outlines") if "zone_outlines" in layer_names() else None}
