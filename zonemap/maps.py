"""Annotated interactive Folium maps of the zones: safe, reproducible, usable offline.

Text from data is escaped before it reaches the page (Folium's GeoJsonTooltip and
GeoJsonPopup insert property values with ``innerHTML``); element ids are
sequential, so the same inputs give byte-identical HTML; ``basemap="none"``
draws no tiles at all. The page elements are in :mod:`zonemap.elements`, the
tile sources in :mod:`zonemap.basemaps`, rendering and writing in :mod:`zonemap.page`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

import branca.element
import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.ops import polylabel

from zonemap.areas import areas
from zonemap.basemaps import BASEMAPS
from zonemap.china import convert
from zonemap.elements import JURISDICTION_COLOURS, Attribution, Labels, Legend, Note, PolylineDecoder, escape
from zonemap.loading import load_layer, load_zones
from zonemap.output import write_atomic
from zonemap.page import GENERATOR_MARK, map_html, sequential_ids, write_html
from zonemap.polyline import PRECISION, encode_geometry
from zonemap.relations import BUNDLED_ACROSS_M, covers_others, relations, river_water

__all__ = ["build_maps", "history_map", "label_points", "map_html", "render_map", "write_html"]

DATUM_NOTE = (
    "Drawn in GCJ-02 to sit on {name} tiles: every shape here is shifted about 600 m from its true WGS-84 "
    "position (mouse position and measurements read GCJ-02). 本圖按GCJ-02座標繪製，以配合{name}底圖。"
)
CONTEXT_LAYERS = ("river", "boundary", "landmarks", "milestones")
LANGUAGES = ("en", "zh-Hant", "zh-Hans", "bilingual")
DATA_ATTRIBUTION = (
    "Zones: zonemap; data &copy; OpenStreetMap contributors (ODbL 1.0), Government of the HKSAR "
    "(DATA.GOV.HK), Wikidata, Mapxus"
)
ZONE_TITLE = "Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone / 河套深港科技創新合作區"
MILESTONES: tuple[dict[str, Any], ...] = (
    {
        "year": "1997",
        "at": (114.0655, 22.5178),
        "en": "April 1997: Stage 1 of the Shenzhen River regulation straightens the river; the new channel cuts "
        "off the meander and leaves the Loop south of it. From 1 July, State Council Order No. 221 puts the "
        "boundary on the new channel's centre line, so the Loop is in Hong Kong.",
        "zh": "1997年4月：深圳河治理第一期完成，河道拉直，新河道截彎取直，河套留在新河道以南。"
        "7月1日起，國務院第221號令以治理後河道中心線為界，河套屬香港。",
    },
    {
        "year": "2008",
        "at": (114.0700, 22.5135),
        "en": "2008: Hong Kong and Shenzhen agree to study the Loop together under 'one river, three areas' "
        "(一河三區): the river, the Loop (A), Hong Kong land beside it (B) and the Shenzhen side (C).",
        "zh": "2008年：港深簽署《落馬洲河套地區綜合研究合作協議書》，以「一河三區」共同研究河套。",
    },
    {
        "year": "2017",
        "at": (114.0800, 22.5175),
        "en": "3 January 2017: MoU on jointly developing the Loop as the Hong Kong-Shenzhen Innovation and "
        "Technology Park, with a Shenzhen park of about 3 km² north of the river.",
        "zh": "2017年1月3日：港深簽署合作備忘錄，共同發展河套為港深創新及科技園，並支持深方約3平方公里科創園區。",
    },
    {
        "year": "2023",
        "at": (114.0526, 22.5070),
        "en": "8 August 2023: the State Council plan for the Shenzhen Park (3.02 km²: Futian Bonded Zone 1.35 km² "
        "and Huanggang Port area 1.67 km²); the whole zone is about 3.89 km².",
        "zh": "2023年8月：國務院印發河套深港科技創新合作區深圳園區發展規劃（3.02平方公里）；合作區總面積約3.89平方公里。",
    },
)


def zone_names(row: pd.Series, lang: str) -> list[str]:
    """A zone's names to show in ``lang`` as plain text: Chinese then English when bilingual; its id if it has none."""
    chinese = row.get("name_zh_hans" if lang == "zh-Hans" else "name_zh_hant")
    english = row.get("name_en")
    chosen = {"en": [english], "bilingual": [chinese, english]}.get(lang, [chinese])
    names = [str(name) for name in chosen if isinstance(name, str) and name]
    return names or [str(row.get("id", ""))]


