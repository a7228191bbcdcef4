"""The maps as HTML: layers, labels, legend, languages, safety, reproducibility, threads, the PNG."""

from __future__ import annotations

import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import branca.element
import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.geometry
from shapely.geometry import box

import zonemap
from zonemap.errors import OutputError
from zonemap.render.assets import UNUSED, linked_urls, use_local_assets
from zonemap.render.page import map_html
from zonemap.render.styles import JURISDICTION_COLOURS

from ._polyline import decode_geometry

NODE_MODULES = Path(__file__).resolve().parent / "browser" / "node_modules"
TILE_PATTERN = re.compile(r"\{z\}|\{x\}|\{y\}|tile\.openstreetmap|basemaps\.cartocdn|arcgisonline")


@pytest.fixture(scope="module")
def overview() -> str:
    return map_html(zonemap.render_map())


def layer_data(page: str) -> list[dict[str, Any]]:
    """The FeatureCollections the page's layers draw, geometries decoded as the page decodes them."""
    decoder = json.JSONDecoder()
    found = []
    for match in re.finditer(r"L\.geoJson\(", page):
        collection, _ = decoder.raw_decode(page, match.end())
        for item in collection["features"]:
            item["geometry"] = decode_geometry(item["geometry"])
        found.append(collection)
    return found


def zone_features(page: str) -> dict[str, Any]:
    """The zones drawn, by id: their decoded geometry."""
    return {f["properties"]["key"]: f["geometry"] for c in layer_data(page) for f in c["features"] if "key" in f["properties"]}


def label_items(page: str) -> list[dict[str, Any]]:
    """Every permanent label: its candidate places (``at``) and variants (``v``), as the page's placer gets them."""
    decoder = json.JSONDecoder()
    return [item for match in re.finditer(r"items = (?=\[)", page) for item in decoder.raw_decode(page, match.end())[0]]


def labels(page: str) -> list[list[str]]:
    """Every permanent label's fullest variant, as lines."""
    return [item["v"][0] for item in label_items(page)]


def test_overview_has_every_layer_control_and_the_attribution(overview: str) -> None:
    for layer in ("Shenzhen River", "HKSAR-Shenzhen boundary", "Zones", "Landmarks"):
        assert f'"{layer}"' in overview or f"{layer}" in overview, layer
    for control in ("L.control.layers", "L.control.scale", "L.Control.Measure", "L.control.fullscreen", "L.Control.MiniMap", "L.Control.MousePosition"):
        assert control in overview, control
    assert "OpenStreetMap contributors (ODbL 1.0)" in overview
    assert "tile.openstreetmap.org" in overview
    assert "basemaps.cartocdn.com" in overview and "World_Imagery" in overview and "autonavi" not in overview
    assert '<html lang="en">' in overview and "<title>Hetao Shenzhen-Hong Kong" in overview


def test_every_zone_is_drawn_labelled_with_its_area_and_described(overview: str) -> None:
    zones = zonemap.load_zones()
    table = zonemap.areas().set_index("id")
    features = [f for c in layer_data(overview) for f in c["features"] if "key" in f["properties"]]
    assert sorted(f["properties"]["key"] for f in features) == sorted(zones["id"])
    for item in features:
        row = table.loc[item["properties"]["key"]]
        assert item["properties"]["tip"][1] == f"{row.area_ha:,.2f} ha"
        rows = dict(item["properties"]["rows"])
        assert rows["status"].split(":")[0] in ("Official", "Indicative")
        assert "OpenStreetMap" in rows["sources"]
        assert "id" not in rows and item["properties"]["key"] not in json.dumps(item["properties"]["rows"]), "no raw ids in popups"
    shown = labels(overview)
    zones = zonemap.load_zones().set_index("id")
    for ident in ("loop_a", "loop_b", "loop_c", "futian_bonded_zone", "huanggang_port_area"):
        short = zones.loc[ident, "short_en"]
        assert [f"{short} · {round(table.loc[ident].area_ha)} ha"] in shown, (ident, shown)
    assert not any(line[0].startswith(("Cooperation Zone", "Shenzhen Park", "Loop zoning plan")) for line in shown), "composites have no labels"


