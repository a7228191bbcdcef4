"""The bundled data: contract, areas against official figures, outlines, provenance and the rebuild.

Reads ``geodata/*.geojson`` with json, shapely and pyproj only (no ``zonemap``, except the tests of
the package's loader and landing-page words at the end); builds once per session from
``../shared/reference`` through ``scripts/build_geodata.py``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import shape

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"
GEODATA = REPO / "geodata"
LAYERS = ("zones", "zone_outlines", "river", "boundary", "landmarks", "milestones")
ZONES = ("loop_a", "loop_b", "loop_c", "futian_bonded_zone", "huanggang_port_area", "shenzhen_park", "cooperation_zone", "loop_zoning_plan")
COMMON = ("id", "name_en", "name_zh_hant", "name_zh_hans", "status", "accuracy_m", "uncertainty", "sources", "licence",
          "attribution", "description", "description_zh_hant", "description_zh_hans")
ZONE_EXTRA = ("short_en", "short_zh_hant", "short_zh_hans", "jurisdiction", "kind", "official_area_m2", "official_area_source",
              "area_basis", "parts", "status_reason_en", "status_reason_zh_hant", "status_reason_zh_hans")
GEOD = Geod(ellps="WGS84")
TO_METRIC = Transformer.from_crs(4326, 2326, always_xy=True)
needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not beside the repository")

#: Geodesic areas in ha (best, land, to_boundary, inner, outer), pinned: a change of the data must change this table.
PINNED = {
    "loop_a": (89.20, 89.20, 98.09, 81.34, 97.37),
    "loop_b": (125.94, 125.94, 133.25, 58.74, 212.08),
    "loop_c": (94.73, 94.73, 104.99, 76.54, 117.44),
    "futian_bonded_zone": (144.29, 180.62, 221.84, 76.18, 231.28),
    "huanggang_port_area": (169.81, 151.87, 169.81, 152.60, 202.05),
    "shenzhen_park": (314.10, 332.50, 391.65, 228.78, 423.79),
    "cooperation_zone": (403.30, 421.69, 489.74, 310.12, 521.16),
    "loop_zoning_plan": (107.94, 107.94, 118.29, 99.18, 117.06),
}


def raw(layer: str) -> dict:
    return json.loads((GEODATA / f"{layer}.geojson").read_text(encoding="utf-8"))


def by_id(layer: str) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in raw(layer)["features"]}


def ha(geometry) -> float:
    return sum(abs(GEOD.geometry_area_perimeter(p)[0]) for p in shapely.get_parts(geometry)) / 1e4


def metric(geometry):
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1])))


def outlines() -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {z: {"best": shape(f["geometry"])} for z, f in by_id("zones").items()}
    for f in raw("zone_outlines")["features"]:
        found[f["properties"]["zone"]][f["properties"]["outline"]] = shape(f["geometry"])
    return found


def script_module():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_geodata
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return build_geodata


@pytest.fixture(scope="session")
def rebuilt() -> dict[str, bytes]:
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference is not beside the repository")
    return script_module().build(REFERENCE)


@pytest.fixture(scope="session")
def built_layers():
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference is not beside the repository")
    script_module()
    from geodata_build import build_layers

    return build_layers(REFERENCE)


def test_areas_against_official_figures_are_pinned():
    shapes, zones = outlines(), by_id("zones")
    rows, computed = [], {}
    for zone in ZONES:
        s = shapes[zone]
        areas = tuple(round(ha(s[k]), 2) for k in ("best", "land", "to_boundary", "inner", "outer"))
        computed[zone] = areas
        official = zones[zone]["properties"]["official_area_m2"]
        diff = f"{(areas[0] * 1e4 - official) / official * 100:+.1f} %" if official else "-"
        rows.append(f"{zone:22} {zones[zone]['properties']['area_basis'] or '-':8} " + " ".join(f"{a:8.2f}" for a in areas)
                    + f" {official / 1e4 if official else float('nan'):8.2f} {diff:>8} {zones[zone]['properties']['status']}")
    table = "\n".join([f"{'zone':22} {'basis':8} {'best':>8} {'land':>8} {'to_bdy':>8} {'inner':>8} {'outer':>8} {'official':>8} {'diff':>8}", *rows])
    print("\n" + table)
    for zone, areas in computed.items():
        assert areas == pytest.approx(PINNED[zone], abs=0.011), f"{zone} areas changed:\n{table}"


def test_best_outline_is_the_one_the_official_figure_refers_to():
    shapes, zones = outlines(), by_id("zones")
    for zone, f in zones.items():
        basis = f["properties"]["area_basis"]
        if basis in ("land", "boundary"):
            chosen = shapes[zone]["land" if basis == "land" else "to_boundary"]
            assert chosen.equals_exact(shapes[zone]["best"], 1e-9), zone
    # The Futian part is measured to a land edge inland of the bank: its best outline lies within the
    # outline to the bank, which is more than 30 ha larger (the crescent inside the river bend).
    assert zones["futian_bonded_zone"]["properties"]["area_basis"] == "land_edge"
    best, land = (metric(shapes["futian_bonded_zone"][k]) for k in ("best", "land"))
    assert best.difference(land).area < 1.0
    assert land.difference(best).area > 30e4


def test_land_outlines_stop_at_the_river_bank():
    """``land`` is to the bank for every zone: what ``to_boundary`` adds to it is river water only."""
    river = by_id("river")
    water = metric(shapely.union(shape(river["new_channel_water"]["geometry"]), shape(river["old_meander_water"]["geometry"])))
    for zone, s in outlines().items():
        land, to_boundary = metric(s["land"]), metric(s["to_boundary"])
        assert land.difference(to_boundary).area < 10.0, zone  # m²: rounding to 7 decimals
        assert to_boundary.difference(land).difference(water.buffer(1.0)).area < 100.0, zone


def test_inner_within_best_within_outer():
    for zone, s in outlines().items():
        inner, best, outer = (metric(s[k]) for k in ("inner", "best", "outer"))
        assert inner.difference(best).area < 1.0, zone
        assert best.difference(outer).area < 1.0, zone
        assert inner.area < best.area < outer.area, zone


def test_official_zones_have_their_figure_within_their_area_range():
    shapes = outlines()
    official = [f["properties"] for f in by_id("zones").values() if f["properties"]["status"] == "official"]
    assert {p["id"] for p in official} >= {"loop_a", "huanggang_port_area"}
    for p in official:
        low, high = ha(shapes[p["id"]]["inner"]), ha(shapes[p["id"]]["outer"])
        assert low <= p["official_area_m2"] / 1e4 <= high, p["id"]
        assert abs(ha(shapes[p["id"]]["best"]) * 1e4 - p["official_area_m2"]) / p["official_area_m2"] <= 0.05, p["id"]


@needs_reference
def test_futian_part_covers_the_catchment_west_block_and_reaches_the_port():
    futian = metric(shape(by_id("zones")["futian_bonded_zone"]["geometry"]))
    catchments = {f["properties"]["name"]: shape(f["geometry"]) for f in json.loads(
        (REFERENCE / "shenzhen_park_evidence" / "futian_school_catchments.geojson").read_text(encoding="utf-8"))["features"]}
    west_block = metric(catchments["福苑小学 catchment (学区) polygon"])
    assert futian.intersection(west_block).area > 0.9 * west_block.area
    lines = {f["properties"]["name"]: shape(f["geometry"]) for f in json.loads(
        (REFERENCE / "shenzhen_park_evidence" / "derived_boundary_lines.geojson").read_text(encoding="utf-8"))["features"]}
    port_west = metric(next(g for n, g in lines.items() if n.startswith("Huanggang Port west edge – variant W2")))
    assert futian.distance(port_west) <= 300.0
    huanggang = metric(shape(by_id("zones")["huanggang_port_area"]["geometry"]))
    assert futian.distance(huanggang) < 1.0, "the Shenzhen Park should read as one park"


def test_futian_part_has_no_long_edge_off_east_west():
    futian = metric(shape(by_id("zones")["futian_bonded_zone"]["geometry"])).simplify(30.0)

    for ring in [futian.exterior, *futian.interiors]:
        xy = np.asarray(ring.coords)
        for (x0, y0), (x1, y1) in itertools.pairwise(xy):
            if np.hypot(x1 - x0, y1 - y0) > 1000.0:
                angle = abs(np.degrees(np.arctan2(y1 - y0, x1 - x0))) % 180
                assert min(angle, 180 - angle) <= 20.0, ((x0, y0), (x1, y1))


def test_loop_c_lies_inside_the_huanggang_port_area():
    """Loop C is taken within the Huanggang Port area (its description says so): nothing of it lies outside."""
    shapes = outlines()
    for key in ("best", "to_boundary"):
        outside = metric(shapes["loop_c"][key]).difference(metric(shapes["huanggang_port_area"]["to_boundary"]))
        assert outside.area < 100.0, (key, outside.area)  # m²: was 2.40 ha west of Huanggang Road
    assert "inside that area by construction" in by_id("zones")["loop_c"]["properties"]["description"]


@pytest.mark.parametrize("layer", ["zones", "zone_outlines"])
def test_descriptions_have_no_stray_spaces(layer):
    for f in raw(layer)["features"]:
        p = f["properties"]
        for key in ("description", "status_reason_en"):
            if key in p:
                assert not re.search(r"\s[.,;:)]|  ", p[key]), (p["id"], key, re.findall(r".{20}(?:\s[.,;:)]|  ).{10}", p[key]))
        for key in ("description_zh_hant", "description_zh_hans"):
            assert not re.search(r"\s[。，；：）]", p[key]), (p["id"], key)


def test_huanggang_port_area_says_which_edges_are_constructions():
    p = by_id("zones")["huanggang_port_area"]["properties"]
    assert p["status"] == "official"
    for construction in ("Huaqiang South Road prolonged to the river", "the connector to the HK Port Area",
                         "the port's west edge due south to the river"):
        assert construction in p["status_reason_en"] and construction in p["description"], construction
    assert "official description's own limits wherever they exist" in p["status_reason_en"]
    assert "3 of its edges are constructions" in p["status_reason_en"]
    assert "推定構造" in p["status_reason_zh_hant"] and "推定构造" in p["status_reason_zh_hans"]
    notes = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    section = notes[notes.index("## Why the Huanggang Port area is `official`"):]
    section = section[: section.index("\n## ", 5)]
    for limit in ("Huaqiang South Road", "Shenzhen River", "Huanggang Road", "Binhe Avenue"):
        assert limit in section, limit
    assert section.count("\n* ") == 3, section


@pytest.mark.parametrize("layer", LAYERS)
def test_every_feature_is_rfc7946_and_carries_provenance(layer):
    text = (GEODATA / f"{layer}.geojson").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and "crs" not in data
    ids = [f["properties"]["id"] for f in data["features"]]
    assert len(ids) == len(set(ids))
    for f in data["features"]:
        p = f["properties"]
        assert set(COMMON) <= set(p), p["id"]
        assert p["status"] in {"official", "indicative"} and p["accuracy_m"] > 0
        assert p["sources"] and all(isinstance(s, str) and s for s in p["sources"]) and p["licence"] and p["attribution"]
        assert all(p[k] for k in ("name_en", "name_zh_hant", "name_zh_hans", "uncertainty", "description", "description_zh_hant", "description_zh_hans"))
        geometry = shape(f["geometry"])
        assert geometry.is_valid and not geometry.is_empty, (p["id"], shapely.is_valid_reason(geometry))
        for polygon in shapely.get_parts(geometry):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw and not any(r.is_ccw for r in polygon.interiors), p["id"]
        coords = shapely.get_coordinates(geometry)
        assert ((coords[:, 0] > 113.9) & (coords[:, 0] < 114.2) & (coords[:, 1] > 22.4) & (coords[:, 1] < 22.6)).all()
    assert max(len(d) for d in re.findall(r"-?\d+\.(\d+)", json.dumps([f["geometry"] for f in data["features"]]))) <= 7


def test_zone_layers_follow_the_contract():
    zones = by_id("zones")
    assert list(zones) == list(ZONES) or set(zones) == set(ZONES)
    for zone, f in zones.items():
        p = f["properties"]
        assert set(ZONE_EXTRA) <= set(p), zone
        assert p["jurisdiction"] in {"HKSAR", "Shenzhen", "shared"} and p["area_basis"] in {"land", "boundary", "land_edge", None}
        assert set(p["parts"]) <= set(ZONES) and all(p[k] for k in ("short_en", "short_zh_hant", "short_zh_hans"))
        assert (p["official_area_m2"] is None) == (p["official_area_source"] is None)
    kinds = {}
    for f in raw("zone_outlines")["features"]:
        p = f["properties"]
        assert p["id"] == f"{p['zone']}:{p['outline']}"
        kinds.setdefault(p["zone"], set()).add(p["outline"])
    assert all(kinds[z] == {"inner", "outer", "land", "to_boundary"} for z in ZONES), kinds


def test_milestones_are_dated_placed_and_sourced():
    features = raw("milestones")["features"]
    ids = [f["properties"]["id"] for f in features]
    for needed in ("1997-04-regulation", "1997-07-01-order-221", "2008-06-joint-study", "2017-01-03-mou",
                   "2023-08-08-state-council-plan", "2024-11-20-hong-kong-park-outline"):
        assert needed in ids
    dates = [f["properties"]["date"] for f in features]
    assert dates == sorted(dates)
    for f in features:
        p = f["properties"]
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", p["date"]) and p["year"] == p["date"][:4]
        assert f["geometry"]["type"] == "Point" and set(p["zones"]) <= set(ZONES)
        assert all(p[f"{k}_{s}"] for k in ("title", "text") for s in ("en", "zh_hant", "zh_hans"))


# Characters that differ between the scripts: a zh_hans text must not hold the first, a zh_hant text not the second.
TRADITIONAL = "區園與國發劃線號東馬崗會學實設計圖範圍內後華應對屬這個鐵錄備書協議開關條邊將為們來長時經濟體測點樣從還歸務灣處濱強圍網稅規確際證據標"
SIMPLIFIED = "区园与国发划线号东马岗会学实设计图范围内后华应对属这个铁录备书协议开关条边将为们来长时经济体测点样从还归务湾处滨强围网税规确际证据标"


@pytest.mark.parametrize("layer", LAYERS)
def test_chinese_texts_are_in_their_own_script(layer):
    only_traditional = {t for t, s in zip(TRADITIONAL, SIMPLIFIED) if t != s}
    only_simplified = {s for t, s in zip(TRADITIONAL, SIMPLIFIED) if t != s}
    for f in raw(layer)["features"]:
        for key, value in f["properties"].items():
            if key.endswith("_zh_hans") and isinstance(value, str):
                assert not only_traditional & set(value), (f["properties"]["id"], key, only_traditional & set(value))
            if key.endswith("_zh_hant") and isinstance(value, str):
                assert not only_simplified & set(value), (f["properties"]["id"], key, only_simplified & set(value))


def test_manifest_describes_every_layer_with_its_hash():
    manifest = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "zonemap bundled data" and manifest["generated_by"] == "scripts/build_geodata.py"
    assert list(manifest["layers"]) == list(LAYERS)
    assert "© OpenStreetMap contributors" in manifest["attribution"]
    for name, entry in manifest["layers"].items():
        data = (GEODATA / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        features = json.loads(data)["features"]
        assert entry["features"] == [f["properties"]["id"] for f in features]
        assert entry["geometry_types"] == sorted({f["geometry"]["type"] for f in features})
        assert entry["sources"] and all({"citation", "licence", "attribution", "retrieved"} <= set(s) for s in entry["sources"])
        assert entry["inputs"] and not any(k.endswith(".md") for k in entry["inputs"]), name
        cited = {c for f in features for c in f["properties"]["sources"]}
        assert cited == {s["citation"] for s in entry["sources"]}, name


@needs_reference
def test_committed_geodata_equals_a_rebuild(rebuilt):
    assert sorted(rebuilt) == sorted(p.name for p in GEODATA.iterdir() if p.suffix in (".geojson", ".json"))
    for name, data in rebuilt.items():
        assert data == (GEODATA / name).read_bytes(), f"{name} differs from a rebuild: run scripts/build_geodata.py"


@needs_reference
def test_the_build_depends_only_on_what_it_reads(rebuilt, tmp_path):
    copy = tmp_path / "reference"
    shutil.copytree(REFERENCE, copy)
    for path in copy.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    manifest = json.loads(rebuilt["manifest.json"])
    read = {f for entry in manifest["layers"].values() for f in entry["inputs"]}
    unused = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*.geojson") if p.relative_to(copy).as_posix() not in read)
    assert "futian_bonded_zone_draft.geojson" in unused
    (copy / "NOTES.md").write_text("edited\n", encoding="utf-8")
    for name in unused:
        (copy / name).write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert script_module().build(copy) == rebuilt
    river = copy / "shenzhen_river_centreline_osm3464353.geojson"
    data = json.loads(river.read_text(encoding="utf-8"))
    data["features"][0]["geometry"]["coordinates"][200][1] += 0.0001  # one vertex of the centre line moved 11 m
    river.write_text(json.dumps(data), encoding="utf-8")
    assert script_module().build(copy)["river.geojson"] != rebuilt["river.geojson"], "a used input must change the build"


@needs_reference
def test_every_source_named_in_a_feature_was_read_by_its_recipe(built_layers):
    layers, zones, reference = built_layers
    for name, layer in layers.items():
        for (properties, _), reader in zip(layer.features, layer.readers):
            named = set(properties["sources"])
            read = {s.citation for s in reference.sources.values()
                    if any(s.covers(file, n) for file, names in reader.reads.items() for n in names)}
            documents = {reference.sources[k].citation for k in reader.cited}
            assert named == read | documents, (name, properties["id"], named ^ (read | documents))
    loop_b = next(z for z in zones if z.id == "loop_b")
    assert "shenzhen_points.geojson" in loop_b.outline.reader.reads  # the village point it uses is cited
    assert any("Wikipedia" in s.citation for s in loop_b.outline.reader.sources())


@needs_reference
def test_catchment_polygons_are_not_shipped():
    catchments = json.loads((REFERENCE / "shenzhen_park_evidence" / "futian_school_catchments.geojson").read_text(encoding="utf-8"))["features"]
    shipped = [metric(shape(f["geometry"])) for layer in LAYERS for f in raw(layer)["features"] if f["geometry"]["type"].endswith("Polygon")]
    for f in catchments:
        polygon = metric(shape(f["geometry"]))
        for other in shipped:
            assert polygon.symmetric_difference(other).area > 0.1 * polygon.area, f["properties"]["name"]


@needs_reference
def test_docs_are_generated_from_the_recipes(built_layers):
    from geodata_build import render_docs

    _, zones, reference = built_layers
    text = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    assert text == render_docs(zones, reference), "docs/data.md is stale: run scripts/build_geodata.py"
    assert all(f"### {z}:" in text for z in ZONES)


def test_the_build_does_not_import_zonemap():
    for path in [REPO / "scripts" / "build_geodata.py", *(REPO / "scripts" / "geodata_build").glob("*.py")]:
        assert not re.search(r"^\s*(from|import)\s+zonemap\b", path.read_text(encoding="utf-8"), re.M), path


# The package's loader and landing page (these import zonemap).


@pytest.fixture
def geodata_copy(tmp_path, monkeypatch):
    """A copy of ``geodata/`` the package's loader reads instead of the real one; caches cleared before and after."""
    from zonemap import _resources, bundled

    copy = tmp_path / "geodata"
    shutil.copytree(GEODATA, copy)

    def clear():
        _resources.manifest.cache_clear()
        _resources.layer_bytes.cache_clear()
        bundled._layer.cache_clear()

    clear()
    monkeypatch.setattr(_resources, "_folder", lambda: copy)
    yield copy
    monkeypatch.undo()
    clear()


