"""Maps without waste: bundled layers parsed once per process, no second Jinja compilation, one pass over rows.

Timing is for ``benchmarks/maps.py``; these tests count the work instead, and
check that the faster paths give what the plain ones gave. (That the pages stayed byte-identical through this
work was checked when it was done, on two whole builds, against the commit before it; the data have changed since.)
"""

from __future__ import annotations

import collections
import math
from typing import Any

import folium
import geopandas as gpd
import jinja2
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

import zonemap
from zonemap import bundled
from zonemap.render.elements import RenderedOnce
from zonemap.render.label_layout import label_candidates
from zonemap.render.page import map_html
from zonemap.render.rows import records, shown_areas


def test_a_build_parses_each_bundled_layer_once_per_process(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: collections.Counter[str] = collections.Counter()
    original = bundled.parse_collection

    def counting(data: Any, source: str, **kwargs: Any) -> Any:
        parsed[source] += 1
        return original(data, source, **kwargs)

    monkeypatch.setattr(bundled, "parse_collection", counting)
    bundled._layer.cache_clear()
    try:
        for _ in range(2):
            zonemap.build_maps(tmp_path, basemap="none", force=True)
    finally:
        bundled._layer.cache_clear()  # the next test parses them unpatched
    assert parsed, "the build read no bundled layer"
    assert set(parsed.values()) == {1}, parsed
    assert len(parsed) <= len(bundled.LAYERS)


def test_callers_get_copies_of_the_cached_layers() -> None:
    first = bundled.load_layer("river")
    first.loc[:, "name_en"] = "changed"
    first.loc[first.index[0], first.geometry.name] = Point(0, 0)
    again = bundled.load_layer("river")
    assert "changed" not in set(again["name_en"])
    assert not again.geometry.iloc[0].equals(Point(0, 0))
    # and their own geometry objects: GEOS state built lazily inside a shared geometry crashed threaded renders
    other = bundled.load_zones().geometry.array
    shared = {id(g) for g in bundled.load_zones().geometry.array} & {id(g) for g in other}
    assert not shared


def test_a_warm_render_compiles_no_template_of_its_own_output(monkeypatch: pytest.MonkeyPatch) -> None:
    map_html(zonemap.render_map(relations=True, layers=("river", "boundary", "landmarks", "milestones")))  # templates of each class, once
    compiled: list[str] = []
    original = jinja2.Environment.from_string

    def counting(self: jinja2.Environment, source: Any, *args: Any, **kwargs: Any) -> Any:
        compiled.append(str(source))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "from_string", counting)
    map_html(zonemap.render_map(relations=True, layers=("river", "boundary", "landmarks", "milestones")))
    # branca's Figure compiles its one meta tag per map; before, every element's output was compiled again (about 18 a map)
    assert len(compiled) <= 1, [source[:60] for source in compiled]


def test_folium_classes_render_the_same_text_once_and_never_evaluate_it() -> None:
    from zonemap.render.folium_classes import FeatureGroup, LayerControl, Map

    def page(group_class: type) -> str:
        fmap = Map(location=[22.5, 114.0], tiles=None)
        group_class(name="plain name").add_to(fmap)
        LayerControl().add_to(fmap)
        return str(fmap.get_root().render())

    ours, theirs = page(FeatureGroup), page(folium.FeatureGroup)
    assert "plain name" in ours
    assert _without_ids(ours) == _without_ids(theirs)  # the same page, but for folium's random ids
    fmap = Map(location=[22.5, 114.0], tiles=None)
    FeatureGroup(name="{{ 7 * 7 }}").add_to(fmap)
    LayerControl().add_to(fmap)
    rendered = _without_ids(str(fmap.get_root().render()))  # folium's random hex ids may hold a 49 by chance
    assert "{{ 7 * 7 }}" in rendered and "49" not in rendered.replace("{{ 7 * 7 }}", "")
    assert isinstance(fmap, folium.Map) and issubclass(FeatureGroup, RenderedOnce)


def _without_ids(page: str) -> str:
    import re

    return re.sub(r"_[0-9a-f]{32}", "_ID", page)


def test_records_are_what_to_dict_gives() -> None:
    frames = [bundled.load_layer(name) for name in bundled.LAYERS]
    mixed = gpd.GeoDataFrame(
        {
            "id": ["a", "b", "c"],
            "count": [1, 2, 3],
            "share": [0.5, math.nan, 1.5],
            "flag": [True, False, True],
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "numpy_in_object": pd.Series([np.float64(1.5), np.int64(2), "x"], dtype=object),
            "lists": [["p", "q"], [], None],
            "when": pd.to_datetime(["2020-01-01", "2021-06-30", None]),
        },
        geometry=[Point(0, 0), box(0, 0, 1, 1), None],
        crs=4326,
    )
    for frame in [*frames, mixed, mixed.rename_geometry("shape"), mixed.iloc[:0]]:
        expected = frame.drop(columns=frame.geometry.name).to_dict("records")
        got = records(frame)
        assert [list(r) for r in got] == [list(r) for r in expected]
        for row, want in zip(got, expected):
            for key, value in want.items():
                assert type(row[key]) is type(value), (key, row[key], value)
                assert row[key] == value or (value != value and row[key] != row[key]) or value is pd.NaT, (key, row[key], value)


