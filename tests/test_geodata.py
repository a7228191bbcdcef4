"""The bundled data: RFC 7946, provenance, topology, and the rebuild from ../shared/reference."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest
import shapely
from shapely.geometry import Point, box, shape
from shapely.ops import polygonize, unary_union

import zonemap
from zonemap.crs import to_metric
from zonemap.validation import BUNDLED_PROPERTIES, MAX_DECIMALS

from .conftest import REFERENCE, REPO

GEODATA = REPO / "geodata"
# Independent anchors, not taken from the data: Tai Mo Shan (Hong Kong) and Shenzhen Civic Centre.
HONG_KONG_POINT = Point(114.1243, 22.4106)
SHENZHEN_POINT = Point(114.0596, 22.5431)
EXPECTED_ZONES = {
    "loop_a",
    "loop_b",
    "loop_c",
    "futian_bonded_zone",
    "huanggang_port_area",
    "shenzhen_park",
    "cooperation_zone",
    "loop_zoning_plan",
}


def raw(layer: str) -> dict:
    return json.loads((GEODATA / f"{layer}.geojson").read_text(encoding="utf-8"))


@pytest.mark.parametrize("layer", zonemap.LAYERS)
def test_every_feature_is_rfc7946_and_carries_provenance(layer):
    data = raw(layer)
    assert data["type"] == "FeatureCollection" and "crs" not in data
    for f in data["features"]:
        props = f["properties"]
        assert set(BUNDLED_PROPERTIES) <= set(props), props["id"]
        assert props["status"] in {"official", "indicative"}
        assert props["sources"] and props["licence"] and props["attribution"]
        assert props["accuracy_m"] > 0
        assert props["name_zh_hant"] and props["name_zh_hans"] and props["name_en"]
        geometry = shape(f["geometry"])
        assert geometry.is_valid, shapely.is_valid_reason(geometry)
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw, props["id"]
                assert not any(ring.is_ccw for ring in polygon.interiors), props["id"]
        coords = shapely.get_coordinates(geometry)
        assert ((coords[:, 0] > 113.9) & (coords[:, 0] < 114.2)).all()
        assert ((coords[:, 1] > 22.4) & (coords[:, 1] < 22.6)).all()
        text = json.dumps(f["geometry"])
        decimals = max(len(t.split(".")[1]) for t in text.replace("]", ",").replace("[", ",").split(",") if "." in t)
        assert decimals <= MAX_DECIMALS


def test_osm_attribution_carried(zones):
    osm = zones[zones.licence.str.contains("ODbL")]
    assert len(osm) == len(zones)
    assert osm.attribution.str.contains("© OpenStreetMap contributors").all()


def test_the_zones_are_all_there(zones):
    assert set(zones["id"]) == EXPECTED_ZONES
    assert zones.crs.to_epsg() == 4326


def test_manifest_records_every_file_with_its_hash():
    manifest = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {f"{layer}.geojson" for layer in zonemap.LAYERS}
    for name, entry in manifest["files"].items():
        data = (GEODATA / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["sources"] and all(
            {"citation", "licence", "attribution", "retrieved"} <= set(s) for s in entry["sources"]
        )
        assert entry["features"] == [f["id"] for f in json.loads(data)["features"]]
    assert "© OpenStreetMap contributors" in manifest["attribution"]


def sides_of_boundary():
    line = zonemap.load_layer("boundary").set_index("id").geometry["hksar_shenzhen_boundary"]
    faces = list(polygonize(unary_union([line, box(113.9, 22.3, 114.2, 22.7).boundary])))
    hong_kong = next(f for f in faces if f.contains(HONG_KONG_POINT))
    shenzhen = next(f for f in faces if f.contains(SHENZHEN_POINT))
    return hong_kong, shenzhen


def test_loop_a_is_in_hong_kong_and_the_shenzhen_park_north_of_the_boundary(zones_by_id):
    hong_kong, shenzhen = sides_of_boundary()
    assert zones_by_id["loop_a"].within(hong_kong)
    assert zones_by_id["shenzhen_park"].within(shenzhen)
    assert zones_by_id["loop_c"].within(shenzhen)
    assert zones_by_id["loop_b"].within(hong_kong)


def test_loop_a_lies_south_east_of_the_new_channel(zones_by_id):
    line = zonemap.load_layer("river").set_index("id").geometry["new_channel_centreline"]
    centroid = zones_by_id["loop_a"].centroid
    nearest = line.interpolate(line.project(centroid))
    assert centroid.x > nearest.x and centroid.y < nearest.y


def test_park_parts_and_loop(zones_by_id):
    assert zones_by_id["loop_a"].intersection(zones_by_id["shenzhen_park"]).is_empty
    futian, huanggang = (to_metric(zones_by_id[k]) for k in ("futian_bonded_zone", "huanggang_port_area"))
    assert futian.intersection(huanggang).area < 0.001 * min(futian.area, huanggang.area)


def test_loop_b_shares_the_old_channel_border_with_loop_a_without_overlap(zones_by_id):
    loop_a, loop_b = (to_metric(zones_by_id[k]) for k in ("loop_a", "loop_b"))
    assert loop_a.intersection(loop_b).area < 1.0
    shared = loop_a.boundary.intersection(loop_b.buffer(0.5)).length
    assert shared > 2000, shared  # the old meander is about 3 km long


def test_hsitp_building_11_is_inside_loop_a(zones_by_id):
    building = zonemap.load_layer("landmarks").set_index("id").geometry["hsitp_building_11"]
    assert building.within(zones_by_id["loop_a"])


def test_zone_by_id():
    one = zonemap.zone("loop_a")
    assert len(one) == 1 and one["id"].item() == "loop_a"
    with pytest.raises(KeyError, match=r"no zone 'nowhere'.*loop_a"):
        zonemap.zone("nowhere")
    with pytest.raises(ValueError, match="unknown layer"):
        zonemap.load_layer("rivers")


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not beside the repository")
def test_committed_geodata_equals_a_rebuild():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_geodata
    finally:
        sys.path.remove(str(REPO / "scripts"))
    rebuilt = build_geodata.build(REFERENCE)
    assert sorted(rebuilt) == sorted(p.name for p in GEODATA.iterdir() if p.suffix in (".geojson", ".json"))
    for name, data in rebuilt.items():
        assert data == (GEODATA / name).read_bytes(), f"{name} differs from a rebuild: run scripts/build_geodata.py"
    assert build_geodata.build(REFERENCE) == rebuilt  # deterministic