def zone_label(row: pd.Series, lang: str, label_field: str | None = None) -> str:
    """The label of a zone in the chosen language (or from ``label_field``), as escaped HTML."""
    if label_field is not None:
        return escape(row.get(label_field))
    return "<br>".join(escape(name) for name in zone_names(row, lang))


def _display_features(frame: gpd.GeoDataFrame, columns: Sequence[str], extra: dict[str, Sequence[str]]) -> dict[str, Any]:
    """A FeatureCollection carrying only escaped display text, coordinates at 1e-6 degrees."""
    features = []
    for i, (_, row) in enumerate(frame.iterrows()):
        properties = {c: escape(row.get(c)) for c in columns}
        properties.update({k: v[i] for k, v in extra.items()})
        features.append({"type": "Feature", "properties": properties, "geometry": encode_geometry(row.geometry)})
    return {"type": "FeatureCollection", "features": features}


def label_points(geometries: gpd.GeoSeries) -> list[Any]:
    """Where to put each zone's permanent label: inside it, away from the labels placed before.

    Each label goes to the pole of inaccessibility (the point farthest inside)
    of the largest part of the zone not covered by the zones before it, so
    overlapping zones get their labels apart. Only zones that intersect are
    compared (an STRtree finds them).
    """
    geoms = np.asarray(geometries.array if hasattr(geometries, "array") else geometries, dtype=object)
    tree = shapely.STRtree(geoms)
    points = []
    for i, geometry in enumerate(geoms):
        earlier = tree.query(geometry, predicate="intersects")
        earlier = earlier[earlier < i]
        free = geometry.difference(shapely.union_all(geoms[earlier])) if len(earlier) else geometry
        free = free if free.area > 0.15 * geometry.area else geometry
        parts = shapely.get_parts(free)
        largest = parts[np.argmax(shapely.area(parts))]
        west, south, east, north = largest.bounds
        tolerance = max(east - west, north - south) / 200
        points.append(polylabel(largest, tolerance=tolerance) if largest.geom_type == "Polygon" else largest.representative_point())
    return points


def _style(jurisdiction: str, status: str, outline_only: bool) -> dict[str, Any]:
    colour = JURISDICTION_COLOURS.get(jurisdiction, "#555555")
    return {
        "color": colour,
        "weight": 3 if outline_only else 2,
        "fillColor": colour,
        "fillOpacity": 0.0 if outline_only else 0.25,
        "dashArray": None if status == "official" else "8 6",
        "opacity": 0.9,
    }


# --------------------------------------------------------------------------- the map


Shift = Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame]


def datum_shift(datum: str) -> Shift:
    """What moves WGS-84 layers onto tiles drawn in ``datum`` (nothing for WGS-84 tiles)."""
    if datum == "wgs84":
        return lambda frame: frame
    return lambda frame: convert(frame, "wgs84", datum)


def _new_map(bounds: Sequence[float], basemap: str) -> folium.Map:
    tiles = BASEMAPS[basemap]
    west, south, east, north = (round(float(v), PRECISION) for v in bounds)
    fmap = folium.Map(
        location=[round((south + north) / 2, PRECISION), round((west + east) / 2, PRECISION)],
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        zoom_start=14,
    )
    if tiles.url is not None:
        tiles.tile_layer(basemap, max_zoom=18).add_to(fmap)
        for name, other in BASEMAPS.items():  # the other tiles of the same datum, to switch to in the layer control
            if other.url is not None and other.datum == tiles.datum and name != basemap:
                other.tile_layer(name, max_zoom=18, show=False).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]])
    return fmap


