"""Geometry in metres: EPSG:2326 (Hong Kong 1980 Grid) in, WGS-84 out, geodesic areas.

Every recipe works in EPSG:2326, whose scale error over the zone is below
0.001 % in area, so buffers, offsets and tolerances are plain metres. Output is
lon/lat, snapped to 7 decimals, oriented per RFC 7946 and checked valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polygonize, unary_union

from .errors import BuildError

__all__ = [
    "METRIC_EPSG",
    "PRECISION_DEG",
    "bearing_off_east_west",
    "extend",
    "face_bounded_by",
    "finish",
    "geodesic_area_m2",
    "half_plane",
    "keep_parts",
    "side_of",
    "to_lonlat",
    "to_metric",
]

#: The metric CRS of the build: Hong Kong 1980 Grid.
METRIC_EPSG = 2326
#: Output precision in degrees (7 decimals, about 1 cm).
PRECISION_DEG = 1e-7
_FORWARD = Transformer.from_crs(4326, METRIC_EPSG, always_xy=True)
_BACKWARD = Transformer.from_crs(METRIC_EPSG, 4326, always_xy=True)
_GEOD = Geod(ellps="WGS84")
_FAR_M = 50_000.0  # how far a half-plane is closed off, in metres


def to_metric(geometry: BaseGeometry) -> BaseGeometry:
    """A lon/lat (WGS-84) geometry in EPSG:2326 metres."""
    return shapely.transform(geometry, lambda xy: np.column_stack(_FORWARD.transform(xy[:, 0], xy[:, 1])))


def to_lonlat(geometry: BaseGeometry) -> BaseGeometry:
    """An EPSG:2326 geometry in lon/lat (WGS-84)."""
    return shapely.transform(geometry, lambda xy: np.column_stack(_BACKWARD.transform(xy[:, 0], xy[:, 1])))


def geodesic_area_m2(lonlat: BaseGeometry) -> float:
    """Geodesic area on the WGS-84 ellipsoid of a lon/lat (multi)polygon, in m²."""
    total = 0.0
    for part in shapely.get_parts(lonlat):
        if part.is_empty:
            continue
        total += abs(_GEOD.geometry_area_perimeter(part)[0])
    return total


def extend(line: LineString, start_m: float, end_m: float) -> LineString:
    """Prolong a metric line straight on at either end by the given metres.

    Parameters
    ----------
    line : LineString
        In metres; its first and last segments set the directions.
    start_m, end_m : float
        How far to go on before the first and after the last vertex.
    """
    coords = np.asarray(line.coords, dtype=float)
    keep = np.r_[True, np.hypot(*np.diff(coords, axis=0).T) > 0]
    coords = coords[keep]
    if len(coords) < 2:
        raise BuildError("extend: a line needs two distinct vertices")
    head = coords[0] - coords[1]
    tail = coords[-1] - coords[-2]
    head = head * (start_m / np.hypot(*head))
    tail = tail * (end_m / np.hypot(*tail))
    return LineString(np.vstack([coords[0] + head, coords, coords[-1] + tail]))


def face_bounded_by(
    lines: Sequence[BaseGeometry], what: str, must: Sequence[BaseGeometry] | None = None, min_shared_m: float = 5.0
) -> Polygon:
    """The one face of the arrangement of ``lines`` that every line of ``must`` (default: all) bounds.

    No seed point: the face is the one whose boundary runs along each of the
    required lines for at least ``min_shared_m`` metres.

    Raises
    ------
    BuildError
        When no face, or more than one, is bounded by all the lines.
    """
    faces = list(polygonize(unary_union(list(lines))))
    found = [
        face
        for face in faces
        if all(face.exterior.intersection(line.buffer(0.01)).length >= min_shared_m for line in (must or lines))
    ]
    if len(found) != 1:
        raise BuildError(f"{what}: {len(found)} faces are bounded by all the required lines (expected one)")
    return found[0]


def side_of(line: LineString, north: bool) -> Polygon:
    """The half-plane north (or south) of a west-to-east metric line, closed far away."""
    coords = list(line.coords)
    if coords[0][0] > coords[-1][0]:
        coords.reverse()
    far = _FAR_M if north else -_FAR_M
    (x0, y0), (x1, y1) = coords[0], coords[-1]
    ring = [(x0 - _FAR_M, y0), *coords, (x1 + _FAR_M, y1), (x1 + _FAR_M, y1 + far), (x0 - _FAR_M, y0 + far)]
    polygon = shapely.make_valid(Polygon(ring))
    parts = [p for p in shapely.get_parts(polygon) if p.geom_type == "Polygon"]
    return max(parts, key=lambda p: p.area)


def half_plane(line: LineString, toward: tuple[float, float]) -> Polygon:
    """The side of a (long, roughly straight) metric line that faces the direction ``toward``.

    The line is prolonged :data:`_FAR_M` at both ends and closed far away on
    that side; e.g. ``toward=(1, 0)`` gives the half-plane east of a north-south line.
    """
    long = extend(line, _FAR_M, _FAR_M)
    coords = np.asarray(long.coords)
    direction = coords[-1] - coords[0]
    normal = np.array([-direction[1], direction[0]]) / np.hypot(*direction)
    if float(normal @ np.asarray(toward, dtype=float)) < 0:
        normal = -normal
    far = normal * _FAR_M
    polygon = shapely.make_valid(Polygon([*coords, coords[-1] + far, coords[0] + far]))
    parts = [p for p in shapely.get_parts(polygon) if p.geom_type == "Polygon"]
    return max(parts, key=lambda p: p.area)


def keep_parts(geometry: BaseGeometry, min_m2: float = 50.0) -> BaseGeometry:
    """Polygon parts of a metric geometry of at least ``min_m2``: boolean slivers dropped."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and p.area >= min_m2]
    if not parts:
        raise BuildError("keep_parts: nothing of substance left")
    return parts[0] if len(parts) == 1 else MultiPolygon(sorted(parts, key=lambda p: -p.area))


def finish(metric: BaseGeometry) -> BaseGeometry:
    """A metric geometry as output: lon/lat, 7 decimals, valid, exteriors counter-clockwise."""
    geometry = shapely.set_precision(to_lonlat(metric), PRECISION_DEG)
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and p.area > 0]
        geometry = parts[0] if len(parts) == 1 else MultiPolygon(parts)
        geometry = shapely.orient_polygons(geometry, exterior_cw=False)
    if geometry.is_empty or not geometry.is_valid:
        raise BuildError(f"finish: invalid output geometry ({shapely.is_valid_reason(geometry)})")
    return geometry


def bearing_off_east_west(start: Point | tuple[float, float], end: Point | tuple[float, float]) -> float:
    """How far (degrees, 0-90) a metric segment's direction is from east-west."""
    (x0, y0), (x1, y1) = (p.coords[0] if isinstance(p, Point) else p for p in (start, end))
    angle = abs(np.degrees(np.arctan2(y1 - y0, x1 - x0))) % 180
    return float(min(angle, 180 - angle))


def union(geometries: Iterable[BaseGeometry]) -> BaseGeometry:
    """The union of metric geometries."""
    return unary_union(list(geometries))
