#!/usr/bin/env python3
"""Build ``geodata/`` from the reference extracts in ``../shared/reference``.

Run from the repository root::

    python scripts/build_geodata.py [--reference ../shared/reference] [--out geodata]

The build is deterministic: the same reference files give the same bytes. Every
zone is built from located features (river centre lines, road centre lines,
points), never scaled to an official figure; its area is what it is, and a zone
whose geodesic area misses its official figure by more than 5 % is marked
``indicative`` with the difference in its description.

How each zone is made (all buffers in EPSG:2326, metres):

* the **new channel** is the river centre line (OSM relation 3464353, the legal
  boundary) buffered by a 65 m half-width; the **old meander** is its centre line
  (OSM district edges) buffered by 33 m. Both half-widths were measured against
  the 2001 census land layer (NOTES.md). Land zones stop at these banks.
* ``loop_a``: the face between the two channel centre lines (OSM), less both
  channels.
* ``loop_zoning_plan``: ``loop_a`` plus the old meander on the Hong Kong side.
* ``loop_b``: Hong Kong land (south of the new channel) inside the convex hull of
  the old meander and the points of Lok Ma Chau station, Lok Ma Chau Control
  Point and Lok Ma Chau village, widened by 100 m, less ``loop_a``.
* ``loop_c``: Shenzhen land within 800 m of the new channel's stretch along the
  Loop, south of Binhe Avenue.
* ``futian_bonded_zone``: the face enclosed by the river, the Xinzhou River line
  and Ronghua Road (modelled through its one located junction, parallel to
  Fuqiang Road), less the new channel.
* ``huanggang_port_area``: the face enclosed by the river, Huanggang Road,
  Binhe Avenue and Huaqiang South Road, less the new channel.
* ``shenzhen_park`` and ``cooperation_zone``: unions of the above.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polygonize, split, unary_union

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from zonemap.areas import geodesic_area_perimeter  # noqa: E402

from zonemap.crs import to_lonlat, to_metric  # noqa: E402

DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
PRECISION = 1e-7  # degrees: 7 decimals, about 1 cm
NEW_CHANNEL_HALF_WIDTH_M = 65.0
OLD_CHANNEL_HALF_WIDTH_M = 33.0
AREA_TOLERANCE_PCT = 5.0
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class Source:
    """One public source, as cited in features and the manifest."""

    key: str
    citation: str
    licence: str
    attribution: str
    retrieved: str


SOURCES = {
    s.key: s
    for s in (
        Source(
            "osm_boundaries",
            "OpenStreetMap relations 913110 (Hong Kong), 3464353 (Shenzhen), 9159733 (North District) and "
            "8480823 (Yuen Long District), snapshot in github p1nkp1nkdrag0n/Vesluma @ feca80e4",
            "ODbL 1.0",
            OSM_ATTRIBUTION,
            "2026-10-02",
        ),
        Source(
            "osm_roads",
            "OpenStreetMap road centre lines (way ids kept in the reference), via the road skeleton in github "
            "linranff/GTA_SZ @ 612e1e18, local grid inverted exactly, checked to be WGS-84",
            "ODbL 1.0",
            OSM_ATTRIBUTION,
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "had_districts",
            "Home Affairs Department 18-district boundaries (DATA.GOV.HK), union in github "
            "aknopla/hk-terrestrial-geojson @ 9c15814f",
            "DATA.GOV.HK Terms and Conditions of Use",
            "Government of the HKSAR (Home Affairs Department)",
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "census2001",
            "Census and Statistics Department 2001 census district land layer (github hupili/geohk @ 862c236), "
            "used to measure the channel half-widths",
            "DATA.GOV.HK Terms and Conditions of Use",
            "Government of the HKSAR (Census and Statistics Department)",
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "amap_pois",
            "Amap (Gaode) place-search results in a public GitHub file, GCJ-02, converted to WGS-84 by the "
            "iterative inverse of the standard GCJ-02 formula",
            "facts (positions) only; no map data copied",
            "Amap POI positions, converted",
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "xinzhou_mouth",
            "Xinzhou River mouth: east end of OSM way 731536928 (Futian Mangrove reserve) and the inlet in the "
            "Shenzhen city boundary (github HiCiChlid/shenzhen-boundary @ b58271de)",
            "ODbL 1.0",
            OSM_ATTRIBUTION,
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "wikidata",
            "Wikidata Q15170 (Lok Ma Chau station) and en.wikipedia coordinates",
            "CC0 (Wikidata); CC BY-SA 4.0 (Wikipedia)",
            "Wikidata, Wikipedia contributors",
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "hk_gtfs",
            "DATA.GOV.HK public transport GTFS (MTR stop MTR_LMC; bus stop 10000339)",
            "DATA.GOV.HK Terms and Conditions of Use",
            "Government of the HKSAR",
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "mapxus",
            "Mapxus venue data for HSITP (github nauvalrafli/react_hsitp_mapxus @ bcce3e69)",
            "facts (position) only",
            "Mapxus",
            "not recorded (reference extract of 2026-11)",
        ),
        Source(
            "state_council_2023",
            "State Council, Development Plan for the Shenzhen Park of the Hetao Shenzhen-Hong Kong Science and "
            "Technology Innovation Cooperation Zone (国发〔2023〕12号, 2023-08-08), chapter 1",
            "official text (facts)",
            "State Council of the PRC",
            "2023-08-08 (publication)",
        ),
        Source(
            "pland_cedd",
            "Planning Department / CEDD, Planning and Engineering Study on Development of Lok Ma Chau Loop "
            "(Stage 1 Public Engagement; EIA): 87.7 ha",
            "official text (facts)",
            "Government of the HKSAR",
            "not recorded (FACTS.md)",
        ),
        Source(
            "zoning_plan_2018",
            "Lok Ma Chau Loop zoning plan, approved and announced 2018-02-09 (Nanfang Daily 2018-02-10): "
            "about 104 ha including about 16.3 ha of the old meander",
            "facts",
            "Nanfang Daily; Hong Kong Business",
            "not recorded (FACTS.md)",
        ),
    )
}


# --------------------------------------------------------------------------- reading


def read_collection(reference: Path, name: str) -> list[dict[str, Any]]:
    """The features of one reference file."""
    return json.loads((reference / name).read_text(encoding="utf-8"))["features"]


def by_name(features: Iterable[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """The one feature whose ``name`` starts with ``prefix``."""
    found = [f for f in features if str(f["properties"].get("name", "")).startswith(prefix)]
    if len(found) != 1:
        raise SystemExit(f"reference: expected one feature named {prefix!r}, found {len(found)}")
    return found[0]


def geometry_of(features: Iterable[dict[str, Any]], prefix: str) -> BaseGeometry:
    return shape(by_name(features, prefix)["geometry"])


# --------------------------------------------------------------------------- geometry


def buffer_m(geometry: BaseGeometry, metres: float) -> BaseGeometry:
    """Buffer a lon/lat geometry by a distance in metres (in EPSG:2326)."""
    return to_lonlat(to_metric(geometry).buffer(metres, quad_segs=8))


def extend_m(line: LineString, start_m: float, end_m: float) -> LineString:
    """Prolong a lon/lat line straight on at either end, by metres."""
    coords = np.asarray(to_metric(line).coords)
    keep = np.r_[True, np.hypot(*np.diff(coords, axis=0).T) > 0]
    coords = coords[keep]
    head = coords[0] - coords[1]
    tail = coords[-1] - coords[-2]
    head *= start_m / np.hypot(*head)
    tail *= end_m / np.hypot(*tail)
    return to_lonlat(LineString(np.vstack([coords[0] + head, coords, coords[-1] + tail])))


def enclosed_face(lines: Sequence[BaseGeometry], seed: tuple[float, float]) -> Polygon:
    """The face of the arrangement of ``lines`` that contains the point ``seed``."""
    for face in polygonize(unary_union(list(lines))):
        if face.contains(Point(seed)):
            return face
    raise SystemExit(f"build: no closed face around {seed}; the bounding lines do not meet")


def side_of(line: LineString, north: bool) -> Polygon:
    """The half-plane north (or south) of a west-to-east line, closed far away."""
    coords = list(line.coords)
    far = 23.5 if north else 21.5
    return Polygon(coords + [(coords[-1][0], far), (coords[0][0], far)])


def finish(geometry: BaseGeometry) -> BaseGeometry:
    """Snap to 7 decimals, keep it valid, orient rings per RFC 7946."""
    snapped = shapely.set_precision(geometry, PRECISION)
    if snapped.geom_type in ("Polygon", "MultiPolygon"):
        snapped = shapely.orient_polygons(snapped, exterior_cw=False)
        parts = getattr(snapped, "geoms", [snapped])
        snapped = shapely.MultiPolygon([p for p in parts if p.area > 0]) if len(parts) > 1 else snapped
    if not snapped.is_valid:
        raise SystemExit(f"build: geometry invalid after snapping: {shapely.is_valid_reason(snapped)}")
    return snapped


def drop_slivers(geometry: BaseGeometry, min_m2: float = 50.0) -> BaseGeometry:
    """Drop polygon parts smaller than ``min_m2`` left by boolean operations."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    metric = to_metric(np.array(parts, dtype=object))
    kept = [p for p, m in zip(parts, metric) if m.area >= min_m2]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def geodesic_m2(geometry: BaseGeometry) -> float:
    return float(geodesic_area_perimeter(np.array([geometry], dtype=object))[0][0])


