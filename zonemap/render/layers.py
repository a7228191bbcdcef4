"""The layers of a map: zones, their uncertainty, river, boundary, landmarks and milestones, as folium groups.

Every text shown comes from :mod:`zonemap.render.wording` in the map's
language and reaches the page as plain strings (see
:class:`~zonemap.render.elements.FeatureLayer`). Zones are drawn composites
first (outlines only), parts above them, none taking the pointer itself: a
:class:`~zonemap.render.elements.ZonePointer` lists every zone under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import folium
import numpy as np
import shapely

from zonemap.escape import text_of
from zonemap.render.elements import FeatureLayer, Labels, ZonePointer
from zonemap.render.elements.features import feature
from zonemap.render.elements.labels import label
from zonemap.render.folium_classes import FeatureGroup
from zonemap.render.label_layout import label_candidates, line_candidates
from zonemap.render.polyline import encode_polygons, encode_runs
from zonemap.render.rows import records
from zonemap.render.styles import BOUNDARY_STYLES, LANDMARK_STYLE, RIVER_STYLES, band_style, zone_style, zone_style_key
from zonemap.render.wording import context_popup, hectares, zone_label_variants, zone_popup
from zonemap.text import pick, pick_all, say

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["Shift", "band_layer", "context_layer", "landmark_layer", "milestone_layer", "zone_layer"]

#: Moves a geometry, or a GeoDataFrame's geometries, into the basemap's datum (the identity on WGS-84 tiles).
Shift = Callable[[Any], Any]


def _s(key: str, lang: str, **values: Any) -> str:
    return say(key, lang, separator=" / ", **values)


def zone_layer(
    zones: gpd.GeoDataFrame, ids: np.ndarray, area_rows: Sequence[Mapping[str, float]], composite: np.ndarray, lang: str,
    label_field: str | None, shift: Shift, names: Mapping[str, str], rows: Sequence[Mapping[str, Any]] | None = None,
) -> folium.FeatureGroup:
    """Zones with labels (parts only), found under the pointer by a :class:`ZonePointer`.

    Parameters
    ----------
    zones : GeoDataFrame
        The zones, in lon/lat.
    ids : ndarray of str
        Their ids.
    area_rows : sequence of mapping
        Their rows of :func:`zonemap.areas` (or :func:`~zonemap.render.rows.shown_areas`), row for row.
    composite : ndarray of bool
        Which zones are composites of others (drawn as outlines, underneath, unlabelled).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    label_field : str, optional
        Column to label zones with instead of their names.
    shift : Shift
        Moves geometries into the basemap's datum.
    names : mapping of str to str
        Zone names by id (for the parts of composites).
    rows : sequence of mapping, optional
        :func:`~zonemap.render.rows.records` of ``zones``, when the caller has them.

    Returns
    -------
    folium.FeatureGroup

    Examples
    --------
    >>> import numpy as np
    >>> import zonemap
    >>> zones = zonemap.load_zones().iloc[:2]
    >>> ids = zones["id"].to_numpy()
    >>> group = zone_layer(zones, ids, zonemap.areas(zones).to_dict("records"), np.zeros(2, bool), "en", None, lambda g: g, {})
    >>> group.layer_name, [type(child).__name__ for child in group._children.values()]
    ('Zones', ['FeatureLayer', 'ZonePointer', 'Labels'])
    """
    geometries = shift(zones).geometry.to_numpy()
    rows = records(zones) if rows is None else rows
    area = np.array([a["geodesic_area_m2"] for a in area_rows], dtype=float)
    ranked = np.lexsort((area, composite))  # parts before composites, smaller before larger
    rank = np.empty(len(ids), dtype=int)
    rank[ranked] = np.arange(len(ids))
    features, styles = [], {}
    encoded = encode_polygons(geometries)  # every ring in one pass
    for i in np.argsort(~composite, kind="stable").tolist():  # composites first, underneath the parts
        record, areas = rows[i], area_rows[i]
        key = zone_style_key(record.get("jurisdiction"), record.get("status"), bool(composite[i]))
        styles[key] = zone_style(key)
        popup = zone_popup(record, areas, lang, names, ids[i], label_field)
        features.append(feature(encoded[i], style=key, key=ids[i], rank=int(rank[i]),
                                tip=[popup["title"], hectares(areas["geodesic_area_m2"], lang)], **popup))
    group = FeatureGroup(name=_s("layer_zones", lang), show=True)
    FeatureLayer(features, styles, interactive=False).add_to(group)
    ZonePointer(_s("hint_details", lang), _s("also_here", lang)).add_to(group)
    parts = np.flatnonzero(~composite)
    parts = parts[np.argsort(area[parts], kind="stable")]  # small zones have the fewest places: they choose first
    candidates = label_candidates(geometries[parts])
    places = encode_runs(shapely.get_coordinates([p for points in candidates for p in points]),
                         np.r_[0, np.cumsum([len(points) for points in candidates])])
    corners = shapely.bounds(geometries[parts]).reshape(-1, 2)  # west, south, then east, north: two points a zone
    fits = encode_runs(corners, np.arange(0, len(corners) + 1, 2))
    labels = [label(at, zone_label_variants(rows[i], lang, ids[i], label_field, area[i]), fit=fit)
              for i, at, fit in zip(parts.tolist(), places, fits)]
    Labels(labels, kind="zone").add_to(group)
    return group


def band_layer(zones: gpd.GeoDataFrame, ids: np.ndarray, composite: np.ndarray, outlines: gpd.GeoDataFrame | None,
               lang: str, shift: Shift) -> folium.FeatureGroup | None:
    """The uncertainty band of each zone drawn as a part: between its inner and outer outline, hatched.

    Parameters
    ----------
    zones : GeoDataFrame
        The zones.
    ids : ndarray of str
        Their ids.
    composite : ndarray of bool
        Which zones are composites (they get no band).
    outlines : GeoDataFrame, optional
        Inner and outer outlines (columns ``zone`` and ``outline``).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    shift : Shift
        Moves geometries into the basemap's datum.

    Returns
    -------
    folium.FeatureGroup or None
        None when ``outlines`` hold no inner and outer outline of these zones.

    Examples
    --------
    >>> import numpy as np
    >>> import zonemap
    >>> zones = zonemap.load_zones().iloc[:2]
    >>> outlines = zonemap.bundled.areas_preset()["outlines"]
    >>> band_layer(zones, zones["id"].to_numpy(), np.zeros(2, bool), outlines, "zh-Hant", lambda g: g).layer_name
    '界線的不確定範圍'
    >>> band_layer(zones, zones["id"].to_numpy(), np.zeros(2, bool), None, "en", lambda g: g) is None
    True
    """
    if outlines is None or len(outlines) == 0:
        return None
    lonlat = shift(outlines.to_crs(4326))
    by_zone: dict[tuple[str, str], Any] = {(str(z), str(o)): g for z, o, g in zip(lonlat["zone"], lonlat["outline"], lonlat.geometry)}
    jurisdictions = zones["jurisdiction"].tolist() if "jurisdiction" in zones.columns else [None] * len(zones)
    features, styles = [], {}
    for i in np.flatnonzero(~composite).tolist():
        inner, outer = by_zone.get((str(ids[i]), "inner")), by_zone.get((str(ids[i]), "outer"))
        if inner is None or outer is None:
            continue
        band = shapely.make_valid(outer.difference(inner))
        band = shapely.union_all([p for p in shapely.get_parts(band) if p.geom_type in ("Polygon", "MultiPolygon")])
        if band.is_empty:
            continue
        key = f"band|{jurisdictions[i]}"
        styles[key] = band_style(jurisdictions[i])
        features.append(feature(band, style=key))
    if not features:
        return None
    group = FeatureGroup(name=_s("layer_uncertainty", lang), show=True)
    FeatureLayer(features, styles, interactive=False).add_to(group)
    return group


def context_layer(frame: gpd.GeoDataFrame, name: str, kind: str, lang: str, labelled: gpd.GeoDataFrame | None = None) -> folium.FeatureGroup:
    """The river or the boundary: lines (with their name, description and sources) and water.

    The river's new channel and old meander are labelled along their lines in ``labelled``.

    Parameters
    ----------
    frame : GeoDataFrame
        The bundled ``river`` or ``boundary`` layer (or one like it), in lon/lat.
    name : str
        The layer's name in the layer control.
    kind : {"river", "boundary"}
        Which styles to draw with.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    labelled : GeoDataFrame, optional
        The lines to label (default: ``frame``).

    Returns
    -------
    folium.FeatureGroup

    Examples
    --------
    >>> import zonemap
    >>> group = context_layer(zonemap.load_layer("river"), "River", "river", "en")
    >>> group.layer_name, [type(child).__name__ for child in group._children.values()]
    ('River', ['FeatureLayer', 'FeatureLayer', 'Labels'])
    """
    styles = RIVER_STYLES if kind == "river" else BOUNDARY_STYLES
    lines, water = [], []
    for record, geometry in zip(records(frame), frame.geometry):
        ident, line_kind = text_of(record.get("id")), text_of(record.get("kind"))
        key = ident if ident in styles else line_kind if kind == "river" and line_kind in styles else "other"
        names = pick_all(record, "name", lang) or [ident]
        if geometry.geom_type in ("Polygon", "MultiPolygon"):
            water.append(feature(geometry, style=key))
        else:
            lines.append(feature(geometry, style=key, tip=names, **context_popup(record, lang, " / ".join(names))))
    group = FeatureGroup(name=name, show=True)
    if water:
        FeatureLayer(water, styles, interactive=False).add_to(group)
    FeatureLayer(lines, styles).add_to(group)
    if kind == "river":
        labelled = frame if labelled is None else labelled
        labels = []
        for line_kind, text in (("channel_centreline", "label_new_channel"), ("old_channel_centreline", "label_old_channel")):
            chosen = [g for r, g in zip(records(labelled), labelled.geometry) if r.get("kind") == line_kind and g.geom_type != "Polygon"]
            if chosen:
                longest = max(chosen, key=lambda g: g.length)
                places = line_candidates(longest, (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9))
                labels.append(label(places, [[_s(text, lang)], [_s(f"{text}_short", lang)]]))
        Labels(labels, kind="river").add_to(group)
    return group


def landmark_layer(landmarks: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Landmarks as dots, each labelled beside it by its name (where there is room).

    Parameters
    ----------
    landmarks : GeoDataFrame
        Points (or shapes, marked at a point inside), in lon/lat.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.

    Returns
    -------
    folium.FeatureGroup

    Examples
    --------
    >>> import zonemap
    >>> landmark_layer(zonemap.load_layer("landmarks"), "zh-Hans").layer_name
    '地标'
    """
    features, labels = [], []
    for record, geometry in zip(records(landmarks), landmarks.geometry):
        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        names = pick_all(record, "name", lang) or [text_of(record.get("id"))]
        features.append(feature(point, style="landmark", tip=names, **context_popup(record, lang, " / ".join(names))))
        shorter = [re.split(r" \(|（", names[0])[0]]  # "Lok Ma Chau station (MTR Lok Ma Chau Spur Line)" -> "Lok Ma Chau station"
        labels.append(label([point], [names, shorter], beside=True, dot=LANDMARK_STYLE["radius"] + 1))
    group = FeatureGroup(name=_s("layer_landmarks", lang), show=True)
    FeatureLayer(features, {"landmark": LANDMARK_STYLE}).add_to(group)
    Labels(labels, kind="landmark").add_to(group)
    return group


