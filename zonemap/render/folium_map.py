"""Annotated interactive maps of zones (folium): safe, reproducible, in one language, readable on a phone, offline.

``render_map`` assembles a map from the layers in :mod:`zonemap.render.layers`
and the page elements in :mod:`zonemap.render.elements`; every element gets a
sequential id when the map is built (:func:`zonemap.render.page.number_elements`),
so the same inputs give byte-identical HTML, in any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap import relate
from zonemap._frame import prepare_zones
from zonemap.basemaps import BASEMAPS, DEFAULT_BASEMAP
from zonemap.choices import DEFAULT_LANG, check_choice
from zonemap.relate import Relations
from zonemap.render.controls import add_controls, new_map
from zonemap.render.elements import Attribution, Layout, Legend, Note, PolylineDecoder, Timeline
from zonemap.render.layers import band_layer, context_layer, landmark_layer, milestone_layer, zone_layer
from zonemap.render.map_legend import legend_sections
from zonemap.render.page import number_elements
from zonemap.render.relation_lines import relations_layer
from zonemap.render.rows import records, shown_areas
from zonemap.render.styles import composite_zones
from zonemap.render.wording import zone_name_lines
from zonemap.text import check_lang, html_lang, pick, say

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

__all__ = ["CONTEXT_LAYERS", "history_map", "render_map"]

#: The bundled context layers a map can show.
CONTEXT_LAYERS = ("river", "boundary", "landmarks", "milestones")


def _s(key: str, lang: str, **values: Any) -> str:
    return say(key, lang, separator=" / ", **values)


def render_map(
    zones: gpd.GeoDataFrame | None = None,
    *,
    id_column: str = "id",
    layers: str | Sequence[str] = ("river", "boundary", "landmarks"),
    basemap: str = DEFAULT_BASEMAP,
    lang: str = DEFAULT_LANG,
    label_field: str | None = None,
    title: str | None = None,
    relations: bool | Relations = False,
    outlines: gpd.GeoDataFrame | None = None,
    index_url: str | None = None,
    points: Any = None,
    points_total: int | None = None,
) -> folium.Map:
    """An annotated interactive map of zones.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS, named by ``id_column`` (else the index). Omitted:
        the bundled zones (and, for relations, the bundled preset).
    id_column : str
        The column holding ids.
    layers : sequence of {"river", "boundary", "landmarks", "milestones"}, or one of them
        Bundled context layers (a single name is that one layer): the river (new channel and old meander), the
        boundary, landmarks, and the history milestones (with a timeline beside the map).
    basemap : str
        A name in :data:`zonemap.basemaps.BASEMAPS`; on GCJ-02 tiles (``"gaode"``,
        ``"gaode-satellite"``, ``"tencent"``) every layer is shifted to match and
        a note says so; ``"none"`` draws no tiles, for use with no tile server.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language of every text on the map.
    label_field : str, optional
        Column to label zones with instead of their names.
    title : str, optional
        Plain text shown as the map's header and as the page's title.
    relations : bool or Relations
        Draw shared borders and stretches facing each other across a gap,
        labelled with their lengths: True computes them for the zones that are
        not composites; or pass a :class:`~zonemap.Relations` to draw.
    outlines : GeoDataFrame, optional
        Inner and outer outlines of the zones (columns ``zone`` and ``outline``,
        as the bundled ``zone_outlines`` layer): drawn hatched as each zone's
        uncertainty band, and giving the area range in popups. Omitted: the
        bundled ones when ``zones`` is omitted.
    index_url : str, optional
        A page the header links back to (the index of a set of maps).
    points : DataFrame or GeoDataFrame, optional
        Points to draw, coloured by zone and by certainty, on a canvas (usable
        with 100,000 points): as :func:`zonemap.locate` returns them, or raw
        points, which are located in ``zones`` first.
    points_total : int, optional
        When ``points`` are a sample: how many located points they were drawn
        from (the legend says "100,000 of 300,000 points shown").

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
    layers = (layers,) if isinstance(layers, str) else layers  # one name: that one layer
    if not isinstance(layers, Iterable):
        raise TypeError(f"layers must be a layer name or a sequence of them, not {type(layers).__name__}")
    layers = tuple(layers)
    unknown = [layer for layer in layers if layer not in CONTEXT_LAYERS]
    if unknown:
        raise ValueError(f"unknown layers {unknown!r}; choose from {', '.join(CONTEXT_LAYERS)}")
    from zonemap import bundled

    if zones is None and outlines is None:
        outlines = bundled.areas_preset()["outlines"]
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

    context = {name: shift(bundled.load_layer(name)) for name in layers if name in bundled.LAYERS}
    bounds = shift(frame).total_bounds
    if "milestones" in context:  # every milestone's place in view at the default zoom (2009's parcel lies east of the zones)
        west, south, east, north = context["milestones"].total_bounds
        bounds = np.array([min(bounds[0], west), min(bounds[1], south), max(bounds[2], east), max(bounds[3], north)])
    fmap = new_map(bounds, basemap, lang)
    Layout(bounds).add_to(fmap)
    PolylineDecoder().add_to(fmap)
    rows = records(frame)  # once: every layer and text below reads the zones' properties from these
    names = _zone_names(frame, rows, ids, lang, label_field)
    if "river" in context:
        river = context["river"]  # a line the boundary layer draws too (the channel's centre line) is drawn once, there
        boundary = list(context["boundary"].geometry) if "boundary" in context else []
        drawn = river[[not any(shapely.equals(g, b) for b in boundary) for g in river.geometry]]
        context_layer(drawn, _s("layer_river", lang), "river", lang, labelled=river).add_to(fmap)
    if "boundary" in context:
        context_layer(context["boundary"], _s("layer_boundary", lang), "boundary", lang).add_to(fmap)
    composite = composite_zones(frame, ids)
    area_rows = shown_areas(frame, ids, outlines)  # checks the outlines, as areas() would
    bands = band_layer(frame, ids, composite, outlines, lang, shift)
    if bands is not None:
        bands.add_to(fmap)
    zone_group = zone_layer(frame, ids, area_rows, composite, lang, label_field, shift, names, rows)
    zone_group.add_to(fmap)
    if relations is not False:
        related = relations if isinstance(relations, Relations) else _relations_of_parts(frame, composite, id_column, zones is None)
        short = {i: " / ".join(zone_name_lines(r, lang, i, label_field, short=True)) for i, r in zip(ids, rows)}
        relations_layer(related, short, lang, shift, _gap_names(bundled.load_layer("river"), lang)).add_to(fmap)
    if "landmarks" in context:
        landmark_layer(context["landmarks"], lang).add_to(fmap)
    if "milestones" in context:
        milestone_group, entries = milestone_layer(context["milestones"], lang)
        milestone_group.add_to(fmap)
        Timeline(_s("timeline", lang), _s("timeline_hint", lang), entries, milestone_group, zone_group).add_to(fmap)
    if points is not None:  # located points: their own layer and legend (zonemap.render.located)
        from zonemap.render.located import points_layer

        points_layer(points, zones=None if zones is None else frame, id_column=id_column, lang=lang, datum=datum, total=points_total).add_to(fmap)
    page_title = title or _s("zone_title", lang)
    Note(page_title, link=(index_url, _s("back_to_index", lang)) if index_url else None).add_to(fmap)
    if datum != "wgs84":
        Note(say("datum_note", lang, separator="\n", basemap=_s(f"basemap_{basemap}", lang)), warning=True, summary=_s("datum_short", lang)).add_to(fmap)
    statuses = {"official" if s == "official" else "indicative" for s in (frame["status"] if "status" in frame else [None] * len(frame))}
    jurisdictions = set(frame["jurisdiction"]) if "jurisdiction" in frame else set()
    band_jurisdictions = {str(frame["jurisdiction"].iloc[i]) for i in np.flatnonzero(~composite)} if bands is not None and "jurisdiction" in frame else set()
    sections = legend_sections(lang, jurisdictions=jurisdictions, statuses=statuses, composites=bool(composite.any()), bands=band_jurisdictions,
                               layers=list(context), centreline="river" in context and "boundary" not in context, relations=relations is not False)
    Legend(_s("legend", lang), sections).add_to(fmap)
    add_controls(fmap, basemap, lang)
    Attribution(_s("data_attribution_short", lang), _s("more_sources", lang), _s("data_attribution", lang)).add_to(fmap)
    number_elements(fmap.get_root())
    fmap.zonemap_html_lang = html_lang(lang)  # type: ignore[attr-defined]
    fmap.zonemap_title = page_title  # type: ignore[attr-defined]
    return fmap


