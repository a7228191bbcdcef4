"""The reference features the recipes read, each as (file, exact feature name).

Paths are relative to the reference folder; names are matched exactly, never by
prefix. Every feature here must have a source in ``definitions.json``.
"""

from __future__ import annotations

__all__ = [
    "BINHE_MAIN",
    "BINHE_OTHER",
    "BONDED_ZONE_LABEL",
    "BUILDING_11",
    "CATCHMENTS",
    "FUTIAN_CHECKPOINT",
    "FUTIAN_CHECKPOINT_GCJ",
    "HAD_BOUNDARY",
    "HK_PORT_AREA",
    "HUANGGANG_POINT",
    "HUANGGANG_ROAD",
    "HUAQIANG",
    "HUAQIANG_SOUTH",
    "LOK_MA_CHAU",
    "LOK_MA_CHAU_CONTROL",
    "LOK_MA_CHAU_GTFS",
    "LOK_MA_CHAU_STATION",
    "LOOP_CENTRELINE_FACE",
    "LOOP_LAND_ESTIMATE",
    "OLD_MEANDER",
    "OLD_MEANDER_EAST",
    "PORT_WEST_EDGE",
    "RIVER",
    "RONGHUA_CORRIDOR",
    "XINZHOU_WEST_EDGE",
    "Ref",
]

Ref = tuple[str, str]

RIVER: Ref = (
    "shenzhen_river_centreline_osm3464353.geojson",
    "Shenzhen River centreline / HKSAR-Shenzhen boundary (OSM relation 3464353 outer ring section)",
)
HAD_BOUNDARY: Ref = (
    "hk_boundary_had_loop_section.geojson",
    "HKSAR boundary from Home Affairs Department 18-district boundaries, section 114.054-114.105E",
)
OLD_MEANDER: Ref = (
    "shenzhen_river_old_channel.geojson",
    "Old (pre-1997) Shenzhen River meander around the Lok Ma Chau Loop - OSM district edges (North + Yuen Long)",
)
OLD_MEANDER_EAST: Ref = (
    "shenzhen_river_old_channel.geojson",
    "Old Shenzhen River meander east of the Loop (near 114.103-114.105E) - OSM North District edge",
)
LOOP_CENTRELINE_FACE: Ref = (
    "lok_ma_chau_loop_osm_centreline_polygon.geojson",
    "Lok Ma Chau Loop (落馬洲河套) - residual face between OSM HK boundary (new channel centreline) and OSM "
    "North/Yuen Long districts (old channel)",
)
LOOP_LAND_ESTIMATE: Ref = (
    "lok_ma_chau_loop_land_estimate.geojson",
    "Lok Ma Chau Loop - estimated LAND parcel between channel banks (DERIVED APPROXIMATION)",
)
_LANDMARKS = "landmarks.geojson"
LOK_MA_CHAU_STATION: Ref = (_LANDMARKS, "Lok Ma Chau station (MTR Lok Ma Chau Spur Line terminus, HK)")
LOK_MA_CHAU_GTFS: Ref = (_LANDMARKS, "Lok Ma Chau station (MTR GTFS stop MTR_LMC)")
LOK_MA_CHAU_CONTROL: Ref = (_LANDMARKS, "Lok Ma Chau Control Point (HK road crossing, bus boarding stop)")
HK_PORT_AREA: Ref = (_LANDMARKS, "Huanggang Port HK Port Area (OSM 913110 outer ring; inner courtyard holes omitted)")
BUILDING_11: Ref = (_LANDMARKS, "HSITP Building 11 (港深創新及科技園 11號大樓), Lok Ma Chau Loop - Mapxus label centre")
_POINTS = "shenzhen_points.geojson"
FUTIAN_CHECKPOINT: Ref = (_POINTS, "Futian Checkpoint metro station / Futian Port (福田口岸站)")
FUTIAN_CHECKPOINT_GCJ: Ref = (_POINTS, "Futian Checkpoint (cross-check, converted from GCJ-02)")
HUANGGANG_POINT: Ref = (_POINTS, "Huanggang Port / Lok Ma Chau Control Point (皇岗口岸) – Wikipedia point")
LOK_MA_CHAU: Ref = (_POINTS, "Lok Ma Chau (HK side)")
BONDED_ZONE_LABEL: Ref = (_POINTS, 'Amap POI "福田保税区" label point')
_ROADS = "shenzhen_roads.geojson"
BINHE_MAIN: Ref = (_ROADS, "way/25423077 滨河大道 (trunk)")
BINHE_OTHER: Ref = (
    "shenzhen_park_evidence/osm_extra_lines.geojson",
    "滨河大道 Binhe Ave, OSM way/1382209055 (trunk, other carriageway), 114.0316-114.0880 E",
)
#: Huanggang Road's south-bound carriageway (OpenStreetMap ways) from Binhe Avenue to the port, north to south.
HUANGGANG_ROAD: tuple[Ref, ...] = (
    (_ROADS, "way/41019785 皇岗路"),
    (_ROADS, "way/74017037 皇岗路"),
    (_ROADS, "way/974372190 皇岗路"),
)
_DERIVED = "shenzhen_park_evidence/derived_boundary_lines.geojson"
HUAQIANG: Ref = (_DERIVED, "华强南路 Huaqiang South Rd (N–S, lon 114.0817), 22.5462 to its junction with Binhe Ave (22.5372)")
HUAQIANG_SOUTH: Ref = (
    _DERIVED,
    "华强南路 line extended due south from Binhe Ave to the river (boundary construction, NOT a road)",
)
RONGHUA_CORRIDOR: Ref = (
    _DERIVED,
    "绒花路 Ronghua Rd – INFERRED corridor (midline of the 106-155 m gap between the 福苑小学 catchment N edge and "
    "the 全海/益田小学 catchments S edges)",
)
XINZHOU_WEST_EDGE: Ref = (
    _DERIVED,
    "West edge of the 福苑小学 catchment (candidate 新洲河 Xinzhou River east bank / bonded-zone west fence), "
    "bearing ~30°",
)
PORT_WEST_EDGE: Ref = (
    _DERIVED,
    'Huanggang Port west edge – variant W2: end of OSM 皇岗路 -> west side of the OSM "HK Port Area" polygon -> '
    "due south to the river",
)
_CATCHMENTS = "shenzhen_park_evidence/futian_school_catchments.geojson"
#: School catchments used as positional evidence only (no licence: never shipped).
CATCHMENTS: dict[str, Ref] = {
    "fuyuan": (_CATCHMENTS, "福苑小学 catchment (学区) polygon"),
    "futian_foreign_south_primary": (_CATCHMENTS, "福田外国语学校南校区小学部 catchment (学区) polygon"),
    "futian_foreign_south_middle": (_CATCHMENTS, "福田外国语学校南校区初中部 catchment (学区) polygon"),
    "fumin": (_CATCHMENTS, "福民小学 catchment (学区) polygon"),
    "nanhua": (_CATCHMENTS, "南华小学 catchment (学区) polygon"),
}
