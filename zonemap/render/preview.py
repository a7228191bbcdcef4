"""Small inline SVG pictures of a map for the landing page's cards: shapes only, no text, no tiles, no script.

The zones are drawn in their jurisdiction's colour (composites as outlines,
the zones a card is about stronger than the rest), over the river's water and
the boundary, in a local equirectangular projection (true to scale at this
size). Every number is rounded, so the same inputs give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import shapely

from zonemap.escape import html_text
from zonemap.render.styles import BOUNDARY_STYLES, JURISDICTION_COLOURS, OTHER_COLOUR, RELATION_STYLES, RIVER_STYLES

__all__ = ["preview_svg"]


def _path(geometry: Any, project: Any) -> str:
    """SVG path data of a geometry's rings or lines, projected."""
    parts = []
    for part in shapely.get_parts(geometry):
        lines = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for line in lines:
            xy = project(np.asarray(line.coords)[:, :2])
            if len(xy) < 2:
                continue
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
            parts.append(f"M{points}{'Z' if part.geom_type == 'Polygon' else ''}")
    return "".join(parts)


def preview_svg(
    zones: Sequence[tuple[Any, Any, bool]],
    *,
    label: str,
    water: Sequence[Any] = (),
    boundary: Sequence[Any] = (),
    lines: Sequence[tuple[Any, str]] = (),
    focus: Collection[int] | None = None,
    size: tuple[int, int] = (320, 180),
) -> str:
    """A picture of zones, for a card.

    Parameters
    ----------
    zones : sequence of (geometry, jurisdiction, composite)
        In lon/lat; composites are drawn as outlines.
    label : str
        What the picture shows, plain text (its accessible name).
    water, boundary : sequence of geometries
        The river's water and the boundary, in lon/lat.
    lines : sequence of (geometry, str)
        Relation lines and their style in :data:`~zonemap.render.styles.RELATION_STYLES`.
    focus : collection of int, optional
        The zones the card is about (by position): the others are drawn faint.
        The picture frames these (all zones when omitted).
    size : (int, int)
        Width and height in pixels.

    Returns
    -------
    str
        An ``<svg>`` element.

    Examples
    --------
    >>> from shapely import box
    >>> preview_svg([(box(114.0, 22.5, 114.01, 22.51), "HKSAR", False)], label="a <b>")[:60]
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180'
    """
    width, height = size
    framed = [g for i, (g, _, _) in enumerate(zones) if focus is None or i in focus] or [g for g, _, _ in zones]
    west, south, east, north = shapely.union_all(framed).bounds
    scale_x = math.cos(math.radians((south + north) / 2))
    span = max((east - west) * scale_x / width, (north - south) / height, 1e-9) * 1.15
    cx, cy = (west + east) / 2, (south + north) / 2

    def project(coordinates: np.ndarray) -> np.ndarray:
        x = width / 2 + (coordinates[:, 0] - cx) * scale_x / span
        y = height / 2 - (coordinates[:, 1] - cy) / span
        return np.round(np.column_stack([x, y]), 1)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{html_text(label)}"><rect width="{width}" height="{height}" fill="#f4f4f1"/>']
    for geometry in water:
        out.append(f'<path d="{_path(geometry, project)}" fill="{RIVER_STYLES["new_channel_water"]["fillColor"]}" fill-rule="evenodd"/>')
    for geometry in boundary:
        out.append(f'<path d="{_path(geometry, project)}" fill="none" stroke="{BOUNDARY_STYLES["hksar_shenzhen_boundary"]["color"]}" stroke-width="1"/>')
    order = sorted(range(len(zones)), key=lambda i: (not zones[i][2], focus is None or i in focus))
    for i in order:
        geometry, jurisdiction, composite = zones[i]
        colour = JURISDICTION_COLOURS.get(str(jurisdiction), OTHER_COLOUR)
        strong = focus is None or i in focus
        fill = "none" if composite else colour
        opacity = (0.35 if strong else 0.12) if not composite else 0
        out.append(f'<path d="{_path(geometry, project)}" fill="{fill}" fill-opacity="{opacity}" fill-rule="evenodd" stroke="{colour}" '
                   f'stroke-width="{2 if composite else 1.2}" stroke-opacity="{1 if strong else 0.35}"/>')
    for geometry, style in lines:
        out.append(f'<path d="{_path(geometry, project)}" fill="none" stroke="{RELATION_STYLES[style]["color"]}" stroke-width="3" stroke-opacity="0.8"/>')
    out.append("</svg>")
    return "".join(out)
