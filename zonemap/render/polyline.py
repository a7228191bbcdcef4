"""Compact coordinates for maps: the encoded polyline algorithm at 1e-6 degrees, vectorised.

Each ring or line is written as one ASCII string of zig-zag varint deltas
(Google's encoded polyline algorithm, at six decimals as OSRM and Valhalla use
it): about 5 characters a vertex against some 22 for ``[114.074344,22.518731],``.
The page decodes them back to GeoJSON with :data:`DECODER_JS` before Leaflet
sees them, so the map shows exactly the coordinates rounded to 1e-6 degrees.

The standard format writes its 64 symbols as the characters ``?`` to ``~``,
which include ``{``, ``}`` and ``\\``; inside a folium page ``{{`` or ``{%``
would be read as Jinja syntax when branca renders the script (see
branca's second compilation in :mod:`zonemap.render.elements`). Maps therefore use the same symbols spelled with
the base64url alphabet (:data:`PAGE_ALPHABET`), which is inert in JSON, HTML,
JavaScript and Jinja; :data:`POLYLINE_ALPHABET` gives the standard strings.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import mapping

__all__ = ["DECODER_JS", "PAGE_ALPHABET", "POLYLINE_ALPHABET", "PRECISION", "encode", "encode_geometry", "encode_polygons", "encode_runs"]

PRECISION = 6
_SCALE = 10**PRECISION
#: The standard encoded-polyline characters (symbol + 63), and the inert spelling maps use.
POLYLINE_ALPHABET = "".join(chr(63 + i) for i in range(64))
PAGE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

#: JavaScript that makes every L.GeoJSON decode geometries marked ``"encoded": "polyline6"``.
DECODER_JS = """
(function () {
  var symbols = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { symbols[c] = i; });
  function decode(text) {
    var points = [], index = 0, lat = 0, lng = 0, scale = 1e6;
    while (index < text.length) {
      for (var axis = 0; axis < 2; axis++) {
        var result = 0, shift = 0, byte;
        do { byte = symbols[text.charAt(index++)]; result |= (byte & 0x1f) << shift; shift += 5; } while (byte >= 0x20);
        var delta = (result & 1) ? ~(result >>> 1) : (result >>> 1);
        if (axis === 0) { lat += delta; } else { lng += delta; }
      }
      points.push([lng / scale, lat / scale]);
    }
    return points;
  }
  function decodeGeometry(geometry) {
    if (!geometry || geometry.encoded !== "polyline6") { return; }
    var c = geometry.coordinates, t = geometry.type;
    if (t === "LineString") { geometry.coordinates = decode(c); }
    else if (t === "Polygon" || t === "MultiLineString") { geometry.coordinates = c.map(decode); }
    else if (t === "MultiPolygon") { geometry.coordinates = c.map(function (p) { return p.map(decode); }); }
    delete geometry.encoded;
  }
  var addData = L.GeoJSON.prototype.addData;
  L.GeoJSON.prototype.addData = function (data) {
    if (data && data.type === "Feature") { decodeGeometry(data.geometry); } else { decodeGeometry(data); }
    return addData.call(this, data);
  };
})();
"""


def encode(coordinates: NDArray[np.float64], alphabet: str = PAGE_ALPHABET) -> str:
    """Encode (n, 2) lon/lat coordinates as a polyline string at 1e-6° (latitude first, as the format has it).

    Heights, where there are any (n, 3), are left out: maps are drawn in 2-D.

    Parameters
    ----------
    coordinates : ndarray, shape (n, 2) or (n, 3)
        lon, lat (and height) in degrees.
    alphabet : str
        The 64 symbols: :data:`PAGE_ALPHABET` (maps) or :data:`POLYLINE_ALPHABET` (the standard).

    Returns
    -------
    str

    Examples
    --------
    >>> points = np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]])  # Google's example
    >>> encode(points, POLYLINE_ALPHABET)
    '_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI'
    >>> encode(points)
    'gq7tpC_ztolHg8omE_64tBgs47Evh8vK'
    """
    return encode_runs(np.asarray(coordinates, dtype=float), np.array([0, len(coordinates)]), alphabet)[0]


def encode_runs(coordinates: NDArray[np.float64], starts: NDArray[np.integer], alphabet: str = PAGE_ALPHABET) -> list[str]:
    """Encode many lines or rings at once: each run ``coordinates[starts[i]:starts[i + 1]]`` as :func:`encode` would.

    Parameters
    ----------
    coordinates : ndarray, shape (n, 2) or (n, 3)
        lon, lat (and height) of every run, one after another.
    starts : ndarray of int
        Where each run starts, and ``n`` last (``len(starts) - 1`` runs).
    alphabet : str
        The 64 symbols.

    Returns
    -------
    list of str
        One string per run.

    Examples
    --------
    >>> points = np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252], [114.0, 22.5]])
    >>> encode_runs(points, np.array([0, 3, 3, 4])) == [encode(points[:3]), "", encode(points[3:])]
    True
    """
    starts = np.asarray(starts, dtype=np.intp)
    if len(coordinates) == 0:
        return [""] * (len(starts) - 1)
    points = np.rint(coordinates[:, 1::-1] * _SCALE).astype(np.int64)
    deltas = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    first = starts[:-1][starts[:-1] < starts[1:]]  # each run's first point is written whole
    deltas[first] = points[first]
    zigzag = ((deltas.ravel() << 1) ^ (deltas.ravel() >> 63)).astype(np.uint64)
    # symbols per value: 5 bits each, at least one (13 x 5 bits cover 64)
    lengths = 1 + np.searchsorted(np.uint64(1) << (np.arange(1, 13, dtype=np.uint64) * np.uint64(5)), zigzag, side="right")
    offsets = np.cumsum(lengths)
    symbol = np.arange(int(offsets[-1]) if len(offsets) else 0) - np.repeat(offsets - lengths, lengths)  # its place in its value
    values = np.repeat(zigzag, lengths)
    more = symbol < np.repeat(lengths, lengths) - 1  # another symbol of the same value follows
    symbols = ((values >> (symbol.astype(np.uint64) * np.uint64(5))) & np.uint64(31)) | (more.astype(np.uint64) << np.uint64(5))
    table = np.frombuffer(alphabet.encode("ascii"), dtype=np.uint8)
    text = table[symbols.astype(np.intp)].tobytes().decode("ascii")
    ends = np.r_[0, offsets[1::2]][starts].tolist()  # a point's symbols end where its second value's do
    return [text[a:b] for a, b in pairwise(ends)]


def encode_polygons(geometries: Any) -> list[dict[str, Any]]:
    """:func:`encode_geometry` of many Polygons and MultiPolygons, their rings encoded in one pass.

    Parameters
    ----------
    geometries : array_like of shapely Polygons or MultiPolygons
        In lon/lat; none empty.

    Returns
    -------
    list of dict
        Per geometry, what :func:`encode_geometry` gives.

    Examples
    --------
    >>> from shapely import MultiPolygon, box
    >>> shapes = [box(114.0, 22.5, 114.001, 22.501), MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3).difference(box(2.2, 2.2, 2.4, 2.4))])]
    >>> encode_polygons(shapes) == [encode_geometry(shape) for shape in shapes]
    True
    """
    geometries = np.asarray(geometries, dtype=object)
    parts, part_of = shapely.get_parts(geometries, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coordinates, ring_index = shapely.get_coordinates(rings, return_index=True)
    texts = encode_runs(coordinates, np.searchsorted(ring_index, np.arange(len(rings) + 1)))
    ring_starts = np.searchsorted(ring_of, np.arange(len(parts) + 1)).tolist()
    part_rings = [texts[a:b] for a, b in pairwise(ring_starts)]
    part_starts = np.searchsorted(part_of, np.arange(len(geometries) + 1)).tolist()
    found = []
    for geometry, a, b in zip(geometries.tolist(), part_starts[:-1], part_starts[1:]):
        kind = geometry.geom_type
        if kind not in ("Polygon", "MultiPolygon") or a == b:
            raise ValueError(f"not a polygon or multipolygon with parts: {kind}")
        coordinates_of: Any = part_rings[a] if kind == "Polygon" else part_rings[a:b]
        found.append({"type": kind, "coordinates": coordinates_of, "encoded": "polyline6"})
    return found


def encode_geometry(geometry: Any) -> dict[str, Any]:
    """A shapely geometry as a GeoJSON geometry whose lines and rings are polyline6 strings (points as they are).

    Parameters
    ----------
    geometry : shapely geometry
        In lon/lat.

    Returns
    -------
    dict
        A GeoJSON geometry; lines and polygons carry ``"encoded": "polyline6"``,
        points are rounded to 1e-6 degrees.

    Examples
    --------
    >>> from shapely import LineString, Point
    >>> encode_geometry(LineString([(114.074344, 22.518731), (114.0744, 22.5188)]))
    {'type': 'LineString', 'coordinates': '28t-qBwuxy5GqEwD', 'encoded': 'polyline6'}
    >>> encode_geometry(Point(114.07434449, 22.5187311))
    {'type': 'Point', 'coordinates': (114.074344, 22.518731)}
    """
    kind = geometry.geom_type
    if kind in ("Point", "MultiPoint", "GeometryCollection"):
        return mapping(shapely.set_precision(geometry, 10**-PRECISION, mode="pointwise"))

    def rings(polygon: Any) -> list[str]:
        return [encode(np.asarray(ring.coords)) for ring in (polygon.exterior, *polygon.interiors)]

    if kind == "LineString":
        coordinates: Any = encode(np.asarray(geometry.coords))
    elif kind == "MultiLineString":
        coordinates = [encode(np.asarray(line.coords)) for line in geometry.geoms]
    elif kind == "Polygon":
        coordinates = rings(geometry)
    else:
        coordinates = [rings(polygon) for polygon in geometry.geoms]
    return {"type": kind, "coordinates": coordinates, "encoded": "polyline6"}