# --------------------------------------------------------------------------- features


def feature(
    ident: str,
    geometry: BaseGeometry,
    *,
    name_en: str,
    name_zh_hant: str,
    name_zh_hans: str,
    jurisdiction: str,
    kind: str,
    status: str,
    accuracy_m: float,
    description: str,
    sources: Sequence[str],
    official_area_m2: float | None = None,
    official_area_source: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A GeoJSON feature with zonemap's provenance properties."""
    cited = [SOURCES[k] for k in sources]
    properties = {
        "id": ident,
        "name_en": name_en,
        "name_zh_hant": name_zh_hant,
        "name_zh_hans": name_zh_hans,
        "jurisdiction": jurisdiction,
        "kind": kind,
        "status": status,
        "official_area_m2": official_area_m2,
        "official_area_source": SOURCES[official_area_source].citation if official_area_source else None,
        "accuracy_m": accuracy_m,
        "description": description,
        "sources": [s.citation for s in cited],
        "licence": "; ".join(dict.fromkeys(s.licence for s in cited)),
        "attribution": "; ".join(dict.fromkeys(s.attribution for s in cited)),
    }
    properties.update(extra or {})
    return {"type": "Feature", "id": ident, "properties": properties, "geometry": finish(geometry)}


def area_verdict(geometry: BaseGeometry, official_m2: float | None, definition_official: bool) -> tuple[str, str]:
    """Status and a sentence on the computed area against the official figure."""
    computed = geodesic_m2(finish(geometry))
    if official_m2 is None:
        return "indicative", f"Computed area {computed / 1e4:,.2f} ha; there is no official figure for this outline."
    diff = (computed - official_m2) / official_m2 * 100
    sentence = (
        f"Computed geodesic area {computed / 1e4:,.2f} ha against the official {official_m2 / 1e4:,.2f} ha "
        f"({diff:+.1f} %)."
    )
    if abs(diff) > AREA_TOLERANCE_PCT:
        return "indicative", sentence + f" That misses by more than {AREA_TOLERANCE_PCT:g} %, so it is indicative."
    if not definition_official:
        return "indicative", sentence + " Built from indicative parts, so it is indicative."
    return "official", sentence


# --------------------------------------------------------------------------- the build


def build_layers(reference: Path) -> dict[str, list[dict[str, Any]]]:
    """Construct every layer's features from the reference folder."""
    river_line = geometry_of(read_collection(reference, "shenzhen_river_centreline_osm3464353.geojson"), "Shenzhen")
    old_channels = read_collection(reference, "shenzhen_river_old_channel.geojson")
    old_meander = geometry_of(old_channels, "Old (pre-1997)")
    old_east = geometry_of(old_channels, "Old Shenzhen River meander east")
    loop_faces = read_collection(reference, "lok_ma_chau_loop_osm_centreline_polygon.geojson")
    loop_centreline_face = shape(loop_faces[0]["geometry"])
    roads = read_collection(reference, "shenzhen_roads.geojson")
    marks = read_collection(reference, "landmarks.geojson")
    points = read_collection(reference, "shenzhen_points.geojson")
    had_line = shape(read_collection(reference, "hk_boundary_had_loop_section.geojson")[0]["geometry"])

    new_channel = buffer_m(river_line, NEW_CHANNEL_HALF_WIDTH_M)
    old_channel = buffer_m(old_meander, OLD_CHANNEL_HALF_WIDTH_M)
    hk_land = side_of(river_line, north=False).difference(new_channel)
    sz_land = side_of(river_line, north=True).difference(new_channel)

    # ---- Hong Kong side
    loop_a = drop_slivers(loop_centreline_face.difference(new_channel).difference(old_channel))
    zoning = drop_slivers(loop_a.union(old_channel.intersection(hk_land)))
    hull_points = (
        [old_meander]
        + [
            shape(by_name(marks, prefix)["geometry"])
            for prefix in ("Lok Ma Chau station (MTR Lok", "Lok Ma Chau station (MTR GTFS", "Lok Ma Chau Control Point")
        ]
        + [shape(by_name(points, "Lok Ma Chau (HK side)")["geometry"])]
    )
    loop_b_reach = buffer_m(unary_union(hull_points).convex_hull, 100.0)
    loop_b = drop_slivers(loop_b_reach.intersection(hk_land).difference(loop_a))

    # ---- Shenzhen side
    xinzhou = extend_m(geometry_of(roads, "新洲河 Xinzhou River"), 300.0, 0.0)
    ronghua = geometry_of(roads, "绒花路 Ronghua Rd (APPROX, variant A")
    futian = drop_slivers(enclosed_face([river_line, xinzhou, ronghua], (114.045, 22.508)).difference(new_channel))
    huanggang_road = geometry_of(roads, "皇岗路 Huanggang Rd")
    binhe = extend_m(geometry_of(roads, "滨河大道 Binhe Ave"), 0.0, 300.0)
    huaqiang = extend_m(geometry_of(roads, "华强南路 Huaqiang S Rd"), 0.0, 800.0)
    huanggang = drop_slivers(
        enclosed_face([river_line, huanggang_road, binhe, huaqiang], (114.074, 22.526)).difference(new_channel)
    )
    shenzhen_park = unary_union([futian, huanggang])
    frontage = river_line.intersection(loop_centreline_face.buffer(1e-6))
    facing = buffer_m(frontage, 800.0).intersection(sz_land)
    binhe_far = extend_m(binhe, 2000.0, 2000.0)
    loop_c = drop_slivers(unary_union([p for p in split(facing, binhe_far).geoms if p.distance(new_channel) < 1e-6]))
    cooperation = unary_union([loop_a, shenzhen_park])

    zones = build_zones(loop_a, zoning, loop_b, loop_c, futian, huanggang, shenzhen_park, cooperation)
    river = build_river(river_line, old_meander, old_east, new_channel, old_channel)
    boundary = build_boundary(river_line, had_line)
    landmarks = build_landmarks(marks, points)
    return {"zones": zones, "river": river, "boundary": boundary, "landmarks": landmarks}


BANKS = (
    f"Banks are estimated, not surveyed: the new channel is taken as {NEW_CHANNEL_HALF_WIDTH_M:g} m either side of "
    f"its centre line and the old meander as {OLD_CHANNEL_HALF_WIDTH_M:g} m, half-widths measured against the 2001 "
    "census land layer."
)


def build_zones(
    loop_a: BaseGeometry,
    zoning: BaseGeometry,
    loop_b: BaseGeometry,
    loop_c: BaseGeometry,
    futian: BaseGeometry,
    huanggang: BaseGeometry,
    shenzhen_park: BaseGeometry,
    cooperation: BaseGeometry,
) -> list[dict[str, Any]]:
    """The zone features, each with its status settled from its computed area."""
    loop_a_status, loop_a_area = area_verdict(loop_a, 877_000, True)
    futian_status, futian_area = area_verdict(futian, 1_350_000, True)
    huanggang_status, huanggang_area = area_verdict(huanggang, 1_670_000, True)
    parts_official = futian_status == huanggang_status == "official"
    park_status, park_area = area_verdict(shenzhen_park, 3_020_000, parts_official)
    coop_status, coop_area = area_verdict(cooperation, 3_890_000, parts_official and loop_a_status == "official")
    zoning_status, zoning_area = area_verdict(zoning, 1_040_000, True)
    _, loop_b_area = area_verdict(loop_b, None, False)
    _, loop_c_area = area_verdict(loop_c, None, False)
    channels = ["osm_boundaries", "census2001"]
    return [
        feature(
            "loop_a",
            loop_a,
            name_en="Lok Ma Chau Loop (Hong Kong Park)",
            name_zh_hant="落馬洲河套（港深創新及科技園）",
            name_zh_hans="落马洲河套（港深创新及科技园）",
            jurisdiction="HKSAR",
            kind="park",
            status=loop_a_status,
            accuracy_m=15,
            official_area_m2=877_000,
            official_area_source="pland_cedd",
            description=(
                "Study Area A of 2008: the land left south of the Shenzhen River when Stage 1 of its regulation "
                "straightened the channel (April 1997); in Hong Kong since State Council Order No. 221 put the "
                "boundary on the new channel's centre line. Since the MoU of 3 January 2017 the Hong Kong-Shenzhen "
                "Innovation and Technology Park (0.87 km² in the 2023 plan). Built as the face between the new "
                f"and old channels' centre lines (OpenStreetMap) less both channels. {BANKS} {loop_a_area}"
            ),
            sources=channels + ["pland_cedd"],
        ),
        feature(
            "loop_b",
            loop_b,
            name_en="Loop B: Hong Kong land adjoining the Loop",
            name_zh_hant="河套B區（香港鄰接地帶）",
            name_zh_hans="河套B区（香港邻接地带）",
            jurisdiction="HKSAR",
            kind="study_area",
            status="indicative",
            accuracy_m=100,
            description=(
                "Study Area B of the 2008-2015 Planning and Engineering Study, which has no published outline. "
                "zonemap's definition: Hong Kong land south of the new channel within the convex hull of the old "
                "meander, Lok Ma Chau station (two reference points), Lok Ma Chau Control Point and Lok Ma Chau "
                "village, widened by 100 m, less the Loop. It holds the old meander, so it shares the old-channel "
                f"bank with the Loop. {loop_b_area}"
            ),
            sources=channels + ["wikidata", "hk_gtfs"],
        ),
        feature(
            "loop_c",
            loop_c,
            name_en="Loop C: Shenzhen land facing the Loop",
            name_zh_hant="河套C區（深圳一側）",
            name_zh_hans="河套C区（深圳一侧）",
            jurisdiction="Shenzhen",
            kind="study_area",
            status="indicative",
            accuracy_m=100,
            description=(
                "The Shenzhen side of the 2008 'one river, three areas' study, which has no published outline. "
                "zonemap's definition: Shenzhen land north of the new channel within 800 m of the channel's "
                "stretch along the Loop, south of Binhe Avenue. It overlaps the Huanggang Port area of the "
                f"Shenzhen Park. {loop_c_area}"
            ),
            sources=channels + ["osm_roads"],
        ),
        feature(
            "futian_bonded_zone",
            futian,
            name_en="Futian Bonded Zone part of the Shenzhen Park",
            name_zh_hant="福田保稅區",
            name_zh_hans="福田保税区",
            jurisdiction="Shenzhen",
            kind="park_part",
            status=futian_status,
            accuracy_m=150,
            official_area_m2=1_350_000,
            official_area_source="state_council_2023",
            description=(
                "Official limits (2023): east from the edge of Huanggang Port, south along the Shenzhen River, west "
                "to the Xinzhou River, north to Ronghua Road. Built as the face enclosed by the river, a straight "
                "model of the Xinzhou River (its mouth to the south end of Xinzhou Road) and Ronghua Road drawn "
                "through its one located junction (with Guanglan Road, from a GCJ-02 point converted to WGS-84) "
                "parallel to Fuqiang Road; the polygon closes where that line meets the river, so the strip east "
                "towards Huanggang Port is not included. The Ronghua Road and Xinzhou River lines are weakly "
                f"sourced (±100-150 m). {futian_area}"
            ),
            sources=channels + ["osm_roads", "amap_pois", "xinzhou_mouth", "state_council_2023"],
        ),
        feature(
            "huanggang_port_area",
            huanggang,
            name_en="Huanggang Port area part of the Shenzhen Park",
            name_zh_hant="皇崗口岸片區",
            name_zh_hans="皇岗口岸片区",
            jurisdiction="Shenzhen",
            kind="park_part",
            status=huanggang_status,
            accuracy_m=100,
            official_area_m2=1_670_000,
            official_area_source="state_council_2023",
            description=(
                "Official limits (2023): east to Huaqiang South Road, south the Shenzhen River, west to Huanggang "
                "Road, north to Binhe Avenue. Built as the face enclosed by the river, Huanggang Road (OpenStreetMap, "
                "continued due south to the river from where it ends at the port), Binhe Avenue (OpenStreetMap) and "
                "Huaqiang South Road (approximate, a north-south line at 114.0806 E). Huaqiang South Road and the "
                f"south part of the west edge are weakly sourced. {huanggang_area}"
            ),
            sources=channels + ["osm_roads", "state_council_2023"],
        ),
        feature(
            "shenzhen_park",
            shenzhen_park,
            name_en="Shenzhen Park of the Hetao Cooperation Zone",
            name_zh_hant="河套深港科技創新合作區深圳園區",
            name_zh_hans="河套深港科技创新合作区深圳园区",
            jurisdiction="Shenzhen",
            kind="park",
            status=park_status,
            accuracy_m=150,
            official_area_m2=3_020_000,
            official_area_source="state_council_2023",
            description=(
                "The union of the Futian Bonded Zone and Huanggang Port area parts (State Council plan, "
                f"8 August 2023; the MoU of 2017 foresaw about 3 km²). {park_area}"
            ),
            sources=channels + ["osm_roads", "amap_pois", "xinzhou_mouth", "state_council_2023"],
        ),
        feature(
            "cooperation_zone",
            cooperation,
            name_en="Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone",
            name_zh_hant="河套深港科技創新合作區",
            name_zh_hans="河套深港科技创新合作区",
            jurisdiction="shared",
            kind="cooperation_zone",
            status=coop_status,
            accuracy_m=150,
            official_area_m2=3_890_000,
            official_area_source="state_council_2023",
            description=f"The Hong Kong Park (loop_a) and the Shenzhen Park together. {coop_area}",
            sources=channels + ["osm_roads", "amap_pois", "xinzhou_mouth", "state_council_2023", "pland_cedd"],
        ),
        feature(
            "loop_zoning_plan",
            zoning,
            name_en="Lok Ma Chau Loop zoning plan area (2018)",
            name_zh_hant="落馬洲河套區分區計劃大綱圖範圍",
            name_zh_hans="落马洲河套区分区计划大纲图范围",
            jurisdiction="HKSAR",
            kind="planning_area",
            status=zoning_status,
            accuracy_m=20,
            official_area_m2=1_040_000,
            official_area_source="zoning_plan_2018",
            description=(
                "The approved Loop zoning plan (announced 9 February 2018): the 87.7 ha Loop plus about 16.3 ha "
                "of the old meander. Built as loop_a plus the old meander channel on the Hong Kong side of the "
                f"new channel. {BANKS} {zoning_area}"
            ),
            sources=channels + ["zoning_plan_2018"],
        ),
    ]


def build_river(
    river_line: BaseGeometry,
    old_meander: BaseGeometry,
    old_east: BaseGeometry,
    new_channel: BaseGeometry,
    old_channel: BaseGeometry,
) -> list[dict[str, Any]]:
    """The Shenzhen River: centre lines of the new and old channels, and their estimated water."""
    common = dict(accuracy_m=15, official_area_m2=None, official_area_source=None)
    return [
        feature(
            "new_channel_centreline",
            river_line,
            name_en="Shenzhen River, regulated channel (centre line, the boundary)",
            name_zh_hant="深圳河（治理後新河道中線）",
            name_zh_hans="深圳河（治理后新河道中线）",
            jurisdiction="shared",
            kind="channel_centreline",
            status="official",
            description=(
                "The centre line of the regulated Shenzhen River, on which State Council Order No. 221 (1 July "
                "1997) put the HKSAR boundary; 113.995-114.160 E as OpenStreetMap relation 3464353 draws it, "
                "which agrees with the Home Affairs Department line (median 2.3 m, max 26 m)."
            ),
            sources=["osm_boundaries"],
            **common,
        ),
        feature(
            "old_meander_centreline",
            old_meander,
            name_en="Shenzhen River, old meander around the Loop (centre line)",
            name_zh_hant="深圳河舊河道（河套段中線）",
            name_zh_hans="深圳河旧河道（河套段中线）",
            jurisdiction="HKSAR",
            kind="old_channel_centreline",
            status="indicative",
            description=(
                "The pre-1997 course around the Lok Ma Chau Loop, read from the North and Yuen Long district edges "
                "in OpenStreetMap (they coincide with the 2001 census boundary); straight runs up to 270 m along a "
                "curve, so 10-15 m off in places."
            ),
            sources=["osm_boundaries", "census2001"],
            **common,
        ),
        feature(
            "old_meander_east_centreline",
            old_east,
            name_en="Shenzhen River, small old meander near 114.104 E (centre line)",
            name_zh_hant="深圳河舊河道（東段中線）",
            name_zh_hans="深圳河旧河道（东段中线）",
            jurisdiction="HKSAR",
            kind="old_channel_centreline",
            status="indicative",
            description="A second, small cut-off meander east of the Loop, from the North District edge in OpenStreetMap.",
            sources=["osm_boundaries"],
            **common,
        ),
        feature(
            "new_channel_water",
            new_channel,
            name_en="Shenzhen River, regulated channel (estimated water)",
            name_zh_hant="深圳河新河道（估算水面）",
            name_zh_hans="深圳河新河道（估算水面）",
            jurisdiction="shared",
            kind="channel_water",
            status="indicative",
            description=f"The regulated channel drawn {NEW_CHANNEL_HALF_WIDTH_M:g} m either side of its centre line. {BANKS}",
            sources=["osm_boundaries", "census2001"],
            **dict(common, accuracy_m=30),
        ),
        feature(
            "old_meander_water",
            old_channel,
            name_en="Shenzhen River, old meander (estimated water)",
            name_zh_hant="深圳河舊河道（估算水面）",
            name_zh_hans="深圳河旧河道（估算水面）",
            jurisdiction="HKSAR",
            kind="channel_water",
            status="indicative",
            description=f"The old meander drawn {OLD_CHANNEL_HALF_WIDTH_M:g} m either side of its centre line. {BANKS}",
            sources=["osm_boundaries", "census2001"],
            **dict(common, accuracy_m=30),
        ),
    ]


def build_boundary(river_line: BaseGeometry, had_line: BaseGeometry) -> list[dict[str, Any]]:
    """The HKSAR-Shenzhen boundary line, from OpenStreetMap and from the HAD districts."""
    common = dict(official_area_m2=None, official_area_source=None, jurisdiction="shared", kind="boundary")
    return [
        feature(
            "hksar_shenzhen_boundary",
            river_line,
            name_en="HKSAR-Shenzhen boundary",
            name_zh_hant="香港特別行政區與深圳市界線",
            name_zh_hans="香港特别行政区与深圳市界线",
            status="official",
            accuracy_m=15,
            description=(
                "The boundary on the centre line of the regulated Shenzhen River (State Council Order No. 221), "
                "113.995-114.160 E, from OpenStreetMap relation 3464353 (identical to relation 913110 where they "
                "overlap)."
            ),
            sources=["osm_boundaries"],
            **common,
        ),
        feature(
            "hksar_boundary_had",
            had_line,
            name_en="HKSAR boundary from the Home Affairs Department districts (114.054-114.105 E)",
            name_zh_hant="香港特別行政區界線（民政事務總署分區）",
            name_zh_hans="香港特别行政区界线（民政事务总署分区）",
            status="official",
            accuracy_m=15,
            description=(
                "The same boundary from the union of the Home Affairs Department's 18 district boundaries, kept "
                "as an independent check: it agrees with the OpenStreetMap line to a median of 2.3 m."
            ),
            sources=["had_districts"],
            **common,
        ),
    ]


def build_landmarks(marks: list[dict[str, Any]], points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Landmarks with their confidence, from the reference points."""
    common = dict(official_area_m2=None, official_area_source=None, status="indicative")

    def spot(features: list[dict[str, Any]], prefix: str) -> tuple[BaseGeometry, str]:
        found = by_name(features, prefix)
        props = found["properties"]
        return shape(found["geometry"]), str(props.get("confidence", ""))

    futian_point, futian_conf = spot(points, "Futian Checkpoint metro station")
    station, station_conf = spot(marks, "Lok Ma Chau station (MTR Lok")
    control, control_conf = spot(marks, "Lok Ma Chau Control Point")
    port_area, port_conf = spot(marks, "Huanggang Port HK Port Area (OSM")
    huanggang, huanggang_conf = spot(points, "Huanggang Port / Lok Ma Chau Control Point")
    building, building_conf = spot(marks, "HSITP Building 11 (")
    return [
        feature(
            "futian_checkpoint",
            futian_point,
            name_en="Futian Checkpoint",
            name_zh_hant="福田口岸",
            name_zh_hans="福田口岸",
            jurisdiction="Shenzhen",
            kind="checkpoint",
            accuracy_m=150,
            description=(
                "Futian Port and its metro station, at the Shenzhen end of the Spur Line crossing. Wikipedia's point; "
                "a GCJ-02 point from a Google-map demo converted to WGS-84 lands 60 m away. "
                f"Confidence: {futian_conf}."
            ),
            sources=["wikidata", "amap_pois"],
            **common,
        ),
        feature(
            "lok_ma_chau_station",
            station,
            name_en="Lok Ma Chau station (MTR Lok Ma Chau Spur Line)",
            name_zh_hant="落馬洲站",
            name_zh_hans="落马洲站",
            jurisdiction="HKSAR",
            kind="station",
            accuracy_m=150,
            description=f"Terminus of the Lok Ma Chau Spur Line (Wikidata Q15170). Confidence: {station_conf}.",
            sources=["wikidata", "hk_gtfs"],
            **common,
        ),
        feature(
            "lok_ma_chau_control_point",
            control,
            name_en="Lok Ma Chau Control Point",
            name_zh_hant="落馬洲管制站",
            name_zh_hans="落马洲管制站",
            jurisdiction="HKSAR",
            kind="checkpoint",
            accuracy_m=100,
            description=f"The Hong Kong road crossing to Huanggang, at its bus boarding stop. Confidence: {control_conf}.",
            sources=["hk_gtfs"],
            **common,
        ),
        feature(
            "huanggang_port",
            huanggang,
            name_en="Huanggang Port",
            name_zh_hant="皇崗口岸",
            name_zh_hans="皇岗口岸",
            jurisdiction="Shenzhen",
            kind="checkpoint",
            accuracy_m=200,
            description=(
                "The Shenzhen road port opposite Lok Ma Chau Control Point (Wikipedia's point, at the river "
                f"crossing; the port complex lies to the north-west). Confidence: {huanggang_conf}."
            ),
            sources=["wikidata"],
            **common,
        ),
        feature(
            "huanggang_port_hk_port_area",
            port_area,
            name_en="Huanggang Port, Hong Kong Port Area",
            name_zh_hant="皇崗口岸香港口岸區",
            name_zh_hans="皇岗口岸香港口岸区",
            jurisdiction="HKSAR",
            kind="port_area",
            accuracy_m=20,
            description=(
                "The Hong Kong Port Area inside the new Huanggang Port building, under Hong Kong law (OpenStreetMap "
                f"relation 913110 part; inner courtyards omitted). Confidence: {port_conf or 'medium-high'}."
            ),
            sources=["osm_boundaries"],
            **common,
        ),
        feature(
            "hsitp_building_11",
            building,
            name_en="HSITP Building 11",
            name_zh_hant="港深創新及科技園11號大樓",
            name_zh_hans="港深创新及科技园11号大楼",
            jurisdiction="HKSAR",
            kind="building",
            accuracy_m=40,
            description=(
                "One of the first buildings of the Hong Kong-Shenzhen Innovation and Technology Park in the Loop "
                f"(Mapxus label centre; building about 65 x 70 m). Confidence: {building_conf}."
            ),
            sources=["mapxus"],
            **common,
        ),
    ]


# --------------------------------------------------------------------------- writing


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 7)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def encode_layer(name: str, features: list[dict[str, Any]]) -> bytes:
    """A FeatureCollection as UTF-8 bytes, one feature a line, coordinates at 7 decimals."""
    lines = []
    for f in features:
        geometry = _rounded(mapping(f["geometry"]))
        body = {"type": "Feature", "id": f["id"], "properties": f["properties"], "geometry": geometry}
        lines.append(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", "name": name}, ensure_ascii=False)[:-1]
    return (head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(reference: Path) -> dict[str, bytes]:
    """Every file of ``geodata/``, by name, as bytes."""
    layers = build_layers(reference)
    files = {f"{name}.geojson": encode_layer(name, features) for name, features in layers.items()}
    inputs = {p.name: sha256(p.read_bytes()) for p in sorted(reference.glob("*")) if p.is_file()}
    manifest: dict[str, Any] = {
        "generated_by": "scripts/build_geodata.py",
        "datum": "WGS-84 (EPSG:4326), longitude/latitude, RFC 7946; at most 7 decimals",
        "attribution": (
            f"{OSM_ATTRIBUTION} (ODbL 1.0); Government of the HKSAR (DATA.GOV.HK); Wikidata; Wikipedia "
            "contributors; Mapxus; Amap point positions converted from GCJ-02"
        ),
        "reference_inputs_sha256": inputs,
        "files": {},
    }
    for (name, features), (filename, data) in zip(layers.items(), files.items()):
        keys = [k for k, s in SOURCES.items() if any(s.citation in f["properties"]["sources"] for f in features)]
        manifest["files"][filename] = {
            "layer": name,
            "sha256": sha256(data),
            "features": [f["id"] for f in features],
            "sources": [
                {
                    "citation": SOURCES[k].citation,
                    "licence": SOURCES[k].licence,
                    "attribution": SOURCES[k].attribution,
                    "retrieved": SOURCES[k].retrieved,
                }
                for k in keys
            ],
            "datum": "WGS-84 (EPSG:4326)",
            "accuracy_m": {f["id"]: f["properties"]["accuracy_m"] for f in features},
        }
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="the reference folder")
    parser.add_argument("--out", type=Path, default=REPO / "geodata", help="where to write (default geodata/)")
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        print(f"build_geodata: reference folder {args.reference} not found", file=sys.stderr)
        return 2
    files = build(args.reference)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = args.out / name
        temporary = target.with_suffix(target.suffix + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
        print(f"wrote {target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
