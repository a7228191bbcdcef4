"""Relations between zones: bundled data, exact grids, jittered grids, properties, edge cases."""

from __future__ import annotations

from itertools import pairwise

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
from zonemap.relate import relations

from .conftest import LOCAL_METRES


def table_of(frame, **options):
    return relations(frame, **options).table()


@pytest.fixture(scope="module")
def bundled():
    return relations().table()


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
    # The regulated channel is about 130 m wide; the Huanggang part (and so the Shenzhen Park) is drawn to the
    # boundary in mid-river (its official figure is measured so), Loop C to the bank.
    assert (50 < row.gap_m < 80) if other == "shenzhen_park" else (100 < row.gap_m < 160)
    assert "Shenzhen River" in row.in_gap
    assert row.facing_length_m > 1000


def test_shenzhen_park_contains_both_parts_which_meet_without_overlapping(bundled):
    for part in ("futian_bonded_zone", "huanggang_port_area"):
        row = pair(bundled, part, "shenzhen_park")
        assert (row.left, row.relation) in {(part, "within"), ("shenzhen_park", "contains")}
    link = pair(bundled, "futian_bonded_zone", "huanggang_port_area")
    assert link.relation == "shares_border" and link.overlap_area_m2 == 0  # the Futian part's link east reaches the port


def test_the_bundled_default_is_the_bundled_zones_with_their_preset(bundled):
    explicit = relations(zonemap.load_zones(), **zonemap.bundled.relations_preset()).table()
    pd.testing.assert_frame_equal(bundled, explicit)
    assert relations(zonemap.load_zones()).table().relation.isin(["across_river"]).sum() == 0, "no preset: no river crossing"


def test_lines_graph_and_geojson(bundled):
    related = relations()
    lines = related.lines()
    border = lines[(lines.left == "loop_a") & (lines.right == "loop_b")].geometry.item()
    assert border.geom_type in ("LineString", "MultiLineString")
    assert lines.crs.to_epsg() == 4326
    graph = related.to_networkx()
    assert graph.nodes["loop_a"]["name_zh_hans"].startswith("落马洲河套")
    assert graph.edges["loop_a", "loop_b"]["relation"] == "shares_border"
    assert graph.number_of_edges() == len(bundled)
    import json

    document = json.loads(related.to_geojson())
    assert document["type"] == "FeatureCollection" and len(document["features"]) == len(lines)
    assert "crs" not in document


def test_a_graph_of_a_users_relations_holds_only_the_users_zones():
    mine = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=LOCAL_METRES)
    graph = relations(mine).to_networkx()
    assert sorted(graph.nodes) == ["a", "b"] and graph.number_of_edges() == 1


def test_relations_is_an_immutable_result():
    related = relations()
    table = related.table()
    table.loc[0, "relation"] = "changed"
    assert related.table().loc[0, "relation"] != "changed"
    assert related.tolerance_m == 1.0 and related.across_m == 250.0 and related.metric_crs.to_epsg() == 2326
    assert "23 related pairs of 8 zones" in repr(related) or "related pairs of 8 zones" in repr(related)


def test_relations_attributes_are_read_only():
    mine = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=LOCAL_METRES)
    related = relations(mine, tolerance_m=2)
    for name, value in (("tolerance_m", 99), ("across_m", 5), ("metric_crs", None), ("ids", ("x",)), ("foo", 1), ("_pairs", None)):
        with pytest.raises(AttributeError, match="Relations is immutable"):
            setattr(related, name, value)
    for name in ("tolerance_m", "_ids"):
        with pytest.raises(AttributeError):
            delattr(related, name)
    assert related.tolerance_m == 2.0 and related.across_m == 0.0 and related.ids == ("a", "b")
    assert not hasattr(related, "foo")
    assert related.table().shared_length_m.item() == pytest.approx(100.0, rel=1e-5), "the cached table still works"


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
    table = table_of(grid(4), tolerance_m=0.5)
    rook = table[table.relation == "shares_border"]
    queen_only = table[table.relation == "touches_at_point"]
    assert len(rook) == 2 * 4 * 3  # 24 edges in a 4 x 4 grid
    assert len(queen_only) == 2 * 3 * 3  # 18 diagonal corner contacts
    np.testing.assert_allclose(rook.shared_length_m, 100, rtol=1e-4)
    assert (queen_only.shared_length_m == 0).all()