def test_loader_reads_the_copy_unchanged(geodata_copy):
    from zonemap import bundled

    assert list(bundled.load_layer("zones")["id"]) == list(by_id("zones"))


def test_loader_reports_a_corrupted_file_by_name_and_sha256(geodata_copy):
    from zonemap import bundled
    from zonemap.errors import ZoneDataError

    path = geodata_copy / "zones.geojson"
    data = bytearray(path.read_bytes())
    at = data.index(b'"loop_a"') + 2  # one byte of an id: still valid JSON, a different file
    data[at] = ord("X")
    path.write_bytes(bytes(data))
    expected = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))["layers"]["zones"]["sha256"]
    with pytest.raises(ZoneDataError) as caught:
        bundled.load_layer("zones")
    message = str(caught.value)
    assert message.startswith("geodata/zones.geojson: has sha256 "), message
    assert hashlib.sha256(bytes(data)).hexdigest()[:12] in message and expected[:12] in message, message
    assert "edited or corrupted" in message
    assert len(bundled.load_layer("river")) == 5  # the other layers still load


def test_loader_reports_a_missing_file_by_name(geodata_copy):
    from zonemap import _resources
    from zonemap.errors import ZoneDataError

    (geodata_copy / "boundary.geojson").unlink()
    with pytest.raises(ZoneDataError, match=r"^geodata/boundary\.geojson: is missing from the installed package$"):
        _resources.layer_bytes("boundary")
    (geodata_copy / "manifest.json").unlink()
    _resources.manifest.cache_clear()
    with pytest.raises(ZoneDataError, match=r"^geodata/manifest\.json: is missing"):
        _resources.layer_names()


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("school catchments (Baidu, converted)", "Amap points (converted from GCJ-02)", "no such polygon is shipped")),
    ("zh-Hant", ("學區範圍（百度座標，已轉換）", "高德地點", "GCJ-02")),
    ("zh-Hans", ("学区范围（百度坐标，已转换）", "高德地点", "GCJ-02")),
])
def test_landing_page_sources_name_the_evidence_the_data_use(lang, words):
    from zonemap.site import index_html

    cited = " ".join(s["citation"] for e in json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))["layers"].values()
                     for s in e["sources"])
    assert "school catchment polygons" in cited and "Amap" in cited  # the data do rest on them
    page = index_html([], lang)
    sources = page[page.rindex("<h2>"):]
    for word in words:
        assert word in sources, (lang, word)
