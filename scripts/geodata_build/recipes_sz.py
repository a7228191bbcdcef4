"""Recipes for the zones on the Shenzhen side: the two parts of the Shenzhen Park, and Loop C.

Each recipe reads its lines through a :class:`~.reading.Reader` (which logs
them), builds the zone in metres and returns an :class:`~.outline.Outline`
whose steps say, in three scripts, what was done.
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union

from . import names
from . import tolerances as tol
from .edges import bank_edges, edge, farthest_segment, segments
from .errors import BuildError
from .geometry import extend, face_bounded_by, half_plane, keep_parts
from .outline import Edge, Outline
from .reading import Reader
from .river import river
from .text import Text

__all__ = ["CLOSE_M", "MARGIN_M", "futian_bonded_zone", "huanggang_port_area", "loop_c"]

#: How far from the centre line (m) land that no school catchment covers is read as river-side strip.
MARGIN_M = 400.0
#: Gaps narrower than twice this (m) between neighbouring catchments are drawing slop and are closed.
CLOSE_M = 30.0

_BINHE = Text("Binhe Avenue (OpenStreetMap ways 25423077 and 1382209055)", "濱河大道（OpenStreetMap 路段 25423077、1382209055）", "滨河大道（OpenStreetMap 路段 25423077、1382209055）")
_HUANGGANG_ROAD = Text("Huanggang Road (OpenStreetMap)", "皇崗路（OpenStreetMap）", "皇岗路（OpenStreetMap）")


def _port_west_edge(reader: Reader) -> tuple[list[LineString], list[LineString], list[LineString]]:
    """The Huanggang Port's west edge (W2) split into connector, HK Port Area outline and due-south pieces."""
    line = reader.geometry(*names.PORT_WEST_EDGE)
    port = reader.geometry(*names.HK_PORT_AREA)
    along = port.exterior.buffer(1.0)
    outline = [s for s in segments(line) if along.contains(s)]
    rest = [s for s in segments(line) if not along.contains(s)]
    top = max(c[1] for c in port.exterior.coords)
    connector = [s for s in rest if min(c[1] for c in s.coords) >= top - 1.0]
    due_south = [s for s in rest if s not in connector]
    return connector, outline, due_south


def _huanggang_face(reader: Reader) -> tuple[BaseGeometry, list[Edge]]:
    """The Huanggang Port area to the boundary (the face of its lines), with the edges it is drawn along."""
    rv = river(reader)
    binhe = [reader.geometry(*names.BINHE_MAIN), reader.geometry(*names.BINHE_OTHER)]
    road = linemerge(unary_union([reader.geometry(*r) for r in names.HUANGGANG_ROAD]))
    huaqiang = reader.geometry(*names.HUAQIANG)
    huaqiang_south = extend(reader.geometry(*names.HUAQIANG_SOUTH), 0.0, 300.0)
    connector, outline, due_south = _port_west_edge(reader)
    due_south = [extend(s, 0.0, 200.0) for s in due_south]
    lines = [rv.centreline, *binhe, road, huaqiang, huaqiang_south, *connector, *outline, *due_south]
    face = face_bounded_by(lines, "huanggang_port_area", must=[rv.centreline, road, huaqiang_south, binhe[1], *outline])
    edges = [
        *bank_edges(rv, old=False),
        *(edge(_BINHE, b, tol.OSM_ROAD) for b in binhe),
        edge(_HUANGGANG_ROAD, road, tol.OSM_ROAD),
        edge(Text("Huaqiang South Road at 114.0817 E", "華強南路（東經114.0817）", "华强南路（东经114.0817）"), huaqiang, tol.HUAQIANG),
        edge(Text("Huaqiang South Road prolonged to the river", "華強南路向南延至河邊", "华强南路向南延至河边"), huaqiang_south, tol.HUAQIANG_SOUTH),
        *(edge(Text("the connector to the HK Port Area", "接往香港口岸區的連線", "接往香港口岸区的连线"), s, tol.PORT_CONNECTOR) for s in connector),
        *(edge(Text("the HK Port Area outline (OpenStreetMap)", "香港口岸區輪廓（OpenStreetMap）", "香港口岸区轮廓（OpenStreetMap）"), s, tol.OSM_OUTLINE) for s in outline),
        *(edge(Text("the port's west edge due south to the river", "口岸西界向正南延至河邊", "口岸西界向正南延至河边"), s, tol.PORT_DUE_SOUTH) for s in due_south),
    ]
    return face, edges


