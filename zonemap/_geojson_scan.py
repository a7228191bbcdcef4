"""The fast path of reading GeoJSON: polygon coordinates parsed as arrays, checked and built in bulk.

A zone file is mostly numbers. :func:`read_collection` cuts every polygon's
``coordinates`` array out of the text with one regular expression that
accepts only well-formed JSON arrays of positions of 2 or 3 numbers (JSON's
number syntax, nothing else), and parses the rest (ids, properties) with
:mod:`json`, the garbage collector paused. :func:`polygons_from_text` parses
all the numbers at once (Arrow's CSV reader, correctly rounded like
:func:`float`), finds rings and polygons from the brackets with numpy, checks
them as arrays (ring lengths, closed rings, lon/lat ranges, GEOS's ``is_ccw``,
the function the precise checks use) and builds them with shapely's
``linearrings``, ``polygons`` and ``multipolygons``.

Any feature the fast checks flag (a ring not closed or too short, a ring
turned the wrong way, a coordinate out of range, positions of 2 and 3
numbers mixed, a negative zero, a type that does not match its coordinates) goes through the precise
per-feature checks of :mod:`zonemap._geojson`, its coordinates parsed by
:mod:`json`, so its messages and geometry are those of the precise path. Text
the expression does not accept stays in the text :mod:`json` parses, and a
placeholder that does not end up in a feature's geometry (a repeated key, a
property named like it) sends the whole file down the precise path.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import numpy as np

from zonemap._geojson import load_json, parse_collection
from zonemap._no_gc import no_gc
from zonemap.errors import Problem, ZoneDataError

__all__ = ["polygons_from_text", "read_collection"]

_W = r"[ \t\n\r]*"
#: JSON numbers (RFC 8259) with bounded integer and exponent digits; anything else is left to json.
_NUMBER = r"-?(?:0|[1-9][0-9]{0,24})(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,3})?"
_POSITION = rf"\[{_W}{_NUMBER}{_W},{_W}{_NUMBER}{_W}(?:,{_W}{_NUMBER}{_W})?\]"
_RING = rf"\[{_W}{_POSITION}{_W}(?:,{_W}{_POSITION}{_W})*\]"
_POLYGON = rf"\[{_W}{_RING}{_W}(?:,{_W}{_RING}{_W})*\]"
_MULTIPOLYGON = rf"\[{_W}{_POLYGON}{_W}(?:,{_W}{_POLYGON}{_W})*\]"
_COORDINATES = re.compile(rf'"coordinates"{_W}:{_W}({_MULTIPOLYGON}|{_POLYGON})')
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_NUMBERS_ONLY = bytes.maketrans(b"[],", b"   ")
_NUMBER_LINES = bytes.maketrans(b"[], \t\r", b"\n" * 6)
_STRUCTURE_ONLY = b"0123456789.eE+- \t\n\r"
_OPEN, _CLOSE = ord("["), ord("]")


def read_collection(
    text: str, source: str, *, orientation: bool = True
) -> tuple[Any, list[dict[str, Any]], np.ndarray, list[Problem]]:
    """Parse and check a GeoJSON FeatureCollection: the fast path, same results as :func:`parse_collection`.

    Parameters
    ----------
    text : str
        The file's text.
    source : str
        The file, named in messages.
    orientation : bool
        Enforce RFC 7946 ring orientation.

    Returns
    -------
    (object, list of dict, ndarray, list of Problem)
        The parsed document (read only its top-level members: the features'
        coordinates may be placeholders), then what :func:`parse_collection`
        returns with no decimal limit.

    Examples
    --------
    >>> text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a"}, '
    ...         '"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}')
    >>> _, records, geometries, problems = read_collection(text, "a.geojson")
    >>> records, geometries[0].wkt, problems
    ([{'id': 'a'}], 'POLYGON ((0 0, 1 0, 1 1, 0 0))', [])
    """
    pieces = _COORDINATES.split(text)
    spans = pieces[1::2]
    marker = "\x00" + secrets.token_hex(8)  # no file can hold it, by chance or on purpose
    skeleton = f'"coordinates":"\\u0000{marker[1:]}"'.join(pieces[0::2])
    del pieces
    try:
        with no_gc():
            data = load_json(skeleton, source)
    except ZoneDataError:  # the precise path says what is wrong, about the file's own text
        return _precise(text, source, orientation)
    built, multi = polygons_from_text(spans, orientation=orientation)
    kinds = np.where(multi, "MultiPolygon", "Polygon").tolist()
    taken = 0

    def build(geometry: Any) -> Any:
        """The geometry built for a placeholder; the placeholders are taken in the order of the text."""
        nonlocal taken
        if type(geometry) is not dict or geometry.get("coordinates") != marker:
            return None
        k = taken
        taken += 1
        if k < len(spans) and built[k] is not None and geometry.get("type") == kinds[k]:
            return built[k]
        if k < len(spans):
            geometry["coordinates"] = load_json(spans[k], source)  # for the precise checks
        return None

    surrogates = _SURROGATE_ESCAPE.search(skeleton) is not None  # the spans hold only numbers
    del skeleton
    with no_gc():
        records, geometries, problems = parse_collection(
            data, source, orientation=orientation, max_decimals=None, build=build, surrogates=surrogates
        )
    if taken != len(spans):  # a placeholder outside a feature's geometry, or one json dropped (a repeated key)
        return _precise(text, source, orientation)
    return data, records, geometries, problems


def _precise(text: str, source: str, orientation: bool) -> tuple[Any, list[dict[str, Any]], np.ndarray, list[Problem]]:
    with no_gc():
        data = load_json(text, source)
        return (data, *parse_collection(data, source, orientation=orientation, max_decimals=None))


def polygons_from_text(spans: list[str], *, orientation: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Polygons from the text of GeoJSON ``coordinates`` arrays, built and checked in bulk.

    Parameters
    ----------
    spans : list of str
        Each a Polygon's or MultiPolygon's coordinates, as matched by the
        module's expression (well-formed, positions of 2 or 3 numbers).
    orientation : bool
        Flag rings against RFC 7946 orientation (exteriors counter-clockwise, holes clockwise).

    Returns
    -------
    (ndarray, ndarray)
        Per span, the geometry (with heights where its positions have 3
        numbers; None where the precise checks must look: a ring under 4
        positions or not closed, a coordinate out of lon/lat range or not
        finite, a negative zero, positions of 2 and 3 numbers mixed, a ring
        turned the wrong way), and whether it is a MultiPolygon.

    Examples
    --------
    >>> built, multi = polygons_from_text(["[[[0, 0], [1, 0], [1, 1], [0, 0]]]", "[[[0, 0], [0, 1], [1, 1], [0, 0]]]"])
    >>> [None if g is None else g.wkt for g in built], multi.tolist()
    (['POLYGON ((0 0, 1 0, 1 1, 0 0))', None], [False, False])
    """

    n = len(spans)
    built = np.full(n, None, dtype=object)
    if n == 0:
        return built, np.zeros(0, bool)
    raw = "".join(spans).encode("ascii")
    values = _numbers(raw)
    marks = np.frombuffer(raw.translate(None, _STRUCTURE_ONLY), np.uint8)  # [ ] and , only
    del raw
    opening = marks == _OPEN
    depth = np.cumsum(opening, dtype=np.int32) - np.cumsum(marks == _CLOSE, dtype=np.int32)
    position = opening & ~np.append(opening[1:], False)  # [ before a number
    ring = opening & np.append(position[1:], False)
    polygon = opening & np.append(ring[1:], False)
    starts = np.flatnonzero(opening & (depth == 1))
    at_position, at_ring, at_polygon = np.flatnonzero(position), np.flatnonzero(ring), np.flatnonzero(polygon)
    multi = ~polygon[starts]
    numbers = np.where(marks[at_position + 2] == _CLOSE, 2, 3)  # [ , ] or [ , , ]
    first = np.cumsum(numbers) - numbers
    if len(starts) != n or len(values) != numbers.sum():  # cannot happen for what the expression matches
        return built, np.zeros(n, bool)  # every feature to the precise checks
    x, y = values[first], values[first + 1]
    ring_of = np.searchsorted(at_ring, at_position, "right") - 1
    polygon_of_ring = np.searchsorted(at_polygon, at_ring, "right") - 1
    span_of_polygon = np.searchsorted(starts, at_polygon, "right") - 1
    span_of_ring = span_of_polygon[polygon_of_ring]
    span_of = span_of_ring[ring_of]
    lengths = np.bincount(ring_of, minlength=len(at_ring))
    ends = np.cumsum(lengths)
    begins = ends - lengths
    bad = np.zeros(n, bool)
    bad[span_of_ring[(lengths < 4) | (x[begins] != x[ends - 1]) | (y[begins] != y[ends - 1])]] = True
    height = numbers == 3
    z = np.where(height, values[np.minimum(first + 2, len(values) - 1)], np.nan)
    with np.errstate(invalid="ignore"):
        odd = ~(np.abs(x) <= 180) | ~(np.abs(y) <= 90) | _negative_zero(x) | _negative_zero(y) | _negative_zero(z)
    bad[span_of[odd]] = True
    three = np.zeros(n, bool)
    three[span_of[height]] = True
    bad[span_of[~height][three[span_of[~height]]]] = True  # positions of 2 and 3 numbers in one geometry
    for group in (~three, three):  # a shapely array holds one dimension
        coordinates = np.column_stack([x, y, z] if group is three else [x, y])
        _build(built, bad, group & ~bad, coordinates, ring_of, polygon_of_ring, span_of_ring, span_of_polygon, multi, orientation)
    return built, multi


