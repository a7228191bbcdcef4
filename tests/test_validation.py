"""Each kind of bad input raises ZoneDataError naming the file, the feature and the problem."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

import zonemap
from zonemap._geojson import parse_collection
from zonemap.bundled import ZONE_PROPERTIES

from .conftest import collection, feature, square

BOWTIE = [[114.07, 22.52], [114.08, 22.53], [114.08, 22.52], [114.07, 22.53], [114.07, 22.52]]


def raises(path: Path, *fragments: str) -> zonemap.ZoneDataError:
    with pytest.raises(zonemap.ZoneDataError) as caught:
        zonemap.read_zones(path)
    message = str(caught.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message
    return caught.value


def test_a_good_file_loads(write_json):
    zones = zonemap.read_zones(write_json(collection(feature("a"), feature("b", square(114.08, 22.52)))))
    assert list(zones["id"]) == ["a", "b"] and zones.crs.to_epsg() == 4326


def test_unclosed_ring(write_json):
    ring = square(114.07, 22.52)[:-1]
    raises(write_json(collection(feature("open", ring))), "'open'", "not closed")


def test_clockwise_exterior(write_json):
    ring = square(114.07, 22.52)[::-1]
    raises(write_json(collection(feature("cw", ring))), "'cw'", "clockwise")


def test_out_of_range(write_json):
    ring = [[x + 100, y] for x, y in square(114.07, 22.52)]
    raises(write_json(collection(feature("far", ring))), "'far'", "out of range")


def test_swapped_axes_are_named(write_json):
    ring = [[y, x] for x, y in square(114.07, 22.52)]
    ring = ring[:1] + ring[1:-1][::-1] + ring[-1:]
    raises(write_json(collection(feature("swapped", ring))), "'swapped'", "lat/lon")


def test_self_intersection_says_where(write_json):
    error = raises(write_json(collection(feature("bowtie", BOWTIE))), "'bowtie'", "invalid", "Self-intersection")
    assert "114.075" in str(error)


def test_duplicate_ids(write_json):
    raises(write_json(collection(feature("twin"), feature("twin", square(114.08, 22.52)))), "'twin'", "2 times")


def test_missing_required_properties():
    problems = parse_collection(collection(feature("a")), "x.geojson", required=ZONE_PROPERTIES)[2]
    assert "x.geojson: feature 'a': property 'name_en' is missing" in [str(p) for p in problems]


def test_bad_status_and_jurisdiction():
    bad = feature("a", **{name: "x" for name in ZONE_PROPERTIES if name != "id"})
    bad["properties"]["official_area_m2"] = -3
    messages = [p.message for p in parse_collection(collection(bad), "x.geojson", required=ZONE_PROPERTIES)[2]]
    assert any("status 'x'" in m for m in messages)
    assert any("jurisdiction 'x'" in m for m in messages)
    assert any("official_area_m2 -3" in m for m in messages)


def test_too_many_decimals_for_bundled_data():
    ring = [[x + 1e-9, y] for x, y in square(114.07, 22.52)]
    assert "decimals" in str(parse_collection(collection(feature("fine", ring)), "x.geojson")[2][0])


def test_every_problem_is_reported(write_json):
    error = raises(write_json(collection(feature("open", square(114.07, 22.52)[:-1]), feature("bowtie", BOWTIE))))
    assert len(error.problems) == 2
    assert "and 1 more problem" in str(error)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "no features"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null}]}', "no geometry"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
            '"geometry": {"type": "Circle", "coordinates": [1, 2]}}]}',
            "'Circle' is not supported",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
            '"geometry": {"type": "Polygon", "coordinates": [["a"]]}}]}',
            "not nested arrays of numbers",
        ),
        (
            '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:2326"}}, '
            '"features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
            "declares the CRS 'EPSG:2326'; GeoJSON must be WGS-84 lon/lat (RFC 7946): reproject it to EPSG:4326, or give it as a GeoPackage",
        ),
    ],
)
def test_malformed_files(write_json, content, fragment):
    raises(write_json(content), fragment)


def test_missing_file_and_folder(tmp_path):
    raises(tmp_path / "nowhere.geojson", "does not exist")
    raises(tmp_path, "is a folder")


def test_unreadable_gis_file(tmp_path):
    path = tmp_path / "zones.gpkg"
    path.write_bytes(b"not a geopackage")
    raises(path, "cannot be read as GIS data")


@pytest.mark.parametrize("name", ["zones.gpkg", "zones.shp", "zones.kml", "zones.geojson"])
def test_an_empty_file_is_said_to_be_empty(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    raises(path, "is empty")


def test_geopackage_in_another_crs_is_reprojected(tmp_path):
    path = tmp_path / "zones.gpkg"
    gpd.GeoDataFrame({"id": ["a"]}, geometry=[box(830_000, 843_000, 831_000, 844_000)], crs=2326).to_file(path)
    zones = zonemap.read_zones(path)
    assert zones.crs.to_epsg() == 4326
    x, y = zones.geometry.item().centroid.coords[0]
    assert 113.9 < x < 114.2 and 22.4 < y < 22.6


def test_shapefile_with_invalid_geometry_names_the_feature(tmp_path):
    from shapely.geometry import Polygon

    path = tmp_path / "zones.shp"
    gpd.GeoDataFrame(
        {"id": ["ok", "bad"]}, geometry=[box(114.0, 22.5, 114.01, 22.51), Polygon(BOWTIE)], crs=4326
    ).to_file(path)
    raises(path, "'bad'", "Self-intersection")


def test_features_without_ids_are_named_by_their_number(write_json):
    anonymous = feature("x")
    del anonymous["properties"]["id"]
    named = feature("b", square(114.08, 22.52))
    error = raises(write_json(collection(anonymous, named)), "feature #0", "has no id")
    assert "nan" not in str(error)
    both = [feature("p"), feature("q", square(114.08, 22.52))]
    for f in both:
        del f["properties"]["id"]
    zones = zonemap.read_zones(write_json(collection(*both)))
    from zonemap._frame import prepare_zones

    assert prepare_zones(zones).ids.tolist() == ["0", "1"]


def test_ids_one_and_quoted_one_clash(write_json):
    raises(write_json(collection(feature("1"), feature(1, square(114.08, 22.52)))), "id '1' occurs 2 times")
