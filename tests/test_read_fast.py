"""The fast path of reading GeoJSON gives what the precise path gives: records, geometries, problems, in order.

The precise path is :func:`json.loads` and :func:`zonemap._geojson.parse_collection`
(every feature checked in Python); the fast path is
:func:`zonemap._geojson_scan.read_collection` (polygons parsed and checked as
arrays, flagged features handed to the precise checks). They must agree on
every file, good or bad, however it is written.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zonemap
from zonemap._geojson import load_json, parse_collection
from zonemap._geojson_scan import _numbers, polygons_from_text, read_collection
from zonemap.errors import ZoneDataError

from .test_loader_fuzz import json_values, mutated

#: How a number may be written: the ways writers do it (all valid JSON).
FORMATS = [repr, lambda v: f"{v:.7f}", lambda v: f"{v:e}", lambda v: f"{v:E}", lambda v: f"{v:.3e}".replace("e+0", "e"),
           lambda v: str(int(v)) if float(v).is_integer() else repr(v)]


def dump(value: Any, number: Any, space: str) -> str:
    """JSON text with numbers written by ``number`` and ``space`` after every comma and colon."""
    if isinstance(value, dict):
        return "{" + f",{space}".join(f"{json.dumps(k)}:{space}{dump(v, number, space)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + f",{space}".join(dump(v, number, space) for v in value) + "]"
    if isinstance(value, float) and math.isfinite(value):
        return number(value)
    return json.dumps(value)


def ring(x: float, y: float, size: float, clockwise: bool = False) -> list[list[float]]:
    points = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return points[::-1] if clockwise else points


@st.composite
def rings(draw: st.DrawFn, x: float, y: float, size: float, hole: bool = False) -> list[list[Any]]:
    points = ring(x, y, size, clockwise=hole)
    flaw = draw(st.sampled_from(["none"] * 8 + ["turned", "open", "short", "far", "swapped", "height", "mixed", "zero", "huge", "bowtie"]))
    if flaw == "turned":
        points = points[::-1]
    elif flaw == "open":
        points = points[:-1] + [[x + size / 2, y]]
    elif flaw == "short":
        points = points[:2] + points[-1:]
    elif flaw == "far":
        points = [[px + 100, py] for px, py in points]
    elif flaw == "swapped":
        points = [[py, px] for px, py in points]
    elif flaw in ("height", "mixed"):
        points = [[px, py, 5.0] for px, py in points]
        if flaw == "mixed":
            points[1] = points[1][:2]
    elif flaw == "zero":
        points = [[px - x, py - y] for px, py in points]
        points[0] = points[-1] = [-0.0, -0.0]
    elif flaw == "huge":
        points[2] = [1e300 * 1e300 if draw(st.booleans()) else 1e308, points[2][1]]
    elif flaw == "bowtie":
        points = [points[0], points[2], points[1], points[3], points[0]]
    return points


@st.composite
def geometries(draw: st.DrawFn, k: int) -> Any:
    x, y = 114.0 + 0.01 * (k % 10), 22.4 + 0.01 * (k // 10)
    kind = draw(st.sampled_from(["Polygon"] * 4 + ["MultiPolygon"] * 2 + ["LineString", "MultiLineString", "Point", None, "empty"]))
    if kind == "Polygon":
        polygon = [draw(rings(x, y, 0.004))]
        if draw(st.booleans()):
            polygon.append(draw(rings(x + 0.001, y + 0.001, 0.001, hole=True)))
        return {"type": "Polygon", "coordinates": polygon}
    if kind == "MultiPolygon":
        parts = [[draw(rings(x + 0.005 * i, y, 0.004))] for i in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            parts[-1].append(draw(rings(x + 0.005 * (len(parts) - 1) + 0.001, y + 0.001, 0.001, hole=True)))
        return {"type": "MultiPolygon", "coordinates": parts}
    if kind == "LineString":
        return {"type": "LineString", "coordinates": ring(x, y, 0.004)}
    if kind == "MultiLineString":  # as deep as a Polygon's coordinates
        return {"type": "MultiLineString", "coordinates": [ring(x, y, 0.004)]}
    if kind == "Point":
        return {"type": "Point", "coordinates": [x, y]}
    if kind == "empty":
        return {"type": "Polygon", "coordinates": []}
    return None


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bool]:
    features = []
    for k in range(draw(st.integers(1, 6))):
        properties: dict[str, Any] = {"id": draw(st.sampled_from([f"z{k}", k, "twin", ""]))}
        if draw(st.integers(0, 9)) == 0:
            properties["coordinates"] = [[1, 2], [3, 4]]  # a property named like the member the fast path looks for
        feature = {"type": "Feature", "properties": properties, "geometry": draw(geometries(k))}
        if draw(st.integers(0, 19)) == 0:
            feature = {"type": "Feature", "properties": "not an object", "geometry": feature["geometry"]}
        features.append(feature)
    text = dump({"type": "FeatureCollection", "features": features}, draw(st.sampled_from(FORMATS)), draw(st.sampled_from(["", " ", "\n  ", "\t"])))
    return text, draw(st.booleans())


def outcome(read: Any, text: str, orientation: bool) -> Any:
    try:
        records, built, problems = read(text, orientation)
    except ZoneDataError as error:
        return [str(p) for p in error.problems]
    wkb = [None if g is None else (shapely.to_wkb(g, output_dimension=3), g.geom_type) for g in built]
    return json.dumps(records), wkb, [str(p) for p in problems]  # as text: NaN equals NaN


def precise(text: str, orientation: bool) -> Any:
    return parse_collection(load_json(text, "f.geojson"), "f.geojson", orientation=orientation, max_decimals=None)


def fast(text: str, orientation: bool) -> Any:
    return read_collection(text, "f.geojson", orientation=orientation)[1:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_the_fast_path_agrees_with_the_precise_path_on_good_and_bad_features(case: tuple[str, bool]) -> None:
    text, orientation = case
    assert outcome(fast, text, orientation) == outcome(precise, text, orientation)


@pytest.mark.parametrize(
    "text",
    [
        # two coordinates members in one geometry: json keeps the last, so must the fast path
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",'
        '"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}}]}',
        # a key ending in "coordinates" (an escaped quote before it) in the properties
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","x\\"coordinates":[[[9,9],[8,8],[9,8],[9,9]]]},'
        '"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}',
        # coordinates that look like an array to a sloppy scanner but are not JSON
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",'
        '"coordinates":[[[0,0],[1,0],[1,1],[0,0]]]]}}]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",'
        '"coordinates":[[[0,0],[1,0],[1,1],[0,0]]], "type": "MultiPolygon"}}]}',
        # numbers JSON refuses or that need care: a leading zero, a bare dot, a plus sign, NaN, a 30-digit integer
        *(
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",'
            f'"coordinates":[[[{n},0],[1,0],[1,1],[{n},0]]]}}}}]}}'
            for n in ("01", "1.", ".5", "+1", "NaN", "-Infinity", "1" * 30, "-0", "0.0e-5", "1E+2")
        ),
        # whitespace JSON allows around every token, and whitespace it does not (a form feed)
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",'
        '"coordinates" :\r\n[ [ [ 0 , 0 ] ,\t[ 1 , 0 ] , [ 1 , 1 ] , [ 0 , 0 ] ] ] }}]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",'
        '"coordinates":[[[0,0],\f[1,0],[1,1],[0,0]]]}}]}',
    ],
)
def test_odd_texts_read_as_json_reads_them(text: str) -> None:
    assert outcome(fast, text, True) == outcome(precise, text, True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**20, 10**20), min_size=1, max_size=20),
       st.sampled_from(FORMATS[:5]))
def test_numbers_parse_as_json_parses_them(values: list[float], number: Any) -> None:
    text = "[" + ",".join(str(v) if isinstance(v, int) else number(v) for v in values) + "]"
    expected = np.array([float(v) for v in json.loads(text)])
    assert _numbers(text.encode()).tobytes() == expected.tobytes() or np.array_equal(_numbers(text.encode()), expected)


def test_flags_are_the_features_the_precise_checks_look_at() -> None:
    good = "[[[0,0],[1,0],[1,1],[0,0]]]"
    spans = [good, "[[[0,0],[1,1],[1,0],[0,0]]]", "[[[0,0],[1,0],[1,1],[0,1]]]", "[[[0,0],[1,0],[0,0]]]",
             "[[[0,0],[1,0],[1,91],[0,0]]]", "[[[0,0,1],[1,0,1],[1,1,1],[0,0,1]]]", "[[[-0.0,0],[1,0],[1,1],[-0.0,0]]]",
             "[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]", "[[[0,0],[3,0],[3,3],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]"]
    built, multi = polygons_from_text(spans)
    assert [g is not None for g in built] == [True, False, False, False, False, True, False, True, False]
    assert multi.tolist() == [False] * 7 + [True, False]
    assert built[5].wkt == "POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"  # heights kept, as shape() keeps them
    mixed = polygons_from_text(["[[[0,0,1],[1,0],[1,1,1],[0,0,1]]]", "[[[0,0,1],[1,0,1],[1,1,1],[0,0,1]],[[0.2,0.1],[0.5,0.4],[0.5,0.1],[0.2,0.1]]]"])
    assert mixed[0].tolist() == [None, None]  # positions of 2 and 3 numbers in one geometry: the precise checks say so
    assert built[7].wkt == "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))"
    assert polygons_from_text(spans[:1] + spans[1:2], orientation=False)[0][1].wkt == "POLYGON ((0 0, 1 1, 1 0, 0 0))"


def test_a_hole_turned_the_right_way_is_kept() -> None:
    built, _ = polygons_from_text(["[[[0,0],[3,0],[3,3],[0,3],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]"])
    assert built[0].wkt == "POLYGON ((0 0, 3 0, 3 3, 0 3, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))"


def test_a_large_file_reads_the_same_both_ways(tmp_path) -> None:
    rng = np.random.default_rng(1)
    cells = shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, 1, (500, 2))), extend_to=shapely.box(0, 0, 1, 1))
    cells = shapely.intersection(shapely.get_parts(cells), shapely.box(0, 0, 1, 1))
    cells = shapely.orient_polygons(shapely.transform(cells, lambda c: np.round(c * 0.05 + [114.0, 22.5], 7)), exterior_cw=False)
    features = [{"type": "Feature", "properties": {"id": f"c{i}", "n": i}, "geometry": json.loads(shapely.to_geojson(g))} for i, g in enumerate(cells)]
    path = tmp_path / "cells.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    zones = zonemap.read_zones(path)
    assert zones["id"].tolist() == [f"c{i}" for i in range(len(cells))] and zones["n"].tolist() == list(range(len(cells)))
    assert shapely.equals_exact(np.asarray(zones.geometry.array), cells, tolerance=0).all()


def test_bad_features_are_checked_one_by_one_not_by_reading_the_file_again(monkeypatch) -> None:
    import zonemap._geojson_scan as scan

    features = [{"type": "Feature", "properties": {"id": f"z{i}"}, "geometry": {"type": "Polygon", "coordinates": [r]}}
                for i, r in enumerate([ring(114.0, 22.5, 0.01), ring(114.0, 22.5, 0.01, clockwise=True), ring(114.0, 22.5, 0.01)[:-1]])]
    text = json.dumps({"type": "FeatureCollection", "features": features})
    expected = outcome(precise, text, True)
    monkeypatch.setattr(scan, "_precise", lambda *args: pytest.fail("the whole file was read again"))
    assert outcome(fast, text, True) == expected
    assert [p.split(": ", 2)[2][:30] for p in expected[2]] == ["exterior ring is clockwise; RF", "exterior ring is not closed: i"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated() | json_values, st.booleans())
def test_mutated_files_read_the_same_both_ways(document: Any, orientation: bool) -> None:
    """The loader fuzz's documents (a good file with parts replaced, deleted or repeated; random JSON)."""
    text = json.dumps(document)
    assert outcome(fast, text, orientation) == outcome(precise, text, orientation)
