"""Maps people can read, tried in Debian's headless Chromium with the network off, as planners and journalists would:
every zone reachable under the pointer, the fixed boxes small and apart on a laptop and a phone, labels that never
collide, one language per page, a landing page that links every map both ways, and a folder that works offline
wherever it is moved. (The pages' other checks are in ``test_maps_browser.py``.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import Polygon

import zonemap
from zonemap.render.label_layout import label_candidates
from zonemap.text import say

from .test_maps_browser import NODE_MODULES, Page, shared_browser
from .test_maps_languages import simplified_only, traditional_only

pytestmark = pytest.mark.browser

LAPTOP, PHONE = (1366, 768), (390, 844)
#: The most of the screen the fixed boxes may cover, by viewport.
MAX_COVER = {LAPTOP: 0.12, PHONE: 0.20}
READY_JS = """async () => {
  await document.fonts.ready;
  const maps = window.L ? Object.values(window).filter(v => v instanceof L.Map) : [];
  for (let i = 0; i < 100; i++) {
    if (maps.every(m => !m.zonemapLabels || (m.zonemapLabels.placed > 0 && !m.zonemapLabels.pending))) break;
    await new Promise(r => setTimeout(r, 50));
  }
  await new Promise(r => setTimeout(r, 300));
  return maps.length;
}"""
#: The fixed boxes (the Leaflet controls in the map's corners) and the labels and numbered markers, as drawn.
LAYOUT_JS = """() => {
  const W = innerWidth, H = innerHeight, rect = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const seen = e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < W && r.top < H; };
  const name = e => [...e.classList].filter(c => c.startsWith('leaflet-control-') || c.startsWith('zonemap-')).join(' ');
  const boxes = [...document.querySelectorAll('.leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control')].filter(seen)
    .map(e => ({name: name(e), ...rect(e)}));
  let covered = 0, total = 0;
  for (let y = 0.5; y < H; y += 2) for (let x = 0.5; x < W; x += 2) { total++; if (boxes.some(b => x >= b.l && x < b.r && y >= b.t && y < b.b)) covered++; }
  const apart = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) <= 0.5 || Math.min(a.b, b.b) - Math.max(a.t, b.t) <= 0.5;
  const pairs = list => { const out = []; for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (!apart(list[i], list[j])) out.push(list[i].name + ' x ' + list[j].name); return out; };
  const labels = [...document.querySelectorAll('.zonemap-label, .zonemap-marker')].filter(seen).map(e => ({name: e.textContent, kind: e.className, ...rect(e)}));
  const under = []; labels.forEach(l => boxes.forEach(b => { if (!apart(l, b)) under.push(l.name + ' under ' + b.name); }));
  const legend = document.querySelector('.zonemap-legend'), header = document.querySelector('.zonemap-header');
  return {cover: covered / total, boxes: boxes.map(b => b.name), overlaps: pairs(boxes), labels: labels.map(l => l.name), collisions: pairs(labels),
          under, zoneLabels: labels.filter(l => l.kind.includes('zonemap-label-zone')).length, legendOpen: legend.open,
          layersOpen: !!document.querySelector('.leaflet-control-layers-expanded'), headerHeight: header.getBoundingClientRect().height,
          lang: document.documentElement.lang, text: document.body.innerText};
}"""
ZONES_JS = """() => { const out = [];
  for (const m of Object.values(window).filter(v => v instanceof L.Map)) m.eachLayer(l => {
    if (l.feature && 'key' in l.feature.properties && l instanceof L.Polygon) {
      let p = l.getLatLngs(); if (p[0][0] instanceof L.LatLng) p = [p];
      out.push({key: l.feature.properties.key, name: l.feature.properties.tip[0], polygons: p.map(rings => rings.map(r => r.map(c => [c.lng, c.lat])))});
    } });
  return out; }"""
#: Where a lon/lat point is on the page, and whether the pointer there would reach the map itself.
AT_JS = """([lon, lat]) => { const m = Object.values(window).find(v => v instanceof L.Map);
  const p = m.latLngToContainerPoint([lat, lon]), box = m.getContainer().getBoundingClientRect(), x = box.left + p.x, y = box.top + p.y;
  const e = document.elementFromPoint(x, y);
  const free = x > 2 && y > 2 && x < innerWidth - 2 && y < innerHeight - 2 && !!e && !e.closest('.leaflet-interactive, .leaflet-control, .leaflet-marker-icon, .zonemap-timeline');
  return [x, y, free]; }"""


@pytest.fixture(scope="module")
def chromium() -> Any:
    return shared_browser()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = {}
    for lang in ("en", "zh-Hant", "zh-Hans", "bilingual"):
        out[lang] = {p.name: p for p in zonemap.build_maps(tmp_path_factory.mktemp(lang), lang=lang)}
    return out


def _open(chromium: Any, path: Path, viewport: tuple[int, int] = LAPTOP, **options: Any) -> Page:
    page = Page(chromium, path, viewport, **options)
    page.page.evaluate(READY_JS)
    return page


def _hover(page: Page, zone: dict[str, Any]) -> str | None:
    """The tooltip shown with the pointer at the first free point inside the zone (None when no point was free)."""
    polygons = [Polygon(rings[0], rings[1:]) for rings in zone["polygons"]]
    shape = shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]
    for point in label_candidates([shape], count=12)[0]:
        x, y, free = page.page.evaluate(AT_JS, [point.x, point.y])
        if not free:
            continue
        page.page.mouse.move(x, y)
        page.page.wait_for_selector(".leaflet-tooltip", state="visible", timeout=3000)
        return page.page.inner_text(".leaflet-tooltip")
    return None


def test_every_zone_on_every_map_shows_on_hover(chromium: Any, builds: dict[str, dict[str, Path]]) -> None:
    checked = 0
    for name, path in builds["en"].items():
        if path.suffix != ".html" or name == "index.html":
            continue
        page = _open(chromium, path)
        try:
            zones = page.page.evaluate(ZONES_JS)
            assert zones, name
            for zone in zones:
                shown = _hover(page, zone)
                assert shown is not None, f"{name}: no point of {zone['key']} is free to hover"
                assert zone["name"] in shown, f"{name}: hovering {zone['key']} showed {shown!r}"
                checked += 1
        finally:
            page.close()
        assert page.errors == [], (name, page.errors)
    assert checked == 8 + 5 + 8 + 8  # overview, history, relations, one per zone


def test_nested_zones_are_listed_parts_first_and_each_has_its_popup(chromium: Any, builds: dict[str, dict[str, Path]]) -> None:
    page = _open(chromium, builds["en"]["overview.html"])
    try:
        loop_a = next(z for z in page.page.evaluate(ZONES_JS) if z["key"] == "loop_a")
        shown = _hover(page, loop_a)
        assert shown is not None
        lines = shown.splitlines()
        names = zonemap.load_zones().set_index("id")["name_en"]
        order = [lines.index(names[z]) for z in ("loop_a", "loop_zoning_plan", "cooperation_zone")]
        assert order == sorted(order), shown  # the part first, then the larger zones holding it
        page.page.mouse.click(*page.page.evaluate(AT_JS, [*_first_free_point(page, loop_a)])[:2])
        page.page.wait_for_selector(".leaflet-popup-content", state="visible")
        page.page.wait_for_timeout(800)  # the map pans the popup clear of the boxes
        popup = page.page.inner_text(".leaflet-popup-content")
        assert popup.startswith(names["loop_a"]) and "Also here:" in popup
        for row in ("computed area", "possible range", "official figure", "source of the official figure", "status", "sources", "licences"):
            assert row in popup, row
        page.page.click(f".zonemap-also button:has-text('{names['cooperation_zone']}')")
        page.page.wait_for_function("() => document.querySelector('.leaflet-popup-content b').textContent.startsWith('Hetao')")
        page.page.wait_for_timeout(800)  # the map pans the popup clear of the boxes
        boxes = page.page.evaluate(LAYOUT_JS)
        popup_box = page.page.evaluate("() => { const r = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
        controls = page.page.evaluate("() => [...document.querySelectorAll('.leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control')].map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    finally:
        page.close()
    assert boxes["cover"] > 0
    assert page.errors == []
    for left, top, right, bottom in controls:  # the popup panned clear of every fixed box
        assert right <= popup_box[0] or left >= popup_box[2] or bottom <= popup_box[1] or top >= popup_box[3], (popup_box, (left, top, right, bottom))


def _first_free_point(page: Page, zone: dict[str, Any]) -> tuple[float, float]:
    polygons = [Polygon(rings[0], rings[1:]) for rings in zone["polygons"]]
    for point in label_candidates([polygons[0]], count=12)[0]:
        if page.page.evaluate(AT_JS, [point.x, point.y])[2]:
            return point.x, point.y
    raise AssertionError(f"no free point in {zone['key']}")


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans", "bilingual"])
def test_boxes_are_small_and_apart_and_labels_never_collide(chromium: Any, builds: dict[str, dict[str, Path]], lang: str) -> None:
    for name in ("overview.html", "history.html", "relations.html", "zone_loop_b.html"):
        for viewport in (LAPTOP, PHONE):
            page = _open(chromium, builds[lang][name], viewport)
            try:
                layout = page.page.evaluate(LAYOUT_JS)
            finally:
                page.close()
            where = f"{lang} {name} {viewport}"
            assert page.errors == [], (where, page.errors)
            assert layout["cover"] <= MAX_COVER[viewport], (where, layout["cover"], layout["boxes"])
            assert layout["overlaps"] == [], (where, layout["overlaps"])
            assert layout["collisions"] == [], (where, layout["collisions"])
            assert layout["under"] == [], (where, layout["under"])
            assert layout["zoneLabels"] >= (3 if name in ("overview.html", "relations.html") and viewport == LAPTOP else 1), (where, layout["labels"])
            if viewport == PHONE:  # folded to buttons, a one-line header
                assert not layout["legendOpen"] and not layout["layersOpen"], where
                assert layout["headerHeight"] < 40, (where, layout["headerHeight"])
            elif lang != "bilingual":  # a bilingual legend, twice as long, starts folded too
                assert layout["legendOpen"], where
            assert layout["lang"] == ("zh-Hant" if lang == "bilingual" else lang)
            forbidden = simplified_only() if lang == "zh-Hant" else traditional_only() if lang == "zh-Hans" else frozenset()
            assert not set(layout["text"]) & forbidden, (where, sorted(set(layout["text"]) & forbidden))
            if lang in ("zh-Hant", "zh-Hans"):
                for english in ("Legend", "Zoom", "Layers", "Timeline", "All maps"):
                    assert english not in layout["text"], (where, english)


def test_the_history_tells_its_story(chromium: Any, builds: dict[str, dict[str, Path]]) -> None:
    page = _open(chromium, builds["en"]["history.html"])
    try:
        labels = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-label')].map(e => e.textContent)")
        entries = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-timeline li')].map(e => e.textContent)")
        map_box = page.page.evaluate("() => { const r = document.querySelector('.folium-map').getBoundingClientRect(); return [r.left, r.right]; }")
        panel = page.page.evaluate("() => { const r = document.querySelector('.zonemap-timeline').getBoundingClientRect(); return [r.left, r.right]; }")
        page.page.click(".zonemap-timeline li:nth-child(3)")
        page.page.wait_for_selector(".leaflet-popup-content", state="visible")
        popup = page.page.inner_text(".leaflet-popup-content")
        active = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-marker.active')].map(e => e.textContent)")
        shown = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-label-zone')].map(e => e.textContent)")
    finally:
        page.close()
    assert page.errors == []
    milestones = zonemap.load_layer("milestones")
    assert len(entries) == len(milestones) and entries[2].startswith("3'One river, three areas'")
    assert {"Shenzhen River", "old meander"} <= {label.split(" (")[0] for label in labels}, labels  # the 1997 channel and the river before
    assert map_box[1] <= panel[0], "the timeline is beside the map, not over it"
    assert popup.startswith("3. 'One river, three areas'") and active and active[0].startswith("3")
    assert {"Loop A", "Loop B", "Loop C"} <= {label.split(" · ")[0] for label in shown}, shown  # 2008's areas A, B and C, drawn and named


#: Each milestone pill as drawn: its text, how far (px) its box is from its place, whether it lies wholly in the map's
#: part of the window (not under the timeline, not off screen) and whether it is the element on top at its centre.
PILLS_JS = """() => { const m = Object.values(window).find(v => v instanceof L.Map), map = m.getContainer().getBoundingClientRect();
  const W = Math.min(innerWidth, map.right), H = Math.min(innerHeight, map.bottom);
  return [...document.querySelectorAll('.zonemap-marker')].map(e => {
    const r = e.getBoundingClientRect(), ll = e.closest('.leaflet-marker-icon') && m.zonemapLabels.items.find(i => i.marker && i.marker.getElement() === e.parentNode);
    const p = m.latLngToContainerPoint(ll.at[0]), x = map.left + p.x, y = map.top + p.y;
    const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return {text: e.textContent, away: Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom)),
            inside: r.left >= map.left && r.top >= map.top && r.right <= W && r.bottom <= H, onTop: !!top && (top === e || e.contains(top))}; }); }"""


@pytest.mark.parametrize("lang", ["en", "bilingual"])
def test_every_milestone_pill_shows_by_its_place_at_the_default_zoom(chromium: Any, builds: dict[str, dict[str, Path]], lang: str) -> None:
    for viewport in (LAPTOP, PHONE):
        page = _open(chromium, builds[lang]["history.html"], viewport)
        try:
            pills = page.page.evaluate(PILLS_JS)
            layout = page.page.evaluate(LAYOUT_JS)
        finally:
            page.close()
        where = f"{lang} {viewport}"
        assert page.errors == [], (where, page.errors)
        assert sorted(int(pill["text"].split(" · ")[0]) for pill in pills) == list(range(1, 9)), (where, pills)
        for pill in pills:
            assert pill["inside"] and pill["onTop"], (where, pill)  # in the map's part of the window, nothing over it
            assert pill["away"] <= 30, (where, pill)  # by its place: 2009's too, and those moved off a crowded one
        assert layout["collisions"] == [] and layout["under"] == [], (where, layout["collisions"], layout["under"])
        if viewport == LAPTOP:
            assert {"4 · 2009", "1 · 1997", "2 · 1997"} <= {pill["text"] for pill in pills}, (where, pills)


def test_the_landing_page_links_every_map_and_every_map_links_back(chromium: Any, builds: dict[str, dict[str, Path]]) -> None:
    for lang in ("en", "zh-Hans"):
        index = builds[lang]["index.html"]
        html = index.read_text(encoding="utf-8")
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        page = _open(chromium, index, PHONE)
        try:
            links = page.page.evaluate("() => [...document.querySelectorAll('.cards a')].map(a => a.getAttribute('href'))")
            pictures = page.page.evaluate("() => document.querySelectorAll('.cards svg path').length")
            wide = page.page.evaluate("() => document.documentElement.scrollWidth <= innerWidth + 1")
        finally:
            page.close()
        maps = sorted(n for n in builds[lang] if n.endswith(".html") and n != "index.html")
        assert sorted(links) == maps and pictures > 50 and wide
        for name in maps[:3] if lang == "zh-Hans" else maps:
            page = _open(chromium, index.parent / name)
            try:
                page.page.click(".zonemap-header a")
                page.page.wait_for_url("**/index.html")
                title = page.page.inner_text("h1")
            finally:
                page.close()
            assert title == say("zone_title", lang), name


def test_a_build_with_assets_moved_elsewhere_opens_with_no_network(chromium: Any, tmp_path: Path) -> None:
    written = zonemap.build_maps(tmp_path / "built", assets=NODE_MODULES, basemap="none")
    assert any(p.parts[-3:-1] == ("assets", "leaflet") or "assets" in p.parts for p in written)
    moved = tmp_path / "elsewhere" / "maps"
    moved.parent.mkdir()
    shutil.move(str(tmp_path / "built"), str(moved))
    for name, count in (("overview.html", 8), ("history.html", 5), ("zone_loop_a.html", 1)):
        page = _open(chromium, moved / name, offline=True)
        try:
            drawn = page.page.evaluate(ZONES_JS)
            styled = page.page.evaluate("() => getComputedStyle(document.querySelector('.leaflet-container')).overflow")
        finally:
            page.close()
        assert page.refused == [], (name, page.refused)
        assert page.errors == [], (name, page.errors)
        assert len(drawn) == count, name
        assert styled == "hidden", "leaflet.css is loaded from the copied assets"