def huanggang_port_area(reader: Reader) -> Outline:
    """Binhe Avenue, Huaqiang South Road, the river, Huanggang Road and the port's west edge."""
    rv = river(reader)
    to_boundary, edges = _huanggang_face(reader)
    land = keep_parts(to_boundary.difference(rv.water))
    steps = [
        Text(
            "North: Binhe Avenue, OpenStreetMap centre lines of both carriageways (±10 m). East: Huaqiang South Road "
            "at 114.0817 E, where the Huaqiang South metro station and the school-catchment edges either side of the "
            "road agree within 20-40 m; south of Binhe Avenue there is no road, so the line is prolonged due south to "
            "the river (a construction).",
            "北界：濱河大道，取 OpenStreetMap 兩側車道中線（±10米）。東界：華強南路，位於東經114.0817，華強南站與"
            "道路兩側學區邊界互相吻合至20至40米；濱河大道以南沒有道路，故把此線向正南延至河邊（屬推定構造）。",
            "北界：滨河大道，取 OpenStreetMap 两侧车道中线（±10米）。东界：华强南路，位于东经114.0817，华强南站与"
            "道路两侧学区边界互相吻合至20至40米；滨河大道以南没有道路，故把此线向正南延至河边（属推定构造）。",
        ),
        Text(
            "West: Huanggang Road (OpenStreetMap) to where it ends at the port, a connector to the west side of the "
            "Hong Kong Port Area in the new port building (OpenStreetMap), which reaches 114.0660 E, then due south to "
            "the river; a line due south from the end of Huanggang Road would cut the building in two.",
            "西界：皇崗路（OpenStreetMap）至口岸處盡頭，連接新口岸大樓內香港口岸區的西側（OpenStreetMap，"
            "西至東經114.0660），再向正南至河邊；若從皇崗路盡頭直接向南，會把大樓一分為二。",
            "西界：皇岗路（OpenStreetMap）至口岸处尽头，连接新口岸大楼内香港口岸区的西侧（OpenStreetMap，"
            "西至东经114.0660），再向正南至河边；若从皇岗路尽头直接向南，会把大楼一分为二。",
        ),
        *rv.steps,
    ]
    return Outline(best=land, edges=edges, steps=steps, reader=reader, land=land, to_boundary=to_boundary)