def test_threaded_chunks_give_the_same_result(monkeypatch):
    from zonemap.relate import _threads

    frame = grid(6, jitter=0.05, seed=2)
    single = table_of(frame, tolerance_m=0.5, across_m=150, threads=1)
    monkeypatch.setattr(_threads, "CHUNK_MIN", 5)  # small inputs split over three threads too
    threaded = table_of(frame, tolerance_m=0.5, across_m=150, threads=3)
    pd.testing.assert_frame_equal(threaded, single)
    assert (single.relation == "shares_border").sum() == 2 * 6 * 5


def test_jittered_grid_keeps_its_neighbours():
    exact = table_of(grid(5), tolerance_m=0.5)
    jittered = table_of(grid(5, jitter=0.05, seed=1), tolerance_m=0.5)
    assert neighbour_sets(jittered, "shares_border") == neighbour_sets(exact, "shares_border")
    lengths = jittered[jittered.relation == "shares_border"].shared_length_m
    np.testing.assert_allclose(lengths, 100, rtol=5e-3)


def test_gaps_are_found_only_within_across_m():
    left = box(0, 0, 100, 100)
    right = box(150, 0, 250, 100)
    frame = gpd.GeoDataFrame({"id": ["l", "r"]}, geometry=[left, right], crs=LOCAL_METRES)
    assert table_of(frame).empty  # off by default for user data
    row = table_of(frame, across_m=60).iloc[0]
    assert row.relation == "across_gap" and row.gap_m == pytest.approx(50, rel=1e-3)
    assert row.facing_length_m == pytest.approx(100, rel=0.02)
    water = gpd.GeoDataFrame({"name_en": ["Canal"]}, geometry=[box(100, -10, 150, 110)], crs=LOCAL_METRES)
    assert table_of(frame, across_m=60, gap_features=water).iloc[0].in_gap == "Canal"


def test_facing_length_does_not_depend_on_the_names():
    """Two boxes of different widths facing each other: the same measures whichever is named first."""
    shapes = [box(0, 0, 100, 100), box(150, -50, 250, 150)]
    forward = table_of(gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=shapes, crs=LOCAL_METRES), across_m=60).iloc[0]
    backward = table_of(gpd.GeoDataFrame({"id": ["b", "a"]}, geometry=shapes, crs=LOCAL_METRES), across_m=60).iloc[0]
    assert forward.facing_length_m == pytest.approx(backward.facing_length_m, abs=1e-9)
    assert {forward.facing_left_m, forward.facing_right_m} == {backward.facing_left_m, backward.facing_right_m}


@st.composite
def coverages(draw):
    n = draw(st.integers(2, 4))
    jitter = draw(st.sampled_from([0.0, 0.02]))
    frame = grid(n, jitter=jitter, seed=draw(st.integers(0, 1000)))
    keep = draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n))
    kept = frame[np.array(keep)]
    return kept if len(kept) >= 2 else frame


def canonical(table, rename=None):
    """Every measure of every pair, keyed by the unordered pair (ids mapped back through ``rename``)."""
    back = {v: k for k, v in (rename or {}).items()}
    rows = set()
    for r in table.itertuples():
        left, right = back.get(r.left, r.left), back.get(r.right, r.right)
        relation = r.relation
        if relation in ("contains", "within"):
            relation = f"{left} contains {right}" if relation == "contains" else f"{right} contains {left}"
        facing = tuple(sorted(((left, round(r.facing_left_m, 6)), (right, round(r.facing_right_m, 6)))))
        rows.add((frozenset((left, right)), relation, round(r.shared_length_m, 6), round(r.gap_m, 6),
                  round(r.facing_length_m, 6), facing, round(r.overlap_area_m2, 6)))
    return rows


