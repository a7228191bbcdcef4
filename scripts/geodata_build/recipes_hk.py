"""Recipes for the zones on the Hong Kong side: the Loop, the Loop zoning plan area, and Loop B."""

from __future__ import annotations

from shapely.ops import unary_union

from . import names
from . import tolerances as tol
from .edges import bank_edges, edge
from .geometry import keep_parts
from .outline import Outline
from .reading import Reader
from .river import river
from .text import Text

__all__ = ["HULL_WIDEN_M", "loop_a", "loop_b", "loop_zoning_plan"]

#: How far Loop B's hull is widened (m): the stated accuracy of Lok Ma Chau Control Point's bus-stop point.
HULL_WIDEN_M = 100.0


def _loop(reader: Reader) -> tuple[Outline, Text]:
    rv = river(reader)
    face = reader.geometry(*names.LOOP_CENTRELINE_FACE)
    land = keep_parts(face.difference(rv.water).difference(rv.old_water))
    to_boundary = keep_parts(face.difference(rv.old_water))
    step = Text(
        "The face between the new channel's centre line (the boundary) and the old meander's centre line "
        f"(OpenStreetMap district edges), less the new channel's water and the old meander's, whose half-width "
        f"({rv.old_half_width_m:g} m) is measured from the Loop land estimate (2001 census land layer).",
        "取新河道中心線（界線）與舊河道中心線（OpenStreetMap 分區邊界）之間的範圍，扣除新河道及舊河道水面；"
        f"舊河道半寬（{rv.old_half_width_m:g}米）按河套陸地估算（2001年人口普查陸地圖層）量得。",
        "取新河道中心线（界线）与旧河道中心线（OpenStreetMap 分区边界）之间的范围，扣除新河道及旧河道水面；"
        f"旧河道半宽（{rv.old_half_width_m:g}米）按河套陆地估算（2001年人口普查陆地图层）量得。",
    )
    outline = Outline(best=land, edges=bank_edges(rv), steps=[step, *rv.steps], reader=reader, land=land, to_boundary=to_boundary)
    return outline, step


def loop_a(reader: Reader) -> Outline:
    """The Loop's land between the new and old channels' banks."""
    return _loop(reader)[0]


def loop_zoning_plan(reader: Reader) -> Outline:
    """The Loop plus the old meander on the Hong Kong side of the new channel."""
    rv = river(reader)
    loop, _ = _loop(reader)
    meander = rv.old_water.intersection(rv.south)
    land = keep_parts(unary_union([loop.best, meander.difference(rv.water)]))
    to_boundary = keep_parts(unary_union([loop.to_boundary or loop.best, meander]))
    step = Text(
        "The Loop (as loop_a) plus the old meander's channel on the Hong Kong side of the new channel, which the "
        "approved plan includes (about 16.3 ha).",
        "河套（同 loop_a）加上新河道香港一側的舊河道河槽，已核准的圖則把它計算在內（約16.3公頃）。",
        "河套（同 loop_a）加上新河道香港一侧的旧河道河槽，已核准的图则把它计算在内（约16.3公顷）。",
    )
    return Outline(best=land, edges=bank_edges(rv), steps=[*loop.steps[:1], step, *rv.steps], reader=reader, land=land, to_boundary=to_boundary)


def loop_b(reader: Reader) -> Outline:
    """Hong Kong land around the old meander, out to the reference points that ring it."""
    rv = river(reader)
    loop, _ = _loop(reader)
    points = [
        reader.geometry(*names.LOK_MA_CHAU_STATION),
        reader.geometry(*names.LOK_MA_CHAU_GTFS),
        reader.geometry(*names.LOK_MA_CHAU_CONTROL),
        reader.geometry(*names.LOK_MA_CHAU),
    ]
    widen = HULL_WIDEN_M
    hull = unary_union([rv.old_meander, *points]).convex_hull.buffer(widen, quad_segs=8)
    land = keep_parts(hull.intersection(rv.hk_land).difference(loop.best))
    to_boundary = keep_parts(hull.intersection(rv.south).difference(loop.to_boundary or loop.best))
    edges = [*bank_edges(rv), edge(Text("the hull of the Hong Kong reference points", "香港參考點的凸包", "香港参考点的凸包"), hull.boundary, tol.HK_POINT_HULL)]
    step = Text(
        "zonemap's definition (Study Area B of 2008-2015 has no published outline): Hong Kong land south of the new "
        "channel within the convex hull of the old meander, Lok Ma Chau station (Wikidata and GTFS points), Lok Ma "
        f"Chau Control Point and Lok Ma Chau village, widened by {widen:g} m (the points' accuracy), less the Loop; it "
        "holds the old meander, so it shares the old-channel bank with the Loop.",
        "zonemap 的定義（2008至2015年研究的B區沒有公布範圍）：新河道以南的香港陸地，位於舊河道、落馬洲站"
        f"（Wikidata 及 GTFS 兩點）、落馬洲管制站及落馬洲村的凸包之內，向外擴{widen:g}米（各點的精度），"
        "扣除河套；它包括舊河道，故與河套共用舊河道河岸。",
        "zonemap 的定义（2008至2015年研究的B区没有公布范围）：新河道以南的香港陆地，位于旧河道、落马洲站"
        f"（Wikidata 及 GTFS 两点）、落马洲管制站及落马洲村的凸包之内，向外扩{widen:g}米（各点的精度），"
        "扣除河套；它包括旧河道，故与河套共用旧河道河岸。",
    )
    return Outline(best=land, edges=edges, steps=[step, *rv.steps], reader=reader, land=land, to_boundary=to_boundary)
