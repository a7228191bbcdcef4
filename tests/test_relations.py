"""Relations between zones: bundled data, exact grids, jittered grids, properties, edge cases."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box

import zonemap
from zonemap.relations import relations, relations_graph

# Metres on a plane tangent at the Loop, so the grids below measure true (scale error < 1e-5).
LOCAL_METRES = "+proj=laea +lat_0=22.52 +lon_0=114.07 +datum=WGS84 +units=m +no_defs"


@pytest.fixture(scope="module")
def bundled():
    return relations()


def pair(table, left, right):
    rows = table[((table.left == left) & (table.right == right)) | ((table.left == right) & (table.right == left))]
    assert len(rows) == 1, (left, right, rows)
    return rows.iloc[0]


def test_loop_a_and_loop_b_share_the_old_channel(bundled):
    row = pair(bundled, "loop_a", "loop_b")
    assert row.relation == "shares_border"
    assert 2000 < row.shared_length_m < 3500  # the old meander is about 3.1 km along its centre line
    assert row.overlap_area_m2 == 0


@pytest.mark.parametrize("other", ["shenzhen_park", "loop_c"])
def test_loop_a_faces_the_shenzhen_side_across_the_river(bundled, other):
    row = pair(bundled, "loop_a", other)
    assert row.relation == "across_river"
    assert 100 < row.gap_m < 160  # the regulated channel is drawn 130 m wide
    assert "Shenzhen River" in row.in_gap
    assert row.facing_length_m > 1000


def test_shenzhen_park_contains_both_parts_which_do_not_overlap(bundled):
    for part in ("futian_bonded_zone", "huanggang_port_area"):
        row = pair(bundled, part, "shenzhen_park")
        assert (row.left, row.relation) in {(part, "within"), ("shenzhen_park", "contains")}
    assert not ((bundled.left == "futian_bonded_zone") & (bundled.right == "huanggang_port_area")).any()


def test_lines_and_graph(bundled):
    lines = relations(lines=True)
    border = lines[(lines.left == "loop_a") & (lines.right == "loop_b")].geometry.item()
    assert border.geom_type in ("LineString", "MultiLineString")
    assert lines.crs.to_epsg() == 4326
    graph = relations_graph(bundled)
    assert graph.nodes["loop_a"]["name_zh_hans"].startswith("落马洲河套")
    assert graph.edges["loop_a", "loop_b"]["relation"] == "shares_border"
    assert graph.number_of_edges() == len(bundled)


def grid(n: int, jitter: float = 0.0, seed: int = 0) -> gpd.GeoDataFrame:
    """n x n unit (100 m) squares in metres; optionally every vertex jittered independently."""
    rng = np.random.default_rng(seed)
    cells = []
    for row in range(n):
        for col in range(n):
            ring = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float) * 100 + [col * 100, row * 100]
            ring += rng.uniform(-jitter, jitter, ring.shape)
            cells.append(Polygon(ring))
    ids = [f"{r}-{c}" for r in range(n) for c in range(n)]
    return gpd.GeoDataFrame({"id": ids}, geometry=cells, crs=LOCAL_METRES)


def neighbour_sets(table, relation):
    chosen = table[table.relation == relation]
    return {frozenset(p) for p in zip(chosen.left, chosen.right)}


def test_grid_exact_counts_and_lengths():
    table = relations(grid(4), tolerance_m=0.5)
    rook = table[table.relation == "shares_border"]
    queen_only = table[table.relation == "touches_at_point"]
    assert len(rook) == 2 * 4 * 3  # 24 edges in a 4 x 4 grid
    assert len(queen_only) == 2 * 3 * 3  # 18 diagonal corner contacts
    np.testing.assert_allclose(rook.shared_length_m, 100, rtol=1e-4)
    assert (queen_only.shared_length_m == 0).all()


def test_threaded_chunks_give_the_same_result(monkeypatch):
    import importlib

    module = importlib.import_module("zonemap.relations")  # the package's `relations` attribute is the function

    frame = grid(6, jitter=0.05, seed=2)
    single = relations(frame, tolerance_m=0.5, across_m=150)
    monkeypatch.setattr(module, "THREADS", 3)
    monkeypatch.setattr(module, "CHUNK_MIN", 5)  # small inputs split over three threads too
    threaded = relations(frame, tolerance_m=0.5, across_m=150)
    pd.testing.assert_frame_equal(threaded, single)
    assert (single.relation == "shares_border").sum() == 2 * 6 * 5


def test_jittered_grid_keeps_its_neighbours():
    exact = relations(grid(5), tolerance_m=0.5)
    jittered = relations(grid(5, jitter=0.05, seed=1), tolerance_m=0.5)
    assert neighbour_sets(jittered, "shares_border") == neighbour_sets(exact, "shares_border")
    lengths = jittered[jittered.relation == "shares_border"].shared_length_m
    np.testing.assert_allclose(lengths, 100, rtol=5e-3)


def test_gaps_are_found_only_within_across_m():
    left = box(0, 0, 100, 100)
    right = box(150, 0, 250, 100)
    frame = gpd.GeoDataFrame({"id": ["l", "r"]}, geometry=[left, right], crs=LOCAL_METRES)
    assert relations(frame).empty  # off by default for user data
    row = relations(frame, across_m=60).iloc[0]
    assert row.relation == "across_gap" and row.gap_m == pytest.approx(50, rel=1e-3)
    assert row.facing_length_m == pytest.approx(100, rel=0.02)
    water = gpd.GeoDataFrame({"name_en": ["Canal"]}, geometry=[box(100, -10, 150, 110)], crs=LOCAL_METRES)
    assert relations(frame, across_m=60, gap_features=water).iloc[0].in_gap == "Canal"


@st.composite
def coverages(draw):
    n = draw(st.integers(2, 4))
    jitter = draw(st.sampled_from([0.0, 0.02]))
    frame = grid(n, jitter=jitter, seed=draw(st.integers(0, 1000)))
    keep = draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n))
    kept = frame[np.array(keep)]
    return kept if len(kept) >= 2 else frame


def canonical(table):
    rows = set()
    for r in table.itertuples():
        relation = {"contains": "within", "within": "within"}.get(r.relation, r.relation)
        rows.add((frozenset((r.left, r.right)), relation, round(r.shared_length_m, 3), round(r.gap_m, 3)))
    return rows


@settings(max_examples=25, deadline=None)
@given(coverages(), st.randoms(use_true_random=False), st.floats(-5000, 5000), st.floats(-5000, 5000))
def test_properties_symmetry_bounds_shuffle_and_translation(frame, rnd, dx, dy):
    table = relations(frame, tolerance_m=0.5, across_m=30)
    perimeters = dict(zip(frame.id, frame.geometry.length))
    for r in table.itertuples():
        assert r.shared_length_m <= min(perimeters[r.left], perimeters[r.right]) + 1e-6
    swapped = frame.iloc[::-1]
    assert canonical(relations(swapped, tolerance_m=0.5, across_m=30)) == canonical(table)
    order = list(range(len(frame)))
    rnd.shuffle(order)
    assert canonical(relations(frame.iloc[order], tolerance_m=0.5, across_m=30)) == canonical(table)
    moved = frame.set_geometry(frame.geometry.translate(dx, dy))
    moved_table = relations(moved, tolerance_m=0.5, across_m=30)
    assert {(k, rel) for k, rel, *_ in canonical(moved_table)} == {(k, rel) for k, rel, *_ in canonical(table)}


def test_empty_and_single_zone():
    empty = gpd.GeoDataFrame({"id": []}, geometry=[], crs=4326)
    assert relations(empty).empty and list(relations(empty).columns)[:3] == ["left", "right", "relation"]
    one = gpd.GeoDataFrame({"id": ["x"]}, geometry=[box(114.0, 22.5, 114.01, 22.51)], crs=4326)
    assert relations(one).empty
    assert relations(one, lines=True).empty


def test_multipolygons_and_holes():
    ring = box(0, 0, 300, 300).difference(box(100, 100, 200, 200))
    island = box(100, 100, 200, 200)
    pieces = MultiPolygon([box(450, 0, 550, 100), box(300, 0, 400, 100)])
    frame = gpd.GeoDataFrame({"id": ["ring", "island", "pieces"]}, geometry=[ring, island, pieces], crs=LOCAL_METRES)
    table = relations(frame, tolerance_m=0.5)
    assert pair(table, "ring", "island").relation == "shares_border"
    assert pair(table, "ring", "island").shared_length_m == pytest.approx(400, rel=2e-3)
    assert pair(table, "ring", "pieces").shared_length_m == pytest.approx(100, rel=2e-3)


def test_containment_and_overlap():
    frame = gpd.GeoDataFrame(
        {"id": ["big", "small", "across"]},
        geometry=[box(0, 0, 100, 100), box(10, 10, 20, 20), box(90, 40, 150, 60)],
        crs=LOCAL_METRES,
    )
    table = relations(frame)
    assert pair(table, "big", "small").relation == "contains"
    overlap = pair(table, "big", "across")
    assert overlap.relation == "overlaps" and overlap.overlap_area_m2 == pytest.approx(200, rel=1e-3)


def test_bad_inputs_raise_clear_errors():
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    frame = gpd.GeoDataFrame({"id": ["bow", "ok"]}, geometry=[bowtie, box(2, 2, 3, 3)], crs=LOCAL_METRES)
    with pytest.raises(zonemap.ZoneDataError, match=r"'bow'.*invalid"):
        relations(frame)
    points = gpd.GeoDataFrame({"id": ["p", "q"]}, geometry=shapely.points([[0, 0], [1, 1]]), crs=LOCAL_METRES)
    with pytest.raises(zonemap.ZoneDataError, match=r"'p'.*Point; zones must be Polygon"):
        relations(points)
    twins = gpd.GeoDataFrame({"id": ["t", "t"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=LOCAL_METRES)
    with pytest.raises(zonemap.ZoneDataError, match="not unique"):
        relations(twins)
    with pytest.raises(ValueError, match="negative"):
        relations(twins.assign(id=["a", "b"]), tolerance_m=-1)


def test_translation_of_the_bundled_zones_keeps_relations(zones):
    moved = zones.to_crs(2326)
    moved = moved.set_geometry(moved.geometry.map(lambda g: translate(g, 1234.5, -987.6)))
    table = relations(zones, across_m=250)
    again = relations(moved, across_m=250)
    assert list(table.relation) == list(again.relation)
    np.testing.assert_allclose(table.shared_length_m, again.shared_length_m, rtol=1e-3, atol=0.1)