def futian_bonded_zone(reader: Reader) -> Outline:
    """The bonded zone's west block from the catchment evidence, and a link east along the river to the port."""
    rv = river(reader)
    fuyuan = reader.geometry(*names.CATCHMENTS["fuyuan"])
    east_catchment = reader.geometry(*names.CATCHMENTS["futian_foreign_south_primary"])
    port_catchment = reader.geometry(*names.CATCHMENTS["fumin"])
    xinzhou = extend(reader.geometry(*names.XINZHOU_WEST_EDGE), 1000.0, 300.0)
    corridor = extend(reader.geometry(*names.RONGHUA_CORRIDOR), 300.0, 300.0)
    checkpoint = reader.geometry(*names.FUTIAN_CHECKPOINT)
    _, _, due_south = _port_west_edge(reader)
    port_edge = extend(due_south[-1], 300.0, 300.0)
    shared = farthest_segment(fuyuan.exterior.intersection(east_catchment.buffer(60.0)))
    yitian = extend(shared, 600.0, 300.0)
    gap = face_bounded_by([xinzhou, corridor, yitian, fuyuan.exterior], "futian_bonded_zone (Ronghua corridor strip)")
    west_block = fuyuan.union(gap)
    covered = unary_union([fuyuan, east_catchment, port_catchment]).buffer(CLOSE_M).buffer(-CLOSE_M)
    east_of_xinzhou = half_plane(xinzhou, (1.0, 0.0))
    west_of_port = half_plane(port_edge, (-1.0, 0.0))
    span = rv.north.intersection(east_of_xinzhou).intersection(west_of_port)
    loose = span.intersection(rv.centreline.buffer(MARGIN_M)).difference(covered)
    margin = unary_union([p for p in getattr(loose, "geoms", [loose]) if p.distance(rv.centreline) < 1.0])
    width = round(float(checkpoint.distance(rv.water)))
    reach = margin.union(rv.water).buffer(width)
    link = reach.difference(margin).difference(rv.water).intersection(rv.north)
    link = link.intersection(half_plane(yitian, (1.0, 0.0))).intersection(west_of_port)
    best = keep_parts(west_block.union(link))
    to_boundary = keep_parts(best.union(margin).union(rv.sz_water.intersection(east_of_xinzhou).intersection(west_of_port)))
    land = keep_parts(to_boundary.difference(rv.water))
    near, median, far = _land_edge_profile(best, land, rv.centreline)
    link_edge = reach.boundary
    edges = [
        *bank_edges(rv, old=False),
        edge(Text("the Xinzhou River side (the catchment's west edge)", "新洲河一側（學區西界）", "新洲河一侧（学区西界）"), xinzhou, tol.XINZHOU),
        edge(Text("the inferred Ronghua Road corridor", "推斷的絨花路走廊", "推断的绒花路走廊"), corridor, tol.RONGHUA),
        edge(Text("the Yitian Road line between the catchments", "兩學區之間的益田路線", "两学区之间的益田路线"), yitian, tol.CATCHMENT_EDGE),
        edge(Text("the catchments' river-side edges", "學區臨河邊界", "学区临河边界"), covered.boundary, tol.CATCHMENT_EDGE),
        edge(Text("the Fuyuan catchment's edges", "福苑學區邊界", "福苑学区边界"), fuyuan.exterior, tol.CATCHMENT_EDGE),
        edge(Text("the inland side of the link along the river", "沿河連接帶的內陸一側", "沿河连接带的内陆一侧"), link_edge, tol.link(width)),
        edge(Text("the port's west edge due south to the river", "口岸西界向正南延至河邊", "口岸西界向正南延至河边"), port_edge, tol.PORT_DUE_SOUTH),
    ]
    steps = [
        Text(
            "West block: the Fuyuan school catchment, which holds every located bonded-zone street point, converted "
            "from BD-09 (±50 m) and used only as positional evidence: its west edge is read as the Xinzhou River side "
            "and its river-side edge as the zone's land edge.",
            "西區：福苑小學學區（由BD-09轉換，±50米，只作位置證據），保稅區所有已定位的街道點都在其內；其西界視作"
            "新洲河一側，臨河邊界視作本區陸地邊界。",
            "西区：福苑小学学区（由BD-09转换，±50米，只作位置证据），保税区所有已定位的街道点都在其内；其西界视作"
            "新洲河一侧，临河边界视作本区陆地边界。",
        ),
        Text(
            "North: the inferred Ronghua Road corridor, the midline of the 106-155 m gap between that catchment and "
            "the ones north of it, running east-west; chosen over the single Gaode junction point 300 m further south "
            "because it is a line seen along 1.2 km and because the zone's Guihua Road addresses lie north of that "
            "point. The doubt is carried as a 300 m inward tolerance.",
            "北界：推斷的絨花路走廊，即該學區與其北面學區之間106至155米空隙的中線，東西走向；此線沿1.2公里可見，"
            "而區內桂花路的門牌位於高德交叉口點以北，故棄用該點（在南面300米）；此疑問以向內300米的誤差計入。",
            "北界：推断的绒花路走廊，即该学区与其北面学区之间106至155米空隙的中线，东西走向；此线沿1.2公里可见，"
            "而区内桂花路的门牌位于高德交叉口点以北，故弃用该点（在南面300米）；此疑问以向内300米的误差计入。",
        ),
        Text(
            f"East: a link along the river to the Huanggang Port's west edge, so that the Shenzhen Park is one park: "
            f"the land within {width} m of the river-side strip (the distance of Futian Checkpoint from the bank), "
            f"east of the Yitian Road line. No source locates the zone east of 114.053 E: the link is a documented "
            f"construction.",
            f"東界：沿河連接帶直至皇崗口岸西界，使深圳園區連成一片：取益田路線以東、臨河地帶{width}米以內的陸地"
            f"（即福田口岸與河岸的距離）。沒有資料確定本區在東經114.053以東的範圍，此連接帶屬有記錄的推定構造。",
            f"东界：沿河连接带直至皇岗口岸西界，使深圳园区连成一片：取益田路线以东、临河地带{width}米以内的陆地"
            f"（即福田口岸与河岸的距离）。没有资料确定本区在东经114.053以东的范围，此连接带属有记录的推定构造。",
        ),
        Text(
            f"River side: the catchments' river-side edges, {near}-{far} m from the centre line (median {median} m, "
            f"sampled within {MARGIN_M:g} m of it), "
            f"are read as the zone's own land edge, inland of the bank (no fence line is known); the best outline stops there. The "
            f"outline to the bank adds the strip between that edge and the measured bank (mostly the crescent inside "
            f"the river bend south of the Fuyuan catchment), and the outline to the boundary adds the river's "
            f"Shenzhen half as well: both are published beside the best outline.",
            f"臨河一側：各學區的臨河邊界距中心線{near}至{far}米（中位數{median}米，取中心線{MARGIN_M:g}米以內的取樣），視作本區本身的陸地邊界，位於河岸以內（未知圍網位置）；"
            f"最佳輪廓止於此。至河岸的輪廓另加此邊界與實測河岸之間的地帶（主要是福苑學區以南、河灣內側"
            f"的月牙形土地），至界線的輪廓再加河道的深圳一半：兩者均與最佳輪廓並列公布。",
            f"临河一侧：各学区的临河边界距中心线{near}至{far}米（中位数{median}米，取中心线{MARGIN_M:g}米以内的取样），视作本区本身的陆地边界，位于河岸以内（未知围网位置）；"
            f"最佳轮廓止于此。至河岸的轮廓另加此边界与实测河岸之间的地带（主要是福苑学区以南、河湾内侧"
            f"的月牙形土地），至界线的轮廓再加河道的深圳一半：两者均与最佳轮廓并列公布。",
        ),
        *rv.steps,
    ]
    return Outline(best=best, edges=edges, steps=steps, reader=reader, land=land, to_boundary=to_boundary)


