"""The Shenzhen River: its centre line (the boundary), its banks and its water.

The boundary is the centre line of the regulated channel (State Council Order
No. 221), so both banks lie the same distance from it. That half-width is
measured, not assumed: at each stretch it is the median distance from the centre
line of the bank evidence within :data:`ALONG_M` along the river (the river-side
edges of the Futian school catchments, converted from BD-09, and the Hong Kong
bank of the Loop land estimate, measured against the 2001 census land layer);
stretches without evidence take the nearest measured value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from . import names
from .geometry import side_of, to_lonlat
from .reading import Reader
from .text import Text

__all__ = ["ALONG_M", "BANK_CATCHMENTS", "CENTRELINE_M", "WINDOW_M", "River", "river"]

#: Accuracy of the centre line (OSM against the HAD line: median 2.3 m, max 26 m).
CENTRELINE_M = 15.0
#: Distances from the centre line (m) at which a catchment edge is read as a bank, not a chord.
WINDOW_M = (40.0, 130.0)
#: How far along the river (m) bank evidence counts for a stretch.
ALONG_M = 400.0
#: Sampling step along evidence outlines (m).
STEP_M = 10.0
#: Catchments whose river-side edges follow the bank (the others draw chords across it).
BANK_CATCHMENTS = ("futian_foreign_south_primary", "futian_foreign_south_middle", "fumin", "nanhua")


@dataclass
class River:
    """The river in metres (EPSG:2326), with what was read to make it."""

    centreline: LineString
    water: BaseGeometry
    north: Polygon  # the Shenzhen side of the boundary
    south: Polygon  # the Hong Kong side
    bank_m: float  # accuracy of a bank line
    half_widths: list[tuple[float, float, float]]  # (lon from, lon to, half-width m) by stretch
    old_meander: LineString
    old_water: BaseGeometry
    old_half_width_m: float
    reader: Reader
    steps: list[Text]

    @property
    def sz_water(self) -> BaseGeometry:
        """The Shenzhen half of the channel."""
        return self.water.intersection(self.north)

    @property
    def hk_water(self) -> BaseGeometry:
        """The Hong Kong half of the channel."""
        return self.water.intersection(self.south)

    @property
    def sz_land(self) -> BaseGeometry:
        """Shenzhen north of the bank."""
        return self.north.difference(self.water)

    @property
    def hk_land(self) -> BaseGeometry:
        """Hong Kong south of the bank."""
        return self.south.difference(self.water)


def _samples(outline: BaseGeometry) -> list[Point]:
    ring = outline.boundary
    return [ring.interpolate(d) for d in np.arange(0.0, ring.length, STEP_M)]


def _profile(centreline: LineString, samples: list[Point]) -> np.ndarray:
    """Half-width per centre-line segment: median bank distance within ALONG_M, else the nearest stretch."""
    coords = np.asarray(centreline.coords)
    lengths = np.hypot(*np.diff(coords, axis=0).T)
    mids = np.cumsum(lengths) - lengths / 2
    along = np.array([centreline.project(p) for p in samples])
    dist = np.array([centreline.distance(p) for p in samples])
    widths = np.full(len(mids), np.nan)
    for i, s in enumerate(mids):
        near = np.abs(along - s) <= ALONG_M
        if near.any():
            widths[i] = float(np.median(dist[near]))
    known = np.flatnonzero(~np.isnan(widths))
    for gap in np.flatnonzero(np.isnan(widths)):
        widths[gap] = widths[known[np.argmin(np.abs(mids[known] - mids[gap]))]]
    return widths


def _measure(reader: Reader) -> River:
    centreline = reader.geometry(*names.RIVER)
    old = reader.geometry(*names.OLD_MEANDER)
    land = reader.geometry(*names.LOOP_LAND_ESTIMATE)
    low, high = WINDOW_M
    evidence: list[Point] = []
    for key in BANK_CATCHMENTS:
        evidence += [p for p in _samples(reader.geometry(*names.CATCHMENTS[key])) if low <= centreline.distance(p) <= high]
    land_samples = _samples(land)
    hk_bank = [p for p in land_samples if low <= centreline.distance(p) <= high and old.distance(p) > low]
    old_bank = [old.distance(p) for p in land_samples if old.distance(p) < low and centreline.distance(p) > high]
    old_half = float(np.round(np.median(old_bank)))
    samples = evidence + hk_bank
    widths = _profile(centreline, samples)
    along = np.array([centreline.project(p) for p in samples])
    dist = np.array([centreline.distance(p) for p in samples])
    local = np.array([np.median(dist[np.abs(along - a) <= ALONG_M]) for a in along])
    bank_m = float(np.round(CENTRELINE_M + np.median(np.abs(dist - local))))
    coords = np.asarray(centreline.coords)
    segments = [LineString(coords[i : i + 2]).buffer(float(w), quad_segs=8) for i, w in enumerate(widths)]
    water = unary_union(segments)
    lons = shapely.get_coordinates(to_lonlat(centreline))[:, 0]
    stretches: list[tuple[float, float, float]] = []
    for i, w in enumerate(np.round(widths)):
        if stretches and stretches[-1][2] == w:
            stretches[-1] = (stretches[-1][0], float(lons[i + 1]), float(w))
        else:
            stretches.append((float(lons[i]), float(lons[i + 1]), float(w)))
    steps = [
        Text(
            f"The river's banks are measured, not assumed: the boundary is the regulated channel's centre line, so both "
            f"banks lie the same distance from it, taken at each stretch as the median distance of the bank evidence "
            f"within {ALONG_M:g} m along the river (the river-side edges of four Futian school catchments and the "
            f"Hong Kong bank of the Loop land estimate); this gives {min(widths):.0f}-{max(widths):.0f} m, ±{bank_m:g} m.",
            f"河岸按實測而非假設：界線是治理後河道的中心線，兩岸與它等距；每段的半寬取沿河{ALONG_M:g}米內河岸證據"
            f"（福田四個學區的臨河邊界及河套陸地估算的香港河岸）與中心線距離的中位數，得{min(widths):.0f}至"
            f"{max(widths):.0f}米，誤差約±{bank_m:g}米。",
            f"河岸按实测而非假设：界线是治理后河道的中心线，两岸与它等距；每段的半宽取沿河{ALONG_M:g}米内河岸证据"
            f"（福田四个学区的临河边界及河套陆地估算的香港河岸）与中心线距离的中位数，得{min(widths):.0f}至"
            f"{max(widths):.0f}米，误差约±{bank_m:g}米。",
        )
    ]
    return River(
        centreline=centreline,
        water=water,
        north=side_of(centreline, north=True),
        south=side_of(centreline, north=False),
        bank_m=bank_m,
        half_widths=stretches,
        old_meander=old,
        old_water=old.buffer(old_half, quad_segs=8),
        old_half_width_m=old_half,
        reader=reader,
        steps=steps,
    )


def river(reader: Reader) -> River:
    """The river, measured once per reference folder (kept on the reference); its reads go into ``reader``'s log."""
    memo = reader.reference.memo
    if "river" not in memo:
        memo["river"] = _measure(reader.reference.reader())
    found: River = memo["river"]
    reader.absorb(found.reader)
    return found