def milestone_layer(milestones: gpd.GeoDataFrame, lang: str) -> tuple[folium.FeatureGroup, list[dict[str, Any]]]:
    """The history milestones as numbered pills at their places, and their timeline entries.

    Parameters
    ----------
    milestones : GeoDataFrame
        The bundled ``milestones`` layer (or one like it), in lon/lat.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.

    Returns
    -------
    (folium.FeatureGroup, list of dict)
        The layer, and per milestone its number, title, text, key and the zones it concerns.

    Examples
    --------
    >>> import zonemap
    >>> group, entries = milestone_layer(zonemap.load_layer("milestones"), "en")
    >>> group.layer_name, entries[0]["n"], entries[0]["key"]
    ('Milestones', 1, '1997-04-regulation')
    """
    features, entries = [], []
    for number, (record, geometry) in enumerate(zip(records(milestones), milestones.geometry), start=1):
        title = pick(record, "title", lang, separator=" / ")
        text = pick(record, "text", lang, separator="\n")
        key = text_of(record.get("id")) or str(number)
        popup = context_popup(record, lang, f"{number}. {title}")
        features.append(feature(geometry, style="milestone", marker=f"{number} · {text_of(record.get('year'))}", key=key, tip=[title], **popup))
        zones: Any = record.get("zones")
        zones = zones.tolist() if hasattr(zones, "tolist") else zones
        entries.append({"n": number, "title": title, "text": text, "key": key, "zones": list(zones) if isinstance(zones, (list, tuple)) else []})
    group = FeatureGroup(name=_s("layer_milestones", lang), show=True)
    FeatureLayer(features, {"milestone": {}}).add_to(group)
    Labels([], kind="milestone", markers=True).add_to(group)
    return group, entries