@settings(max_examples=25, deadline=None)
@given(coverages(), st.randoms(use_true_random=False), st.floats(-5000, 5000), st.floats(-5000, 5000))
def test_renaming_or_reordering_zones_changes_no_measure(frame, rnd, dx, dy):
    table = table_of(frame, tolerance_m=0.5, across_m=30)
    perimeters = dict(zip(frame.id, frame.geometry.length))
    for r in table.itertuples():
        assert r.shared_length_m <= min(perimeters[r.left], perimeters[r.right]) + 1e-6
    assert canonical(table_of(frame.iloc[::-1], tolerance_m=0.5, across_m=30)) == canonical(table)
    order = list(range(len(frame)))
    rnd.shuffle(order)
    assert canonical(table_of(frame.iloc[order], tolerance_m=0.5, across_m=30)) == canonical(table)
    names = list(frame.id)
    shuffled = names[:]
    rnd.shuffle(shuffled)
    rename = {old: f"z{new}" for old, new in zip(names, shuffled)}  # new names in another alphabetical order
    renamed = frame.assign(id=frame.id.map(rename))
    assert canonical(table_of(renamed, tolerance_m=0.5, across_m=30), rename) == canonical(table)
    moved = frame.set_geometry(frame.geometry.translate(dx, dy))
    moved_table = table_of(moved, tolerance_m=0.5, across_m=30)
    assert {(k, rel) for k, rel, *_ in canonical(moved_table)} == {(k, rel) for k, rel, *_ in canonical(table)}


def test_empty_and_single_zone():
    empty = gpd.GeoDataFrame({"id": []}, geometry=[], crs=4326)
    with pytest.raises(zonemap.ZoneDataError, match="holds no zones"):
        relations(empty)
    one = gpd.GeoDataFrame({"id": ["x"]}, geometry=[box(114.0, 22.5, 114.01, 22.51)], crs=4326)
    assert len(relations(one)) == 0 and list(relations(one).table().columns)[:3] == ["left", "right", "relation"]
    assert relations(one).lines().empty


def test_multipolygons_and_holes():
    ring = box(0, 0, 300, 300).difference(box(100, 100, 200, 200))
    island = box(100, 100, 200, 200)
    pieces = MultiPolygon([box(450, 0, 550, 100), box(300, 0, 400, 100)])
    frame = gpd.GeoDataFrame({"id": ["ring", "island", "pieces"]}, geometry=[ring, island, pieces], crs=LOCAL_METRES)
    table = table_of(frame, tolerance_m=0.5)
    assert pair(table, "ring", "island").relation == "shares_border"
    assert pair(table, "ring", "island").shared_length_m == pytest.approx(400, rel=2e-3)
    assert pair(table, "ring", "pieces").shared_length_m == pytest.approx(100, rel=2e-3)


def test_containment_and_overlap():
    frame = gpd.GeoDataFrame(
        {"id": ["big", "small", "across"]},
        geometry=[box(0, 0, 100, 100), box(10, 10, 20, 20), box(90, 40, 150, 60)],
        crs=LOCAL_METRES,
    )
    table = table_of(frame)
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
    with pytest.raises(zonemap.ZoneDataError, match="occurs 2 times"):
        relations(twins)
    ok = twins.assign(id=["a", "b"])
    with pytest.raises(ValueError, match="negative"):
        relations(ok, tolerance_m=-1)
    for absurd in (float("inf"), float("nan")):
        with pytest.raises(ValueError, match="finite"):
            relations(ok, across_m=absurd)
    with pytest.raises(TypeError, match="number of metres"):
        relations(ok, tolerance_m="1")
    for name in ("tolerance_m", "across_m"):  # finite but absurd: GEOS failed on these before they were bounded
        for huge in (1e9, 1e200, 1e300):
            with pytest.raises(ValueError, match=rf"{name} must be at most 1,000,000 m \(1,000 km\)"):
                relations(ok, **{name: huge})
    at_the_bound = relations(ok, tolerance_m=1_000_000, across_m=1_000_000)  # the bound itself is allowed
    assert at_the_bound.across_m == 1e6 and at_the_bound.table()[["left", "right"]].values.tolist() == [["a", "b"]]
    with pytest.raises(TypeError, match="threads must be an integer"):
        relations(ok, threads="2")
    with pytest.raises(TypeError, match="GeoDataFrame or GeoSeries"):
        relations(pd.DataFrame({"id": ["a"]}))


def test_translation_of_the_bundled_zones_keeps_relations(zones):
    moved = zones.to_crs(2326)
    moved = moved.set_geometry(moved.geometry.map(lambda g: translate(g, 1234.5, -987.6)))
    table = table_of(zones, across_m=250)
    again = table_of(moved, across_m=250)
    assert list(table.relation) == list(again.relation)
    np.testing.assert_allclose(table.shared_length_m, again.shared_length_m, rtol=1e-3, atol=0.1)