def ui_texts(page: str) -> str:
    """The page's own words: labels, legend, layer names, tooltips and popup field names (not data descriptions)."""
    features = [f["properties"] for c in layer_data(page) for f in c["features"]]
    legend = page[page.index('class="zonemap-legend') :].split("</details>")[0]
    names = re.findall(r'"([^"]*)" : feature_group_', page) + re.findall(r"L\.control\.layers\((.*?)\)", page, re.S)
    return "\n".join([*("\n".join(line) for line in labels(page)), legend, *map(str, names),
                      *("\n".join(p.get("tip", [])) for p in features), *(row[0] for p in features for row in p.get("rows", []))])


@pytest.mark.parametrize(
    ("lang", "present", "absent"),
    [
        ("en", ["Lok Ma Chau Loop", "Loop A", "Legend", "computed area"], ["落馬洲", "圖例", "計算面積"]),
        ("zh-Hant", ["落馬洲河套", "河套A區", "圖例", "福田保稅區", "計算面積", "官方"], ["Futian", ">Legend<", "computed area", "indicative"]),
        ("zh-Hans", ["落马洲河套", "河套A区", "福田保税区", "图例", "计算面积"], ["Futian", "落馬洲", "圖例", "computed area", "區"]),
        ("bilingual", ["Lok Ma Chau Loop", "落馬洲河套", "圖例 / Legend"], []),
    ],
)
def test_everything_on_the_page_follows_the_language(lang: str, present: list[str], absent: list[str]) -> None:
    page = map_html(zonemap.render_map(lang=lang))
    shown = ui_texts(page)
    for text in present:
        assert text in shown, text
    for text in absent:
        assert text not in shown, text


def test_html_lang_is_set_per_language() -> None:
    for lang, expected in (("en", "en"), ("zh-Hant", "zh-Hant"), ("zh-Hans", "zh-Hans"), ("bilingual", "zh-Hant")):
        assert f'<html lang="{expected}">' in map_html(zonemap.render_map(lang=lang, basemap="none", layers=()))


def test_legend_tells_jurisdictions_and_status_apart(overview: str) -> None:
    legend = overview[overview.index('class="zonemap-legend') :].split("</details>")[0]
    for colour in JURISDICTION_COLOURS.values():
        assert colour in legend
    assert "solid #333" in legend and "dashed #333" in legend
    assert "official outline" in legend and "indicative outline" in legend
    assert "boundary, mid-river (OpenStreetMap)" in legend and "the same (Home Affairs Dept.)" in legend


def test_the_relations_map_labels_each_line_with_the_length_measured_on_it() -> None:
    page = map_html(zonemap.render_map(relations=True, basemap="none"))
    related = zonemap.relations(zonemap.load_zones().query("id in ['loop_a', 'loop_b', 'loop_c', 'futian_bonded_zone', 'huanggang_port_area']"),
                                **zonemap.bundled.relations_preset())
    lines = related.lines()
    drawn = [f for c in layer_data(page) for f in c["features"] if f["properties"]["style"] in ("shares_border", "across")]
    # Loop A faces Loop C and the Huanggang part (which holds Loop C) along the same stretch of river: one line, one label.
    pairs = [(row.left, row.right) for row in lines.itertuples()]
    merged = (pairs.index(("loop_a", "loop_c")), pairs.index(("loop_a", "huanggang_port_area")))
    assert len(drawn) == len(lines) - 1
    tips = [line for item in drawn for line in item["properties"]["tip"]]
    assert len(tips) == len(lines), "every pair is named in a tooltip"
    assert any(len(item["properties"]["tip"]) == 2 and "Loop C" in item["properties"]["tip"][0] and "Huanggang part" in item["properties"]["tip"][1]
               for item in drawn)
    metric = lines.to_crs(related.metric_crs)
    drawn_rows = [i for i in range(len(lines)) if i != merged[1]]
    for item, i in zip(drawn, drawn_rows):
        row, measured = next(lines.iloc[[i]].itertuples()), metric.geometry.iloc[i]
        geometry = shapely.geometry.shape(item["geometry"])
        assert geometry.equals_exact(row.geometry, tolerance=1e-6) or shapely.hausdorff_distance(geometry, row.geometry) < 1e-6
        if row.relation == "shares_border":  # the pieces of the left outline measured; the label gives the mean of both
            assert measured.length == pytest.approx(row.shared_left_m, rel=1e-6)
            assert row.length_m == pytest.approx((row.shared_left_m + row.shared_right_m) / 2, rel=1e-9)
        else:  # the facing stretches of both outlines, exactly as measured; the label gives their mean
            assert measured.length == pytest.approx(row.facing_left_m + row.facing_right_m, rel=1e-6)
            assert row.length_m == pytest.approx(measured.length / 2, rel=1e-6)
        assert f"{row.length_m:,.0f} m" in item["properties"]["tip"][0]
    lengths = [f"{row.length_m:,.0f}" for row in lines.itertuples()]
    expected = [f"{lengths[i]} m" if i != merged[0] else f"{min(lengths[i], lengths[merged[1]])}–{max(lengths[i], lengths[merged[1]])} m" for i in drawn_rows]
    assert expected == [line[0] for line in labels(page) if line[0].endswith(" m")]
    assert "1,396–1,398 m" in expected


