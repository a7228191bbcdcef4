"""Maps of located points and the relations map on a phone (390×844) and a laptop, in Debian's headless Chromium with
the network off: the fixed boxes small and apart (the points' legend folds like the zones' one), a point's popup named
by its row and panned clear of the boxes, a sampled map saying so, and a tap on a relation line showing the line's
text inside the screen. (Siblings of ``test_maps_readable.py``'s checks of the built maps.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import zonemap
from zonemap.cli import main

from .conftest import REPO
from .test_maps_browser import shared_browser
from .test_maps_readable import LAPTOP, LAYOUT_JS, MAX_COVER, PHONE, _open

pytestmark = pytest.mark.browser

#: Where each located point (drawn in the points' pane, not a landmark) is on the page, whether a fixed box covers it, and the fixed boxes.
MARKERS_JS = """() => {
  const m = Object.values(window).find(v => v instanceof L.Map), box = m.getContainer().getBoundingClientRect(), out = [];
  const boxes = [...document.querySelectorAll('.leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control')].map(e => e.getBoundingClientRect());
  m.eachLayer(l => { if (l instanceof L.CircleMarker && l.options.renderer && l.options.renderer.options.pane === 'zonemapPoints') {
    const p = m.latLngToContainerPoint(l.getLatLng()), x = box.left + p.x, y = box.top + p.y;
    const covered = boxes.some(b => x >= b.left - 8 && x <= b.right + 8 && y >= b.top - 8 && y <= b.bottom + 8);
    out.push({lat: l.getLatLng().lat, lon: l.getLatLng().lng, x, y, free: !covered && x > 20 && y > 20 && x < innerWidth - 20 && y < innerHeight - 20});
  } });
  return out; }"""
#: The open popup's box and the fixed boxes' boxes, as [left, top, right, bottom].
POPUP_JS = """() => { const r = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {popup: r(document.querySelector('.leaflet-popup-content-wrapper')),
          controls: [...document.querySelectorAll('.leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control')].map(r)}; }"""


@pytest.fixture(scope="module")
def chromium() -> Any:
    return shared_browser()


def _apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.fixture(scope="module")
def located_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``zonemap locate ... --map``: the 7 points of the Gaode example, and 300,000 points (100,000 drawn)."""
    folder = tmp_path_factory.mktemp("located")
    example = REPO / "docs" / "examples" / "gaode_points.csv"
    assert main(["locate", str(example), "--from-datum", "gcj02", "-o", str(folder / "few.geojson"), "--map", str(folder / "few.html"), "-q"]) == 0
    rng = np.random.default_rng(7)
    n = 300_000
    pd.DataFrame({"firm": [f"firm {i}" for i in range(n)], "lon": rng.uniform(114.0, 114.12, n), "lat": rng.uniform(22.47, 22.56, n)}).to_csv(
        folder / "many.csv", index=False)
    assert main(["locate", str(folder / "many.csv"), "-o", str(folder / "many.out.csv"), "--map", str(folder / "many.html"), "-q"]) == 0
    return {"few": folder / "few.html", "many": folder / "many.html", "few_points": folder / "few.geojson"}