# The exact-edge fast path: segments shared exactly are matched by hashing, the rest within the tolerance.


def voronoi(n: int, seed: int = 0, jitter: float = 0.0) -> gpd.GeoDataFrame:
    """A Voronoi coverage of about n cells of about 100 m (metres); with ``jitter``, each cell moves its own vertices."""
    rng = np.random.default_rng(seed)
    side = 100.0 * np.sqrt(n)
    frame = box(0, 0, side, side)
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, side, (n, 2))), extend_to=frame)), frame)
    if jitter:
        rings = [np.asarray(cell.exterior.coords) for cell in cells]
        for ring in rings:
            ring[:-1] += rng.uniform(-jitter, jitter, ring[:-1].shape)
            ring[-1] = ring[0]
        cells = shapely.make_valid(np.array([Polygon(r) for r in rings]))
    return gpd.GeoDataFrame({"id": [f"c{i}" for i in range(len(cells))]}, geometry=cells, crs=LOCAL_METRES)


def without_fast_path(frame, **options):
    """The table when every segment goes through the tolerant (STRtree) matching."""
    from zonemap.relate import _outlines

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_outlines, "EXACT_TWINS", False)
        return table_of(frame, **options)


def assert_same_measures(fast, tolerant, atol=1e-6):
    """The same pairs, relations and measures; lengths within ``atol`` metres (1e-6 m unless said)."""
    key = ["left", "right"]
    fast, tolerant = fast.sort_values(key).reset_index(drop=True), tolerant.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(fast[key + ["relation", "in_gap"]], tolerant[key + ["relation", "in_gap"]])
    numbers = [c for c in fast.columns if c.endswith(("_m", "_m2"))]
    np.testing.assert_allclose(fast[numbers].to_numpy(float), tolerant[numbers].to_numpy(float), rtol=0, atol=atol)


def test_exact_twins_are_found_by_hashing():
    from zonemap.relate._outlines import outlines

    frame = grid(3)
    lines = outlines(np.asarray(frame.geometry.array), 0.5)
    assert len(lines.twin_a) == 2 * 3 * 2  # 12 inner edges, each on two squares
    owners = {frozenset(p) for p in zip(lines.owner[lines.twin_a].tolist(), lines.owner[lines.twin_b].tolist())}
    assert {0, 1} in [set(o) for o in owners] and {0, 4} not in [set(o) for o in owners]  # corner neighbours share no edge
    assert lines.exact.all()
    jittered = outlines(np.asarray(grid(3, jitter=0.01, seed=3).geometry.array), 0.5)
    assert len(jittered.twin_a) == 12 and not jittered.exact.any()  # the same edges, as near twins
    assert len(outlines(np.asarray(grid(3, jitter=0.01, seed=3).geometry.array), 0.001).twin_a) == 0  # cm apart: not near at 1 mm


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 5), st.lists(st.booleans(), min_size=25, max_size=25), st.integers(0, 1000), st.sampled_from([0.0, 0.03]))
def test_fast_and_tolerant_paths_agree_on_grids(n, keep, seed, jitter):
    """Random grids, with some cells removed and some jittered: exact twins and tolerant matches mixed."""
    frame = grid(n)
    moved = grid(n, jitter=jitter, seed=seed).geometry
    rng = np.random.default_rng(seed)
    frame = frame.set_geometry(np.where(rng.random(n * n) < 0.5, moved.to_numpy(), frame.geometry.to_numpy()))
    kept = frame[np.array(keep[: n * n])]
    frame = kept if len(kept) >= 2 else frame
    fast = table_of(frame, tolerance_m=0.5, across_m=30)
    # A near twin runs along its twin alone; the tolerant path also counts the few millimetres a segment's jittered
    # end runs along the next segment of a collinear border: up to the jitter, per end.
    assert_same_measures(fast, without_fast_path(frame, tolerance_m=0.5, across_m=30), atol=1e-6 if jitter == 0 else 4 * jitter)


