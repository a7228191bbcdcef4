"""What a recipe returns: a zone's outlines, the edges they are made of, its steps and reads.

The inner outline (surely inside) and the outer outline (possibly inside) are
built per edge: each piece of the best outline's boundary is attributed to the
line it was drawn along, and that line's own tolerances (inward and outward, in
metres) cut the inner outline back and push the outer one out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .errors import BuildError
from .reading import Reader
from .text import Text

__all__ = ["ATTRIBUTION_M", "KINDS", "Edge", "Outline", "bands"]

#: How close (m) a piece of an outline must run to a line to count as drawn along it.
ATTRIBUTION_M = 1.0
#: How a line is known: read as is, derived from read data, a construction, or an inference.
KINDS = ("sourced", "derived", "construction", "inferred")


@dataclass(frozen=True)
class Edge:
    """A line an outline is drawn along, with how far off it may be.

    Attributes
    ----------
    label : Text
        What the line is, e.g. "Binhe Avenue (OpenStreetMap way 25423077)".
    line : BaseGeometry
        The line in metres (EPSG:2326).
    inward_m, outward_m : float
        How far the true edge may lie inside / outside the drawn one.
    kind : str
        One of :data:`KINDS`.
    """

    label: Text
    line: BaseGeometry
    inward_m: float
    outward_m: float
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.inward_m < 0 or self.outward_m < 0:
            raise BuildError(f"edge {self.label.en!r}: bad kind or tolerance")


@dataclass
class Outline:
    """A zone as one recipe builds it (all geometries in metres)."""

    best: BaseGeometry
    edges: list[Edge]
    steps: list[Text]
    reader: Reader
    land: BaseGeometry | None = None
    to_boundary: BaseGeometry | None = None
    inner: BaseGeometry | None = None
    outer: BaseGeometry | None = None
    used: list[tuple[Edge, float]] = field(default_factory=list)  # edges bounding ``best``, with length (m)

    def settle(self) -> Outline:
        """Compute the inner and outer outlines from the edges (a composite sets them itself)."""
        if self.inner is None or self.outer is None:
            self.inner, self.outer, self.used = bands(self.best, self.edges)
        return self


def bands(best: BaseGeometry, edges: list[Edge]) -> tuple[BaseGeometry, BaseGeometry, list[tuple[Edge, float]]]:
    """The inner and outer outlines of ``best`` from the tolerances of its edges.

    Returns
    -------
    (inner, outer, used)
        ``inner = best - U(piece_i buffered by inward_i)``,
        ``outer = best + U(piece_i buffered by outward_i)``, where piece_i is the
        part of best's boundary that runs along edge i; ``used`` lists the edges
        that bound ``best`` with the length they bound.

    Raises
    ------
    BuildError
        When some of the boundary runs along none of the edges (an undeclared edge).
    """
    boundary = best.boundary
    remaining = boundary
    inward, outward, used = [], [], []
    for edge in edges:
        near = edge.line.buffer(ATTRIBUTION_M)
        piece = boundary.intersection(near)
        if piece.length < ATTRIBUTION_M:
            continue
        remaining = remaining.difference(near)
        used.append((edge, float(piece.length)))
        if edge.inward_m > 0:
            inward.append(piece.buffer(edge.inward_m))
        if edge.outward_m > 0:
            outward.append(piece.buffer(edge.outward_m))
    if remaining.length > 2 * ATTRIBUTION_M:
        where = shapely.get_coordinates(remaining)[0].round(1).tolist()
        raise BuildError(f"{remaining.length:.0f} m of an outline follow no declared edge (near {where} in EPSG:2326)")
    inner = best.difference(unary_union(inward)) if inward else best
    outer = best.union(unary_union(outward)) if outward else best
    return inner, outer, used