def test_coordinates_are_written_once_at_1e6_degrees(overview: str) -> None:
    zones = zonemap.load_zones().set_index("id").geometry
    for ident, geometry in zone_features(overview).items():
        expected = np.asarray(shapely.get_coordinates(zones[ident]))
        got = np.asarray(shapely.get_coordinates(shapely.geometry.shape(geometry)))
        assert np.abs(got - expected).max() <= 0.5e-6 + 1e-12, ident
    assert not re.search(r"\d+\.\d{7,}", overview), "no coordinate is written with more than 6 decimals"
    assert "[[114.0" not in overview, "no raw coordinate arrays of lines or rings: geometry is written once, encoded"


def test_same_inputs_give_byte_identical_maps_in_any_thread() -> None:
    def render(lang: str) -> str:
        return map_html(zonemap.render_map(lang=lang, relations=True))

    langs = ["en", "zh-Hant", "zh-Hans", "bilingual"] * 2
    sequential = [render(lang) for lang in langs]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(render, langs))
    assert threaded == sequential
    assert sequential[0] == sequential[4]
    assert not re.search(r"[0-9a-f]{32}", sequential[0]), "no random element ids"
    assert branca.element.Element._generate_id.__qualname__ == "Element._generate_id", "branca is never patched"


def test_offline_basemap_references_no_tile_server() -> None:
    page = map_html(zonemap.render_map(basemap="none"))
    assert not TILE_PATTERN.search(page)
    assert "L.tileLayer" not in page
    for basemap in ("openstreetmap", "cartodb-positron", "esri-imagery"):
        assert TILE_PATTERN.search(map_html(zonemap.render_map(basemap=basemap)))


def test_local_assets_replace_every_cdn_link(tmp_path: Path) -> None:
    page = map_html(zonemap.render_map(basemap="none"), assets=NODE_MODULES, page_dir=tmp_path)
    assert linked_urls(page) == []
    for link in re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page):
        assert (tmp_path / link).resolve().is_file(), link
    with pytest.raises(FileNotFoundError, match="npm ci"):
        use_local_assets(map_html(zonemap.render_map()), tmp_path / "nothing", tmp_path)
    assert set(UNUSED) <= set(linked_urls(map_html(zonemap.render_map())))


HOSTILE = '<img src=x onerror="alert(1)">'


def test_text_from_data_reaches_the_page_only_as_inert_json_or_escaped_html() -> None:
    zones = gpd.GeoDataFrame(
        {"id": ["</script><script>alert(2)</script>"], "name_en": [HOSTILE], "status": [HOSTILE], "jurisdiction": ["<b>x</b>"], "attribution": [HOSTILE]},
        geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326,
    )
    page = map_html(zonemap.render_map(zones, title=HOSTILE, relations=True))
    assert "<img src=x" not in page and "<script>alert" not in page and "<b>x</b>" not in page and "</script><script>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page  # the title box: escaped HTML
    assert "\\u003cimg src=x onerror=\\\"alert(1)\\\"\\u003e" in page  # the layer data: JSON, set as text in the page


