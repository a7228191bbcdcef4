"""A map of 100,000 located points in headless Chromium: it opens with no error, draws every point, answers a click,
and shows hostile zone names as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box

import zonemap
from zonemap import render_map, write_html

from .test_maps_browser import NODE_MODULES, Page, browser  # noqa: F401 (the session's browser fixture)

pytestmark = pytest.mark.browser

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


def test_a_map_of_100000_located_points_opens_without_errors(browser: Any, tmp_path: Path) -> None:  # noqa: F811
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


def test_hostile_zone_names_reach_the_points_layer_as_text(browser: Any, tmp_path: Path) -> None:  # noqa: F811
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
