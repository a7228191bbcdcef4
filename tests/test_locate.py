"""locate against an independent check: shapely's ``contains`` on the bundled outlines, and distances measured by shapely
in another metric CRS (EPSG:2326); points in GCJ-02 and BD-09 land where their WGS-84 originals do; every input type;
bad rows; zones of the user's with an accuracy, with outlines, and more than 64 of them."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import zonemap
from zonemap import datums
from zonemap.locating._distance import SegmentDistance
from zonemap.locating._raster import ZoneRaster


def sample_points(zones: gpd.GeoDataFrame, n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Points where the answers are hard: near every outline's vertices and edges, on vertices, and uniformly around."""
    rng = np.random.default_rng(seed)
    outlines = zonemap.load_layer("zone_outlines")
    lines = np.concatenate([zones.boundary.to_numpy(), outlines.boundary.to_numpy()])
    dense = shapely.get_coordinates(shapely.segmentize(lines, 0.0005))
    near = dense[rng.integers(0, len(dense), n // 2)] + rng.normal(0, 0.0008, (n // 2, 2))
    west, south, east, north = zones.total_bounds
    around = np.column_stack([rng.uniform(west - 0.02, east + 0.02, n // 4), rng.uniform(south - 0.02, north + 0.02, n // 4)])
    vertices = dense[rng.integers(0, len(dense), n - len(near) - len(around))]
    points = np.concatenate([near, around, vertices])
    return points[:, 0], points[:, 1]


def zone_list(found: pd.DataFrame) -> list:
    return [None if pd.isna(z) else z for z in found["zone"].astype(object)]


@pytest.fixture(scope="module")
def bundled() -> dict:
    zones = zonemap.load_zones()
    outlines = zonemap.load_layer("zone_outlines")
    return {
        "zones": zones,
        "geometry": dict(zip(zones["id"], zones.geometry)),
        "inner": {z: g for z, k, g in zip(outlines["zone"], outlines["outline"], outlines.geometry) if k == "inner"},
        "outer": {z: g for z, k, g in zip(outlines["zone"], outlines["outline"], outlines.geometry) if k == "outer"},
        "area": dict(zip(zones["id"], zones.to_crs(2326).area)),
    }


def expected(bundled: dict, lon: np.ndarray, lat: np.ndarray) -> tuple[list, list, list]:
    """zones (smallest first), uncertain zones and certainty, from shapely alone."""
    ids = sorted(bundled["geometry"], key=bundled["area"].get)
    inside = {i: shapely.contains_xy(bundled["geometry"][i], lon, lat) for i in ids}
    inner = {i: shapely.contains_xy(bundled["inner"][i], lon, lat) for i in ids}
    outer = {i: shapely.contains_xy(bundled["outer"][i], lon, lat) for i in ids}
    zones, doubtful, certainty = [], [], []
    for n in range(len(lon)):
        found = tuple(i for i in ids if inside[i][n])
        zones.append(found)
        doubtful.append(tuple(i for i in ids if (inside[i][n] or outer[i][n]) and not (inside[i][n] and inner[i][n])))
        if found:
            certainty.append("inside" if inner[found[0]][n] else "uncertain")
        else:
            certainty.append("uncertain" if any(outer[i][n] for i in ids) else "outside")
    return zones, doubtful, certainty


def test_every_point_is_classified_as_shapely_contains_says(bundled: dict) -> None:
    lon, lat = sample_points(bundled["zones"], 40_000)
    found = zonemap.locate((lon, lat))
    zones, doubtful, certainty = expected(bundled, lon, lat)
    assert found["zones"].tolist() == zones
    assert found["uncertain_zones"].tolist() == doubtful
    assert found["certainty"].astype(object).tolist() == certainty
    assert zone_list(found) == [z[0] if z else None for z in zones]
    # The sample has all three answers, parts before composites, and points on the outlines themselves.
    assert set(certainty) == {"inside", "uncertain", "outside"}
    assert ("futian_bonded_zone", "shenzhen_park", "cooperation_zone") in zones
    assert ("loop_a", "loop_zoning_plan", "cooperation_zone") in zones


def test_certainty_agrees_with_the_inner_and_outer_outlines(bundled: dict) -> None:
    lon, lat = sample_points(bundled["zones"], 20_000, seed=3)
    found = zonemap.locate((lon, lat))
    for ident in bundled["geometry"]:
        mine = found["zone"].astype(object) == ident
        surely = mine & (found["certainty"] == "inside")
        assert shapely.contains_xy(bundled["inner"][ident], lon[surely], lat[surely]).all()
        assert shapely.contains_xy(bundled["geometry"][ident], lon[mine], lat[mine]).all()
    out = (found["certainty"] == "outside").to_numpy()
    assert out.any()
    for ident in bundled["geometry"]:
        assert not shapely.contains_xy(bundled["outer"][ident], lon[out], lat[out]).any()


def test_distances_agree_with_shapely_in_another_metric_crs(bundled: dict) -> None:
    lon, lat = sample_points(bundled["zones"], 6_000, seed=11)
    lon = np.concatenate([lon, [114.1694, 113.9, 114.3, 114.0806]])  # Central, far west, far east, in Loop A
    lat = np.concatenate([lat, [22.2819, 22.6, 22.5, 22.5223]])
    found = zonemap.locate((lon, lat))["boundary_distance_m"].to_numpy()
    grid = bundled["zones"].to_crs(2326)
    lines = shapely.union_all(grid.boundary.to_numpy())
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=4326).to_crs(2326).to_numpy()
    truth = shapely.distance(points, lines)
    np.testing.assert_allclose(found, truth, rtol=5e-5, atol=0.02)
    assert truth.max() > 20_000 and truth.min() < 1


@pytest.mark.parametrize("datum", ["gcj02", "bd09"])
def test_points_from_chinese_map_apps_land_where_their_wgs84_originals_do(bundled: dict, datum: str) -> None:
    lon, lat = sample_points(bundled["zones"], 20_000, seed=5)
    lon, lat = lon[:15_000], lat[:15_000]  # not the points exactly on an outline: a conversion round trip (1e-10°) moves them off it
    original = zonemap.locate((lon, lat))
    moved_lon, moved_lat = datums.convert_coordinates(lon, lat, "wgs84", datum)
    assert datums.shift_m(lon[:1], lat[:1], "wgs84", datum)[0] > 500  # the shift is larger than the Loop is wide
    moved = zonemap.locate((moved_lon, moved_lat), from_datum=datum)
    assert moved["zones"].tolist() == original["zones"].tolist()
    assert moved["certainty"].astype(object).tolist() == original["certainty"].astype(object).tolist()
    np.testing.assert_allclose(moved["boundary_distance_m"], original["boundary_distance_m"], atol=1e-3)
    np.testing.assert_allclose(moved["lon_wgs84"], lon, atol=1e-9)
    naive = zonemap.locate((moved_lon, moved_lat))  # the same points read as WGS-84: many land elsewhere
    assert (naive["zones"] != original["zones"]).mean() > 0.3


def test_every_input_type_gives_the_same_answer(bundled: dict) -> None:
    lon, lat = sample_points(bundled["zones"], 400, seed=9)
    lon, lat = lon[:300], lat[:300]  # not the points exactly on an outline: reprojecting moves them off it
    frame = pd.DataFrame({"name": [f"p{i}" for i in range(len(lon))], "Longitude": lon, "Latitude": lat})
    reference = zonemap.locate(frame)
    assert list(reference.columns) == ["name", "Longitude", "Latitude", *zonemap.locating.COLUMNS]
    assert reference["zone"].dtype == "category" and reference["certainty"].dtype == "category"
    points = gpd.GeoDataFrame(frame[["name"]], geometry=gpd.points_from_xy(lon, lat), crs=4326)
    for other in (zonemap.locate(points), zonemap.locate(points.to_crs(2326)), zonemap.locate((lon, lat)),
                  zonemap.locate(np.column_stack([lon, lat])), zonemap.locate(frame.astype({"Longitude": str, "Latitude": str}))):
        assert other["zones"].tolist() == reference["zones"].tolist()
        assert other["certainty"].astype(object).tolist() == reference["certainty"].astype(object).tolist()
        np.testing.assert_allclose(other["boundary_distance_m"], reference["boundary_distance_m"], atol=1e-3)  # EPSG:2326 round trip
    assert isinstance(zonemap.locate(points), gpd.GeoDataFrame)
    assert zonemap.locate(frame, lon="Longitude", lat="Latitude")["zones"].tolist() == reference["zones"].tolist()
    assert frame.columns.tolist() == ["name", "Longitude", "Latitude"]  # the input is not modified


def test_omitting_zones_means_the_bundled_zones_with_their_preset() -> None:
    points = ([114.0805, 114.0444, 114.1694], [22.5223, 22.5121, 22.2819])
    same = zonemap.locate(points, zones=zonemap.load_zones(), **zonemap.bundled.locate_preset())
    pd.testing.assert_frame_equal(zonemap.locate(points), same)
    without = zonemap.locate(points, zones=zonemap.load_zones(), accuracy_m=0)  # the bundled zones with no doubt at all
    assert without["certainty"].astype(object).tolist() == ["inside", "inside", "outside"]
    with pytest.raises(ValueError, match="outlines go with zones"):
        zonemap.locate(points, outlines=zonemap.load_layer("zone_outlines"))


def test_bad_rows_are_kept_unlocated_and_named() -> None:
    frame = pd.DataFrame({"lon": ["114.0805", "abc", None, "200", "22.52", "114.0444"], "lat": [22.5223, 22.5, 22.5, 22.5, 114.07, 22.5121]},
                         index=list("abcdef"))
    with pytest.warns(zonemap.BadRowsWarning, match=r"4 of 6 points .*'b': lon 'abc' is not a number; 'c': lon is missing"):
        found = zonemap.locate(frame)
    assert len(found) == 6 and found.index.tolist() == list("abcdef")
    assert found["certainty"].isna().tolist() == [False, True, True, True, True, False]
    assert found["zones"].tolist()[1:5] == [None] * 4 and found["boundary_distance_m"].isna().sum() == 4
    from zonemap.locating._points import check_coordinates

    swapped = check_coordinates(np.array([22.52]), np.array([114.07])).problems
    assert swapped == [(0, "lat 114.07 is out of range (-90 to 90); (they look like lat/lon: swap the columns)")]
    points = gpd.GeoDataFrame(geometry=[shapely.Point(114.0805, 22.5223), None, shapely.box(114, 22, 114.1, 22.1)], crs=4326)
    with pytest.warns(zonemap.BadRowsWarning, match="has no geometry.*geometry is a Polygon, not a point"):
        assert zonemap.locate(points)["certainty"].isna().tolist() == [False, True, True]


def test_bad_rows_of_a_numbered_index_are_named_by_plain_numbers() -> None:
    frame = pd.DataFrame({"lon": ["x", "114.0805"], "lat": [22.5, 22.5223]}, index=[20, 31])
    with pytest.warns(zonemap.BadRowsWarning) as caught:
        zonemap.locate(frame)
    assert str(caught[0].message) == "1 of 2 points could not be located and are left with no certainty (20: lon 'x' is not a number)"


def test_wrong_inputs_say_what_was_expected() -> None:
    with pytest.raises(TypeError, match="points must be"):
        zonemap.locate("points.csv")
    with pytest.raises(ValueError, match=r"no longitude column .* the columns are a, b"):
        zonemap.locate(pd.DataFrame({"a": [1], "b": [2]}))
    with pytest.raises(ValueError, match="already have the columns 'zone', 'certainty'"):
        zonemap.locate(pd.DataFrame({"lon": [114.0], "lat": [22.5], "zone": ["x"], "certainty": ["y"]}))
    with pytest.raises(ValueError, match="unknown datum 'wgs-84'"):
        zonemap.locate(([114.0], [22.5]), from_datum="wgs-84")
    with pytest.raises(ValueError, match="no CRS"):
        zonemap.locate(gpd.GeoDataFrame(geometry=[shapely.Point(114, 22.5)]))
    with pytest.raises(zonemap.ZoneDataError, match="holds no zones"):
        zonemap.locate(([114.0], [22.5]), zones=zonemap.load_zones().iloc[:0])
    with pytest.raises(ValueError, match="accuracy_m must be a finite number"):
        zonemap.locate(([114.0], [22.5]), zones=zonemap.load_zones(), accuracy_m=float("inf"))


def test_user_zones_take_their_accuracy_or_their_outlines() -> None:
    square = shapely.box(114.0, 22.5, 114.01, 22.51)  # about 1 km across
    zones = gpd.GeoDataFrame({"id": ["sq"], "accuracy_m": [50.0]}, geometry=[square], crs=4326)
    lon = np.array([114.005, 114.0002, 113.9998, 113.999, 114.02])  # centre, 20 m in, 20 m out, 100 m out, far
    lat = np.full(5, 22.505)
    found = zonemap.locate((lon, lat), zones=zones)
    assert found["certainty"].astype(object).tolist() == ["inside", "uncertain", "uncertain", "outside", "outside"]
    assert zone_list(found) == ["sq", "sq", None, None, None]
    assert found["uncertain_zones"].tolist() == [(), ("sq",), ("sq",), (), ()]
    np.testing.assert_allclose(found["boundary_distance_m"].to_numpy()[1:3], [20.6, 20.6], atol=0.5)
    exact = zonemap.locate((lon, lat), zones=zones.drop(columns="accuracy_m"))
    assert exact["certainty"].astype(object).tolist() == ["inside", "inside", "outside", "outside", "outside"]
    outlines = gpd.GeoDataFrame({"zone": ["sq", "sq"], "outline": ["inner", "outer"]},
                                geometry=[square.buffer(-0.004), square.buffer(0.002)], crs=4326)
    given_outlines = zonemap.locate((lon, lat), zones=zones, outlines=outlines)
    assert given_outlines["certainty"].astype(object).tolist() == ["inside", "uncertain", "uncertain", "uncertain", "outside"]


def test_more_than_64_zones_are_located_exactly() -> None:
    boxes = [shapely.box(114.0 + 0.01 * (i % 10), 22.4 + 0.01 * (i // 10), 114.012 + 0.01 * (i % 10), 22.412 + 0.01 * (i // 10)) for i in range(70)]
    zones = gpd.GeoDataFrame({"id": [f"z{i:02d}" for i in range(70)]}, geometry=boxes, crs=4326)  # overlapping neighbours
    rng = np.random.default_rng(2)
    lon, lat = rng.uniform(113.99, 114.11, 5000), rng.uniform(22.39, 22.48, 5000)
    found = zonemap.locate((lon, lat), zones=zones)
    inside = np.column_stack([shapely.contains_xy(b, lon, lat) for b in boxes])
    assert [set(z) for z in found["zones"]] == [{f"z{i:02d}" for i in np.flatnonzero(row)} for row in inside]
    assert inside.sum(axis=1).max() >= 2 and inside[:, 64:].any()


coordinate = st.floats(-1000, 1000, allow_nan=False).map(lambda v: round(v, 3))
segment = st.tuples(coordinate, coordinate, coordinate, coordinate)


@settings(max_examples=60, deadline=None)
@given(st.lists(segment, min_size=1, max_size=40), st.lists(st.tuples(coordinate.map(lambda v: v * 100), coordinate.map(lambda v: v * 100)), min_size=1, max_size=50))
def test_nearest_segment_distance_is_exact_near_and_far(segments: list, points: list) -> None:
    table = np.array(segments, dtype=float)
    xy = np.array(points, dtype=float)
    found = SegmentDistance(table).distance(xy[:, 0], xy[:, 1])
    lines = shapely.linestrings(table.reshape(-1, 2, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GEOS on zero-length segments
        truth = shapely.distance(shapely.points(xy)[:, None], lines[None, :]).min(axis=1)
    np.testing.assert_allclose(found, truth, rtol=1e-9, atol=1e-7)


def test_points_facing_a_bay_are_measured_to_its_far_shore() -> None:
    bay = shapely.Polygon([(0, 0), (100, 0), (100, 100), (60, 100), (60, 20), (40, 20), (40, 100), (0, 100)])  # a U
    ring = shapely.get_coordinates(bay.exterior)
    measure = SegmentDistance(np.column_stack([ring[:-1], ring[1:]]))
    assert measure._bridge.any()
    x, y = np.array([50.0, 50.0, 50.0, 45.0, 250.0]), np.array([150.0, 1000.0, 60.0, 99.0, 100.0])
    np.testing.assert_allclose(measure.distance(x, y), shapely.distance(shapely.points(x, y), bay.boundary), atol=1e-9)


def test_raster_containment_equals_shapely_with_holes_and_points_on_edges() -> None:
    holed = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(3, 3), (6, 3), (6, 6), (3, 6)]])
    thin = shapely.Polygon([(0, 0), (10, 10), (10, 10.0001)])
    raster = ZoneRaster([[holed, thin]])
    rng = np.random.default_rng(4)
    x, y = rng.uniform(-1, 11, 100_000), rng.uniform(-1, 11, 100_000)
    x[:1000], y[:1000] = np.round(x[:1000]), np.round(y[:1000])  # on the edges and corners
    bits = raster.bits(x, y)[0, 0]
    assert ((bits & 1 == 1) == shapely.contains_xy(holed, x, y)).all()
    assert ((bits & 2 == 2) == shapely.contains_xy(thin, x, y)).all()


def test_the_local_projection_is_projs_lambert_azimuthal_equal_area() -> None:
    from pyproj import Transformer

    from zonemap.locating._engine import LocalProjection, local_crs

    crs = local_crs((114.0352476, 22.5056725, 114.0862948, 22.537185))
    centre = [float(part.split("=")[1]) for part in crs.split() if part.startswith(("+lon_0", "+lat_0"))]
    rng = np.random.default_rng(8)
    lon, lat = rng.uniform(100, 130, 100_000), rng.uniform(0, 45, 100_000)
    mine = LocalProjection(centre[1], centre[0]).forward(lon, lat)
    proj = Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform(lon, lat)
    np.testing.assert_allclose(mine, proj, rtol=0, atol=1e-6)


def test_locating_warns_nothing_for_good_points() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zonemap.locate(([114.0805], [22.5223]))
