"""Small helpers shared by the recipes: edges from lines, the river's edges, splitting read lines."""

from __future__ import annotations

import numpy as np
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from .outline import Edge
from .river import CENTRELINE_M, River
from .text import Text
from .tolerances import OLD_BANK, Tolerance

__all__ = ["bank_edges", "edge", "farthest_segment", "segments"]


def edge(label: Text, line: BaseGeometry, tolerance: Tolerance) -> Edge:
    """An :class:`Edge` with a line's tolerance."""
    return Edge(label, line, tolerance.inward_m, tolerance.outward_m, tolerance.kind)


def bank_edges(river: River, old: bool = True) -> list[Edge]:
    """The river's lines an outline may follow: centre line, bank of the new channel and (``old``) the old meander's."""
    edges = [
        Edge(
            Text(
                "the Shenzhen River centre line, the boundary (OpenStreetMap relation 3464353)",
                "深圳河中心線，即界線（OpenStreetMap 關係 3464353）",
                "深圳河中心线，即界线（OpenStreetMap 关系 3464353）",
            ),
            river.centreline,
            CENTRELINE_M,
            CENTRELINE_M,
            "sourced",
        ),
        Edge(
            Text("the river bank (measured half-width)", "河岸（實測半寬）", "河岸（实测半宽）"),
            river.water.boundary,
            river.bank_m,
            river.bank_m,
            "derived",
        ),
    ]
    if old:
        edges.append(edge(Text("the old meander's bank", "舊河道河岸", "旧河道河岸"), river.old_water.boundary, OLD_BANK))
    return edges


def segments(line: LineString) -> list[LineString]:
    """The straight segments of a line, in order."""
    coords = np.asarray(line.coords)
    return [LineString(coords[i : i + 2]) for i in range(len(coords) - 1)]


def farthest_segment(piece: BaseGeometry) -> LineString:
    """The straight segment between the two vertices of ``piece`` farthest apart (its overall run)."""
    coords = np.asarray([c for part in getattr(piece, "geoms", [piece]) for c in part.coords])
    gaps = np.hypot(*(coords[:, None, :] - coords[None, :, :]).transpose(2, 0, 1))
    i, j = np.unravel_index(int(np.argmax(gaps)), gaps.shape)
    start, end = (coords[i], coords[j]) if coords[i][1] <= coords[j][1] else (coords[j], coords[i])
    return LineString([start, end])