def test_text_from_data_is_never_evaluated_as_a_template() -> None:
    probe = "{{ 7*7 }} {% if true %}yes{% endif %} {# c #}"
    zones = gpd.GeoDataFrame({"id": ["{{ 6*6 }}", "b"], "name_en": [probe, "b"], "attribution": [probe, ""]},
                             geometry=[box(114.06, 22.51, 114.07, 22.52), box(114.07, 22.51, 114.08, 22.52)], crs=4326)
    page = map_html(zonemap.render_map(zones, title=probe, relations=True))
    assert "49 yes" not in page and '"36"' not in page
    assert page.count(json.dumps(probe)[1:-1]) >= 2, "the probe is in the data as it was"


def test_user_zones_in_another_crs_and_bad_options() -> None:
    x, y = 830_000, 840_000  # Hong Kong 1980 Grid metres, near the Loop
    zones = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(x, y, x + 500, y + 500), box(x + 500, y, x + 900, y + 500)], crs=2326)
    page = map_html(zonemap.render_map(zones, layers=(), relations=True, basemap="none"))
    assert ["500 m"] in labels(page)
    west, south = zones.to_crs(4326).total_bounds[:2]
    drawn = shapely.geometry.shape(zone_features(page)["a"])
    assert drawn.bounds[:2] == pytest.approx((west, south), abs=2e-6)
    with pytest.raises(KeyError, match="label field 'nope'"):
        zonemap.render_map(zones, label_field="nope")
    with pytest.raises(ValueError, match="unknown basemap"):
        zonemap.render_map(basemap="google")
    with pytest.raises(ValueError, match="unknown lang"):
        zonemap.render_map(lang="fr")
    with pytest.raises(ValueError, match="unknown layers"):
        zonemap.render_map(layers=("roads",))


def test_the_same_id_rule_as_every_other_function() -> None:
    zones = gpd.GeoDataFrame(geometry=[box(114.06, 22.51, 114.07, 22.52), box(114.07, 22.51, 114.08, 22.52)], index=[3, 5], crs=4326)
    assert set(zone_features(map_html(zonemap.render_map(zones, layers=(), basemap="none")))) == {"3", "5"}
    twins = zones.assign(id=["1", 1])
    with pytest.raises(zonemap.ZoneDataError, match="id '1' occurs 2 times"):
        zonemap.render_map(twins)


def test_map_displays_inline_in_jupyter() -> None:
    shown = zonemap.render_map(basemap="none")._repr_html_()
    assert shown.startswith("<div") and "<iframe" in shown and "loop_a" in shown


def test_write_html_replaces_only_its_own_files(tmp_path: Path) -> None:
    fmap = zonemap.render_map(basemap="none")
    mine = zonemap.write_html(fmap, tmp_path / "map.html")
    zonemap.write_html(fmap, mine)  # zonemap's own file: replaced
    theirs = tmp_path / "theirs.html"
    theirs.write_text("<html>someone's page</html>")
    with pytest.raises(OutputError, match="zonemap did not make it"):
        zonemap.write_html(fmap, theirs)
    assert theirs.read_text() == "<html>someone's page</html>"
    zonemap.write_html(fmap, theirs, force=True)
    assert "L.geoJson" in theirs.read_text(encoding="utf-8")


def test_zones_without_names_are_labelled_by_id_in_every_language() -> None:
    zones = gpd.GeoDataFrame({"id": ["plot-7"]}, geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326)
    for lang in zonemap.choices.LANGUAGES if hasattr(zonemap, "choices") else ("en", "zh-Hant", "zh-Hans", "bilingual"):
        shown = [item["v"][-1] for item in label_items(map_html(zonemap.render_map(zones, layers=(), lang=lang, basemap="none")))]
        assert shown == [["plot-7"]], (lang, shown)


