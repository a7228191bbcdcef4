"""How things are drawn: one symbol per meaning, in the interactive maps and the PNG alike.

=====================  ==========================================================
symbol                 meaning
=====================  ==========================================================
fill colour            the zone's jurisdiction: Hong Kong red, Shenzhen blue,
                       both sides purple
solid outline          an ``official`` zone (its outline follows the official
                       description and its area is within 5 %)
dashed outline         an ``indicative`` zone (the only dashed lines drawn)
outline, no fill       a zone holding other zones drawn (a park and its parts)
hatching               the uncertainty band, between a zone's inner (surely
                       inside) and outer (possibly inside) outline
teal water and line    the Shenzhen River's regulated channel (1997)
pale teal band         the old meander, the river's course before 1997
black line             the HKSAR-Shenzhen boundary (OpenStreetMap)
thin grey line         the same boundary from the Home Affairs Department
yellow dot             a landmark (checkpoint, station, building)
dark numbered pill     a milestone of the history
green band             a border two zones share
orange band            stretches of two zones facing each other across the river
=====================  ==========================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap.relate import covers_others

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "BAND_STYLE",
    "BOUNDARY_STYLES",
    "JURISDICTION_COLOURS",
    "LANDMARK_STYLE",
    "MILESTONE_STYLE",
    "OTHER_COLOUR",
    "RELATION_STYLES",
    "RIVER_STYLES",
    "band_style",
    "composite_zones",
    "hatch_id",
    "zone_style",
    "zone_style_key",
]

JURISDICTION_COLOURS = {"HKSAR": "#c0392b", "Shenzhen": "#1f5fa8", "shared": "#7d3c98"}
OTHER_COLOUR = "#555555"
#: The dash pattern of indicative outlines: no other line is dashed.
_INDICATIVE_DASH = "8 6"


def composite_zones(zones: gpd.GeoDataFrame, ids: np.ndarray) -> np.ndarray:
    """Which zones are drawn as outlines only, under the others: those listing ``parts`` that are drawn too, and
    those covering another zone that are not themselves a part of a composite drawn.

    Parameters
    ----------
    zones : GeoDataFrame
        The zones drawn.
    ids : ndarray of str
        Their ids.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> import zonemap
    >>> zones = zonemap.load_zones()
    >>> sorted(zones["id"][composite_zones(zones, zones["id"].to_numpy())])
    ['cooperation_zone', 'loop_zoning_plan', 'shenzhen_park']
    """
    covering = covers_others(zones.geometry)
    if "parts" not in zones.columns:
        return covering
    present = set(ids)
    parts = [set(p) & present if isinstance(p, (list, tuple, np.ndarray)) else set() for p in zones["parts"]]
    named_parts = set().union(*parts)
    return np.array([bool(p) or (c and i not in named_parts) for p, c, i in zip(parts, covering, ids)], dtype=bool)


def zone_style_key(jurisdiction: Any, status: Any, composite: bool) -> str:
    """The style key of a zone: jurisdiction, status, and whether it is a composite.

    Parameters
    ----------
    jurisdiction : str
        ``"HKSAR"``, ``"Shenzhen"`` or ``"shared"`` (anything else: ``"other"``).
    status : str
        ``"official"``, or anything else (indicative).
    composite : bool
        Whether the zone is drawn as a composite (outline only).

    Returns
    -------
    str

    Examples
    --------
    >>> zone_style_key("HKSAR", "official", False)
    'HKSAR|official|part'
    """
    colour_key = jurisdiction if jurisdiction in JURISDICTION_COLOURS else "other"
    return f"{colour_key}|{'official' if status == 'official' else 'indicative'}|{'composite' if composite else 'part'}"


def zone_style(key: str) -> dict[str, Any]:
    """The Leaflet path style of a zone style key (see :func:`zone_style_key`).

    Parameters
    ----------
    key : str
        ``"jurisdiction|status|kind"``, as :func:`zone_style_key` makes it.

    Returns
    -------
    dict
        A Leaflet path style.

    Examples
    --------
    >>> zone_style("Shenzhen|indicative|composite")["fill"]
    False
    >>> zone_style("HKSAR|indicative|part")["dashArray"]
    '8 6'
    """
    jurisdiction, status, kind = key.split("|")
    colour = JURISDICTION_COLOURS.get(jurisdiction, OTHER_COLOUR)
    composite = kind == "composite"
    return {
        "color": colour,
        "weight": 3.5 if composite else 2,
        "opacity": 0.9,
        "fill": not composite,
        "fillColor": colour,
        "fillOpacity": 0.0 if composite else 0.22,
        "dashArray": None if status == "official" else _INDICATIVE_DASH,
    }


def hatch_id(colour: str) -> str:
    """The id of the SVG hatch pattern drawing uncertainty bands in ``colour``.

    Parameters
    ----------
    colour : str
        A ``#rrggbb`` colour.

    Returns
    -------
    str

    Examples
    --------
    >>> hatch_id("#c0392b")
    'zonemap-hatch-c0392b'
    """
    return "zonemap-hatch-" + colour.lstrip("#").lower()


def band_style(jurisdiction: Any) -> dict[str, Any]:
    """The style of a zone's uncertainty band: hatching in its jurisdiction's colour, no outline.

    Parameters
    ----------
    jurisdiction : str
        ``"HKSAR"``, ``"Shenzhen"`` or ``"shared"`` (anything else: the neutral colour).

    Returns
    -------
    dict
        A Leaflet path style.

    Examples
    --------
    >>> band_style("HKSAR")["fillColor"]
    'url(#zonemap-hatch-c0392b)'
    """
    colour = JURISDICTION_COLOURS.get(jurisdiction, OTHER_COLOUR)
    return {**BAND_STYLE, "fillColor": f"url(#{hatch_id(colour)})", "hatch": colour}


#: The uncertainty band (see :func:`band_style`); ``hatch`` is the colour of its lines.
BAND_STYLE: dict[str, Any] = {"stroke": False, "fill": True, "fillOpacity": 1.0, "hatch": OTHER_COLOUR}
RIVER_STYLES: dict[str, dict[str, Any]] = {
    "channel_centreline": {"color": "#0f7c8c", "weight": 2.5, "opacity": 0.9},
    "old_channel_centreline": {"color": "#5fb7c2", "weight": 1.5, "opacity": 0.9},
    "new_channel_water": {"color": "#0f7c8c", "weight": 0, "fillColor": "#7fcad4", "fillOpacity": 0.55},
    "old_meander_water": {"color": "#5fb7c2", "weight": 0, "fillColor": "#cdebee", "fillOpacity": 0.75},
    "channel_water": {"color": "#0f7c8c", "weight": 0, "fillColor": "#7fcad4", "fillOpacity": 0.55},
    "other": {"color": "#0f7c8c", "weight": 2},
}
BOUNDARY_STYLES: dict[str, dict[str, Any]] = {
    "hksar_shenzhen_boundary": {"color": "#111111", "weight": 1.8, "opacity": 0.95},
    "hksar_boundary_had": {"color": "#8a8a8a", "weight": 1.0, "opacity": 0.95},
    "other": {"color": "#111111", "weight": 1.8},
}
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "shares_border": {"color": "#1e9e50", "weight": 7, "opacity": 0.8},
    "across": {"color": "#e67e22", "weight": 7, "opacity": 0.8},
}
LANDMARK_STYLE: dict[str, Any] = {"radius": 5, "color": "#222222", "weight": 1, "fillColor": "#f4d03f", "fillOpacity": 1.0}
#: Milestone pills (HTML markers): dark, so they are not taken for landmarks.
MILESTONE_STYLE: dict[str, Any] = {"background": "#263238", "color": "#ffffff"}