def _add_controls(fmap: folium.Map, basemap: str) -> None:
    folium.plugins.MeasureControl(primary_length_unit="meters", primary_area_unit="hectares").add_to(fmap)
    folium.plugins.Fullscreen().add_to(fmap)
    folium.plugins.MousePosition(separator=" , ", num_digits=6, prefix="lat, lon:").add_to(fmap)
    tiles = BASEMAPS[basemap]
    if tiles.url is not None:
        folium.plugins.MiniMap(tile_layer=tiles.tile_layer(basemap), toggle_display=True).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)


def _zone_layer(
    fmap: folium.Map,
    zones: gpd.GeoDataFrame,
    composite: np.ndarray,
    lang: str,
    label_field: str | None,
    name: str,
    shown: Shift,
) -> folium.FeatureGroup:
    """Zones with permanent labels, tooltips and popups; everything from data escaped.

    Areas are measured on ``zones`` (WGS-84); ``shown`` moves the drawn shapes into the basemap's datum.
    ``composite`` marks zones that cover others: drawn as outlines, labelled only in tooltips.
    """
    table = areas(zones).set_index("id", drop=False)
    zones = shown(zones)
    ids = zones["id"].astype(str) if "id" in zones else pd.Series(zones.index.astype(str), index=zones.index)
    computed = [f"{table.loc[i, 'area_ha']:,.2f} ha ({table.loc[i, 'area_km2']:.3f} km²)" for i in ids]
    official = [
        "" if np.isnan(v := table.loc[i, "official_area_m2"]) else f"{v / 1e4:,.1f} ha ({table.loc[i, 'official_diff_pct']:+.1f} %)"
        for i in ids
    ]
    labels = [zone_label(row, lang, label_field) for _, row in zones.iterrows()]
    info = [c for c in ("jurisdiction", "status", "accuracy_m", "attribution") if c in zones]
    data = _display_features(
        zones.assign(id=ids), ["id", *info], {"label": labels, "computed_area": computed, "official_area": official}
    )
    aliases = {
        "id": "id", "label": "name / 名稱", "computed_area": "computed area",
        "official_area": "official area (diff)", "jurisdiction": "jurisdiction", "status": "status",
        "accuracy_m": "accuracy (m)", "attribution": "source",
    }
    tooltip_fields = ["label", "computed_area", "official_area"]
    popup_fields = ["id", "label", "computed_area", "official_area", *info]
    styles = {
        escape(ident): _style(str(row.get("jurisdiction", "")), str(row.get("status", "indicative")), outline)
        for ident, outline, (_, row) in zip(ids, composite, zones.iterrows())
    }
    group = folium.FeatureGroup(name=name, show=True)
    folium.GeoJson(
        data,
        name=name,
        style_function=lambda feature, styles=styles: styles[feature["properties"]["id"]],
        highlight_function=lambda feature: {"weight": 4, "fillOpacity": 0.4},
        tooltip=folium.GeoJsonTooltip(fields=tooltip_fields, aliases=[aliases[f] for f in tooltip_fields], sticky=True),
        popup=folium.GeoJsonPopup(fields=popup_fields, aliases=[aliases.get(f, f) for f in popup_fields]),
        embed=True,
    ).add_to(group)
    anchors = label_points(zones.geometry[~composite])
    texts = [f"{label}<br><small>{escape(area)}</small>" for label, area in zip(np.asarray(labels)[~composite], np.asarray(computed)[~composite])]
    Labels(anchors, texts, size=(170, 40)).add_to(group)
    group.add_to(fmap)
    return group


def _line_layer(fmap: folium.Map, frame: gpd.GeoDataFrame, name: str, styles: dict[str, dict[str, Any]]) -> None:
    """River, boundary or relation lines and polygons, with escaped tooltips."""
    group = folium.FeatureGroup(name=name)
    columns = [c for c in ("id", "name_en", "name_zh_hant", "description", "attribution") if c in frame]
    data = _display_features(frame, columns, {})
    folium.GeoJson(
        data,
        name=name,
        style_function=lambda feature, styles=styles: styles.get(feature["properties"].get("id", ""), styles["*"]),
        tooltip=folium.GeoJsonTooltip(fields=[c for c in ("name_en", "name_zh_hant") if c in columns]),
    ).add_to(group)
    group.add_to(fmap)