def test_fast_and_tolerant_paths_agree_on_a_voronoi_coverage():
    exact = voronoi(300, seed=4)
    fast = table_of(exact, tolerance_m=0.05)
    assert_same_measures(fast, without_fast_path(exact, tolerance_m=0.05))
    jittered = voronoi(300, seed=4, jitter=0.01)
    assert_same_measures(table_of(jittered, tolerance_m=0.05), without_fast_path(jittered, tolerance_m=0.05))
    assert neighbour_sets(table_of(jittered, tolerance_m=0.05), "shares_border") == neighbour_sets(fast, "shares_border")


def test_exact_shared_lengths_equal_the_length_of_the_intersection():
    """On an exact coverage every shared border measures what libpysal's by_perimeter weights measure."""
    frame = voronoi(400, seed=7)
    table = table_of(frame, tolerance_m=0.5)
    border = table[table.relation == "shares_border"]
    shapes = dict(zip(frame.id, frame.geometry))
    truth = shapely.length(shapely.intersection([shapes[i] for i in border.left], [shapes[i] for i in border.right]))
    np.testing.assert_allclose(border.shared_left_m, truth, rtol=0, atol=1e-6)
    np.testing.assert_allclose(border.shared_right_m, truth, rtol=0, atol=1e-6)
    assert len(border) > 1000


def test_overlaps_are_still_found_among_exactly_shared_edges():
    """A composite drawn with the same vertices as its parts, and a copy of one part: not a clean coverage."""
    cells = grid(2)
    composite = shapely.union_all(cells.geometry.to_numpy())
    extra = gpd.GeoDataFrame({"id": ["all", "copy"]}, geometry=[composite, cells.geometry.iloc[0]], crs=LOCAL_METRES)
    table = table_of(pd.concat([cells, extra], ignore_index=True), tolerance_m=0.5)
    for part in cells.id:
        row = pair(table, part, "all")
        assert (row.left, row.relation) in {(part, "within"), ("all", "contains")}
    assert pair(table, "0-0", "copy").relation in ("contains", "within")
    assert pair(table, "0-0", "0-1").relation == "shares_border"


def test_the_overlap_proof_accepts_only_clean_coverages():
    from zonemap.relate._outlines import outlines
    from zonemap.relate._overlap import no_overlaps

    def proved(geometries):
        geometries = np.asarray(geometries, dtype=object)
        return no_overlaps(geometries, outlines(geometries, 0.5), 0.5)

    clean = voronoi(200, seed=1).geometry.to_numpy()
    assert proved(clean)
    assert proved(grid(3).geometry.to_numpy())
    assert not proved(np.r_[clean, [box(10, 10, 20, 20)]])  # a small zone inside others
    assert not proved(np.r_[clean, clean[:1]])  # a zone twice
    assert proved(grid(2, jitter=0.01, seed=1).geometry.to_numpy())  # vertices 2 cm apart at most: snapped, proved
    assert proved(voronoi(200, seed=1, jitter=0.03).geometry.to_numpy())
    jittered = voronoi(200, seed=1, jitter=0.03).geometry.to_numpy()
    assert not proved(np.r_[jittered, [box(10, 10, 20, 20)]])  # a small zone inside others
    assert not proved(np.r_[jittered, translate(jittered[0], 0.2, 0)])  # a zone twice, 20 cm off
    assert not proved(grid(2, jitter=0.2, seed=1).geometry.to_numpy())  # vertices up to 57 cm apart: not snapped
    t_junction = [box(0, 0, 100, 100), box(100, 0, 200, 50), box(100, 50, 200, 100)]  # no vertex at (100, 50) on the left
    assert not proved(t_junction)


# Near twins: zones digitised apart, their border vertices snapped together.


