"""How things are drawn: one symbol per meaning, in the interactive maps and the PNG alike.

Zones are filled in their jurisdiction's colour; an ``official`` outline is
solid, an ``indicative`` one dashed. Composite zones (unions of parts drawn
beside them) are outlines only, so the parts under them stay reachable. The
river is blue, the boundary a dark dash-dot line (one style per source),
relations green (shared border) or orange (facing across a gap).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BOUNDARY_STYLES",
    "JURISDICTION_COLOURS",
    "LANDMARK_STYLE",
    "OTHER_COLOUR",
    "RELATION_STYLES",
    "RIVER_STYLES",
    "zone_style",
    "zone_style_key",
]

JURISDICTION_COLOURS = {"HKSAR": "#c0392b", "Shenzhen": "#1f5fa8", "shared": "#7d3c98"}
OTHER_COLOUR = "#555555"


def zone_style_key(jurisdiction: Any, status: Any, composite: bool) -> str:
    """The style key of a zone: jurisdiction, status, and whether it is a composite.

    Examples
    --------
    >>> zone_style_key("HKSAR", "official", False)
    'HKSAR|official|part'
    """
    colour_key = jurisdiction if jurisdiction in JURISDICTION_COLOURS else "other"
    return f"{colour_key}|{'official' if status == 'official' else 'indicative'}|{'composite' if composite else 'part'}"


def zone_style(key: str) -> dict[str, Any]:
    """The Leaflet path style of a zone style key (see :func:`zone_style_key`).

    Examples
    --------
    >>> zone_style("Shenzhen|indicative|composite")["fill"]
    False
    """
    jurisdiction, status, kind = key.split("|")
    colour = JURISDICTION_COLOURS.get(jurisdiction, OTHER_COLOUR)
    composite = kind == "composite"
    return {
        "color": colour,
        "weight": 3 if composite else 2,
        "opacity": 0.9,
        "fill": not composite,
        "fillColor": colour,
        "fillOpacity": 0.0 if composite else 0.25,
        "dashArray": None if status == "official" else "8 6",
    }


RIVER_STYLES: dict[str, dict[str, Any]] = {
    "channel_centreline": {"color": "#1b4f72", "weight": 2},
    "old_channel_centreline": {"color": "#5dade2", "weight": 2, "dashArray": "2 4"},
    "channel_water": {"color": "#2e86c1", "weight": 0, "fillColor": "#85c1e9", "fillOpacity": 0.5},
    "other": {"color": "#2e86c1", "weight": 2},
}
BOUNDARY_STYLES: dict[str, dict[str, Any]] = {
    "hksar_shenzhen_boundary": {"color": "#222222", "weight": 2.5, "dashArray": "10 4 2 4"},
    "hksar_boundary_had": {"color": "#888888", "weight": 1.5, "dashArray": "1 5"},
    "other": {"color": "#222222", "weight": 2, "dashArray": "10 4 2 4"},
}
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "shares_border": {"color": "#27ae60", "weight": 6, "opacity": 0.85},
    "across": {"color": "#e67e22", "weight": 6, "opacity": 0.85, "dashArray": "2 8"},
}
LANDMARK_STYLE: dict[str, Any] = {"radius": 6, "color": "#222222", "weight": 1, "fillColor": "#f4d03f", "fillOpacity": 0.9}