def test_render_png_draws_a_picture_without_touching_the_users_backend(tmp_path: Path) -> None:
    import matplotlib

    pyplot_before = "matplotlib.pyplot" in sys.modules
    backend = dict.__getitem__(matplotlib.rcParams, "backend")  # as set, without resolving it (which imports pyplot)
    png = zonemap.render_png(path=tmp_path / "zones.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    assert (tmp_path / "zones.png").read_bytes() == png
    assert dict.__getitem__(matplotlib.rcParams, "backend") is backend, "the user's backend is left alone"
    assert pyplot_before or "matplotlib.pyplot" not in sys.modules, "pyplot is never imported"
    zonemap.render_png(path=tmp_path / "zones.png")  # its own file: replaced
    (tmp_path / "photo.png").write_bytes(b"\x89PNG not ours")
    with pytest.raises(OutputError):
        zonemap.render_png(path=tmp_path / "photo.png")
    with pytest.raises(ValueError, match="unknown lang"):
        zonemap.render_png(lang="fr")


def test_render_png_of_zones_elsewhere_and_text_that_looks_like_tex() -> None:
    square = gpd.GeoDataFrame({"id": ["$\\foo$"], "name_en": ["$\\frac12$"]}, geometry=[box(500_000, 5_000_000, 501_000, 5_001_000)], crs=32633)
    png = zonemap.render_png(square)  # no TeX parsing (it would raise on \foo), no Hong Kong grid in Europe
    assert png.startswith(b"\x89PNG")


def _popups(page: str) -> dict[str, dict[str, Any]]:
    return {f["properties"]["key"]: f["properties"] for c in layer_data(page) for f in c["features"] if "key" in f["properties"] and "rows" in f["properties"]}


def test_popups_tell_area_range_official_figure_status_method_and_sources_without_ids_or_empty_rows(overview: str) -> None:
    zones = zonemap.load_zones().set_index("id")
    table = zonemap.areas().set_index("id")
    popups = _popups(overview)
    assert set(popups) == set(zones.index)
    for ident, popup in popups.items():
        rows = dict(popup["rows"])
        more = dict(popup["more"])
        assert all(label and value for label, value in popup["rows"]), (ident, popup["rows"])
        assert popup["title"] == zones.loc[ident, "name_en"]
        assert rows["computed area"] == f"{table.loc[ident, 'area_ha']:,.2f} ha"
        low, high = table.loc[ident, ["area_min_m2", "area_max_m2"]] / 1e4
        assert rows["possible range"] == f"{low:,.1f}–{high:,.1f} ha"
        assert rows["status"] == zones.loc[ident, "status_reason_en"]
        assert rows["sources"] == zones.loc[ident, "attribution"] and rows["licences"] == zones.loc[ident, "licence"]
        assert more["How the outline was drawn"] == zones.loc[ident, "description"]
        assert "OpenStreetMap relations 913110" in more["Sources in full"]
        if np.isfinite(zones.loc[ident, "official_area_m2"]):
            assert rows["official figure"].startswith(f"{zones.loc[ident, 'official_area_m2'] / 1e4:,.2f} ha (computed ")
            assert rows["source of the official figure"] == zones.loc[ident, "official_area_source"]
        else:
            assert "official figure" not in rows and "source of the official figure" not in rows
        shown = json.dumps([popup["rows"], popup["title"]])
        assert not any(f'"{other}"' in shown or f" {other}" in shown for other in zones.index), (ident, "raw id in the popup")
    assert dict(popups["shenzhen_park"]["rows"])["made of"] == "Futian Bonded Zone part of the Shenzhen Park; Huanggang Port area part of the Shenzhen Park"


def test_chinese_popups_and_tooltips_have_chinese_field_names_and_values() -> None:
    popups = _popups(map_html(zonemap.render_map(lang="zh-Hant", relations=True, basemap="none")))
    rows = dict(popups["futian_bonded_zone"]["rows"])
    assert set(rows) >= {"計算面積", "可能範圍", "官方數字", "官方數字來源", "狀態", "管轄", "準確度", "來源", "授權"}
    assert rows["官方數字來源"].startswith("國務院《河套深港科技創新合作區深圳園區發展規劃》")
    assert rows["管轄"] == "深圳" and rows["來源"].startswith("© OpenStreetMap 貢獻者；")
    assert rows["狀態"].startswith("示意：")


def test_each_map_has_a_legend_row_for_every_symbol_it_draws_and_none_more() -> None:
    def legend_of(fmap: Any) -> str:
        page = map_html(fmap)
        return page[page.index('class="zonemap-legend') :].split("</details>")[0]

    overview = legend_of(zonemap.render_map(basemap="none"))
    history = legend_of(zonemap.history_map(basemap="none"))
    related = legend_of(zonemap.render_map(relations=True, basemap="none"))
    mine = legend_of(zonemap.render_map(gpd.GeoDataFrame({"id": ["a"]}, geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326), layers=(), basemap="none"))
    for text in ("uncertain edge", "holds the zones inside it", "Shenzhen River since 1997", "the river before 1997", "mid-river", "landmark"):
        assert text in overview, text
    assert "milestone" in history and "landmark" not in history and "shared border" not in history
    assert "shared border" in related and "facing across the river" in related and "shared border" not in overview
    assert "indicative outline" in mine and "official outline" not in mine and "uncertain edge" not in mine and "river" not in mine
    assert "holds the zones inside it" in history and "holds the zones inside it" not in mine  # the Huanggang part holds Loop C


def test_uncertainty_bands_are_drawn_between_the_inner_and_outer_outlines() -> None:
    page = map_html(zonemap.render_map(basemap="none"))
    bands = [f for c in layer_data(page) for f in c["features"] if f["properties"]["style"].startswith("band|")]
    outlines = zonemap.load_layer("zone_outlines").set_index("id").geometry
    parts = ["loop_a", "loop_b", "loop_c", "futian_bonded_zone", "huanggang_port_area"]
    assert len(bands) == len(parts)
    drawn = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in bands])
    rings = [outlines[f"{ident}:outer"].difference(outlines[f"{ident}:inner"]) for ident in parts]
    for ident, ring in zip(parts, rings):
        assert drawn.intersection(ring).area == pytest.approx(ring.area, rel=1e-3), ident
    assert drawn.area == pytest.approx(shapely.union_all(rings).area, rel=1e-3), "nothing but the bands is hatched"