def test_snapping_gathers_near_points_and_leaves_the_rest():
    from zonemap.relate._snap import snap_points

    points = np.array([[0.0, 0.0], [0.06, -0.04], [0.03, 0.07], [3.0, 3.0], [3.0, 3.0], [3.09, 3.0], [7.0, 0.0]])
    snapped, number = snap_points(points, 0.5)  # linked within 0.0833 m along both axes; moved at most 0.125 m
    np.testing.assert_allclose(snapped[:3], [[0.03, 0.01]] * 3, atol=1e-12)  # a chain of three: to their mean
    assert snapped[0].tolist() == snapped[1].tolist() == snapped[2].tolist()
    tripled = np.array([[0.1, 0.7], [0.1, 0.7], [0.1, 0.7], [0.3, 0.3]])  # the mean of three 0.1s is not 0.1
    assert snap_points(tripled, 0.5)[0].tolist() == tripled.tolist()  # equal points stay exactly where they are
    np.testing.assert_array_equal(snapped[3], snapped[4])  # identical points stay together
    assert len(set(number[:3])) == 1 and number[3] == number[4] and len(set(number.tolist())) == 4
    assert snapped[5].tolist() == [3.09, 3.0] and snapped[6].tolist() == [7.0, 0.0]  # 9 cm off along x: not linked
    chain = np.column_stack([np.arange(0, 1.0, 0.05), np.zeros(20)])  # 5 cm apart, a metre long: too wide to move
    chain = np.r_[chain, chain[:1]]
    snapped, number = snap_points(chain, 0.5)
    np.testing.assert_array_equal(snapped, chain)
    assert number[0] == number[-1] and len(set(number.tolist())) == 20  # only the equal points are the same
    for tolerance in (0.0, 1e-9):  # no snapping, or a grid too fine to draw: equal points only
        snapped, number = snap_points(np.r_[points, points[:1]], tolerance)
        assert snapped.tolist() == np.r_[points, points[:1]].tolist() and number[0] == number[-1] and number[3] == number[4]
        assert len(set(number.tolist())) == 6


def test_segments_of_multipolygons_come_as_ring_by_ring():
    from zonemap.relate._pairs import segments

    shapes = np.array([box(0, 0, 1, 1), MultiPolygon([box(2, 0, 3, 1), Polygon([(4, 0), (4, 1), (5, 1)])]), box(6, 0, 7, 2)])
    start, end, owner, inside_left, vertex = segments(shapes)
    coordinates = shapely.get_coordinates(shapes)
    assert owner.tolist() == [0] * 4 + [1] * 7 + [2] * 4
    assert inside_left.tolist() == [True] * 8 + [False] * 3 + [True] * 4  # the triangle is drawn clockwise
    np.testing.assert_array_equal(coordinates[vertex], start)
    np.testing.assert_array_equal(coordinates[vertex + 1], end)


def test_near_twins_measure_the_borders_of_the_exact_coverage():
    """Every vertex jittered by up to 3 cm: the same neighbours as the exact coverage, lengths within 10 cm of it."""
    exact, jittered = voronoi(300, seed=5), voronoi(300, seed=5, jitter=0.03)
    truth = table_of(exact, tolerance_m=0.5).set_index(["left", "right"])
    found = table_of(jittered, tolerance_m=0.5).set_index(["left", "right"])
    borders = truth.index[truth.relation == "shares_border"]
    assert set(found.index[found.relation == "shares_border"]) == set(borders)
    error = (found.loc[borders, ["shared_left_m", "shared_right_m"]] - truth.loc[borders, ["shared_left_m", "shared_right_m"]]).abs()
    assert error.to_numpy().max() < 0.1


def test_an_overlap_in_a_jittered_coverage_is_still_found():
    """The proof fails (a zone moved 10 m over its neighbours) and the overlap test finds the overlaps."""
    frame = voronoi(200, seed=2, jitter=0.03)
    moved = frame.copy()
    moved.loc[0, "geometry"] = translate(frame.geometry.iloc[0], 10.0, 0.0)
    table = table_of(moved, tolerance_m=0.5)
    relation = {frozenset(p): r for p, r in zip(zip(table.left, table.right), table.relation)}
    shapes = moved.set_index("id").geometry
    shared = {other: shapes["c0"].intersection(shapes[other]).area for other in shapes.index[1:]}
    assert sum(area > 300 for area in shared.values()) >= 2
    for other, area in shared.items():
        if area > 300:
            assert relation[frozenset(("c0", other))] == "overlaps"
        elif area < 1:
            assert relation.get(frozenset(("c0", other)), "") != "overlaps"


