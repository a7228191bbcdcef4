"""How far each kind of line may be off, in metres (inward, outward), and how it is known.

Inward is how far the true edge may lie inside the drawn outline, outward how
far outside it. These figures build the inner and outer outlines of every zone;
they come from the reference notes (NOTES.md tables and each feature's stated
confidence), not from the areas they produce.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "CATCHMENT_EDGE",
    "CENTRELINE",
    "HK_POINT_HULL",
    "HUAQIANG",
    "HUAQIANG_SOUTH",
    "LOOP_PERPENDICULAR",
    "OLD_BANK",
    "OSM_OUTLINE",
    "OSM_ROAD",
    "PORT_CONNECTOR",
    "PORT_DUE_SOUTH",
    "RONGHUA",
    "XINZHOU",
    "Tolerance",
    "link",
]


class Tolerance(NamedTuple):
    """Inward and outward tolerance (m) and how the line is known."""

    inward_m: float
    outward_m: float
    kind: str


#: The river centre line = the boundary (OSM 3464353 vs the HAD line: median 2.3 m, max 26 m).
CENTRELINE = Tolerance(15.0, 15.0, "sourced")
#: An OpenStreetMap road centre line (NOTES.md: ±10 m).
OSM_ROAD = Tolerance(10.0, 10.0, "sourced")
#: An OpenStreetMap outline (the HK Port Area of the new Huanggang Port building).
OSM_OUTLINE = Tolerance(20.0, 20.0, "sourced")
#: Huaqiang South Road at 114.0817: station and catchment edges either side agree within 20-40 m.
HUAQIANG = Tolerance(40.0, 40.0, "derived")
#: Huaqiang South Road prolonged south of Binhe Avenue to the river: a construction, no road there.
HUAQIANG_SOUTH = Tolerance(60.0, 60.0, "construction")
#: The straight connector from the end of Huanggang Road to the HK Port Area outline.
PORT_CONNECTOR = Tolerance(60.0, 100.0, "construction")
#: The port's west edge due south of the HK Port Area: at or west of 114.0660, how far west unknown.
PORT_DUE_SOUTH = Tolerance(60.0, 150.0, "construction")
#: A school-catchment edge converted from BD-09 (36-51 m from the OSM roads it follows).
CATCHMENT_EDGE = Tolerance(50.0, 50.0, "derived")
#: The catchment's west edge read as the Xinzhou River bank: ±50 m position plus the inference.
XINZHOU = Tolerance(80.0, 80.0, "inferred")
#: The Ronghua Road corridor: ±80 m as a midline; inward up to the Gaode junction point, 300 m south.
RONGHUA = Tolerance(300.0, 80.0, "inferred")
#: The old meander's bank: its centre line is 10-15 m off in places, its half-width estimated.
OLD_BANK = Tolerance(20.0, 20.0, "derived")
#: Lines at right angles to the channel through the Loop's tips (Loop C): a definition, not a survey.
LOOP_PERPENDICULAR = Tolerance(100.0, 100.0, "construction")
#: The hull of Hong Kong reference points around the old meander (Loop B), points ±100-150 m.
HK_POINT_HULL = Tolerance(150.0, 150.0, "construction")


def link(width_m: float) -> Tolerance:
    """The Futian part's unsourced link along the river: it may not be there at all, or reach 150 m further."""
    return Tolerance(width_m, 150.0, "construction")