RIVER_STYLES = {
    "*": {"color": "#2e86c1", "weight": 2},
    "new_channel_centreline": {"color": "#1b4f72", "weight": 2},
    "old_meander_centreline": {"color": "#5dade2", "weight": 2, "dashArray": "4 4"},
    "old_meander_east_centreline": {"color": "#5dade2", "weight": 2, "dashArray": "4 4"},
    "new_channel_water": {"color": "#2e86c1", "weight": 0, "fillColor": "#85c1e9", "fillOpacity": 0.5},
    "old_meander_water": {"color": "#5dade2", "weight": 0, "fillColor": "#aed6f1", "fillOpacity": 0.5},
}
BOUNDARY_STYLES = {"*": {"color": "#7d3c98", "weight": 3, "dashArray": "10 4 2 4"}}


def _landmark_layer(fmap: folium.Map, lang: str, shown: Shift) -> None:
    landmarks = shown(load_layer("landmarks"))
    group = folium.FeatureGroup(name="Landmarks / 地標")
    for _, row in landmarks.iterrows():
        point = row.geometry if row.geometry.geom_type == "Point" else row.geometry.representative_point()
        text = f"<b>{zone_label(row, lang)}</b><br>{escape(row.description)}<br><i>{escape(row.attribution)}</i>"
        folium.CircleMarker(
            [round(point.y, PRECISION), round(point.x, PRECISION)],
            radius=6, color="#222", fill=True, fill_color="#f4d03f", fill_opacity=0.9, weight=1,
            tooltip=folium.Tooltip(zone_label(row, lang)),
            popup=folium.Popup(text, max_width=320),
        ).add_to(group)
    group.add_to(fmap)


