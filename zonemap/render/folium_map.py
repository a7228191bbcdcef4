"""Annotated interactive maps of zones (folium): safe, reproducible, in one language, usable offline.

``render_map`` assembles a map from the layers in :mod:`zonemap.render.layers`
and the page elements in :mod:`zonemap.render.elements`; every element gets a
sequential id when the map is built (:func:`zonemap.render.page.number_elements`),
so the same inputs give byte-identical HTML, in any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import folium
import folium.plugins
import numpy as np

from zonemap import relate
from zonemap._frame import prepare_zones
from zonemap.basemaps import BASEMAPS, DEFAULT_BASEMAP, Basemap
from zonemap.choices import DEFAULT_LANG, check_choice
from zonemap.measurement import areas
from zonemap.relate import Relations, covers_others
from zonemap.render.elements import Attribution, Legend, Note, PolylineDecoder
from zonemap.render.layers import (
    context_layer,
    landmark_layer,
    milestone_layer,
    relations_layer,
    zone_layer,
    zone_name_lines,
)
from zonemap.render.page import number_elements
from zonemap.render.polyline import PRECISION
from zonemap.render.styles import (
    BOUNDARY_STYLES,
    JURISDICTION_COLOURS,
    LANDMARK_STYLE,
    RELATION_STYLES,
    RIVER_STYLES,
    zone_style,
)
from zonemap.text import check_lang, html_lang, say

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["CONTEXT_LAYERS", "history_map", "render_map"]

#: The bundled context layers a map can show.
CONTEXT_LAYERS = ("river", "boundary", "landmarks", "milestones")


def _tile_layer(name: str, tiles: Basemap, **options: Any) -> folium.TileLayer:
    import xyzservices

    provider = xyzservices.TileProvider(name=name, url=tiles.url, attribution=tiles.attribution, html_attribution=tiles.attribution, subdomains=tiles.subdomains)
    return folium.TileLayer(provider, name=name, tms=tiles.tms, **options)


def _new_map(bounds: Sequence[float], basemap: str) -> folium.Map:
    tiles = BASEMAPS[basemap]
    west, south, east, north = (round(float(v), PRECISION) for v in bounds)
    fmap = folium.Map(location=[round((south + north) / 2, PRECISION), round((west + east) / 2, PRECISION)], tiles=None, control_scale=True, zoom_start=14)
    if tiles.url is not None:
        _tile_layer(basemap, tiles, max_zoom=18).add_to(fmap)
        for name, other in BASEMAPS.items():  # the other tiles of the same datum, to switch to in the layer control
            if other.url is not None and other.datum == tiles.datum and name != basemap:
                _tile_layer(name, other, max_zoom=18, show=False).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]])
    return fmap


def _add_controls(fmap: folium.Map, basemap: str) -> None:
    folium.plugins.MeasureControl(primary_length_unit="meters", primary_area_unit="hectares").add_to(fmap)
    folium.plugins.Fullscreen().add_to(fmap)
    folium.plugins.MousePosition(separator=" , ", num_digits=6, prefix="lat, lon:").add_to(fmap)
    tiles = BASEMAPS[basemap]
    if tiles.url is not None:
        folium.plugins.MiniMap(tile_layer=_tile_layer(basemap, tiles), toggle_display=True).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)


def _legend_rows(lang: str, layers: Sequence[str], show_relations: bool, has_composites: bool) -> list[tuple[dict[str, Any], str]]:
    def s(key: str) -> str:
        return say(key, lang, separator=" / ")

    rows = [(zone_style(f"{j}|official|part"), s(f"jurisdiction_{j}")) for j in JURISDICTION_COLOURS]
    rows += [({"color": "#333", "weight": 2}, s("legend_official")), ({"color": "#333", "weight": 2, "dashArray": "8 6"}, s("legend_indicative"))]
    if has_composites:
        rows.append(({"color": "#333", "weight": 3, "fill": False}, s("legend_composite")))
    if "river" in layers:
        rows += [(RIVER_STYLES["channel_centreline"], s("legend_new_channel")), (RIVER_STYLES["old_channel_centreline"], s("legend_old_channel")),
                 (RIVER_STYLES["channel_water"], s("legend_water"))]
    if "boundary" in layers:
        rows += [(BOUNDARY_STYLES["hksar_shenzhen_boundary"], s("legend_boundary_osm")), (BOUNDARY_STYLES["hksar_boundary_had"], s("legend_boundary_had"))]
    if "landmarks" in layers:
        rows.append((LANDMARK_STYLE, s("layer_landmarks")))
    if show_relations:
        rows += [(RELATION_STYLES["shares_border"], s("legend_shared")), (RELATION_STYLES["across"], s("legend_across"))]
    return rows


def render_map(
    zones: gpd.GeoDataFrame | None = None,
    *,
    id_column: str = "id",
    layers: Sequence[str] = ("river", "boundary", "landmarks"),
    basemap: str = DEFAULT_BASEMAP,
    lang: str = DEFAULT_LANG,
    label_field: str | None = None,
    title: str | None = None,
    relations: bool | Relations = False,
    index_url: str | None = None,
) -> folium.Map:
    """An annotated interactive map of zones.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS, named by ``id_column`` (else the index). Omitted:
        the bundled zones (and, for relations, the bundled preset).
    id_column : str
        The column holding ids.
    layers : sequence of {"river", "boundary", "landmarks", "milestones"}
        Bundled context layers: the river (new channel and old meander), the
        boundary, landmarks, and the history milestones.
    basemap : str
        A name in :data:`zonemap.basemaps.BASEMAPS`; on GCJ-02 tiles (``"gaode"``,
        ``"gaode-satellite"``, ``"tencent"``) every layer is shifted to match and
        a note says so; ``"none"`` draws no tiles, for use with no tile server.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language of every text on the map.
    label_field : str, optional
        Column to label zones with instead of their names.
    title : str, optional
        Plain text shown in a box at the top and as the page's title.
    relations : bool or Relations
        Draw shared borders and stretches facing each other across a gap,
        labelled with their lengths: True computes them for the zones that are
        not composites; or pass a :class:`~zonemap.Relations` to draw.
    index_url : str, optional
        A page the title box links back to (the index of a set of maps).

    Returns
    -------
    folium.Map
        Displays inline in Jupyter; :func:`zonemap.write_html` writes it.

    Examples
    --------
    >>> fmap = render_map(lang="zh-Hans", basemap="none")
    >>> fmap.zonemap_html_lang
    'zh-Hans'
    """
    lang = check_lang(lang)
    check_choice(basemap, tuple(BASEMAPS), "basemap")
    unknown = [layer for layer in layers if layer not in CONTEXT_LAYERS]
    if isinstance(layers, str) or unknown:
        raise ValueError(f"unknown layers {unknown or layers!r}; choose from {', '.join(CONTEXT_LAYERS)}")
    from zonemap import bundled

    bundled_zones = zones is None
    checked = prepare_zones(bundled.load_zones() if zones is None else zones, id_column=id_column)
    frame, ids = checked.frame, checked.ids
    for name, value in (("label_field", label_field), ("title", title), ("index_url", index_url)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
    if not isinstance(relations, (bool, Relations)):
        raise TypeError(f"relations must be True, False or a Relations result, not {type(relations).__name__}")
    if label_field is not None and label_field not in frame.columns:
        raise KeyError(f"label field {label_field!r} is not a column; the columns are {', '.join(map(str, frame.columns))}")
    datum = BASEMAPS[basemap].datum

    def shift(data: Any) -> Any:
        if datum == "wgs84":
            return data
        from zonemap.datums import convert

        return convert(data, "wgs84", datum)

    fmap = _new_map(shift(frame).total_bounds, basemap)
    PolylineDecoder().add_to(fmap)
    if "river" in layers:
        context_layer(shift(bundled.load_layer("river")), say("layer_river", lang, separator=" / "), "river", lang).add_to(fmap)
    if "boundary" in layers:
        context_layer(shift(bundled.load_layer("boundary")), say("layer_boundary", lang, separator=" / "), "boundary", lang).add_to(fmap)
    composite = _composites(frame, ids)
    table = areas(frame, id_column=id_column, **(bundled.areas_preset() if bundled_zones else {}))
    zone_layer(frame, ids, table, composite, lang, label_field, shift).add_to(fmap)
    if relations is not False:
        related = relations if isinstance(relations, Relations) else _relations_of_parts(frame, composite, id_column, bundled_zones)
        names = {i: " / ".join(zone_name_lines(r, lang, i, label_field, short=True)) for i, r in zip(ids, frame.to_dict("records"))}
        relations_layer(related, names, lang, shift).add_to(fmap)
    if "landmarks" in layers:
        landmark_layer(shift(bundled.load_layer("landmarks")), lang).add_to(fmap)
    if "milestones" in layers and "milestones" in bundled.LAYERS:
        milestone_layer(shift(bundled.load_layer("milestones")), lang).add_to(fmap)
    page_title = title or say("zone_title", lang, separator=" / ")
    Note(page_title, link=(index_url, say("back_to_index", lang, separator=" / ")) if index_url else None).add_to(fmap)
    if datum != "wgs84":
        Note(say("datum_note", lang, separator="\n", basemap=basemap), warning=True).add_to(fmap)
    Legend(say("legend", lang, separator=" / "), _legend_rows(lang, layers, relations is not False, bool(composite.any()))).add_to(fmap)
    _add_controls(fmap, basemap)
    Attribution(say("data_attribution", lang, separator=" / ")).add_to(fmap)
    number_elements(fmap.get_root())
    fmap.zonemap_html_lang = html_lang(lang)  # type: ignore[attr-defined]
    fmap.zonemap_title = page_title  # type: ignore[attr-defined]
    return fmap


def _composites(frame: gpd.GeoDataFrame, ids: np.ndarray) -> np.ndarray:
    """Zones drawn as outlines, under the others: those listing ``parts`` that are on the map, and those covering
    another zone that are not themselves a part of a composite."""
    covering = covers_others(frame.geometry)
    if "parts" not in frame.columns:
        return covering
    present = set(ids)
    parts = [set(p) & present if isinstance(p, (list, tuple, np.ndarray)) else set() for p in frame["parts"]]
    named_parts = set().union(*parts)
    return np.array([bool(p) or (c and i not in named_parts) for p, c, i in zip(parts, covering, ids)], dtype=bool)


def _relations_of_parts(frame: gpd.GeoDataFrame, composite: np.ndarray, id_column: str, bundled_zones: bool) -> Relations:
    from zonemap import bundled

    parts = frame[~composite] if (~composite).sum() >= 2 else frame
    options = bundled.relations_preset() if bundled_zones else {}
    return relate.relations(parts, id_column=id_column, **options)


def history_map(*, basemap: str = DEFAULT_BASEMAP, lang: str = DEFAULT_LANG, index_url: str | None = None) -> folium.Map:
    """How the 1997 river regulation made the Loop, and the milestones since, placed on the map.

    The old meander and the new channel are drawn with the Loop, Loop B and C
    (the 2008 study's areas) and the Shenzhen Park; the milestones are numbered
    pills whose popups tell the story.

    Parameters
    ----------
    basemap, lang, index_url
        As for :func:`render_map`.

    Returns
    -------
    folium.Map
    """
    from zonemap import bundled

    zones = bundled.load_zones()
    shown = zones[zones["id"].isin(bundled.HISTORY_ZONES)]
    return render_map(shown, basemap=basemap, lang=lang, layers=("river", "boundary", "milestones"),
                      title=say("map_history_title", lang, separator=" / "), index_url=index_url)