def test_the_png_places_labels_by_the_same_rule_and_keeps_chinese_words_whole() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from shapely.geometry import Point

    from zonemap.render.label_layout import place_boxes
    from zonemap.render.static_labels import place_labels

    assert place_boxes([[[(0, 0, 10, 10)]], [[(5, 5, 15, 15), (20, 0, 30, 10)]], [[(0, 0, 30, 10)]]]) == [(0, 0), (0, 1), None]
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 100)
    figure.canvas.draw()
    zone = (0.0, 0.0, 100.0, 100.0)
    items = [([Point(50, 50)], ["河套A區 · 89公頃", "河套A區"], zone), ([Point(50, 50), Point(50, 20)], ["皇崗口岸片區 · 170公頃", "皇崗口岸片區"], zone),
             ([Point(50, 50)], ["被擋住的標籤"], zone)]
    from zonemap.render.static import _cjk_font

    drawn = place_labels(axes, items, [], [_cjk_font() or "DejaVu Sans", "DejaVu Sans"])
    assert [t.get_text() for t in drawn] == ["河套A區 · 89公頃", "皇崗口岸片區 · 170公頃"], "whole lines, never broken; the third has no free place"
    renderer = figure.canvas.get_renderer()
    a, b = (t.get_window_extent(renderer) for t in drawn)
    assert not a.overlaps(b)
    for lang in ("zh-Hant", "zh-Hans"):
        for record in zonemap.load_zones().to_dict("records"):
            for variant in zonemap.render.wording.zone_label_variants(record, lang, record["id"], None, 1e6):
                assert len(variant) == 1 and variant[-1].startswith(record[f"short_{lang.lower().replace('-', '_')}"])
