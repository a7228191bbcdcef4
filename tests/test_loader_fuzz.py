"""Property-based fuzzing of the loader: whatever the file holds, read_zones raises only ZoneDataError."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import geopandas as gpd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zonemap

VALID = json.loads((Path(__file__).resolve().parent / "bad_input" / "good.geojson").read_text())
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(
        ["type", "features", "geometry", "coordinates", "properties", "id", "crs", "name"]) | st.text(max_size=5), inner, max_size=5),
    max_leaves=30,
)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON document."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """The valid file with a few of its parts replaced, deleted or duplicated."""
    document = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(paths(document)))
        if not where:
            return draw(json_values)
        parent = document
        for step in where[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace":
            parent[where[-1]] = draw(json_values)
        elif action == "delete":
            del parent[where[-1]]
        elif isinstance(parent, list):
            parent.insert(where[-1], copy.deepcopy(parent[where[-1]]))
        if not isinstance(document, (dict, list)):
            break
    return document


def load(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "fuzz.geojson")
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        try:
            frame = zonemap.read_zones(path)
        except zonemap.ZoneDataError as error:
            assert str(error) and error.problems
            return
        assert isinstance(frame, gpd.GeoDataFrame) and len(frame) > 0
        assert frame.is_valid.all() and frame.geom_type.isin(["Polygon", "MultiPolygon"]).all()
        # Whatever reading accepts, every other function handles (the one rule).
        assert len(zonemap.areas(frame)) == len(frame)
        zonemap.relations(frame).table()
        zonemap.export_zones(frame, format="kml")


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated())
def test_mutated_geojson_raises_only_zone_data_errors(document: Any) -> None:
    load(json.dumps(document))


@FUZZ
@given(json_values)
def test_random_json_raises_only_zone_data_errors(document: Any) -> None:
    load(json.dumps(document))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes_raise_only_zone_data_errors(data: bytes | str) -> None:
    load(data)
