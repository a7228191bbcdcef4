"""Misusing the API gets a TypeError or ValueError (or ZoneDataError) that says what was expected, never an
AttributeError or a library's error from deep inside."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

import zonemap
from zonemap import datums

TWO = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(114.0, 22.5, 114.01, 22.51), box(114.01, 22.5, 114.02, 22.51)], crs=4326)
TALL = gpd.GeoDataFrame({"id": ["strip"]}, geometry=[box(114.0, 22.0, 114.001, 23.0)], crs=4326)  # 100 m by 110 km: at 300 dpi, 3,000 pixels wide but about 21,800 high
CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("areas of a str", lambda: zonemap.areas("zones.geojson"), TypeError, "GeoDataFrame or GeoSeries"),
    ("areas of a DataFrame", lambda: zonemap.areas(pd.DataFrame({"id": ["a"]})), TypeError, "GeoDataFrame or GeoSeries"),
    ("areas of a list", lambda: zonemap.areas([box(0, 0, 1, 1)]), TypeError, "GeoDataFrame or GeoSeries"),
    ("areas with a MultiIndex", lambda: zonemap.areas(TWO.drop(columns="id").set_index([pd.Index([1, 2]), pd.Index([3, 4])])), zonemap.ZoneDataError, "MultiIndex"),
    ("areas with outlines of a DataFrame", lambda: zonemap.areas(TWO, outlines=pd.DataFrame({"zone": ["a"]})), TypeError, "outlines must be a GeoDataFrame"),
    ("areas with a list as id_column", lambda: zonemap.areas(TWO, id_column=["id"]), TypeError, "id_column must be a column name"),
    ("relations with tolerance inf", lambda: zonemap.relations(TWO, tolerance_m=float("inf")), ValueError, "finite"),
    ("relations with tolerance '1'", lambda: zonemap.relations(TWO, tolerance_m="1"), TypeError, "number of metres"),
    ("relations with across nan", lambda: zonemap.relations(TWO, across_m=float("nan")), ValueError, "finite"),
    ("relations of no zones", lambda: zonemap.relations(TWO.iloc[:0]), zonemap.ZoneDataError, "holds no zones"),
    ("relations with None geometries", lambda: zonemap.relations(TWO.set_geometry([None, box(0, 0, 1, 1)], crs=4326)), zonemap.ZoneDataError, "'a': has no geometry"),
    ("relations with a duplicate index", lambda: zonemap.relations(TWO.drop(columns="id").set_axis([0, 0])), zonemap.ZoneDataError, "id '0' occurs 2 times"),
    ("relations with gap_features of a str", lambda: zonemap.relations(TWO, across_m=10, gap_features="river"), TypeError, "gap_features"),
    ("relations with threads=0", lambda: zonemap.relations(TWO, threads=0), ValueError, "threads must be a positive integer"),
    ("relations with threads '2'", lambda: zonemap.relations(TWO, threads="2"), TypeError, "threads must be an integer or None, not str"),
    ("relations with across 1e300", lambda: zonemap.relations(TWO, across_m=1e300), ValueError, r"across_m must be at most 1,000,000 m"),
    ("relations with tolerance 1e9", lambda: zonemap.relations(TWO, tolerance_m=1e9), ValueError, r"tolerance_m must be at most 1,000,000 m"),
    ("render_map of a str", lambda: zonemap.render_map("zones"), TypeError, "GeoDataFrame or GeoSeries"),
    ("render_map with lang 5", lambda: zonemap.render_map(TWO, lang=5), TypeError, "lang must be a str"),
    ("render_map with layers 'roads'", lambda: zonemap.render_map(TWO, layers="roads"), ValueError, r"unknown layers \['roads'\]; choose from river"),
    ("render_map with layers 5", lambda: zonemap.render_map(TWO, layers=5), TypeError, "layers must be a layer name or a sequence of them, not int"),
    ("render_map with a title of 5", lambda: zonemap.render_map(TWO, title=5), TypeError, "title must be a str"),
    ("render_map with relations='yes'", lambda: zonemap.render_map(TWO, relations="yes"), TypeError, "relations must be"),
    ("render_png with width -1", lambda: zonemap.render_png(TWO, width_in=-1), ValueError, "width_in must be a finite number"),
    ("render_png with dpi 'high'", lambda: zonemap.render_png(TWO, dpi="high"), TypeError, "dpi must be an integer"),
    ("render_png with dpi 100000", lambda: zonemap.render_png(TWO, dpi=100_000), ValueError, r"1,000,000 pixels wide; at most 10,000"),
    ("render_png of a tall thin zone", lambda: zonemap.render_png(TALL, dpi=300), ValueError, r"pixels high; at most 10,000: lower dpi or width_in"),
    ("export_zones to shp", lambda: zonemap.export_zones(TWO, format="shp"), ValueError, "unknown format 'shp'"),
    ("export_zones to datum None", lambda: zonemap.export_zones(TWO, to_datum=None), TypeError, "datum must be a str"),
    ("export_zones with hong_kong='no'", lambda: zonemap.export_zones(TWO, hong_kong="no"), TypeError, "hong_kong must be True or False"),
    ("read_zones of 123", lambda: zonemap.read_zones(123), TypeError, "path must be a str or Path"),
    ("read_zones from utm", lambda: zonemap.read_zones("x.geojson", from_datum="utm"), ValueError, "unknown datum 'utm'"),
    ("load_layer of 5", lambda: zonemap.load_layer(5), TypeError, "layer name"),
    ("load_layer of 'roads'", lambda: zonemap.load_layer("roads"), ValueError, "unknown layer 'roads'"),
    ("zone of 5", lambda: zonemap.zone(5), TypeError, "zone_id must be a str"),
    ("zone of 'nowhere'", lambda: zonemap.zone("nowhere"), KeyError, "no zone 'nowhere'"),
    ("write_html of a str", lambda: zonemap.write_html("<html>", "x.html"), TypeError, "must be a folium.Map"),
    ("build_maps into 5", lambda: zonemap.build_maps(5), TypeError, "out_dir must be a path"),
    ("build_maps with force='yes'", lambda: zonemap.build_maps("x", force="yes"), TypeError, "force must be True or False"),
    ("convert to an unknown datum", lambda: datums.convert_coordinates(114.0, 22.5, "wgs84", "cgcs2000"), ValueError, "unknown datum"),
]


@pytest.mark.parametrize(("call", "error", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_misuse_is_a_clear_error_at_the_door(call: Callable[[], Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_one_layer_name_is_that_layer() -> None:
    from zonemap.render.page import map_html

    one = map_html(zonemap.render_map(TWO, layers="river", basemap="none"))
    assert one == map_html(zonemap.render_map(TWO, layers=["river"], basemap="none"))
    assert one != map_html(zonemap.render_map(TWO, layers=[], basemap="none")), "the river is drawn"