def _zone_names(frame: gpd.GeoDataFrame, rows: list[dict[str, Any]], ids: np.ndarray, lang: str, label_field: str | None) -> dict[str, str]:
    """Names of the zones by id (``rows``: their properties), and of the bundled zones their parts name when those are not drawn."""
    names = {str(i): " / ".join(zone_name_lines(r, lang, i, label_field)) for i, r in zip(ids, rows)}
    if "parts" in frame.columns:
        from zonemap import bundled

        wanted = {str(p) for parts in frame["parts"] if isinstance(parts, (list, tuple, np.ndarray)) for p in parts} - set(names)
        if wanted:
            for record in records(bundled.load_zones()):
                if record["id"] in wanted:
                    names[record["id"]] = " / ".join(zone_name_lines(record, lang, record["id"]))
    return names


def _gap_names(river: gpd.GeoDataFrame, lang: str) -> dict[str, str]:
    """The river's water features' names in ``lang``, by their English name (as relations give the gap)."""
    return {str(r.get("name_en")): pick(r, "name", lang, separator=" / ") for r in records(river)}


def _relations_of_parts(frame: gpd.GeoDataFrame, composite: np.ndarray, id_column: str, bundled_zones: bool) -> Relations:
    from zonemap import bundled

    parts = frame[~composite] if (~composite).sum() >= 2 else frame
    options = bundled.relations_preset() if bundled_zones else {}
    return relate.relations(parts, id_column=id_column, **options)


def history_map(*, basemap: str = DEFAULT_BASEMAP, lang: str = DEFAULT_LANG, index_url: str | None = None) -> folium.Map:
    """How the 1997 river regulation made the Loop, and the milestones since, on the map and in a timeline.

    The old meander (the river before 1997) and the 1997 channel are drawn and
    labelled with the Loop and the 2008 study's areas A (the Loop), B and C, and
    the Shenzhen Park's parts; the milestones are numbered pills, listed in a
    timeline beside the map that shows each one's place and zones.

    Parameters
    ----------
    basemap, lang, index_url
        As for :func:`render_map`.

    Returns
    -------
    folium.Map

    Examples
    --------
    >>> fmap = history_map(basemap="none", lang="zh-Hant")
    >>> fmap.zonemap_html_lang, fmap.zonemap_title
    ('zh-Hant', '深圳河治理與落馬洲河套')
    """
    from zonemap import bundled

    zones = bundled.load_zones()
    shown = zones[zones["id"].isin(bundled.HISTORY_ZONES)]
    return render_map(shown, basemap=basemap, lang=lang, layers=("river", "boundary", "milestones"), outlines=bundled.areas_preset()["outlines"],
                      title=_s("map_history_title", lang), index_url=index_url)
