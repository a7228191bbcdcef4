"""Hostile text in every field reaches every output only as text: maps, KML, CSV, JSON, the terminal, the PNG.

The browser half (payloads must not run in Chromium) is in test_maps_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

import zonemap
from zonemap.render.page import map_html

#: Text that would run, break or mislead if any output took it for markup, code, a formula or a command.
HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "</script><script>alert(2)</script>",
    "a`+alert(3)+`",  # would run inside a JavaScript template literal
    "`",  # a lone backtick: a syntax error there
    "C:\\users\\zones",  # backslashes
    "{{ 7*7 }} {% if 1 %}x{% endif %}",  # Jinja
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+2", "-3", "@SUM(A1)",  # spreadsheet formulas
    "\x1b[31mred\x1b[0m\x07", "line\nbreak\rreturn",  # terminal escapes
    "\x01\x02\x0b\x0c control", "\u2028\u2029 separators",
    "$\\frac12$ and $\\foo$",  # TeX
    "javascript:alert(4)",
    "'\"&<>",
]


def hostile_zones() -> gpd.GeoDataFrame:
    rows = []
    for i, text in enumerate(HOSTILE):
        x = 114.0 + 0.002 * i
        rows.append({"id": f"z{i}{text}", "name_en": text, "name_zh_hant": text, "status": text, "jurisdiction": text,
                     "attribution": text, "description": text, "geometry": box(x, 22.5, x + 0.002, 22.502)})
    return gpd.GeoDataFrame(pd.DataFrame(rows).astype({"id": object}), crs=4326)


@pytest.fixture(scope="module")
def zones() -> gpd.GeoDataFrame:
    return hostile_zones()


def test_the_map_carries_every_text_only_as_inert_json_or_escaped_html(zones) -> None:
    page = map_html(zonemap.render_map(zones, title=HOSTILE[0], relations=True, label_field="name_en"))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    for text in HOSTILE:
        if re.search(r"[<>&']", text):
            assert text not in page, f"{text!r} appears raw"  # in JSON these are \u escapes; in HTML, entities
    assert not any("</script" in s.lower() for s in scripts)
    assert "alert(" not in "".join(re.findall(r"<[^>]*>", page)), "no payload inside a tag"


def test_zonemaps_own_scripts_use_no_template_literals() -> None:
    """Data in zonemap's scripts is JSON, never spliced into a `template literal`, where a backtick would end it."""
    import ast

    from .conftest import REPO

    scripts = []
    for path in (REPO / "zonemap" / "render").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Template":
                scripts += [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "").endswith("_JS") for t in node.targets):
                scripts += [n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert len(scripts) >= 5
    assert not any("`" in script for script in scripts)


def test_kml_is_well_formed_and_keeps_the_text(zones) -> None:
    document = ET.fromstring(zonemap.export_zones(zones, format="kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [p.find("k:name", ns).text or "" for p in document.findall(".//k:Placemark", ns)]
    assert names[0] == HOSTILE[0] and names[5] == HOSTILE[5]
    assert names[12] == " control"  # characters XML forbids are dropped, the rest kept


def test_csv_cells_never_start_a_formula(zones, tmp_path: Path, cli) -> None:
    path = tmp_path / "hostile.geojson"
    path.write_text(zones.to_json(), encoding="utf-8")
    for args in (["export", path, "--format", "csv"], ["areas", path, "--format", "csv"], ["relations", path, "--format", "csv"]):
        done = cli(*args)
        assert done.status == 0, done.err
        for row in csv.reader(io.StringIO(done.out)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not re.match(r"-[^\d]", cell), (args[0], cell)
    rows = list(csv.DictReader(io.StringIO(cli("export", path, "--format", "csv").out)))
    assert rows[6]["name_en"] == "'" + HOSTILE[6] and rows[8]["name_en"] == "'-3"


def test_the_terminal_never_receives_a_control_character(zones, tmp_path: Path, cli) -> None:
    path = tmp_path / "hostile.geojson"
    path.write_text(zones.to_json(), encoding="utf-8")
    for args in (["areas", path], ["relations", path], ["validate", path], ["map", path, "--label-field", "nope", "-o", tmp_path / "m.html"]):
        done = cli(*args)
        for stream in (done.out, done.err):
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]", stream), (args[0], stream[:200])
    shown = cli("areas", path).out
    assert "\\x1b[31mred" in shown, "shown escaped, so the reader sees what is there"


def test_json_outputs_stay_valid_json(zones) -> None:
    document = json.loads(zonemap.export_zones(zones))
    assert [f["properties"]["name_en"] for f in document["features"]] == HOSTILE
    json.loads(zonemap.relations(zones).to_geojson())


def test_the_png_draws_tex_and_control_text_as_text(zones) -> None:
    assert zonemap.render_png(zones).startswith(b"\x89PNG")
