"""The context layers: the river, the boundary and the landmarks, each feature from what it read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapely.geometry.base import BaseGeometry

from . import names
from .reading import Reader, Reference
from .river import river
from .text import Text

__all__ = ["ContextFeature", "boundary_layer", "landmarks_layer", "river_layer"]

#: (properties without provenance, geometry in metres, the reader that read it)
ContextFeature = tuple[dict[str, Any], BaseGeometry, Reader]


def _item(ident: str, name: Text, kind: str, jurisdiction: str, status: str, accuracy: float, uncertainty: str, about: Text) -> dict[str, Any]:
    return {
        "id": ident,
        "name_en": name.en,
        "name_zh_hant": name.zh_hant,
        "name_zh_hans": name.zh_hans,
        "jurisdiction": jurisdiction,
        "kind": kind,
        "status": status,
        "official_area_m2": None,
        "official_area_source": None,
        "accuracy_m": accuracy,
        "uncertainty": uncertainty,
        "description": about.en,
        "description_zh_hant": about.zh_hant,
        "description_zh_hans": about.zh_hans,
    }


def river_layer(reference: Reference) -> list[ContextFeature]:
    """Centre lines of the new and old channels, and their water from the measured banks."""
    reader = reference.reader()
    rv = river(reader)
    east = reference.reader()
    old_east = east.geometry(*names.OLD_MEANDER_EAST)
    bank = rv.steps[0]
    widths = f"{min(w for *_, w in rv.half_widths):.0f}-{max(w for *_, w in rv.half_widths):.0f} m"
    centre = reference.reader()
    line = centre.geometry(*names.RIVER)
    return [
        (_item("new_channel_centreline", Text("Shenzhen River, regulated channel (centre line, the boundary)", "深圳河（治理後新河道中線）", "深圳河（治理后新河道中线）"), "channel_centreline", "shared", "official", 15.0,
               "Position within about 15 m: OpenStreetMap's line agrees with the Home Affairs Department's to a median of 2.3 m, at most 26 m.",
               Text("The centre line of the regulated Shenzhen River, on which State Council Order No. 221 (1 July 1997) put the HKSAR boundary, 113.995-114.160 E, from OpenStreetMap relation 3464353.",
                    "治理後深圳河的中心線，國務院第221號令（1997年7月1日）以此為香港特別行政區界線；東經113.995至114.160，取自 OpenStreetMap 關係 3464353。",
                    "治理后深圳河的中心线，国务院第221号令（1997年7月1日）以此为香港特别行政区界线；东经113.995至114.160，取自 OpenStreetMap 关系 3464353。")), line, centre),
        (_item("old_meander_centreline", Text("Shenzhen River, old meander around the Loop (centre line)", "深圳河舊河道（河套段中線）", "深圳河旧河道（河套段中线）"), "old_channel_centreline", "HKSAR", "indicative", 15.0,
               "Position within 10-15 m: the district edges it is read from run straight for up to 270 m along a curve.",
               Text("The pre-1997 course around the Lok Ma Chau Loop, read from the North and Yuen Long district edges in OpenStreetMap.",
                    "1997年前環繞落馬洲河套的河道，取自 OpenStreetMap 北區及元朗區的分區邊界。",
                    "1997年前环绕落马洲河套的河道，取自 OpenStreetMap 北区及元朗区的分区边界。")), rv.old_meander, _only(reference, names.OLD_MEANDER)),
        (_item("old_meander_east_centreline", Text("Shenzhen River, small old meander near 114.104 E (centre line)", "深圳河舊河道（東段中線）", "深圳河旧河道（东段中线）"), "old_channel_centreline", "HKSAR", "indicative", 15.0,
               "Position within 10-15 m, like the other district edges it is read from.",
               Text("A second, small cut-off meander east of the Loop, from the North District edge in OpenStreetMap.",
                    "河套以東另一段細小的截彎舊河道，取自 OpenStreetMap 北區邊界。",
                    "河套以东另一段细小的截弯旧河道，取自 OpenStreetMap 北区边界。")), old_east, east),
        (_item("new_channel_water", Text("Shenzhen River, regulated channel (water between the banks)", "深圳河新河道（兩岸之間水面）", "深圳河新河道（两岸之间水面）"), "channel_water", "shared", "indicative", rv.bank_m,
               f"Each bank within about {rv.bank_m:g} m: half-widths of {widths} are medians of converted catchment edges and an estimated Hong Kong bank, not a survey.",
               bank), rv.water, reader),
        (_item("old_meander_water", Text("Shenzhen River, old meander (estimated water)", "深圳河舊河道（估算水面）", "深圳河旧河道（估算水面）"), "channel_water", "HKSAR", "indicative", 20.0,
               f"Each bank within about 20 m: the centre line is 10-15 m off in places and the {rv.old_half_width_m:g} m half-width is estimated.",
               Text(f"The old meander drawn {rv.old_half_width_m:g} m either side of its centre line, the half-width of the Loop land estimate (measured against the 2001 census land layer).",
                    f"舊河道按中線兩側各{rv.old_half_width_m:g}米繪出，半寬取自河套陸地估算（以2001年人口普查陸地圖層量度）。",
                    f"旧河道按中线两侧各{rv.old_half_width_m:g}米绘出，半宽取自河套陆地估算（以2001年人口普查陆地图层量度）。")), rv.old_water, reader),
    ]


def _only(reference: Reference, ref: names.Ref) -> Reader:
    reader = reference.reader()
    reader.feature(*ref)
    return reader


def boundary_layer(reference: Reference) -> list[ContextFeature]:
    """The HKSAR-Shenzhen boundary from OpenStreetMap, and from the Home Affairs Department as a check."""
    osm, had = reference.reader(), reference.reader()
    return [
        (_item("hksar_shenzhen_boundary", Text("HKSAR-Shenzhen boundary", "香港特別行政區與深圳市界線", "香港特别行政区与深圳市界线"), "boundary", "shared", "official", 15.0,
               "Position within about 15 m (OpenStreetMap against the Home Affairs Department line: median 2.3 m, at most 26 m).",
               Text("The boundary on the centre line of the regulated Shenzhen River (State Council Order No. 221), 113.995-114.160 E, from OpenStreetMap relation 3464353.",
                    "界線位於治理後深圳河的中心線（國務院第221號令），東經113.995至114.160，取自 OpenStreetMap 關係 3464353。",
                    "界线位于治理后深圳河的中心线（国务院第221号令），东经113.995至114.160，取自 OpenStreetMap 关系 3464353。")), osm.geometry(*names.RIVER), osm),
        (_item("hksar_boundary_had", Text("HKSAR boundary from the Home Affairs Department districts (114.054-114.105 E)", "香港特別行政區界線（民政事務總署分區）", "香港特别行政区界线（民政事务总署分区）"), "boundary", "shared", "official", 15.0,
               "Position within about 15 m; it agrees with the OpenStreetMap line to a median of 2.3 m.",
               Text("The same boundary from the union of the Home Affairs Department's 18 district boundaries, kept as an independent check.",
                    "同一界線，取自民政事務總署18區分區界線的合併，作獨立核對之用。",
                    "同一界线，取自民政事务总署18区分区界线的合并，作独立核对之用。")), had.geometry(*names.HAD_BOUNDARY), had),
    ]


_MARKS: tuple[tuple[str, names.Ref, Text, str, str, float, Text], ...] = (
    ("futian_checkpoint", names.FUTIAN_CHECKPOINT, Text("Futian Checkpoint", "福田口岸", "福田口岸"), "checkpoint", "Shenzhen", 150.0,
     Text("Futian Port and its metro station, at the Shenzhen end of the Spur Line crossing (Wikipedia's point).", "福田口岸及其地鐵站，位於落馬洲支線過境處的深圳一端（維基百科座標）。", "福田口岸及其地铁站，位于落马洲支线过境处的深圳一端（维基百科坐标）。")),
    ("lok_ma_chau_station", names.LOK_MA_CHAU_STATION, Text("Lok Ma Chau station (MTR Lok Ma Chau Spur Line)", "落馬洲站", "落马洲站"), "station", "HKSAR", 150.0,
     Text("Terminus of the Lok Ma Chau Spur Line (Wikidata Q15170).", "落馬洲支線終點站（Wikidata Q15170）。", "落马洲支线终点站（Wikidata Q15170）。")),
    ("lok_ma_chau_control_point", names.LOK_MA_CHAU_CONTROL, Text("Lok Ma Chau Control Point", "落馬洲管制站", "落马洲管制站"), "checkpoint", "HKSAR", 100.0,
     Text("The Hong Kong road crossing to Huanggang, at its bus boarding stop (GTFS).", "通往皇崗的香港陸路管制站，取其巴士上客站（GTFS）。", "通往皇岗的香港陆路管制站，取其巴士上客站（GTFS）。")),
    ("huanggang_port", names.HUANGGANG_POINT, Text("Huanggang Port", "皇崗口岸", "皇岗口岸"), "checkpoint", "Shenzhen", 200.0,
     Text("The Shenzhen road port opposite Lok Ma Chau Control Point (Wikipedia's point, at the river crossing; the port complex lies to the north-west).", "與落馬洲管制站相對的深圳陸路口岸（維基百科座標，位於過河處；口岸建築群在其西北）。", "与落马洲管制站相对的深圳陆路口岸（维基百科坐标，位于过河处；口岸建筑群在其西北）。")),
    ("huanggang_port_hk_port_area", names.HK_PORT_AREA, Text("Huanggang Port, Hong Kong Port Area", "皇崗口岸香港口岸區", "皇岗口岸香港口岸区"), "port_area", "HKSAR", 20.0,
     Text("The Hong Kong Port Area inside the new Huanggang Port building, under Hong Kong law (OpenStreetMap relation 913110 part; inner courtyards omitted).", "新皇崗口岸大樓內實施香港法律的香港口岸區（OpenStreetMap 關係 913110 的一部分，不計內院）。", "新皇岗口岸大楼内实施香港法律的香港口岸区（OpenStreetMap 关系 913110 的一部分，不计内院）。")),
    ("hsitp_building_11", names.BUILDING_11, Text("HSITP Building 11", "港深創新及科技園11號大樓", "港深创新及科技园11号大楼"), "building", "HKSAR", 40.0,
     Text("One of the first buildings of the Hong Kong-Shenzhen Innovation and Technology Park in the Loop (Mapxus label centre; building about 65 x 70 m).", "河套內港深創新及科技園首批大樓之一（Mapxus 標籤中心；大樓約65 x 70米）。", "河套内港深创新及科技园首批大楼之一（Mapxus 标签中心；大楼约65 x 70米）。")),
)


def landmarks_layer(reference: Reference) -> list[ContextFeature]:
    """Landmarks with their confidence, each read from its own reference feature."""
    found: list[ContextFeature] = []
    for ident, ref, name, kind, jurisdiction, accuracy, about in _MARKS:
        reader = reference.reader()
        props = reader.feature(*ref)["properties"]
        confidence = str(props.get("confidence") or "medium-high (OpenStreetMap outline)")
        uncertainty = f"Position within about {accuracy:g} m; the reference rates it {confidence}."
        found.append((_item(ident, name, kind, jurisdiction, "indicative", accuracy, uncertainty, about), reader.geometry(*ref), reader))
    return found


LAYERS: dict[str, Callable[[Reference], list[ContextFeature]]] = {
    "river": river_layer,
    "boundary": boundary_layer,
    "landmarks": landmarks_layer,
}
