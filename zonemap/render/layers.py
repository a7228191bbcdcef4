"""The layers of a map: zones, river, boundary, landmarks, milestones and relations, as folium groups.

Every text shown comes from :mod:`zonemap.text` in the map's language and
reaches the page as plain strings (see :class:`~zonemap.render.elements.FeatureLayer`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import folium
import numpy as np

from zonemap.escape import text_of
from zonemap.render.elements import FeatureLayer, Labels
from zonemap.render.elements.features import feature
from zonemap.render.label_layout import label_points
from zonemap.render.styles import (
    BOUNDARY_STYLES,
    LANDMARK_STYLE,
    RELATION_STYLES,
    RIVER_STYLES,
    zone_style,
    zone_style_key,
)
from zonemap.text import pick, pick_all, say

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from zonemap.relate import Relations

__all__ = ["context_layer", "landmark_layer", "milestone_layer", "relations_layer", "zone_layer", "zone_name_lines"]

Shift = Callable[[Any], Any]


def zone_name_lines(record: Any, lang: str, ident: str, label_field: str | None = None, *, short: bool = False) -> list[str]:
    """A zone's name in ``lang`` as lines (Chinese, then English when bilingual); its id when it has none.

    Examples
    --------
    >>> zone_name_lines({"name_en": "Loop A", "name_zh_hant": "河套A區"}, "bilingual", "loop_a")
    ['河套A區', 'Loop A']
    >>> zone_name_lines({}, "zh-Hans", "x")
    ['x']
    """
    if label_field is not None:
        return [text] if (text := text_of(record.get(label_field))) else [ident]
    lines = pick_all(record, "short", lang) if short else []
    return lines or pick_all(record, "name", lang) or [ident]


def _hectares(value: float, lang: str) -> str:
    return say("hectares", lang, separator=" / ", value=f"{value / 1e4:,.2f}")


def _zone_rows(record: Any, areas: Any, lang: str) -> list[tuple[str, str]]:
    official = areas["official_area_m2"]
    low, high = areas.get("area_min_m2", np.nan), areas.get("area_max_m2", np.nan)
    status = str(record.get("status") or "")
    rows = [
        (say("field_area", lang, separator=" / "), _hectares(areas["geodesic_area_m2"], lang)
         + (f" ({low / 1e4:,.1f}–{high / 1e4:,.1f})" if np.isfinite(low) and np.isfinite(high) else "")),
        (say("field_official", lang, separator=" / "),
         "" if not np.isfinite(official) else f"{_hectares(official, lang)} ({areas['official_diff_pct']:+.1f} %)"),
        (say("field_status", lang, separator=" / "),
         " — ".join(t for t in [say(f"status_{status}", lang, separator=" / ") if status in ("official", "indicative") else status,
                                pick(record, "status_reason", lang)] if t)),
        (say("field_jurisdiction", lang, separator=" / "),
         say(f"jurisdiction_{record.get('jurisdiction')}", lang, separator=" / ") if record.get("jurisdiction") in ("HKSAR", "Shenzhen", "shared") else text_of(record.get("jurisdiction"))),
        (say("field_accuracy", lang, separator=" / "),
         say("accuracy_value", lang, separator=" / ", metres=text_of(record.get("accuracy_m"))) if text_of(record.get("accuracy_m")) else ""),
        ("", pick(record, "description", lang)),
        (say("field_source", lang, separator=" / "), text_of(record.get("attribution"))),
    ]
    return rows


def zone_layer(
    zones: gpd.GeoDataFrame, ids: np.ndarray, table: pd.DataFrame, composite: np.ndarray, lang: str,
    label_field: str | None, shift: Shift,
) -> folium.FeatureGroup:
    """Zones with permanent labels (parts only), tooltips and popups. ``table`` is :func:`zonemap.areas` of them."""
    shown = shift(zones)
    records = zones.drop(columns=zones.geometry.name).to_dict("records")
    area_rows = table.to_dict("records")
    features, styles = [], {}
    order = np.argsort(~composite, kind="stable")  # composites first, underneath the parts
    for i in order.tolist():
        record, areas = records[i], area_rows[i]
        key = zone_style_key(record.get("jurisdiction"), record.get("status"), bool(composite[i]))
        styles[key] = zone_style(key)
        names = zone_name_lines(record, lang, ids[i], label_field)
        features.append(feature(
            shown.geometry.iloc[i], style=key, key=ids[i], tip=[" / ".join(names), _hectares(areas["geodesic_area_m2"], lang)],
            title=" / ".join(names), rows=_zone_rows(record, areas, lang),
        ))
    group = folium.FeatureGroup(name=say("layer_zones", lang, separator=" / "), show=True)
    FeatureLayer(features, styles).add_to(group)
    parts = np.flatnonzero(~composite)
    anchors = label_points(shown.geometry.iloc[parts])
    lines = [[*zone_name_lines(records[i], lang, ids[i], label_field, short=True), _hectares(area_rows[i]["geodesic_area_m2"], lang)] for i in parts]
    Labels(anchors, lines, size=(170, 44)).add_to(group)
    return group


def context_layer(frame: gpd.GeoDataFrame, name: str, kind: str, lang: str) -> folium.FeatureGroup:
    """The river or the boundary: lines and water, each with its name and source."""
    styles = RIVER_STYLES if kind == "river" else BOUNDARY_STYLES
    features = []
    for record, geometry in zip(frame.drop(columns=frame.geometry.name).to_dict("records"), frame.geometry):
        key = str(record.get("kind") if kind == "river" else record.get("id"))
        key = key if key in styles else "other"
        names = pick_all(record, "name", lang) or [text_of(record.get("id"))]
        features.append(feature(geometry, style=key, tip=names, title=" / ".join(names),
                                rows=[("", pick(record, "description", lang)), (say("field_source", lang, separator=" / "), text_of(record.get("attribution")))]))
    group = folium.FeatureGroup(name=name, show=True)
    FeatureLayer(features, styles).add_to(group)
    return group


def landmark_layer(landmarks: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Landmarks as dots, labelled by name."""
    features = []
    for record, geometry in zip(landmarks.drop(columns=landmarks.geometry.name).to_dict("records"), landmarks.geometry):
        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        names = pick_all(record, "name", lang) or [text_of(record.get("id"))]
        features.append(feature(point, style="landmark", tip=names, title=" / ".join(names),
                                rows=[("", pick(record, "description", lang)), (say("field_source", lang, separator=" / "), text_of(record.get("attribution")))]))
    group = folium.FeatureGroup(name=say("layer_landmarks", lang, separator=" / "), show=True)
    FeatureLayer(features, {"landmark": LANDMARK_STYLE}).add_to(group)
    return group


