"""The history milestones as a layer: data from ``milestones.json``, placed by rules over read features."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from . import names
from .reading import Reader, Reference
from .text import Text

__all__ = ["MILESTONES_FILE", "PLACES", "milestones_layer"]

MILESTONES_FILE = Path(__file__).with_name("milestones.json")


def _channel_at_loop(r: Reader) -> BaseGeometry:
    river, loop = r.geometry(*names.RIVER), r.geometry(*names.LOOP_CENTRELINE_FACE)
    return river.interpolate(river.project(loop.centroid))


def _loop_centre(r: Reader) -> BaseGeometry:
    return r.geometry(*names.LOOP_CENTRELINE_FACE).point_on_surface()


def _loop_west_tip(r: Reader) -> BaseGeometry:
    old = r.geometry(*names.OLD_MEANDER)
    return min((Point(old.coords[0]), Point(old.coords[-1])), key=lambda p: p.x)


def _middle(ref: names.Ref) -> Callable[[Reader], BaseGeometry]:
    return lambda r: r.geometry(*ref).interpolate(0.5, normalized=True)


def _point(ref: names.Ref) -> Callable[[Reader], BaseGeometry]:
    return lambda r: r.geometry(*ref)


#: Where each kind of milestone goes: (rule, accuracy in m, what the place is, in three scripts).
PLACES: dict[str, tuple[Callable[[Reader], BaseGeometry], float, Text]] = {
    "channel_at_loop": (_channel_at_loop, 15.0, Text("on the new channel, beside the middle of the Loop", "新河道上，河套中段旁", "新河道上，河套中段旁")),
    "loop_centre": (_loop_centre, 50.0, Text("in the Loop", "河套內", "河套内")),
    "loop_west_tip": (_loop_west_tip, 15.0, Text("where the old meander leaves the new channel, at the Loop's west tip", "舊河道離開新河道處，即河套西端", "旧河道离开新河道处，即河套西端")),
    "east_meander": (_middle(names.OLD_MEANDER_EAST), 15.0, Text("on the small old meander near 114.104 E", "東經114.104附近的小段舊河道上", "东经114.104附近的小段旧河道上")),
    "huanggang_crossing": (_point(names.HUANGGANG_POINT), 200.0, Text("at the Huanggang crossing between the Loop and the Shenzhen Park", "河套與深圳園區之間的皇崗過河處", "河套与深圳园区之间的皇岗过河处")),
    "old_meander_middle": (_middle(names.OLD_MEANDER), 15.0, Text("on the old meander, which the plan includes", "舊河道上，該圖則包括舊河道", "旧河道上，该图则包括旧河道")),
    "bonded_zone": (_point(names.BONDED_ZONE_LABEL), 150.0, Text("at Amap's label point of the Futian Bonded Zone", "高德地圖福田保稅區標籤點", "高德地图福田保税区标签点")),
    "building_11": (_point(names.BUILDING_11), 40.0, Text("at HSITP Building 11, among the Hong Kong Park's first buildings", "港深創新及科技園11號大樓，香港園區首批大樓之一", "港深创新及科技园11号大楼，香港园区首批大楼之一")),
}


def milestones_layer(reference: Reference) -> list[tuple[dict[str, Any], BaseGeometry, Reader]]:
    """The milestones, sorted by date, each with its properties, metric point and reader."""
    data = json.loads(MILESTONES_FILE.read_text(encoding="utf-8"))["milestones"]
    found = []
    for m in sorted(data, key=lambda m: (m["date"], m["id"])):
        reader = reference.reader()
        rule, accuracy, where = PLACES[m["place"]]
        point = rule(reader)
        for key in m["sources"]:
            reader.cite(key)
        title, text = Text.of(m, "title"), Text.of(m, "text")
        properties = {
            "id": m["id"],
            "date": m["date"],
            "year": m["year"],
            "title_en": title.en,
            "title_zh_hant": title.zh_hant,
            "title_zh_hans": title.zh_hans,
            "text_en": text.en,
            "text_zh_hant": text.zh_hant,
            "text_zh_hans": text.zh_hans,
            "zones": list(m["zones"]),
            "name_en": f"{m['year']}: {title.en}",
            "name_zh_hant": f"{m['year']}年：{title.zh_hant}",
            "name_zh_hans": f"{m['year']}年：{title.zh_hans}",
            "kind": "milestone",
            "status": "indicative",
            "accuracy_m": accuracy,
            "uncertainty": f"The event has no single spot: it is placed {where.en}, within about {accuracy:g} m of that place.",
            "description": f"{text.en} Placed {where.en}.",
            "description_zh_hant": f"{text.zh_hant}標示於{where.zh_hant}。",
            "description_zh_hans": f"{text.zh_hans}标示于{where.zh_hans}。",
        }
        found.append((properties, point, reader))
    return found