def _negative_zero(values: np.ndarray) -> np.ndarray:
    """-0.0 where json would give 0 (the integer ``-0``): left to the precise path, which builds from json's values."""
    return (values == 0) & np.signbit(values)


def _build(
    built: np.ndarray, bad: np.ndarray, spans: np.ndarray, coordinates: np.ndarray, ring_of: np.ndarray,
    polygon_of_ring: np.ndarray, span_of_ring: np.ndarray, span_of_polygon: np.ndarray, multi: np.ndarray, orientation: bool,
) -> None:
    """Build the polygons of ``spans`` (a mask) into ``built``, flagging in ``bad`` those with a ring turned the wrong way."""
    import shapely

    keep = spans[span_of_ring]
    keep_positions = keep[ring_of]
    rings = shapely.linearrings(coordinates[keep_positions], indices=_renumber(ring_of[keep_positions]))
    kept_polygon_of_ring = polygon_of_ring[keep]
    if orientation:
        exterior = np.ones(len(rings), bool)
        exterior[1:] = kept_polygon_of_ring[1:] != kept_polygon_of_ring[:-1]
        wrong = shapely.is_ccw(rings) != exterior
        bad[span_of_ring[keep][wrong]] = True
        keep_rings = ~bad[span_of_ring[keep]]
        rings, kept_polygon_of_ring = rings[keep_rings], kept_polygon_of_ring[keep_rings]
    span_of_kept_ring = span_of_polygon[kept_polygon_of_ring]
    single = ~multi[span_of_kept_ring]
    shapely.polygons(rings[single], indices=span_of_kept_ring[single], out=built)
    several = ~single
    if several.any():
        parts = shapely.polygons(rings[several], indices=_renumber(kept_polygon_of_ring[several]))
        owners = span_of_polygon[np.unique(kept_polygon_of_ring[several])]
        shapely.multipolygons(parts, indices=owners, out=built)