def _land_edge_profile(best: BaseGeometry, land: BaseGeometry, centreline: LineString) -> tuple[int, int, int]:
    """How far (m, to 10 m) the best outline's river-side edge lies from the centre line: least, median, most.

    The river-side edge is the part of ``best``'s boundary along the strip that the outline to the bank
    adds, within :data:`MARGIN_M` of the centre line; it is sampled every 10 m.
    """
    side = best.boundary.intersection(land.difference(best).buffer(1.0))
    points = [side.interpolate(d) for d in np.arange(0.0, side.length, 10.0)]
    found = np.array([d for d in (centreline.distance(p) for p in points) if d <= MARGIN_M])
    if not found.size:
        raise BuildError("futian_bonded_zone: no river-side edge between the best outline and the bank")
    near, median, far = (int(round(float(v) / 10.0) * 10) for v in (found.min(), np.median(found), found.max()))
    return near, median, far


def loop_c(reader: Reader) -> Outline:
    """Shenzhen land facing the Loop: the Huanggang Port area between the channel's normals at the Loop's tips."""
    rv = river(reader)
    huanggang, huanggang_edges = _huanggang_face(reader)
    tips = [Point(rv.old_meander.coords[0]), Point(rv.old_meander.coords[-1])]
    normals = []
    for tip in tips:
        at = rv.centreline.project(tip)
        a, b = rv.centreline.interpolate(at - 100.0), rv.centreline.interpolate(at + 100.0)
        dx, dy = b.x - a.x, b.y - a.y
        normals.append(LineString([(tip.x + dy * 20, tip.y - dx * 20), (tip.x - dy * 20, tip.y + dx * 20)]))
    along = rv.centreline.interpolate(rv.centreline.project(tips[1]))
    between = half_plane(normals[0], (along.x - tips[0].x, along.y - tips[0].y)).intersection(
        half_plane(normals[1], (tips[0].x - along.x, tips[0].y - along.y))
    )
    reach = keep_parts(between.intersection(huanggang))
    land = keep_parts(reach.difference(rv.water))
    edges = [
        *huanggang_edges,
        *(edge(Text("a line at right angles to the channel through a tip of the Loop", "經河套端點垂直於河道的線", "经河套端点垂直于河道的线"), n, tol.LOOP_PERPENDICULAR) for n in normals),
    ]
    steps = [
        Text(
            "zonemap's definition (the 2008 study's area C has no published outline): the Shenzhen land facing the "
            "Loop across the new channel, between lines at right angles to the channel through the Loop's two tips "
            "(where the old meander leaves and rejoins it), taken within the Huanggang Port area as built here (north "
            "of the bank, south of Binhe Avenue, east of Huanggang Road), so it lies inside that area by construction: "
            "area C of 2008 is the land the 2023 plan took up.",
            "zonemap 的定義（2008年研究的C區沒有公布範圍）：隔新河道與河套相對的深圳陸地，位於經河套兩端點"
            "（舊河道離開及重回新河道處）垂直於河道的兩線之間，並只取本資料所繪皇崗口岸片區之內的部分（河岸以北、"
            "濱河大道以南、皇崗路以東），故按構造必在該片區之內：2008年的C區正是2023年規劃所涵蓋的土地。",
            "zonemap 的定义（2008年研究的C区没有公布范围）：隔新河道与河套相对的深圳陆地，位于经河套两端点"
            "（旧河道离开及重回新河道处）垂直于河道的两线之间，并只取本数据所绘皇岗口岸片区之内的部分（河岸以北、"
            "滨河大道以南、皇岗路以东），故按构造必在该片区之内：2008年的C区正是2023年规划所涵盖的土地。",
        ),
        *rv.steps,
    ]
    return Outline(best=land, edges=edges, steps=steps, reader=reader, land=land, to_boundary=reach)
