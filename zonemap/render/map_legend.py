"""The legend of a map: a row for every symbol drawn on it, and none for a symbol it does not draw."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from zonemap.render.styles import (
    BOUNDARY_STYLES,
    JURISDICTION_COLOURS,
    LANDMARK_STYLE,
    MILESTONE_STYLE,
    RELATION_STYLES,
    RIVER_STYLES,
    band_style,
    zone_style,
)
from zonemap.text import say

__all__ = ["Row", "Rows", "legend_sections"]

#: One line of a legend section: symbols (style dicts) and their labels.
Row = list[tuple[dict[str, Any], str]]
#: A legend section's lines.
Rows = list[Row]


def legend_sections(lang: str, *, jurisdictions: Collection[str], statuses: Collection[str], composites: bool, bands: Collection[str],
                    layers: Sequence[str], centreline: bool, relations: bool) -> list[tuple[str, Rows]]:
    """The legend's sections: the zones (fill, outline, uncertainty), then the other layers drawn.

    Parameters
    ----------
    lang : str
        The map's language.
    jurisdictions, statuses : collection of str
        Those of the zones drawn.
    composites : bool
        Whether a composite (outline only) is drawn.
    bands : collection of str
        The jurisdictions whose uncertainty bands are drawn.
    layers : sequence of str
        The context layers drawn.
    centreline : bool
        Whether the river's centre line is drawn (not when the boundary lies on it).
    relations : bool
        Whether relations are drawn.

    Returns
    -------
    list of (str, list of list of (dict, str))
        Headings and rows; each row one or more symbols (a style) and their meaning, side by side.

    Examples
    --------
    >>> [[text for _, text in row] for _, rows in legend_sections("en", jurisdictions={"HKSAR"}, statuses={"official"}, composites=False,
    ...  bands=(), layers=(), centreline=False, relations=False) for row in rows]
    [['Hong Kong (HKSAR)'], ['official outline']]
    """

    def s(key: str) -> str:
        return say(key, lang, separator=" / ")

    zones: Rows = [[(zone_style(f"{j}|official|part"), s(f"jurisdiction_{j}")) for j in JURISDICTION_COLOURS if j in jurisdictions]]
    outlines = [({"color": "#333", "weight": 2}, s("legend_official"))] if "official" in statuses else []
    if set(statuses) - {"official"}:
        outlines.append(({"color": "#333", "weight": 2, "dashArray": "8 6"}, s("legend_indicative")))
    zones.append(outlines)
    if composites:
        zones.append([({"color": "#333", "weight": 3, "fill": False}, s("legend_composite"))])
    if bands:
        zones.append([(band_style(next(iter(sorted(bands)))), s("legend_band"))])
    other: Rows = []
    if "river" in layers:
        other.append([(RIVER_STYLES["new_channel_water"], s("legend_new_channel"))])
        if centreline:
            other.append([(RIVER_STYLES["channel_centreline"], s("legend_centreline"))])
        other.append([(RIVER_STYLES["old_meander_water"] | {"weight": 1}, s("legend_old_channel"))])
    if "boundary" in layers:
        other += [[(BOUNDARY_STYLES["hksar_shenzhen_boundary"], s("legend_boundary_osm"))], [(BOUNDARY_STYLES["hksar_boundary_had"], s("legend_boundary_had"))]]
    points = [(LANDMARK_STYLE, s("legend_landmark"))] if "landmarks" in layers else []
    if "milestones" in layers:
        points.append((MILESTONE_STYLE | {"pill": True}, s("legend_milestone")))
    other.append(points)
    if relations:
        other.append([(RELATION_STYLES["shares_border"], s("legend_shared")), (RELATION_STYLES["across"], s("legend_across"))])
    return [(heading, [row for row in rows if row]) for heading, rows in ((s("legend_zones"), zones), ("", other))]