def test_slivers_snapped_flat_are_no_border_in_the_overlap_proof():
    """Two equal squares, each edge twinned with a thin sliver outside it whose apex snaps onto the edge (the sliver
    snaps flat): the slivers must not hide that the squares overlap (found by an adversarial review)."""
    side, height = 100.0, 0.0625
    square = Polygon([(0, 0), (side, 0), (side, side), (0, side)])
    halves = Polygon([(0, 0), (50, 0), (side, 0), (side, 50), (side, side), (50, side), (0, side), (0, 50)])
    slivers, tips = {}, []
    for name, shape, share in (("square", square, 0.37), ("halves", halves, 0.3)):
        ring, parts = np.asarray(shape.exterior.coords), []
        for p, q in pairwise(ring):
            along = (q - p) / np.linalg.norm(q - p)
            out = np.array([along[1], -along[0]])
            apex = p + share * (q - p)
            parts.append(Polygon([q, p, apex + height * out]))  # outside the edge, its base the edge itself
            tips.append(Polygon([apex - 2 * along, apex - height * out, apex + 2 * along]))  # inside: tip snaps with apex
        slivers[name] = MultiPolygon(parts)
    shapes = [square, halves, slivers["square"], slivers["halves"], MultiPolygon(tips)]
    frame = gpd.GeoDataFrame({"id": ["square", "halves", "s1", "s2", "tips"]}, geometry=shapes, crs=LOCAL_METRES)
    from zonemap.relate._outlines import outlines
    from zonemap.relate._overlap import no_overlaps

    geometries = np.asarray(frame.geometry.array, dtype=object)
    assert not no_overlaps(geometries, outlines(geometries, 1.0), 1.0)
    assert pair(table_of(frame, tolerance_m=1.0), "square", "halves").relation in ("contains", "within")


def test_a_long_chain_of_close_vertices_is_one_cluster():
    """A U-shaped chain (a corridor's two sides joined at one end), its points numbered from both ends inwards:
    one component, the smallest number its label. (Labels passed one hop a round took a round per point.)"""
    from zonemap.relate._snap import _components

    n = 100_000
    order = np.empty(n, dtype=int)
    order[0::2], order[1::2] = np.arange(n // 2), np.arange(n - 1, n // 2 - 1, -1)  # 0, n-1, 1, n-2, ...
    labels = _components(n, order[:-1], order[1:])
    assert (labels == 0).all()
    two = _components(6, np.array([0, 1, 3, 4]), np.array([1, 2, 4, 5]))
    assert two.tolist() == [0, 0, 0, 3, 3, 3]


def test_a_tiny_edge_shared_exactly_keeps_its_exact_length():
    """Four cells whose middle junction is split by a 10 cm edge, shorter than the snapping distance: snapping turns
    that edge into a point, yet it is still measured as shared exactly, and every other border exactly too."""
    sites = shapely.multipoints(np.array([[-50, 0], [50, 0], [0, 50.05], [0, -50.05]]))
    square = box(-100, -100, 100, 100)
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(sites, extend_to=square)), square)
    frame = gpd.GeoDataFrame({"id": [f"c{i}" for i in range(4)]}, geometry=cells, crs=LOCAL_METRES)
    table = table_of(frame, tolerance_m=1.0)  # points within 1/6 m are snapped together: the 10 cm edge is
    for row in table.itertuples():
        truth = shapely.length(shapely.intersection(cells[int(row.left[1:])], cells[int(row.right[1:])]))
        if row.relation == "shares_border":
            assert row.shared_left_m == pytest.approx(truth, abs=1e-9) and row.shared_right_m == pytest.approx(truth, abs=1e-9)
        else:
            assert row.relation == "touches_at_point" and truth < 2.0
    from zonemap.relate._outlines import outlines

    lines = outlines(np.asarray(cells, dtype=object), 1.0)
    length = np.hypot(*(lines.end - lines.start).T)
    tiny = np.flatnonzero((length > 0.09) & (length < 0.11))
    assert len(tiny) == 2 and (lines.snapped_start[tiny] == lines.snapped_end[tiny]).all()  # snapped to a point
    assert set(tiny) <= set(lines.twin_a) | set(lines.twin_b)  # still twins


# Certain orientations: crossing twins (distance 0 without GEOS) and convex rings (valid without rebuilding).


def test_the_gap_of_every_pair_is_the_distance_geos_measures():
    """Pairs whose near twins cross are 0 apart without asking GEOS: every gap still equals shapely's distance."""
    frame = voronoi(300, seed=8, jitter=0.03)
    table = table_of(frame, tolerance_m=0.5)
    shapes = dict(zip(frame.id, frame.geometry))
    truth = shapely.distance([shapes[i] for i in table.left], [shapes[i] for i in table.right])
    np.testing.assert_array_equal(table.gap_m.to_numpy(), truth)
    assert (truth == 0).sum() > 300 and (truth > 0).sum() > 100  # both kinds, crossing twins and twins apart


