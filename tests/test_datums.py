"""Chinese datums: reference pairs, round trips, where the offset applies, maps on Gaode tiles, exports, imports."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod

import zonemap
from zonemap import datums
from zonemap.export import export_zones
from zonemap.render.page import map_html

WGS84 = Geod(ellps="WGS84")
# (wgs lon, wgs lat, gcj lon, gcj lat): googollee/eviltransform python/test.py (Shanghai, Shenzhen, Beijing)
# and wandergis/coordtransform README (wgs84ToGcj02(116.404, 39.915)).
WGS_TO_GCJ = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),
    (116.404, 39.915, 116.41024449916938, 39.91640428150164),
]
# (gcj lon, gcj lat, bd lon, bd lat): wandergis/coordtransform README (gcj02ToBd09(116.404, 39.915)).
GCJ_TO_BD = [(116.404, 39.915, 116.41036949371029, 39.92133699351021)]


def test_forward_transforms_match_published_reference_pairs_to_1e7_degrees() -> None:
    pairs = np.array(WGS_TO_GCJ)
    lon, lat = datums.wgs84_to_gcj02(pairs[:, 0], pairs[:, 1])
    assert np.abs(lon - pairs[:, 2]).max() < 1e-7 and np.abs(lat - pairs[:, 3]).max() < 1e-7
    pairs = np.array(GCJ_TO_BD)
    lon, lat = datums.gcj02_to_bd09(pairs[:, 0], pairs[:, 1])
    assert np.abs(lon - pairs[:, 2]).max() < 1e-7 and np.abs(lat - pairs[:, 3]).max() < 1e-7


def round_trip_error_m(source: str, target: str, hong_kong: bool = True) -> float:
    lon, lat = np.meshgrid(np.linspace(113.70, 114.70, 201), np.linspace(22.10, 22.90, 161))
    lon, lat = lon.ravel(), lat.ravel()
    if not hong_kong:  # the transform jumps at the boundary; within 1 km of it the inverse is ambiguous
        far = shapely.distance(datums.hong_kong_macao().boundary, shapely.points(lon, lat)) > 0.01
        lon, lat = lon[far], lat[far]
    there = datums.convert_coordinates(lon, lat, source, target, hong_kong=hong_kong)
    back = datums.convert_coordinates(*there, target, source, hong_kong=hong_kong)
    return float(WGS84.inv(lon, lat, *back)[2].max())


@pytest.mark.parametrize(("source", "target"), [("wgs84", "gcj02"), ("gcj02", "wgs84"), ("wgs84", "bd09"), ("gcj02", "bd09")])
def test_round_trips_over_shenzhen_and_hong_kong_are_within_a_centimetre(source: str, target: str) -> None:
    error = round_trip_error_m(source, target)
    assert error < 0.01, f"{source} -> {target} -> {source}: {error:.2e} m"
    assert round_trip_error_m(source, target, hong_kong=False) < 0.01


def test_the_offset_at_the_loop_is_about_600_m_and_none_outside_china() -> None:
    loop = zonemap.zone("loop_a").geometry[0].representative_point()
    shift = float(datums.shift_m(loop.x, loop.y))
    assert 550 < shift < 650
    assert 900 < float(datums.shift_m(loop.x, loop.y, "wgs84", "bd09")) < 1500
    outside = np.array([[139.69, 35.69], [-0.13, 51.51], [151.21, -33.87], [-74.0, 40.7]])  # Tokyo, London, Sydney, New York
    for source, target in (("wgs84", "gcj02"), ("gcj02", "wgs84"), ("wgs84", "bd09"), ("bd09", "wgs84")):
        lon, lat = datums.convert_coordinates(outside[:, 0], outside[:, 1], source, target)
        assert np.array_equal(lon, outside[:, 0]) and np.array_equal(lat, outside[:, 1])


def test_hong_kong_offset_is_a_documented_choice() -> None:
    zones = zonemap.load_zones().set_index("id").geometry
    loop, futian = zones["loop_a"].representative_point(), zones["futian_bonded_zone"].representative_point()
    central = (114.158, 22.282)
    assert datums.shift_m(loop.x, loop.y) > 500, "default: Hong Kong shifted, as Gaode/Tencent/Baidu draw it"
    assert datums.shift_m(loop.x, loop.y, hong_kong=False) == 0
    assert datums.shift_m(*central, hong_kong=False) == 0
    assert datums.shift_m(futian.x, futian.y, hong_kong=False) > 500, "Shenzhen is shifted either way"
    assert datums.hong_kong_macao().is_valid


def test_whole_geometries_convert_and_come_back() -> None:
    zones = zonemap.load_zones()
    gcj = datums.convert(zones, "wgs84", "gcj02")
    assert gcj.attrs == {} and gcj.crs == zones.crs and list(gcj["id"]) == list(zones["id"])
    assert gcj.is_valid.all()
    moved = [shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, gcj.geometry)]
    assert min(moved) > 0.004  # degrees: several hundred metres
    back = datums.convert(gcj, "gcj02", "wgs84")
    assert max(shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, back.geometry)) < 1e-9
    series = datums.convert(zones.geometry, "wgs84", "bd09")
    assert len(series) == len(zones)
    array = datums.convert(np.asarray(zones.geometry.array), "wgs84", "gcj02")
    assert shapely.equals_exact(array, np.asarray(gcj.geometry.array), tolerance=0).all()
    raised = shapely.Polygon([(114.07, 22.52, 5.0), (114.08, 22.52, 6.0), (114.08, 22.53, 7.0), (114.07, 22.52, 5.0)])
    moved = datums.convert(np.array([raised]), "wgs84", "gcj02")[0]
    assert moved.has_z and shapely.get_coordinates(moved, include_z=True)[:, 2].tolist() == [5.0, 6.0, 7.0, 5.0]
    with pytest.raises(ValueError, match="needs lon/lat"):
        datums.convert(zones.to_crs(2326), "wgs84", "gcj02")
    with pytest.raises(ValueError, match="unknown datum"):
        datums.convert_coordinates(0, 0, "wgs84", "cgcs2000")


def first_zone_ring(page: str) -> list[list[float]]:
    from tests.test_maps import zone_features

    return zone_features(page)["loop_a"]["coordinates"][0]


def test_gaode_maps_carry_shifted_coordinates_and_say_so() -> None:
    default = map_html(zonemap.render_map(basemap="openstreetmap"))
    gaode = map_html(zonemap.render_map(basemap="gaode"))
    note = "Drawn in GCJ-02 to sit on"
    assert note in gaode and "autonavi.com" in gaode
    assert note not in default
    wgs_ring, gcj_ring = np.array(first_zone_ring(default)), np.array(first_zone_ring(gaode))
    expected = np.column_stack(datums.wgs84_to_gcj02(wgs_ring[:, 0], wgs_ring[:, 1]))
    assert np.abs(gcj_ring - expected).max() <= 1.5e-6
    assert np.abs(gcj_ring - wgs_ring).max() > 0.004
    # Areas are measured on the true (WGS-84) outlines, so the labels match the default map's.
    assert "89.20 ha" in gaode and "89.20 ha" in default
    for basemap in ("gaode-satellite", "tencent"):
        assert note in map_html(zonemap.render_map(basemap=basemap, layers=()))
    for basemap in ("cartodb-positron", "esri-imagery", "none"):
        assert note not in map_html(zonemap.render_map(basemap=basemap, layers=()))


@pytest.mark.parametrize("datum", ["wgs84", "gcj02", "bd09"])
def test_exports_record_their_datum_and_read_back(datum: str, tmp_path: Path) -> None:
    zones = zonemap.load_zones()
    geojson = json.loads(export_zones(to_datum=datum, format="geojson"))
    assert geojson["datum"] == datum and geojson["rfc7946"] == (datum == "wgs84")
    assert len(geojson["features"]) == len(zones)
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps(geojson))
    back = zonemap.read_zones(path)  # the declared datum is honoured
    assert max(shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, back.geometry)) < 2e-7
    kml = ET.fromstring(export_zones(to_datum=datum, format="kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert kml.find("k:Document/k:ExtendedData/k:Data[@name='datum']/k:value", ns).text == datum
    assert len(kml.findall(".//k:Placemark", ns)) == len(zones)
    rows = list(csv.DictReader(io.StringIO(export_zones(to_datum=datum, format="csv"))))
    assert {r["datum"] for r in rows} == {datum}
    first = shapely.from_wkt(rows[0]["wkt"])
    assert first.is_valid and shapely.is_ccw(first.exterior)


def test_read_zones_converts_a_gcj02_file_from_a_chinese_app(tmp_path: Path) -> None:
    zones = zonemap.load_zones()
    shifted = datums.convert(zones[["id", "geometry"]], "wgs84", "gcj02")
    path = tmp_path / "from_gaode.geojson"
    path.write_text(shifted.to_json())
    as_is = zonemap.read_zones(path)
    result = zonemap.ZoneFile.read(path, from_datum="gcj02")
    converted = result.zones
    assert result.from_datum == "gcj02" and converted.attrs == {}
    assert max(shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, converted.geometry)) < 1e-8
    assert min(shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, as_is.geometry)) > 0.004


def test_export_on_the_command_line(cli, tmp_path: Path) -> None:
    out = tmp_path / "zones.kml"
    done = cli("export", "--to-datum", "gcj02", "-o", out)
    assert done.status == 0, done.err
    assert "<value>gcj02</value>" in out.read_text(encoding="utf-8")
    assert json.loads(cli("export", "--to-datum", "bd09").out)["datum"] == "bd09"


def test_command_line_reads_a_gcj02_file(cli, tmp_path: Path) -> None:
    zones = zonemap.load_zones()
    path = tmp_path / "from_gaode.geojson"
    path.write_text(datums.convert(zones[["id", "geometry"]], "wgs84", "gcj02").to_json())
    rows = json.loads(cli("areas", path, "--from-datum", "gcj02", "--format", "json").out)
    assert [r["area_ha"] for r in rows] == pytest.approx(zonemap.areas(zones)["area_ha"].tolist(), rel=1e-6)
    valid = cli("validate", path, "--from-datum", "gcj02")
    assert valid.status == 0 and "ok, 8 features" in valid.out


@pytest.mark.parametrize("datum", ["gcj02", "bd09"])
@pytest.mark.parametrize("format", ["kml", "csv"])
def test_kml_and_csv_exports_read_back_in_the_datum_they_record(datum: str, format: str, tmp_path: Path) -> None:
    zones = zonemap.load_zones()
    path = tmp_path / f"zones.{format}"
    path.write_text(export_zones(to_datum=datum, format=format), encoding="utf-8")
    result = zonemap.ZoneFile.read(path)
    assert result.from_datum == datum
    assert result.zones["id"].tolist() == zones["id"].tolist()
    assert max(shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, result.zones.geometry)) < 2e-7
    assert zonemap.ZoneFile.read(path, from_datum=datum).from_datum == datum  # the same datum twice is fine


def test_kml_document_datum_is_read_without_the_placemarks(tmp_path: Path) -> None:
    # GDAL's KML driver (without LIBKML) shows no ExtendedData: the document's own field must do
    zones = zonemap.load_zones()
    text = export_zones(to_datum="gcj02", format="kml").replace('<Data name="datum"><value>gcj02</value></Data></ExtendedData><', "</ExtendedData><")
    assert text.count("<value>gcj02</value>") == 1
    path = tmp_path / "edited.kml"
    path.write_text(text, encoding="utf-8")
    result = zonemap.ZoneFile.read(path)
    assert result.from_datum == "gcj02"
    assert max(shapely.hausdorff_distance(a, b) for a, b in zip(zones.geometry, result.zones.geometry)) < 2e-7


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("<value>gcj02</value></Data></ExtendedData>\n", "<value>GCJ-02</value></Data></ExtendedData>\n",
         "edited.kml: declares datum 'GCJ-02' in its ExtendedData, which is not one of wgs84, gcj02, bd09"),
        ("<value>gcj02</value></Data></ExtendedData>\n", "<value>bd09</value></Data></ExtendedData>\n",
         "edited.kml: declares datum bd09 in its ExtendedData, but gcj02 in its features'"),
        ('<Data name="area_ha"><value>89.1961</value></Data><Data name="datum"><value>gcj02</value>',
         '<Data name="area_ha"><value>89.1961</value></Data><Data name="datum"><value>wgs84</value>',
         "edited.kml: its features declare different datums (gcj02, wgs84) in the datum column"),
    ],
)
def test_a_kml_whose_datum_cannot_be_read_reliably_is_refused(old: str, new: str, message: str, tmp_path: Path) -> None:
    text = export_zones(to_datum="gcj02", format="kml")
    assert text.count(old) == 1
    path = tmp_path / "edited.kml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(zonemap.ZoneDataError) as refused:
        zonemap.read_zones(path)
    assert str(refused.value).startswith(str(path.parent / message))


def test_a_csv_row_without_the_datum_the_others_declare_is_refused(tmp_path: Path) -> None:
    lines = export_zones(to_datum="gcj02", format="csv").splitlines(keepends=True)
    path = tmp_path / "edited.csv"
    path.write_text("".join([*lines[:2], lines[2].replace(",gcj02,", ",,"), *lines[3:]]), encoding="utf-8")
    with pytest.raises(zonemap.ZoneDataError, match=r"edited\.csv: feature #1: declares no datum in the datum column, the other features gcj02"):
        zonemap.read_zones(path)


@pytest.mark.parametrize("format", ["geojson", "kml", "csv"])
def test_a_from_datum_contradicting_the_declared_one_is_refused(format: str, tmp_path: Path) -> None:
    path = tmp_path / f"zones.{format}"
    path.write_text(export_zones(to_datum="gcj02", format=format), encoding="utf-8")
    expected = f"{path}: declares datum gcj02, but --from-datum bd09 (from_datum='bd09') was given"
    with pytest.raises(zonemap.ZoneDataError) as refused:
        zonemap.ZoneFile.read(path, from_datum="bd09")
    assert str(refused.value).startswith(expected)
    wgs = tmp_path / f"wgs.{format}"
    wgs.write_text(export_zones(format=format), encoding="utf-8")
    with pytest.raises(zonemap.ZoneDataError, match="declares datum wgs84, but --from-datum gcj02"):
        zonemap.read_zones(wgs, from_datum="gcj02")


def test_command_line_honours_a_gcj02_kml_and_refuses_a_contradicting_datum(cli, tmp_path: Path) -> None:
    zones = zonemap.load_zones()
    kml = tmp_path / "gcj.kml"
    assert cli("export", "--to-datum", "gcj02", "-o", kml).status == 0
    points = tmp_path / "points.csv"
    inside = shapely.point_on_surface(zones.geometry.values)  # in WGS-84, one inside each zone
    points.write_text("name,lon,lat\n" + "".join(f"{i},{p.x},{p.y}\n" for i, p in zip(zones["id"], inside)))
    out = tmp_path / "located.csv"
    done = cli("locate", points, "--zones", kml, "-o", out)
    assert done.status == 0, done.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert all(r["name"] in r["zones"].split(";") for r in rows), rows
    refused = cli("areas", kml, "--from-datum", "bd09")
    assert refused.status == 2 and refused.out == ""
    assert refused.err.strip().splitlines() == [f"zonemap: {kml}: declares datum gcj02, but --from-datum bd09 (from_datum='bd09') was given; "
                                                "leave it out to read the file in the datum it declares"]
    assert cli("areas", kml, "--from-datum", "gcj02").status == 0
