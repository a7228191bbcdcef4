"""The maps as HTML: layers, labels, legend, controls, attribution, safety, reproducibility, safe writing."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.geometry
from shapely.geometry import box

import zonemap
from zonemap import elements, maps, page
from zonemap.assets import UNUSED, linked_urls, use_local_assets
from zonemap.output import OutputError
from zonemap.polyline import decode_geometry

NODE_MODULES = Path(__file__).resolve().parent / "browser" / "node_modules"
TILE_PATTERN = re.compile(r"\{z\}|\{x\}|\{y\}|tile\.openstreetmap|basemaps\.cartocdn|arcgisonline")


@pytest.fixture(scope="module")
def overview() -> str:
    return maps.map_html(zonemap.render_map())


def embedded_collections(page: str) -> list[dict]:
    """The GeoJSON documents folium embedded in a page, geometries decoded as the page decodes them."""
    collections = [json.loads(m) for m in re.findall(r"_add\((\{\"features\".*?\})\);\n", page)]
    for collection in collections:
        for feature in collection["features"]:
            feature["geometry"] = decode_geometry(feature["geometry"])
    return collections


def div_icons(page: str) -> list[str]:
    """The HTML of every permanent label and DivIcon (milestones), decoded from the JSON in the page."""
    icons = [json.loads(m) for m in re.findall(r'"html":\s*("(?:[^"\\]|\\.)*")', page)]
    labels = [text for block in re.findall(r"^(\[\[.*\]\])\.forEach", page, re.M) for _, text in json.loads(block)]
    return icons + [f'<div class="zonemap-label">{text}</div>' for text in labels]


def test_overview_has_every_layer_control_and_the_attribution(overview: str) -> None:
    for layer in ("Shenzhen River / 深圳河", "HKSAR-Shenzhen boundary / 港深界線", "Zones / 區域", "Landmarks / 地標"):
        assert json.dumps(layer)[1:-1] in overview or layer in overview, layer
    for control in ("L.control.layers", "L.control.scale", "L.Control.Measure", "L.control.fullscreen",
                    "L.Control.MiniMap", "L.Control.MousePosition"):
        assert control in overview, control
    assert "OpenStreetMap contributors (ODbL 1.0)" in overview
    assert "tile.openstreetmap.org" in overview
    # The other WGS-84 basemaps are there to switch to, and no GCJ-02 tiles (they would not fit the shapes).
    assert "basemaps.cartocdn.com" in overview and "World_Imagery" in overview and "autonavi" not in overview
    assert page.GENERATOR_MARK in overview


def test_every_zone_is_drawn_labelled_with_its_area_and_described(overview: str) -> None:
    zones = zonemap.load_zones()
    table = zonemap.areas(zones)
    features = [f for c in embedded_collections(overview) for f in c["features"] if "computed_area" in f["properties"]]
    assert sorted(f["properties"]["id"] for f in features) == sorted(zones["id"])
    for feature in features:
        row = table.set_index("id").loc[feature["properties"]["id"]]
        assert f"{row.area_ha:,.2f} ha" in feature["properties"]["computed_area"]
        assert feature["properties"]["status"] in ("official", "indicative")
        assert "OpenStreetMap" in feature["properties"]["attribution"]
    # Permanent labels for the parts; the composites (Shenzhen Park, the whole zone, the 2018 plan) are outlines.
    labels = [re.match(r'<div class="zonemap-label">(.*)<br><small>(.*)</small>', h).groups()
              for h in div_icons(overview) if "<small>" in h]
    labelled = {text for text, _ in labels}
    for name in ("Lok Ma Chau Loop", "Loop B", "Loop C", "Futian Bonded Zone", "Huanggang Port area"):
        assert any(name in text for text in labelled), name
    assert not any("Cooperation Zone" in text and "Shenzhen Park" not in text for text in labelled)
    assert all(area.endswith("km²)") for _, area in labels)


@pytest.mark.parametrize(
    ("lang", "present", "absent"),
    [
        ("en", ["Lok Ma Chau Loop", "Legend"], ["落馬洲河套（", "圖例"]),
        ("zh-Hant", ["落馬洲河套", "圖例", "福田保稅區"], ["Futian Bonded Zone part", ">Legend<"]),
        ("zh-Hans", ["落马洲河套", "福田保税区"], ["Futian Bonded Zone part", "落馬洲河套（"]),
        ("bilingual", ["Lok Ma Chau Loop", "落馬洲河套", "圖例 Legend"], []),
    ],
)
def test_labels_and_legend_follow_the_language(lang: str, present: list[str], absent: list[str]) -> None:
    page = maps.map_html(zonemap.render_map(lang=lang))
    labels = " ".join(div_icons(page))
    legend = page[page.index('class="zonemap-legend"') :][:1500]
    for text in present:
        assert text in labels or text in legend, text
    for text in absent:
        assert text not in labels and text not in legend, text


def test_legend_tells_jurisdictions_and_status_apart(overview: str) -> None:
    legend = overview[overview.index('class="zonemap-legend"') :][:1500]
    for colour in elements.JURISDICTION_COLOURS.values():
        assert colour in legend
    assert "solid #333" in legend and "dashed #333" in legend
    assert "official" in legend and "indicative" in legend


def test_history_map_places_and_explains_each_milestone() -> None:
    page = maps.map_html(zonemap.history_map(lang="en"))
    for year, words in (("1997", "Order No. 221"), ("2008", "one river, three areas"), ("2017", "3 January 2017"),
                        ("2023", "State Council")):
        assert f'<div class="zonemap-milestone">{year}</div>' in div_icons(page)
        assert words in page
    assert "old meander" in page


def test_relations_map_draws_and_labels_the_shared_border_and_the_river_crossing() -> None:
    page = maps.map_html(zonemap.render_map(show_relations=True))
    table = zonemap.relations()
    shared = table.query("left == 'loop_a' and right == 'loop_b'").shared_length_m.item()
    assert f"shared border {shared:,.0f} m" in page
    assert f'<div class="zonemap-label">{shared:,.0f} m</div>' in div_icons(page)
    assert "face each other across Shenzhen River" in page


def test_coordinates_are_written_once_at_1e6_degrees(overview: str) -> None:
    zones = zonemap.load_zones().set_index("id").geometry
    drawn = {f["properties"]["id"]: f["geometry"] for c in embedded_collections(overview) for f in c["features"]
             if "computed_area" in f["properties"]}
    for ident, geometry in drawn.items():
        expected = np.asarray(shapely.get_coordinates(zones[ident]))
        got = np.asarray(shapely.get_coordinates(shapely.geometry.shape(geometry)))
        assert np.abs(got - expected).max() <= 0.5e-6 + 1e-12, ident  # rounded to 1e-6 degrees, nothing lost beyond
    assert not re.search(r"\d+\.\d{7,}", overview), "no coordinate is written with more than 6 decimals"
    assert "[114.0" not in overview, "no raw coordinate arrays: geometry is written once, encoded"


def test_same_inputs_give_byte_identical_maps(tmp_path: Path) -> None:
    first = zonemap.build_maps(tmp_path / "a")
    second = zonemap.build_maps(tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert not re.search(r"[0-9a-f]{32}", first[0].read_text(encoding="utf-8")), "no random element ids"


def test_offline_basemap_references_no_tile_server() -> None:
    page = maps.map_html(zonemap.render_map(basemap="none"))
    assert not TILE_PATTERN.search(page)
    assert "L.tileLayer" not in page
    for basemap in ("openstreetmap", "cartodb-positron", "esri-imagery"):
        assert TILE_PATTERN.search(maps.map_html(zonemap.render_map(basemap=basemap)))


def test_local_assets_replace_every_cdn_link(tmp_path: Path) -> None:
    page = maps.map_html(zonemap.render_map(basemap="none"), assets=NODE_MODULES, page_dir=tmp_path)
    assert linked_urls(page) == []
    for link in re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page):
        assert (tmp_path / link).resolve().is_file(), link
    with pytest.raises(FileNotFoundError, match="npm ci"):
        use_local_assets(maps.map_html(zonemap.render_map()), tmp_path / "nothing", tmp_path)
    remote = linked_urls(maps.map_html(zonemap.render_map()))
    assert set(UNUSED) <= set(remote)


HOSTILE = '<img src=x onerror="alert(1)">'


def test_text_from_data_is_escaped_everywhere() -> None:
    zones = gpd.GeoDataFrame(
        {"id": ["<script>alert(2)</script>"], "name_en": [HOSTILE], "status": [HOSTILE], "jurisdiction": ["<b>x</b>"],
         "attribution": [HOSTILE]},
        geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326,
    )
    page = maps.map_html(zonemap.render_map(zones, title=HOSTILE, label_field="name_en"))
    assert "<img src=x" not in page and "<script>alert" not in page and "<b>x</b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_text_from_data_is_never_evaluated_as_a_template() -> None:
    # branca compiles each rendered script again as a Jinja template: {{ }} in data must stay text.
    probe = "{{ 7*7 }} {% if true %}yes{% endif %} {# c #}"
    zones = gpd.GeoDataFrame({"id": ["{{ 6*6 }}"], "name_en": [probe], "attribution": [probe]},
                             geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326)
    page = maps.map_html(zonemap.render_map(zones, title=probe, label_field="name_en", show_relations=True))
    assert "49 yes" not in page and '"id":"36"' not in page  # what evaluation would have written
    shown = page.replace("\\u0026", "&")  # JSON writes & as \u0026
    assert shown.count("&#123;&#123; 7*7 &#125;&#125; &#123;% if true %&#125;yes&#123;% endif %&#125;") >= 4


def test_user_zones_in_another_crs_and_bad_options() -> None:
    x, y = 830_000, 840_000  # Hong Kong 1980 Grid metres, near the Loop
    zones = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(x, y, x + 500, y + 500), box(x + 500, y, x + 900, y + 500)], crs=2326)
    page = maps.map_html(zonemap.render_map(zones, layers=(), show_relations=True, basemap="none"))
    assert '<div class="zonemap-label">500 m</div>' in div_icons(page)
    west, south = zones.to_crs(4326).total_bounds[:2]
    drawn = gpd.GeoDataFrame.from_features(embedded_collections(page)[0]["features"])
    assert drawn.total_bounds[:2] == pytest.approx([west, south], abs=2e-6)  # drawn in lon/lat
    with pytest.raises(KeyError, match="label field 'nope'"):
        zonemap.render_map(zones, label_field="nope")
    with pytest.raises(ValueError, match="unknown basemap"):
        zonemap.render_map(basemap="google")
    with pytest.raises(ValueError, match="unknown lang"):
        zonemap.render_map(lang="fr")
    with pytest.raises(ValueError, match="unknown layers"):
        zonemap.render_map(layers=("roads",))


def test_map_displays_inline_in_jupyter() -> None:
    shown = zonemap.render_map(basemap="none")._repr_html_()
    assert shown.startswith("<div") and "<iframe" in shown and "loop_a" in shown


def test_write_html_replaces_only_its_own_files_and_never_half_a_file(tmp_path: Path, monkeypatch) -> None:
    fmap = zonemap.render_map(basemap="none")
    mine = zonemap.write_html(fmap, tmp_path / "map.html")
    plain = tmp_path / "plain.txt"
    plain.write_text("")  # the mode an ordinary new file gets here (0o666 less the umask)
    assert oct(mine.stat().st_mode & 0o777) == oct(plain.stat().st_mode & 0o777)
    plain.unlink()
    zonemap.write_html(fmap, mine)  # zonemap's own file: replaced
    theirs = tmp_path / "theirs.html"
    theirs.write_text("<html>someone's page</html>")
    with pytest.raises(OutputError, match="not made by zonemap"):
        zonemap.write_html(fmap, theirs)
    assert theirs.read_text() == "<html>someone's page</html>"
    zonemap.write_html(fmap, theirs, overwrite=True)
    assert page.GENERATOR_MARK in theirs.read_text(encoding="utf-8")

    before = mine.read_bytes()

    def interrupted(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(OSError, match="disk full"):
        zonemap.write_html(zonemap.render_map(basemap="esri-imagery"), mine)
    assert mine.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "theirs.html"]


def test_render_png_draws_a_picture_without_tiles(tmp_path: Path) -> None:
    png = zonemap.render_png(path=tmp_path / "zones.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    assert (tmp_path / "zones.png").read_bytes() == png
    zonemap.render_png(path=tmp_path / "zones.png")  # its own file: replaced
    (tmp_path / "photo.png").write_bytes(b"\x89PNG not ours")
    with pytest.raises(OutputError):
        zonemap.render_png(path=tmp_path / "photo.png")
    with pytest.raises(ValueError, match="unknown lang"):
        zonemap.render_png(lang="fr")


def test_zones_without_names_are_labelled_by_id_in_every_language() -> None:
    zones = gpd.GeoDataFrame({"id": ["plot-7"]}, geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326)
    for lang in maps.LANGUAGES:
        labels = [h for h in div_icons(maps.map_html(zonemap.render_map(zones, layers=(), lang=lang))) if "<small>" in h]
        assert labels and labels[0].startswith('<div class="zonemap-label">plot-7<br>'), (lang, labels)