def test_crossings_and_turns_are_certain_or_not_claimed():
    from zonemap.relate._crossing import certain_turns, crossing

    far = 8e5 + 8e5j  # coordinates of a national grid: rounding errors of about 1e-10 m
    a0, a1 = np.array([far, far]), np.array([far + 10, far + 10])
    b0, b1 = np.array([far + 5 + 1e-3j, far + 5 + 1e-13j]), np.array([far + 5 - 1e-3j, far + 5 - 1e-13j])
    assert crossing(a0, a1, b0, b1).tolist() == [True, False]  # 1 mm either side: a crossing; 1e-13 m: not certain
    assert crossing(b0, b1, a0, a1).tolist() == [True, False]
    assert not crossing(np.array([0j]), np.array([2 + 0j]), np.array([1 + 0j]), np.array([1 + 1j])).any()  # a T: touching
    almost = np.array([0.1 + 0.3j, 1e8 + 1j, 1 + 0j])
    assert certain_turns(almost, np.array([0.3 + 0.9j, 3e8 + 3j, 1e-300j])).tolist() == [0, 0, 1]
    assert certain_turns(np.array([1 + 0j]), np.array([-1e-300j])).tolist() == [-1]


def test_convex_rings_are_the_strictly_convex_ones_going_round_once():
    from zonemap.relate._crossing import convex_rings

    def verdicts(*rings):
        points = [np.asarray(r, dtype=complex) for r in rings]
        ring = np.repeat(np.arange(len(points)), [len(p) for p in points])
        return convex_rings(np.concatenate(points), np.concatenate([np.roll(p, -1) for p in points]), ring).tolist()

    circle = np.exp(2j * np.pi * np.arange(64) / 64) * 100 + (8e5 + 8e5j)
    assert verdicts(circle, circle[::-1]) == [True, True]  # either way round
    assert verdicts([0, 1, 1 + 1j, 1j], [0, 1, 1, 1 + 1j, 1j]) == [True, False]  # a repeated point: a zero-length edge
    assert verdicts([0, 1, 2, 2 + 1j], [0, 2, 1 + 1e-9j, 2 + 1j, 1j]) == [False, False]  # straight, and dented by 1e-9
    star = np.exp(2j * np.pi * np.arange(7) * 3 / 7)  # every turn left, round three times
    assert verdicts(star, np.exp(2j * np.pi * np.arange(7) * 2 / 7)) == [False, False]
    bowtie = [0, 1 + 1j, 1, 1j]  # turns alternate
    assert verdicts(bowtie) == [False]


def test_the_overlap_proof_checks_the_zones_snapping_could_make_invalid():
    """Convex zones are taken as valid once snapped; any other zone that moved is rebuilt and checked."""
    from zonemap.relate._outlines import outlines
    from zonemap.relate._overlap import no_overlaps

    def proved(shapes, tolerance=0.5):
        geometries = np.asarray(shapes, dtype=object)
        return no_overlaps(geometries, outlines(geometries, tolerance), tolerance)

    cells = list(grid(3, jitter=0.01, seed=4).geometry)
    assert proved(cells)
    # The middle cell with a notch 4 cm wide: snapping closes it, and its two sides then run along each other (an
    # invalid zone). Its neighbour has a vertex facing the notch, so every border still pairs off: only the check of
    # the zones that are not convex finds it.
    cells[4] = Polygon([(100, 100), (200, 100), (200, 149.98), (120, 149.98), (120, 150.02), (200, 150.02), (200, 200), (100, 200)])
    cells[5] = Polygon([(200.01, 100.01), (300, 100), (300, 200), (200.01, 199.99), (200.01, 150.01)])
    assert not proved(cells)
    ell = Polygon([(0, 0), (200, 0), (200, 100), (100.02, 100), (100.02, 200), (0, 200)])  # not convex: rebuilt, valid
    assert proved([ell, Polygon([(100.03, 100.01), (199.98, 99.99), (200, 200), (100.01, 200.02)])])