def _numbers(raw: bytes) -> np.ndarray:
    """Every number in text of JSON arrays of numbers, in order, parsed as :func:`float` parses them.

    Arrow's CSV reader (one number a line) parses them correctly rounded and
    4x as fast as :func:`numpy.fromstring`, which takes over where Arrow
    refuses (a number beyond the range of floats).
    """
    import pyarrow as pa
    from pyarrow import csv

    try:
        table = csv.read_csv(
            pa.py_buffer(raw.translate(_NUMBER_LINES)),
            read_options=csv.ReadOptions(column_names=["v"], use_threads=False, block_size=1 << 26),
            parse_options=csv.ParseOptions(ignore_empty_lines=True),
            convert_options=csv.ConvertOptions(column_types={"v": pa.float64()}, null_values=[], strings_can_be_null=False),
        )
        return np.asarray(table.column(0).to_numpy(), dtype=float)
    except pa.ArrowException:
        return np.fromstring(raw.translate(_NUMBERS_ONLY), sep=" ")


def _renumber(ids: np.ndarray) -> np.ndarray:
    """Sorted ids with gaps as 0, 1, 2, … (the form shapely's ``indices`` want)."""
    if len(ids) == 0:
        return ids
    change = np.empty(len(ids), bool)
    change[0] = True
    change[1:] = ids[1:] != ids[:-1]
    return np.cumsum(change) - 1