@pytest.mark.parametrize("which", ["few", "many"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_located_points_maps_keep_their_boxes_small_and_apart(chromium: Any, located_maps: dict[str, Path], which: str,
                                                               viewport: tuple[int, int]) -> None:
    page = _open(chromium, located_maps[which], viewport)
    try:
        layout = page.page.evaluate(LAYOUT_JS)
        legend = page.page.evaluate("() => { const e = document.querySelector('.zonemap-points-legend'); "
                                    "return {tag: e.tagName, open: e.open, summary: e.querySelector('summary').textContent, text: e.textContent, "
                                    "corner: e.parentNode.className}; }")
    finally:
        page.close()
    assert page.errors == [], page.errors
    assert layout["cover"] <= MAX_COVER[viewport], (layout["cover"], layout["boxes"])
    assert layout["overlaps"] == [], layout["overlaps"]
    assert legend["tag"] == "DETAILS" and "leaflet-right" in legend["corner"]
    if viewport == PHONE:  # folded to a button, like the zones' legend
        assert not legend["open"] and not layout["legendOpen"]
    count = "100,000" if which == "many" else "7"
    assert legend["summary"] == f"Located points ({count})"
    assert ("100,000 of 300,000 points shown (a random sample)" in legend["text"]) == (which == "many")


def _click_a_free_point(page: Any) -> dict[str, Any]:
    free = [m for m in page.page.evaluate(MARKERS_JS) if m["free"]]
    assert free, "no point is clear of the boxes"
    point = free[0]
    page.page.mouse.click(point["x"], point["y"])
    page.page.wait_for_selector(".leaflet-popup-content", state="visible")
    page.page.wait_for_timeout(800)  # the map pans the popup clear of the boxes
    return point


def test_a_points_popup_names_its_row_and_pans_clear_of_the_boxes_on_a_phone(chromium: Any, located_maps: dict[str, Path]) -> None:
    import geopandas as gpd

    rows = gpd.read_file(located_maps["few_points"])
    page = _open(chromium, located_maps["few"], PHONE)
    try:
        point = _click_a_free_point(page)
        title = page.page.inner_text(".leaflet-popup-content .zonemap-popup-title")
        popup = page.page.inner_text(".leaflet-popup-content")
        boxes = page.page.evaluate(POPUP_JS)
    finally:
        page.close()
    assert page.errors == [], page.errors
    nearest = int(np.argmin(np.hypot(rows["lon_wgs84"] - point["lon"], rows["lat_wgs84"] - point["lat"])))
    assert title == rows["名称"][nearest], (title, popup)
    assert "Certainty" in popup and "Zones" in popup
    for control in boxes["controls"]:
        assert _apart(boxes["popup"], control), (boxes["popup"], control)


def test_a_sampled_map_says_so_in_every_language(tmp_path: Path) -> None:
    points = pd.DataFrame({"name": ["a", "b"], "lon": [114.0805, 114.0444], "lat": [22.5223, 22.5121]})
    for lang, words in (("en", "2 of 5 points shown (a random sample)"), ("zh-Hant", "顯示 5 點中的 2 點（隨機抽樣）"),
                        ("zh-Hans", "显示 5 点中的 2 点（随机抽样）"), ("bilingual", "顯示 5 點中的 2 點（隨機抽樣） / 2 of 5 points shown")):
        html = zonemap.render_map(points=points, points_total=5, lang=lang, basemap="none").get_root().render()
        assert words in html, lang
    whole = zonemap.render_map(points=points, points_total=2, basemap="none").get_root().render()
    assert "points shown" not in whole.split("<script")[-1]


#: Each relation line: a point on it clear of the fixed boxes (a vertex whose place on the page is the line's own
#: path), and its tooltip's text.
RELATION_LINES_JS = """() => {
  const m = Object.values(window).find(v => v instanceof L.Map), box = m.getContainer().getBoundingClientRect(), out = [];
  const boxes = [...document.querySelectorAll('.leaflet-top > .leaflet-control, .leaflet-bottom > .leaflet-control')].map(e => e.getBoundingClientRect());
  m.eachLayer(l => {
    if (!(l instanceof L.Polyline) || !l.feature || !['shares_border', 'across'].includes(l.feature.properties.style)) return;
    const line = l.getLatLngs().flat(3), tip = l.feature.properties.tip;
    for (const ll of [...line.slice(Math.floor(line.length / 2)), ...line.slice(0, Math.floor(line.length / 2))]) {
      const p = m.latLngToContainerPoint(ll), x = box.left + p.x, y = box.top + p.y;
      if (x < 8 || y < 8 || x > innerWidth - 8 || y > innerHeight - 8) continue;
      if (boxes.some(b => x >= b.left - 4 && x <= b.right + 4 && y >= b.top - 4 && y <= b.bottom + 4)) continue;
      if (document.elementFromPoint(x, y) !== l._path) continue;
      out.push({x, y, tip}); return;
    }
    out.push({x: null, y: null, tip});
  });
  return out; }"""


def test_tapping_a_relation_line_on_a_phone_shows_its_text_inside_the_screen(chromium: Any, tmp_path: Path) -> None:
    from zonemap.render.page import write_html

    path = tmp_path / "relations.html"
    write_html(zonemap.render_map(relations=True, basemap="none"), path)
    page = _open(chromium, path, PHONE)
    shown = []
    try:
        lines = page.page.evaluate(RELATION_LINES_JS)
        assert len(lines) >= 4 and all(line["x"] is not None for line in lines), lines
        for line in lines:
            page.page.touchscreen.tap(line["x"], line["y"])
            page.page.wait_for_selector(".leaflet-tooltip", state="visible", timeout=3000)
            page.page.wait_for_timeout(300)
            shown.append(page.page.evaluate("""() => {
              const t = [...document.querySelectorAll('.leaflet-tooltip')].map(e => { const r = e.getBoundingClientRect();
                return {text: e.innerText, l: r.left, t: r.top, r: r.right, b: r.bottom}; });
              return {tips: t, popups: document.querySelectorAll('.leaflet-popup').length, W: innerWidth, H: innerHeight}; }"""))
            page.page.evaluate("() => { const m = Object.values(window).find(v => v instanceof L.Map); m.closePopup(); "
                               "m.eachLayer(l => l.closeTooltip && l.closeTooltip()); }")  # the next tap starts afresh
    finally:
        page.close()
    assert page.errors == [], page.errors
    for line, seen in zip(lines, shown):
        assert seen["popups"] == 0, (line["tip"], "a zone's popup opened over the line")
        assert len(seen["tips"]) == 1 and seen["tips"][0]["text"].splitlines() == line["tip"], (line["tip"], seen["tips"])
        tip = seen["tips"][0]
        assert tip["l"] >= 0 and tip["r"] <= seen["W"] and tip["t"] >= 0 and tip["b"] <= seen["H"], (line["tip"], tip)


def test_a_points_popup_shows_its_rows_text_as_text(chromium: Any, tmp_path: Path) -> None:
    from zonemap.render.page import write_html

    hostile = '</script><img src=x onerror="window.hit=1">'
    points = pd.DataFrame({"lon": [114.0805], "lat": [22.5223], "名称": [hostile], "kind": ["<b>firm</b>"]})
    path = tmp_path / "hostile.html"
    write_html(zonemap.render_map(points=points, basemap="none"), path)
    assert hostile not in path.read_text(encoding="utf-8")
    page = _open(chromium, path, LAPTOP)
    try:
        _click_a_free_point(page)
        title = page.page.inner_text(".leaflet-popup-content .zonemap-popup-title")
        rows = page.page.evaluate("() => [...document.querySelectorAll('.leaflet-popup-content tr')].map(r => [...r.cells].map(c => c.textContent))")
        injected = page.page.evaluate("() => [document.querySelectorAll('.leaflet-popup-content img, .leaflet-popup-content td b').length, window.hit]")
    finally:
        page.close()
    assert page.errors == [], page.errors
    assert title == hostile and rows[0] == ["kind", "<b>firm</b>"]
    assert injected == [0, None]