def render_map(
    zones: gpd.GeoDataFrame | None = None,
    *,
    layers: Sequence[str] = ("river", "boundary", "landmarks"),
    basemap: str = "openstreetmap",
    lang: str = "bilingual",
    label_field: str | None = None,
    title: str | None = None,
    show_relations: bool = False,
) -> folium.Map:
    """An annotated interactive map of zones.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS; the bundled zones when omitted.
    layers : sequence of {"river", "boundary", "landmarks", "milestones"}
        Bundled context layers: the river (new channel and old meander), the
        boundary, landmarks, and the history milestones 1997-2023.
    basemap : str
        A name in :data:`zonemap.basemaps.BASEMAPS`: ``"openstreetmap"``,
        ``"cartodb-positron"``, ``"esri-imagery"``; ``"gaode"``,
        ``"gaode-satellite"``, ``"tencent"`` (GCJ-02 tiles: every layer is shifted
        to match and a note says so); ``"none"`` draws no tiles, for use with no tile server.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        Language of labels and legend.
    label_field : str, optional
        Column to label zones with instead of their names.
    title : str, optional
        Plain text shown in a box at the top (escaped).
    show_relations : bool
        Also draw shared borders and stretches facing each other across a gap,
        labelled with their lengths.

    Returns
    -------
    folium.Map
        Displays inline in Jupyter; ``.save(path)`` writes HTML.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown lang {lang!r}; choose one of {', '.join(LANGUAGES)}")
    unknown = set(layers) - set(CONTEXT_LAYERS)
    if unknown:
        raise ValueError(f"unknown layers {sorted(unknown)}; choose from {', '.join(CONTEXT_LAYERS)}")
    bundled = zones is None
    if zones is None:
        zones = load_zones()
    if label_field is not None and label_field not in zones.columns:
        raise KeyError(f"label field {label_field!r} is not a column; the columns are {', '.join(map(str, zones.columns))}")
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}; choose one of {', '.join(BASEMAPS)}")
    zones = zones.to_crs(4326)
    shown = datum_shift(BASEMAPS[basemap].datum)
    with sequential_ids():
        fmap = _new_map(shown(zones).total_bounds, basemap)
        PolylineDecoder().add_to(fmap)
        if "river" in layers:
            _line_layer(fmap, shown(load_layer("river")), "Shenzhen River / 深圳河", RIVER_STYLES)
        if "boundary" in layers:
            _line_layer(fmap, shown(load_layer("boundary")), "HKSAR-Shenzhen boundary / 港深界線", BOUNDARY_STYLES)
        composite = covers_others(zones.geometry)
        _zone_layer(fmap, zones, composite, lang, label_field, "Zones / 區域", shown)
        if show_relations:
            parts = zones[~composite]
            _relations_layer(fmap, parts if len(parts) >= 2 else zones, bundled, shown)
        if "landmarks" in layers:
            _landmark_layer(fmap, lang, shown)
        if "milestones" in layers:
            _milestone_layer(fmap, lang, shown)
        if title:
            Note(f"<b>{escape(title)}</b>").add_to(fmap)
        if BASEMAPS[basemap].datum != "wgs84":
            Note(escape(DATUM_NOTE.format(name=basemap)), warning=True).add_to(fmap)
        Legend(lang).add_to(fmap)
        _add_controls(fmap, basemap)
        Attribution(DATA_ATTRIBUTION).add_to(fmap)
        root = cast(branca.element.Figure, fmap.get_root())
        root.header.add_child(branca.element.Element(GENERATOR_MARK), name="zonemap_generator")
        root.header.add_child(
            branca.element.Element(
                "<style>.zonemap-label{font:12px/1.25 sans-serif;text-align:center;color:#111;"
                "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;pointer-events:none}"
                ".zonemap-milestone{font:bold 13px sans-serif;background:#f4d03f;border:1px solid #333;"
                "border-radius:10px;text-align:center;line-height:20px}</style>"
            )
        )
    return fmap


def _relations_layer(fmap: folium.Map, zones: gpd.GeoDataFrame, bundled: bool, shown: Shift) -> None:
    """Shared borders (green) and stretches facing across a gap (orange, dotted), labelled with their lengths.

    The caller leaves composite zones out, so only their parts' relations are
    drawn; for the bundled zones, pairs up to 250 m apart across the river are included.
    """
    across = {"across_m": BUNDLED_ACROSS_M, "gap_features": river_water()} if bundled else {}
    lines = relations(zones, lines=True, **across)
    lines = shown(lines[lines.geometry.notna() & ~lines.geometry.is_empty])
    group = folium.FeatureGroup(name="Relations / 關係")
    middles: list[Any] = []
    lengths: list[str] = []
    for _, row in lines.iterrows():
        across = row.relation != "shares_border"
        length = row.facing_length_m if across else row.shared_length_m
        text = (
            f"{escape(row.left)} – {escape(row.right)}: "
            + (f"face each other across {escape(row.in_gap or 'a gap')} for {length:,.0f} m, gap {row.gap_m:,.0f} m" if across else f"shared border {length:,.0f} m")
        )
        folium.GeoJson(
            encode_geometry(row.geometry),
            style_function=lambda _f, across=across: {
                "color": "#e67e22" if across else "#27ae60", "weight": 6, "opacity": 0.85,
                "dashArray": "2 8" if across else None,
            },
            tooltip=folium.Tooltip(text),
        ).add_to(group)
        middles.append(row.geometry.interpolate(0.5, normalized=True))
        lengths.append(escape(f"{length:,.0f} m"))
    Labels(middles, lengths, size=(80, 20)).add_to(group)
    group.add_to(fmap)


def _milestone_layer(fmap: folium.Map, lang: str, shown: Shift) -> None:
    group = folium.FeatureGroup(name="Milestones / 大事")
    places = shown(gpd.GeoDataFrame(geometry=gpd.points_from_xy(*zip(*(m["at"] for m in MILESTONES))), crs=4326))
    for milestone, place in zip(MILESTONES, places.geometry):
        lon, lat = round(place.x, PRECISION), round(place.y, PRECISION)
        texts = {"en": [milestone["en"]], "bilingual": [milestone["en"], milestone["zh"]]}.get(lang, [milestone["zh"]])
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html=f'<div class="zonemap-milestone">{escape(milestone["year"])}</div>',
                icon_size=(44, 22), icon_anchor=(22, 11),
            ),
            popup=folium.Popup("<br><br>".join(escape(t) for t in texts), max_width=360),
            tooltip=folium.Tooltip(escape(milestone["year"])),
        ).add_to(group)
    group.add_to(fmap)


def history_map(*, basemap: str = "openstreetmap", lang: str = "bilingual") -> folium.Map:
    """How the 1997 river regulation made the Loop, and the milestones since, placed on the map.

    The old meander and the new channel are drawn with the Loop and the
    Shenzhen Park; the milestones of 1997, 2008, 2017 and 2023 are markers whose
    popups explain them. Parameters as for :func:`render_map`.
    """
    zones = load_zones()
    parts = zones[zones["id"].isin(["loop_a", "shenzhen_park", "futian_bonded_zone", "huanggang_port_area"])]
    return render_map(parts, basemap=basemap, lang=lang, layers=("river", "boundary", "milestones"),
                      title="How the Shenzhen River regulation made the Lok Ma Chau Loop / 深圳河治理與河套")


def build_maps(
    out_dir: str | Path = "maps_out",
    *,
    basemap: str = "openstreetmap",
    lang: str = "bilingual",
    assets: str | Path | None = None,
    overwrite: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Write the overview, history and relations maps, one map per zone, and an index.

    Parameters
    ----------
    out_dir : str or Path
        The folder, created when missing. Files zonemap wrote before are
        replaced; any other file of the same name is kept unless ``overwrite``.
    basemap, lang
        As for :func:`render_map`.
    assets : str or Path, optional
        As for :func:`map_html`: local copies of Leaflet and the plugins.
    overwrite : bool
        Replace files of the same name that zonemap did not make.
    progress : callable, optional
        Called as ``progress(done, total, file_name)`` after each file.

    Returns
    -------
    list of Path
        The files written, ``index.html`` last.
    """
    out = Path(out_dir)
    zones = load_zones()
    pages: list[tuple[str, str, Callable[[], folium.Map]]] = [
        ("overview.html", "Overview / 總覽", lambda: render_map(basemap=basemap, lang=lang, title=ZONE_TITLE)),
        ("history.html", "History / 歷史", lambda: history_map(basemap=basemap, lang=lang)),
        ("relations.html", "Relations / 關係", lambda: render_map(
            basemap=basemap, lang=lang, show_relations=True, title="Shared borders and the river between / 共同邊界與隔河相望")),
    ]
    for _, row in zones.iterrows():
        title = f"{row['name_en']} / {row['name_zh_hant']}"
        one = zones[zones["id"] == row["id"]]
        pages.append((f"zone_{row['id']}.html", escape(title), partial(render_map, one, basemap=basemap, lang=lang, title=title)))
    written = []
    for name, _, make in pages:
        written.append(write_html(make(), out / name, overwrite=overwrite, assets=assets))
        if progress is not None:
            progress(len(written), len(pages) + 1, name)
    items = "\n".join(f'<li><a href="{name}">{label}</a></li>' for name, label, _ in pages)
    index = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{GENERATOR_MARK}'
        "<title>zonemap: maps of the Hetao cooperation zone</title></head><body>"
        f"<h1>{ZONE_TITLE.replace(' / ', '<br>')}</h1>"
        f"<ul>\n{items}\n</ul><p>{DATA_ATTRIBUTION}</p></body></html>\n"
    )
    written.append(write_atomic(out / "index.html", index, overwrite=overwrite, marker=GENERATOR_MARK))
    if progress is not None:
        progress(len(written), len(pages) + 1, "index.html")
    return written
