"""The generated maps in a real browser: Debian's headless Chromium driven by Playwright, network off.

Folium's CDN files are served from ``tests/browser/node_modules`` (``npm ci``
there, done by ``scripts/run-tests.sh``); every other request, tiles included,
is refused. Nothing here is skipped: a missing browser or asset fails.
"""

from __future__ import annotations

import atexit
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box

import zonemap
from zonemap import build_maps, render_map, write_html
from zonemap.render.assets import UNUSED, local_asset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "tests" / "browser" / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: Every zone-shaped layer Leaflet drew, with whether its SVG path is in the page and has a shape.
DRAWN_ZONES_JS = """() => {
  const drawn = [];
  for (const key of Object.keys(window)) {
    const value = window[key];
    if (!(value instanceof L.Map)) continue;
    value.eachLayer(layer => {
      const props = layer.feature && layer.feature.properties;
      if (props && "key" in props && layer instanceof L.Path) {
        const path = layer._path;
        drawn.push({id: props.key, onPage: !!path && document.contains(path) && (path.getAttribute("d") || "").length > 10});
      }
    });
  }
  return drawn;
}"""
OVERLAYS_JS = """() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')].map(l => l.textContent.trim())"""


_SHARED: dict[str, Any] = {}


def shared_browser() -> Any:
    """One headless Chromium for every browser test of the session (Playwright's sync API runs one at a time)."""
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (scripts/run-tests.sh installs it)"
        assert (NODE_MODULES / "leaflet" / "dist" / "leaflet.js").is_file(), "run `npm ci` in tests/browser"
        playwright = sync_playwright().start()
        _SHARED["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def close() -> None:
            _SHARED.pop("browser").close()
            playwright.stop()

        atexit.register(close)
    return _SHARED["browser"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    yield shared_browser()


class Page:
    """A map opened from disk: CDN files served locally (or, ``offline``, nothing but files), everything else
    refused, errors collected. A viewport narrower than 600 px is a phone's (touch, mobile)."""

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int] = (1200, 900), *, offline: bool = False) -> None:
        self.errors: list[str] = []
        self.refused: list[str] = []
        self.offline = offline
        phone = viewport[0] < 600
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, has_touch=phone, is_mobile=phone)
        self.context.route("**/*", self._serve)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"JavaScript error: {error}"))
        self.page.on("console", self._console)
        self.page.goto(path.as_uri(), wait_until="load")
        if path.name != "index.html":
            self.page.wait_for_function("() => document.querySelector('.leaflet-container') !== null")

    def _console(self, message: Any) -> None:
        # A refused tile shows as "Failed to load resource" at the tile's URL: expected with the network off.
        if message.type == "error" and message.location.get("url") not in self.refused:
            self.errors.append(f"console error: {message.text} ({message.location.get('url')})")

    def _serve(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
            return
        if self.offline:
            self.refused.append(url)
            route.abort()
            return
        if url in UNUSED:
            route.fulfill(status=200, content_type="text/css", body="")
            return
        local = local_asset(url, NODE_MODULES)
        if local is not None and local.is_file():
            route.fulfill(path=str(local))
            return
        if local is not None:
            self.errors.append(f"asset missing from node_modules: {url} -> {local}")
        self.refused.append(url)
        route.abort()

    def drawn_zones(self) -> list[dict[str, Any]]:
        return self.page.evaluate(DRAWN_ZONES_JS)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def built_maps(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_maps(tmp_path_factory.mktemp("maps_out"))


def test_every_built_map_loads_without_errors_and_draws_its_zones(browser: Any, built_maps: list[Path], tmp_path: Path) -> None:
    zones = zonemap.load_zones()
    expected = {
        "overview.html": len(zones),
        "relations.html": len(zones),
        "history.html": 5,
        **{f"zone_{ident}.html": 1 for ident in zones["id"]},
    }
    assert {p.name for p in built_maps} == {*expected, "index.html"}
    for path in built_maps:
        if path.name == "index.html":
            continue
        page = Page(browser, path)
        try:
            drawn = page.drawn_zones()
            overlays = page.page.evaluate(OVERLAYS_JS)
            page.page.screenshot(path=str(tmp_path / f"{path.stem}.png"))
        finally:
            page.close()
        assert page.errors == [], f"{path.name}: {page.errors}"
        assert len(drawn) == expected[path.name], f"{path.name}: drew {drawn}"
        assert all(d["onPage"] for d in drawn), f"{path.name}: a zone has no SVG path on the page: {drawn}"
        assert "Zones" in overlays and "Shenzhen River" in overlays, f"{path.name}: {overlays}"
        assert (tmp_path / f"{path.stem}.png").stat().st_size > 10_000
        # The only requests refused are tiles: every script and style sheet was served.
        assert all("tile" in url or "arcgisonline" in url for url in page.refused), page.refused


def test_overview_shows_relations_milestones_and_controls(browser: Any, built_maps: list[Path]) -> None:
    by_name = {p.name: p for p in built_maps}
    page = Page(browser, by_name["relations.html"])
    try:
        overlays = page.page.evaluate(OVERLAYS_JS)
        page_bases = page.page.evaluate("() => [...document.querySelectorAll('.leaflet-control-layers-base label')].map(l => l.textContent.trim())")
        controls = page.page.evaluate(
            "() => ['.leaflet-control-scale', '.leaflet-control-measure', '.leaflet-control-minimap',"
            " '.leaflet-control-mouseposition', '.leaflet-control-zoom-fullscreen', '.zonemap-legend']"
            ".filter(s => document.querySelector(s) !== null)"
        )
        labels = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-label')].map(e => e.textContent)")
    finally:
        page.close()
    assert page.errors == []
    assert "Relations" in overlays
    assert page_bases == ["OpenStreetMap", "CARTO light", "Esri satellite imagery"], page_bases
    assert len(controls) == 6, controls
    assert any("Loop A" in label for label in labels)
    assert any(label.strip().endswith(" m") for label in labels), "relation lengths are labelled"

    page = Page(browser, by_name["history.html"])
    try:
        pills = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-marker')].map(e => e.textContent)")
    finally:
        page.close()
    assert page.errors == []
    years = zonemap.load_layer("milestones")["year"].tolist()
    assert len(pills) == len(years)
    for n, (pill, year) in enumerate(zip(pills, years), start=1):
        assert pill in (f"{n} · {year}", str(n)), (n, pill)  # shortened to its number where the full pill has no room


def test_offline_map_with_local_assets_makes_no_request_at_all(browser: Any, tmp_path: Path) -> None:
    path = write_html(render_map(basemap="none"), tmp_path / "offline.html", assets=NODE_MODULES)
    page = Page(browser, path)
    try:
        drawn = page.drawn_zones()
    finally:
        page.close()
    assert page.errors == []
    assert page.refused == []
    assert len(drawn) == len(zonemap.load_zones())


PAYLOADS = {
    "name_en": '<img src=x onerror="window.__pwned = \'name_en\'">',
    "name_zh_hant": "<script>window.__pwned = 'name_zh_hant'</script>",
    "jurisdiction": "<svg onload=\"window.__pwned = 'jurisdiction'\">{{ 7*7 }}",
    "status": '"><img src=x onerror="window.__pwned=\'status\'">',
    "accuracy_m": "<iframe srcdoc=\"<script>parent.__pwned='accuracy'</script>\">",
    "attribution": "<a href=\"javascript:window.__pwned='attribution'\">source</a>",
    "label": "<img src=x onerror=\"window.__pwned='label'\">",
}


def hostile_zones() -> gpd.GeoDataFrame:
    rows = []
    idents = ["<b>bold</b>", "x'); window.__pwned='id'; ('", "a`+(window.__pwned='backtick')+`", "C:\\users\\zones`"]
    for i, ident in enumerate(idents):
        rows.append({"id": ident, **PAYLOADS, "geometry": box(114.06 + 0.008 * i, 22.51, 114.068 + 0.008 * i, 22.518)})
    return gpd.GeoDataFrame(rows, crs=4326)


@pytest.mark.parametrize("label_field", [None, "label"])
def test_injected_markup_in_properties_runs_nothing_on_hover_or_click(
    browser: Any, tmp_path: Path, label_field: str | None
) -> None:
    fmap = render_map(hostile_zones(), basemap="none", label_field=label_field, title=PAYLOADS["label"], relations=True)
    path = write_html(fmap, tmp_path / "hostile.html")
    page = Page(browser, path)
    try:
        points = page.page.evaluate(
            """() => { const out = [];
              for (const key of Object.keys(window)) { const m = window[key]; if (!(m instanceof L.Map)) continue;
                m.eachLayer(l => { if (l.feature && 'key' in l.feature.properties && l instanceof L.Path) {
                  const box = l._path.getBoundingClientRect();
                  out.push([box.left + box.width / 2, box.top + box.height / 4]); } }); }
              return out; }"""
        )
        assert len(points) == 4, "every zone drawn: no syntax error stopped the page"
        shown = []
        for x, y in points:
            page.page.mouse.move(x, y)
            page.page.wait_for_selector(".leaflet-tooltip", state="visible")
            shown.append(page.page.inner_text(".leaflet-tooltip"))
            page.page.mouse.click(x, y)
            page.page.wait_for_selector(".leaflet-popup-content", state="visible")
            shown.append(page.page.inner_text(".leaflet-popup-content"))
        page.page.wait_for_timeout(300)
        pwned = page.page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
        injected = page.page.evaluate("() => document.querySelectorAll('.leaflet-pane img, .leaflet-pane svg [onload], iframe, .leaflet-pane a[href^=javascript]').length")
        labels = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-label-zone')].map(e => e.textContent)")
        note = page.page.inner_text(".zonemap-header")
    finally:
        page.close()
    assert pwned is None, f"a payload ran: {pwned}"
    assert injected == 0
    text = json.dumps(shown)
    assert "<img src=x" in text or PAYLOADS["name_en"] in "".join(shown), "payloads are shown as text"
    assert "<script>" in "".join(shown)
    assert "{{ 7*7 }}" in "".join(shown), "template syntax in data is shown as text, not evaluated"
    assert PAYLOADS["label"] in note
    if label_field is not None:
        # labels give way where they would collide, so not all four need be shown: those shown show the payload as text
        assert labels and all(PAYLOADS["label"] in label for label in labels), labels
    assert page.errors == []


def test_the_page_decodes_the_compact_coordinates_to_the_zones_own(browser: Any, tmp_path: Path) -> None:
    import numpy as np
    import shapely

    zones = zonemap.load_zones().set_index("id").geometry
    path = write_html(render_map(basemap="none"), tmp_path / "decoded.html")
    page = Page(browser, path)
    try:
        rings = page.page.evaluate(
            """() => { const out = {};
              for (const key of Object.keys(window)) { const m = window[key]; if (!(m instanceof L.Map)) continue;
                m.eachLayer(l => { if (l.feature && 'key' in l.feature.properties && l instanceof L.Polygon) {
                  out[l.feature.properties.key] = l.feature.geometry.coordinates; } }); }
              return out; }"""
        )
    finally:
        page.close()
    assert page.errors == []
    assert set(rings) == set(zones.index)
    for ident, coordinates in rings.items():
        exterior = np.asarray(coordinates[0] if zones[ident].geom_type == "Polygon" else coordinates[0][0])
        expected = np.asarray(shapely.get_coordinates(shapely.get_exterior_ring(shapely.get_geometry(zones[ident], 0))))
        assert exterior.shape == expected.shape and np.abs(exterior - expected).max() <= 0.5e-6 + 1e-12, ident


@pytest.mark.parametrize("basemap", ["gaode", "tencent"])
def test_maps_on_chinese_tiles_load_and_show_the_datum_note(browser: Any, tmp_path: Path, basemap: str) -> None:
    path = write_html(render_map(basemap=basemap, relations=True), tmp_path / f"{basemap}.html")
    page = Page(browser, path)
    try:
        drawn = page.drawn_zones()
        notes = page.page.evaluate("() => [...document.querySelectorAll('.zonemap-note')].map(e => e.textContent)")
    finally:
        page.close()
    assert page.errors == []
    assert len(drawn) == len(zonemap.load_zones())
    assert any("GCJ-02" in note for note in notes)
    assert all("autonavi.com" in url or "gtimg.com" in url for url in page.refused), page.refused


# --- Located points (zonemap.locate, issue 14): a map of 100,000 of them, and hostile zone names ----------------------
COUNT_JS = """() => { let n = 0; for (const k of Object.keys(window)) { const v = window[k];
  if (v instanceof L.Map) { v.eachLayer(l => { if (l instanceof L.CircleMarker && l.options.renderer && l.options.renderer.options.pane === "zonemapPoints") { n++; } }); } }
  return n; }"""
CLICK_JS = """([lat, lon]) => { for (const k of Object.keys(window)) { const v = window[k];
  if (v instanceof L.Map) { const p = v.latLngToContainerPoint([lat, lon]); const r = v.getContainer().getBoundingClientRect();
  return [p.x + r.left, p.y + r.top]; } } }"""


def many_points(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    west, south, east, north = zonemap.load_zones().total_bounds
    return rng.uniform(west - 0.01, east + 0.01, n), rng.uniform(south - 0.01, north + 0.01, n)


def test_a_map_of_100000_located_points_opens_without_errors(browser: Any, tmp_path: Path) -> None:
    lon, lat = many_points(100_000)
    lon[0], lat[0] = 114.0805, 22.5223  # in Loop A, surely
    located = zonemap.locate((lon, lat))
    path = write_html(render_map(basemap="none", points=located), tmp_path / "points.html", assets=NODE_MODULES)
    assert path.stat().st_size < 8_000_000
    page = Page(browser, path)
    try:
        drawn = page.page.evaluate(COUNT_JS)
        legend = page.page.evaluate("() => document.querySelector('.zonemap-points-legend').textContent")
        page.page.evaluate("() => { for (const k of Object.keys(window)) { if (window[k] instanceof L.Map) { window[k].setView([22.5223, 114.0805], 18, {animate: false}); } } }")
        x, y = page.page.evaluate(CLICK_JS, [22.5223, 114.0805])
        page.page.mouse.click(x, y)
        page.page.wait_for_selector(".zonemap-point-popup", timeout=10_000)
        popup = page.page.evaluate("() => document.querySelector('.zonemap-point-popup').textContent")
        page.page.screenshot(path=str(tmp_path / "points.png"))
    finally:
        page.close()
    assert page.errors == []
    assert drawn == 100_000
    assert "Located points (100,000)" in legend and "Lok Ma Chau Loop" in legend and "Uncertain (near an edge)" in legend
    assert "Lok Ma Chau Loop" in popup and "Inside (surely)" in popup and "22.522300, 114.080500" in popup
    assert (tmp_path / "points.png").stat().st_size > 10_000


def test_hostile_zone_names_reach_the_points_layer_as_text(browser: Any, tmp_path: Path) -> None:
    payload = '<img src=x onerror="window.__pwned = 1">{{ 7*7 }}'
    zones = gpd.GeoDataFrame({"id": ["</script><b>x</b>"], "name_en": [payload]}, geometry=[box(114.06, 22.51, 114.07, 22.52)], crs=4326)
    located = zonemap.locate(([114.065, 114.2], [22.515, 22.3]), zones=zones)
    path = write_html(render_map(zones, basemap="none", points=located), tmp_path / "hostile.html", assets=NODE_MODULES)
    page = Page(browser, path)
    try:
        legend = page.page.evaluate("() => document.querySelector('.zonemap-points-legend').textContent")
        pwned = page.page.evaluate("() => window.__pwned === undefined")
    finally:
        page.close()
    assert page.errors == [] and pwned
    assert payload in legend
