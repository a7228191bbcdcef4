"""Areas of the bundled zones against the official figures, and of user zones."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

import zonemap
from zonemap.crs import HK_GRID, metric_crs
from zonemap.measurement import MU_M2
from zonemap.tables import format_areas


@pytest.fixture(scope="module")
def table():
    return zonemap.areas().set_index("id")


def test_loop_a_within_3_percent_of_87_7_ha(table):
    loop_a = table.loc["loop_a"]
    assert loop_a.official_area_m2 == 877_000
    assert abs(loop_a.geodesic_area_m2 - 877_000) / 877_000 < 0.03, loop_a.area_ha


def test_each_official_zone_within_5_percent(table):
    official = table[table.status == "official"]
    assert len(official) >= 1
    assert (official.official_diff_pct.abs() <= 5).all(), official.official_diff_pct


def test_indicative_zones_with_a_figure_say_why(table, zones):
    described = dict(zip(zones["id"], zones["description"]))
    for ident, row in table[table.official_area_m2.notna()].iterrows():
        if abs(row.official_diff_pct) > 5:
            assert row.status == "indicative"
            assert f"{row.official_diff_pct:+.1f} %" in described[ident]


def test_geodesic_and_planar_agree_within_0_05_percent(table):
    assert (table.planar_vs_geodesic_pct.abs() < 0.05).all(), table.planar_vs_geodesic_pct
    assert set(table.planar_crs) == {HK_GRID.name}


def test_units_are_consistent(table):
    np.testing.assert_allclose(table.area_ha * 1e4, table.geodesic_area_m2)
    np.testing.assert_allclose(table.area_km2 * 1e6, table.geodesic_area_m2)
    np.testing.assert_allclose(table.area_mu * MU_M2, table.geodesic_area_m2)
    assert 666.66 < MU_M2 < 666.67


def test_union_zones_add_up(table):
    parts = table.loc[["futian_bonded_zone", "huanggang_port_area"], "geodesic_area_m2"].sum()
    assert table.loc["shenzhen_park", "geodesic_area_m2"] == pytest.approx(parts, rel=1e-4)
    whole = table.loc[["shenzhen_park", "loop_a"], "geodesic_area_m2"].sum()
    assert table.loc["cooperation_zone", "geodesic_area_m2"] == pytest.approx(whole, rel=1e-4)


def test_web_mercator_would_be_far_off(zones):
    """The reason areas are never taken in Web Mercator: about 17.7 % too large here."""
    loop_a = zones[zones.id == "loop_a"]
    mercator = loop_a.to_crs(3857).area.item()
    geodesic = zonemap.areas(loop_a).geodesic_area_m2.item()
    assert 0.17 < mercator / geodesic - 1 < 0.19


def test_user_zones_in_a_projected_crs_elsewhere():
    # a 1 km square in UTM 33N (Europe): metric CRS must not be the Hong Kong grid
    square = gpd.GeoDataFrame({"id": ["a"]}, geometry=[box(500_000, 5_000_000, 501_000, 5_001_000)], crs=32633)
    result = zonemap.areas(square)
    assert result.planar_area_m2.item() == pytest.approx(1e6, rel=2e-3)
    assert result.geodesic_area_m2.item() == pytest.approx(1e6, rel=2e-3)
    assert "Lambert" in result.planar_crs.item() or "laea" in result.planar_crs.item().lower()
    assert np.isnan(result.official_diff_pct.item())


def test_metric_crs_for_the_zone_is_the_hong_kong_grid(zones):
    assert metric_crs(zones) == HK_GRID


def test_a_faithful_projected_crs_of_the_data_is_kept_and_a_distorting_one_replaced(zones):
    local = "+proj=laea +lat_0=22.52 +lon_0=114.07 +datum=WGS84 +units=m +no_defs"
    assert metric_crs(zones.to_crs(local)) == zones.to_crs(local).crs  # scale error ~1e-6 over the zone
    assert metric_crs(zones.to_crs(2326)) == HK_GRID
    for distorting in (32650, 3857):  # UTM (scale 0.9996), Web Mercator (~1.08 here)
        assert metric_crs(zones.to_crs(distorting)) == HK_GRID
    feet = "+proj=tmerc +lat_0=22.31 +lon_0=114.18 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=ft +no_defs"
    assert metric_crs(zones.to_crs(feet)) == HK_GRID
    areas_local = zonemap.areas(zones.to_crs(local)).set_index("id")
    areas_grid = zonemap.areas(zones).set_index("id")
    assert np.allclose(areas_local.planar_area_m2, areas_grid.planar_area_m2, rtol=1e-4)


def test_areas_refuse_points_and_missing_crs():
    points = gpd.GeoDataFrame({"id": ["p"]}, geometry=[Point(114.07, 22.52)], crs=4326)
    with pytest.raises(zonemap.ZoneDataError, match=r"'p'.*Point; zones must be Polygon or MultiPolygon"):
        zonemap.areas(points)
    with pytest.raises(zonemap.ZoneDataError, match="no CRS"):
        zonemap.areas(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]))
    with pytest.raises(zonemap.ZoneDataError, match="holds no zones"):
        zonemap.areas(gpd.GeoDataFrame({"id": []}, geometry=[], crs=4326))
    with pytest.raises(TypeError, match="GeoDataFrame or GeoSeries"):
        zonemap.areas("zones.geojson")


def test_format_areas_text_and_markdown(table):
    frame = table.reset_index()
    text = format_areas(frame)
    assert "loop_a" in text and "official" in text
    markdown = format_areas(frame, "markdown").splitlines()
    assert markdown[0].startswith("| zone |") and markdown[1].startswith("| --- |")
    assert markdown[0].endswith("| range ha | land ha | to boundary ha |")
    assert len(markdown) == len(frame) + 2


# Independent check: the area of a 0.01 x 0.01 degree cell of the WGS-84 ellipsoid between two parallels,
# from the authalic formula (Snyder, Map Projections: A Working Manual, eq. 3-12), not from pyproj.
def cell_area(lon0: float, lat0: float, lon1: float, lat1: float) -> float:
    a, f = 6378137.0, 1 / 298.257223563
    e = np.sqrt(f * (2 - f))

    def q(lat: float) -> float:
        s = np.sin(np.radians(lat))
        return (1 - e**2) * (s / (1 - e**2 * s**2) - np.log((1 - e * s) / (1 + e * s)) / (2 * e))

    return a**2 * np.radians(lon1 - lon0) * (q(lat1) - q(lat0)) / 2


def test_holes_and_multipolygons_against_an_independent_formula():
    outer = box(114.00, 22.50, 114.03, 22.53)
    hole = box(114.01, 22.51, 114.02, 22.52)
    pieces = [box(114.10, 22.50, 114.11, 22.51), box(114.12, 22.50, 114.13, 22.51)]
    frame = gpd.GeoDataFrame({"id": ["ring", "pieces"]}, geometry=[outer.difference(hole), MultiPolygon(pieces)], crs=4326)
    table = zonemap.areas(frame).set_index("id")
    ring = cell_area(114.00, 22.50, 114.03, 22.53) - cell_area(114.01, 22.51, 114.02, 22.52)
    two = cell_area(114.10, 22.50, 114.11, 22.51) + cell_area(114.12, 22.50, 114.13, 22.51)
    # Geodesic edges bulge off the parallels by a few centimetres here: well under 1e-5 of the area.
    assert table.loc["ring", "geodesic_area_m2"] == pytest.approx(ring, rel=1e-5)
    assert table.loc["pieces", "geodesic_area_m2"] == pytest.approx(two, rel=1e-5)


def test_areas_refuse_what_relations_refuse():
    bowtie = Polygon([(114.0, 22.5), (114.01, 22.51), (114.01, 22.5), (114.0, 22.51), (114.0, 22.5)])
    frame = gpd.GeoDataFrame({"id": ["bow", "ok"]}, geometry=[bowtie, box(114.02, 22.5, 114.03, 22.51)], crs=4326)
    with pytest.raises(zonemap.ZoneDataError) as from_areas:
        zonemap.areas(frame)
    with pytest.raises(zonemap.ZoneDataError) as from_relations:
        zonemap.relations(frame)
    assert str(from_areas.value) == str(from_relations.value)
    assert "'bow'" in str(from_areas.value) and "Self-intersection" in str(from_areas.value)


def test_rows_are_named_by_the_id_rule():
    frame = gpd.GeoDataFrame(geometry=[box(114.0, 22.5, 114.01, 22.51), box(114.02, 22.5, 114.03, 22.51)], index=[3, 5], crs=4326)
    assert zonemap.areas(frame)["id"].tolist() == ["3", "5"]
    assert zonemap.areas(frame.assign(code=["x", "y"]), id_column="code")["id"].tolist() == ["x", "y"]


def test_the_bundled_default_is_the_bundled_zones_with_their_preset():
    pd.testing.assert_frame_equal(zonemap.areas(), zonemap.areas(zonemap.load_zones(), **zonemap.bundled.areas_preset()))