def milestone_layer(milestones: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """The history milestones as numbered pills at their places, their story in the popup."""
    features = []
    records = milestones.drop(columns=milestones.geometry.name).to_dict("records")
    for number, (record, geometry) in enumerate(zip(records, milestones.geometry), start=1):
        title = pick(record, "title", lang, separator=" / ")
        features.append(feature(geometry, style="milestone", marker=f"{number} · {text_of(record.get('year'))}",
                                tip=[title], title=title, rows=[("", pick(record, "text", lang, separator="\n"))]))
    group = folium.FeatureGroup(name=say("layer_milestones", lang, separator=" / "), show=True)
    FeatureLayer(features, {"milestone": {}}).add_to(group)
    return group


def relations_layer(related: Relations, names: dict[str, str], lang: str, shift: Shift) -> folium.FeatureGroup:
    """Shared borders (green) and stretches facing each other across a gap (orange, dotted), labelled with the
    length measured on exactly the line drawn."""
    lines = related.lines()
    lines = shift(lines[lines.geometry.notna() & ~lines.geometry.is_empty])
    features, middles, lengths = [], [], []
    for record, geometry in zip(lines.drop(columns=lines.geometry.name).to_dict("records"), lines.geometry):
        bordering = record["relation"] == "shares_border"
        values = {"left": names.get(record["left"], record["left"]), "right": names.get(record["right"], record["right"]),
                  "length": f"{record['length_m']:,.0f}", "gap": f"{record['gap_m']:,.0f}",
                  "gap_name": record["in_gap"] or say("a_gap", lang)}
        text = say("relation_shared" if bordering else "relation_across", lang, separator=" / ", **values)
        features.append(feature(geometry, style="shares_border" if bordering else "across", tip=[text]))
        middles.append(geometry.interpolate(0.5, normalized=True) if geometry.geom_type == "LineString" else geometry.representative_point())
        lengths.append([say("scale_m", lang, separator=" / ", value=values["length"])])
    group = folium.FeatureGroup(name=say("layer_relations", lang, separator=" / "), show=True)
    FeatureLayer(features, RELATION_STYLES).add_to(group)
    Labels(middles, lengths, size=(90, 20)).add_to(group)
    return group
