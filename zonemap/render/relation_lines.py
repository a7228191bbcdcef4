"""The relations layer: shared borders and stretches facing each other across a gap, each labelled with its length.

Pairs whose lines coincide (Loop A faces both Loop C and the Huanggang Port
area, which holds Loop C, along the same stretch of river) are drawn once, as
one line under one label, and its tooltip lists every pair with its own length.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import folium
import shapely

from zonemap.render.elements import FeatureLayer, Labels
from zonemap.render.elements.features import feature
from zonemap.render.elements.labels import label
from zonemap.render.folium_classes import FeatureGroup
from zonemap.render.label_layout import line_candidates
from zonemap.render.styles import RELATION_STYLES
from zonemap.text import say, translate_known

if TYPE_CHECKING:
    import geopandas as gpd

    from zonemap.relate import Relations

__all__ = ["COINCIDE_M", "coinciding_groups", "relations_layer"]

#: Lines of the same relation closer than this everywhere (Hausdorff distance) coincide, or closer than the pair's gap.
COINCIDE_M = 20.0


def coinciding_groups(lines: gpd.GeoDataFrame, metric_crs: Any) -> list[list[int]]:
    """Groups of rows of :meth:`Relations.lines` whose lines coincide: the same relation, and no point of either
    farther from the other than :data:`COINCIDE_M` or their larger gap.

    Parameters
    ----------
    lines : GeoDataFrame
        :meth:`Relations.lines`, in lon/lat.
    metric_crs : pyproj.CRS
        The CRS the relations were measured in.

    Returns
    -------
    list of list of int
        Row positions, each group in row order, groups in order of their first row.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import LineString
    >>> lines = gpd.GeoDataFrame({"relation": ["shares_border", "shares_border", "faces_across_gap"], "gap_m": [0.0, 0.0, 120.0]},
    ...                          geometry=[LineString([(0, 0), (100, 0)]), LineString([(0, 0.5), (100, 0.5)]), LineString([(0, 0), (100, 0)])],
    ...                          crs=2326)
    >>> coinciding_groups(lines, 2326)
    [[0, 1], [2]]
    """
    metric = lines.to_crs(metric_crs).geometry.to_numpy()
    kinds = ["shares_border" if r == "shares_border" else "across" for r in lines["relation"]]
    gaps = lines["gap_m"].to_numpy(dtype=float)
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            if kinds[i] == kinds[j] and shapely.hausdorff_distance(metric[i], metric[j]) <= max(COINCIDE_M, gaps[i], gaps[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(lines)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def relations_layer(related: Relations, names: Mapping[str, str], lang: str, shift: Callable[[Any], Any],
                    gap_names: Mapping[str, str] | None = None) -> folium.FeatureGroup:
    """Shared borders (green) and stretches facing each other across a gap (orange), labelled with the length
    measured on exactly the line drawn.

    Parameters
    ----------
    related : Relations
        The relations to draw.
    names : mapping of str to str
        The zones' names by id, as shown.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The map's language.
    shift : callable
        Moves geometries into the basemap's datum.
    gap_names : mapping of str to str, optional
        The names of the features in the gaps (the river's water) in ``lang``, by the name the relations give.

    Returns
    -------
    folium.FeatureGroup

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> import zonemap
    >>> squares = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=2326)
    >>> group = relations_layer(zonemap.relations(squares), {}, "en", lambda g: g)
    >>> group.layer_name, [type(child).__name__ for child in group._children.values()]
    ('Relations', ['FeatureLayer', 'Labels'])
    """
    lines = related.lines()
    lines = lines[lines.geometry.notna() & ~lines.geometry.is_empty].reset_index(drop=True)
    shown = shift(lines).geometry if len(lines) else lines.geometry
    gap_names = gap_names or {}
    records = lines.drop(columns=lines.geometry.name).to_dict("records")
    features, labels = [], []
    for group_rows in coinciding_groups(lines, related.metric_crs) if len(lines) else []:
        texts, lengths = [], []
        for i in group_rows:
            record = records[i]
            bordering = record["relation"] == "shares_border"
            in_gap = "; ".join(gap_names.get(g, translate_known(g, lang)) for g in str(record["in_gap"] or "").split("; ") if g)
            values = {"left": names.get(record["left"], record["left"]), "right": names.get(record["right"], record["right"]),
                      "length": f"{record['length_m']:,.0f}", "gap": f"{record['gap_m']:,.0f}", "gap_name": in_gap or say("a_gap", lang, separator=" / ")}
            texts.append(say("relation_shared" if bordering else "relation_across", lang, separator=" / ", **values))
            lengths.append(record["length_m"])
        first = group_rows[0]
        geometry = shown.iloc[first]
        style = "shares_border" if records[first]["relation"] == "shares_border" else "across"
        features.append(feature(geometry, style=style, tip=texts))
        low, high = f"{min(lengths):,.0f}", f"{max(lengths):,.0f}"
        text = say("scale_m", lang, separator=" / ", value=low) if low == high else say("range_m", lang, separator=" / ", low=low, high=high)
        labels.append(label(line_candidates(geometry), [[text]]))
    group = FeatureGroup(name=say("layer_relations", lang, separator=" / "), show=True)
    FeatureLayer(features, RELATION_STYLES).add_to(group)
    Labels(labels, kind="relation").add_to(group)
    return group
