"""The compact coordinate encoding written into maps (polyline6)."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, shape

from zonemap.render.polyline import POLYLINE_ALPHABET, encode, encode_geometry, encode_polygons, encode_runs

from ._polyline import decode, decode_geometry


def test_the_published_example_at_six_decimals() -> None:
    # Google's example points, as OSRM's polyline6 encodes them.
    points = np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]])
    assert encode(points, POLYLINE_ALPHABET) == "_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI"
    assert np.allclose(decode("_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI", POLYLINE_ALPHABET), points, atol=0)
    page = encode(points)  # the same symbols, spelled so that no page template can misread them
    assert len(page) == 32 and set(page) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert np.allclose(decode(page), points, atol=0)


coordinates = arrays(np.float64, st.tuples(st.integers(1, 50), st.just(2)),
                     elements=st.floats(-90, 90, allow_nan=False, allow_subnormal=False))


@given(coordinates)
def test_round_trip_is_exact_at_1e6_degrees(points: np.ndarray) -> None:
    assert np.array_equal(decode(encode(points)), np.rint(points * 1e6)[:, :] / 1e6)


def test_geometries_round_trip_and_points_stay_plain() -> None:
    holed = Polygon(box(0, 0, 10, 10).exterior.coords, [box(2, 2, 3, 3).exterior.coords[::-1]])
    for geometry in (holed, MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)]), LineString([(114.1, 22.5), (114.2, 22.6)]),
                     shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3)]])):
        encoded = encode_geometry(geometry)
        assert encoded["encoded"] == "polyline6" and all(isinstance(c, (str, list)) for c in encoded["coordinates"])
        assert shape(decode_geometry(encoded)).equals_exact(geometry, tolerance=1e-9)
    assert encode_geometry(Point(114.1234567, 22.5)) == {"type": "Point", "coordinates": (114.123457, 22.5)}


def test_encoding_is_much_smaller_than_json() -> None:
    ring = np.column_stack([114.07 + 0.01 * np.cos(np.linspace(0, 6.28, 500)), 22.52 + 0.01 * np.sin(np.linspace(0, 6.28, 500))])
    as_json = len(str(np.round(ring, 6).tolist()))
    assert len(encode(ring)) < 0.35 * as_json


@given(st.lists(coordinates | st.just(np.zeros((0, 2))), min_size=1, max_size=6))
def test_runs_encoded_together_each_round_trip(runs: list[np.ndarray]) -> None:
    starts = np.r_[0, np.cumsum([len(run) for run in runs])]
    texts = encode_runs(np.concatenate(runs), starts)
    assert len(texts) == len(runs)
    for run, text in zip(runs, texts):
        assert (text == "") if len(run) == 0 else np.array_equal(decode(text), np.rint(run * 1e6) / 1e6)


def test_polygons_encoded_together_round_trip() -> None:
    holed = Polygon(box(114, 22, 114.5, 22.5).exterior.coords, [box(114.1, 22.1, 114.2, 22.2).exterior.coords[::-1]])
    shapes = [holed, MultiPolygon([box(-180, -90, -179, -89), box(179.999999, 89, 180, 90)]), box(0, 0, 1e-6, 1e-6)]
    for original, encoded in zip(shapes, encode_polygons(shapes)):
        assert encoded["encoded"] == "polyline6" and encoded["type"] == original.geom_type
        assert shape(decode_geometry(encoded)).equals_exact(original, 1e-9)