def test_shown_areas_are_the_areas_table_values() -> None:
    zones, outlines = bundled.load_zones(), bundled.areas_preset()["outlines"]
    table = zonemap.areas(zones, outlines=outlines)
    shown = pd.DataFrame(shown_areas(zones, zones["id"].to_numpy(dtype=object), outlines))
    pd.testing.assert_frame_equal(shown, table[list(shown.columns)], check_exact=True)
    assert table["area_min_m2"].notna().sum() >= 3  # the bundled outlines give ranges: the comparison covers them


def test_label_candidates_leave_the_geometries_as_given_and_stay_inside() -> None:
    shapes = [shapely.Point(0, 0).buffer(1, quad_segs=64), box(0.5, -0.5, 3, 0.5), box(10, 10, 11, 12)]
    given = shapely.to_wkb(shapes)
    found = label_candidates(shapes)
    assert (shapely.to_wkb(shapes) == given).all() and not shapely.is_prepared(shapes).any()
    assert [len(points) for points in found] == [6, 6, 6]
    for shape, points in zip(shapes, found):
        assert all(shape.contains(p) for p in points)
    # the box under the circle: its first candidate lies in the part the circle does not cover
    assert not shapes[0].contains(found[1][0])


def test_the_deepest_grid_points_are_found_without_measuring_every_point() -> None:
    from zonemap.render.deep_points import deep_points

    rng = np.random.default_rng(7)
    shapes = [shapely.Point(0, 0).buffer(1, quad_segs=300), box(0, 0, 100, 1).segmentize(0.05)]  # ties by symmetry; long and thin
    for k in range(60):
        n = int(rng.integers(200, 1500))
        angles = np.sort(rng.uniform(0, 2 * np.pi, n))
        radius = 1 + 0.5 * rng.random(n) * (k % 2) + 0.3 * np.sin(angles * (1 + k % 7))
        shape = shapely.Polygon(np.column_stack([radius * np.cos(angles), radius * np.sin(angles)]) * 10 ** rng.uniform(-3, 3)).buffer(0)
        if k % 3 == 0:
            shape = shape.difference(shape.centroid.buffer(0.2 * math.sqrt(shape.area), quad_segs=50))
        shapes.append(shape)
    for shape in shapes:
        west, south, east, north = shape.bounds
        step = max(east - west, north - south) / 10
        xs, ys = np.meshgrid(np.arange(west + step / 2, east, step), np.arange(south + step / 2, north, step))
        grid = shapely.points(xs.ravel(), ys.ravel())
        inside = grid[shapely.contains(shape, grid)]
        depth = shapely.distance(inside, shape.boundary)
        expected = inside[np.argsort(-depth, kind="stable")][:18]  # every point measured, as the definition says
        found = deep_points(shape, 18)
        assert len(found) == len(expected)
        assert all(a.equals_exact(b, 0) for a, b in zip(found, expected))


def test_small_round_zones_get_quick_candidates_that_are_inside_deep_and_apart() -> None:
    rng = np.random.default_rng(3)
    angles = np.linspace(0, 2 * np.pi, 100, endpoint=False)
    shapes = []
    for k in range(400):  # a 20 x 20 grid of noisy circles of radius 1: each small against the whole grid
        radius = 1 + 0.05 * rng.standard_normal(100)
        shapes.append(shapely.Polygon(np.column_stack([4 * (k % 20) + radius * np.cos(angles), 4 * (k // 20) + radius * np.sin(angles)])))
    shapes.append(box(-1, 90, 3, 90.5))  # small but thin: no ring fits, the grid's deepest points instead
    found = label_candidates(shapes)
    for k, (shape, points) in enumerate(zip(shapes, found)):
        assert all(shape.contains(p) for p in points), k
        xy = shapely.get_coordinates(points)
        gaps = np.hypot(*(xy[:, None] - xy[None]).transpose(2, 0, 1))[np.triu_indices(len(xy), 1)]
        assert (gaps > 2 / 8).all(), k  # apart by more than 1/8 of the zone's size
    for shape, points in zip(shapes[:400], found[:400]):
        assert len(points) == 6
        assert shape.boundary.distance(points[0]) > 0.8 * 0.85  # the noise keeps a circle's nearest vertex ~0.85 away
    assert found[0][1].x == pytest.approx(found[0][0].x, abs=1e-12) and found[0][1].y > found[0][0].y  # the ring: above first
    assert len(found[400]) >= 3 and found[400][0].y == pytest.approx(90.25, abs=0.01)


def test_label_places_never_prepare_the_callers_geometries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Preparing or unpreparing a geometry another thread is using crashes GEOS (a segfault in threaded renders
    of the bundled zones, whose shapes every render shares): only private copies may be prepared."""
    from zonemap.locating._raster import ZoneRaster
    from zonemap.render import deep_points as module

    zones = np.array([box(0, 0, 4, 1), box(5, 0, 6, 6)], dtype=object)
    theirs = {id(g) for g in zones}
    touched: list[int] = []
    for name in ("prepare", "destroy_prepared"):
        original = getattr(shapely, name)

        def recording(geometry: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            touched.extend(id(g) for g in np.atleast_1d(np.asarray(geometry, dtype=object)))
            return _original(geometry, *args, **kwargs)

        monkeypatch.setattr(shapely, name, recording)
    module.deep_points_of(zones, 3, shapely.bounds(zones))
    ZoneRaster([list(zones), list(zones), list(zones)])
    assert touched, "copies were prepared"
    assert not theirs & set(touched)
    assert not shapely.is_prepared(zones).any()
