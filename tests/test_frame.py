"""The one rule for zones: types, CRS, ids and geometry, the same in every function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

import zonemap
from zonemap._frame import prepare_zones

ENTRY_POINTS: dict[str, Callable[[Any], Any]] = {
    "areas": lambda zones: zonemap.areas(zones),
    "relations": lambda zones: zonemap.relations(zones),
    "render_map": lambda zones: zonemap.render_map(zones, layers=(), basemap="none"),
    "export_zones": lambda zones: zonemap.export_zones(zones),
}


def two(**columns: Any) -> gpd.GeoDataFrame:
    columns = {k: pd.Series(v, dtype=object) for k, v in columns.items()}  # object columns hold anything, surrogates too
    return gpd.GeoDataFrame(columns, geometry=[box(114.0, 22.5, 114.01, 22.51), box(114.01, 22.5, 114.02, 22.51)], crs=4326)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("zones", "error", "message"),
    [
        (lambda: two(id=["a", "a"]), zonemap.ZoneDataError, "id 'a' occurs 2 times"),
        (lambda: two(id=["1", 1]), zonemap.ZoneDataError, "id '1' occurs 2 times"),
        (lambda: two(id=["a", None]), zonemap.ZoneDataError, "feature #1: has no id"),
        (lambda: two(id=["a", ""]), zonemap.ZoneDataError, "feature #1: has an empty id"),
        (lambda: two(id=["a", "b\ud800"]), zonemap.ZoneDataError, "not valid Unicode"),
        (lambda: two(id=["a", ["b"]]), zonemap.ZoneDataError, "is not a string or a finite number"),
        (lambda: two(id=["a", "b"]).set_geometry([box(0, 0, 1, 1), Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])]), zonemap.ZoneDataError, "'b': geometry is invalid: Self-intersection"),
        (lambda: two(id=["a", "b"]).set_crs(None, allow_override=True), zonemap.ZoneDataError, "has no CRS"),
        (lambda: gpd.GeoDataFrame({"id": []}, geometry=[], crs=4326), zonemap.ZoneDataError, "holds no zones"),
        (lambda: pd.DataFrame({"id": ["a"]}), TypeError, "GeoDataFrame or GeoSeries"),
        (lambda: "zones.geojson", TypeError, "GeoDataFrame or GeoSeries"),
        (lambda: two(id=["a", "b"]).set_index(["id", pd.Index([1, 2])]).drop(columns=[]), zonemap.ZoneDataError, "MultiIndex"),
        (lambda: gpd.GeoDataFrame({"id": ["near", "far"]}, geometry=[box(1.27e7, 2.57e6, 1.271e7, 2.58e6), box(0, 0, 1e8, 1e8)], crs=3857),
         zonemap.ZoneDataError, r"^<zones>: feature 'far': bounds \[0.0, 0.0, 100000000.0, 100000000.0\] are out of range for its CRS \(WGS 84 / Pseudo-Mercator\)$"),
    ],
    ids=["duplicate", "mixed-types", "missing", "empty", "surrogate", "list", "bowtie", "no-crs", "no-zones", "dataframe", "str", "multiindex",
         "wrapped-by-projection"],
)
def test_every_entry_point_refuses_the_same_zones_with_the_same_message(entry: str, zones: Any, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        ENTRY_POINTS[entry](zones())


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_names_zones_by_the_index_without_an_id_column(entry: str) -> None:
    zones = gpd.GeoDataFrame(geometry=[box(114.0, 22.5, 114.01, 22.51), box(114.01, 22.5, 114.02, 22.51)], index=[3, 5], crs=4326)
    result = ENTRY_POINTS[entry](zones)
    assert result is not None
    assert prepare_zones(zones).ids.tolist() == ["3", "5"]


def test_ids_from_a_named_column_and_integral_floats() -> None:
    zones = two(code=[7.0, 8.0])
    assert prepare_zones(zones, id_column="code").ids.tolist() == ["7", "8"]
    with pytest.raises(zonemap.ZoneDataError, match="has no id column 'nope'"):
        prepare_zones(zones, id_column="nope")
    assert zonemap.areas(zones, id_column="code")["id"].tolist() == ["7", "8"]
    assert zonemap.relations(zones, id_column="code").table().loc[0, ["left", "right"]].tolist() == ["7", "8"]


def test_a_geoseries_is_zones_too() -> None:
    series = gpd.GeoSeries([box(114.0, 22.5, 114.01, 22.51)], crs=4326, index=["only"])
    assert zonemap.areas(series)["id"].tolist() == ["only"]
