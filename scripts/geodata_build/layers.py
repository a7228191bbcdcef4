"""The zone and zone-outline features: properties from the definitions, the recipe's steps and what it read."""

from __future__ import annotations

from typing import Any

from shapely.geometry.base import BaseGeometry

from .features import provenance, texts
from .reading import Reader
from .text import Text, ha, join, pct
from .zones import OUTLINES, Zone

__all__ = ["area_sentence", "outline_features", "uncertainty", "zone_features"]

_OUTLINE_TEXT = {
    "inner": Text("inner outline (surely inside)", "內輪廓（肯定在內）", "内轮廓（肯定在内）"),
    "outer": Text("outer outline (possibly inside)", "外輪廓（可能在內）", "外轮廓（可能在内）"),
    "land": Text("outline to the bank (land)", "至河岸的輪廓（陸地）", "至河岸的轮廓（陆地）"),
    "to_boundary": Text("outline to the boundary in mid-river", "至河中界線的輪廓", "至河中界线的轮廓"),
}
_OUTLINE_ABOUT = {
    "inner": Text("The best outline cut back along each edge by how far that edge may lie inside it.", "最佳輪廓沿每條邊界按該邊界可能向內偏離的距離收窄。", "最佳轮廓沿每条边界按该边界可能向内偏离的距离收窄。"),
    "outer": Text("The best outline pushed out along each edge by how far that edge may lie outside it.", "最佳輪廓沿每條邊界按該邊界可能向外偏離的距離擴大。", "最佳轮廓沿每条边界按该边界可能向外偏离的距离扩大。"),
    "land": Text("The zone with its river side at the river's bank (the measured half-width of the channel).", "本區臨河一側取至河岸（實測的河道半寬）。", "本区临河一侧取至河岸（实测的河道半宽）。"),
    "to_boundary": Text("The zone with its river side moved to the HKSAR-Shenzhen boundary, the river's centre line.", "本區臨河一側移至港深界線，即河道中心線。", "本区临河一侧移至港深界线，即河道中心线。"),
}


def uncertainty(zone: Zone) -> str:
    """One English sentence: the least certain edges, by how much, and the area range."""
    worst: dict[str, tuple[float, float]] = {}
    for e, _ in zone.outline.used:
        worst[e.label.en] = max(worst.get(e.label.en, (0.0, 0.0)), (e.inward_m, e.outward_m), key=max)
    top = sorted(worst.items(), key=lambda kv: (-max(kv[1]), kv[0]))[:2]
    said = " and ".join(f"{label} (up to {i:g} m in, {o:g} m out)" for label, (i, o) in top)
    return f"Least certain: {said}; the area lies between {ha(zone.areas['inner'])} and {ha(zone.areas['outer'])} ha."


def accuracy(zone: Zone) -> float:
    """Length-weighted mean tolerance (m) of the edges bounding the best outline, to 5 m."""
    total = sum(length for _, length in zone.outline.used)
    mean = sum(max(e.inward_m, e.outward_m) * length for e, length in zone.outline.used) / total
    return float(max(5, round(mean / 5) * 5))


def area_sentence(zone: Zone) -> Text:
    """The computed areas against the official figure, in three scripts."""
    a, official = zone.areas, zone.definition["official_area_m2"]
    head = Text(
        f"Geodesic area {ha(a['best'])} ha (to the bank {ha(a['land'])} ha, to the boundary {ha(a['to_boundary'])} ha; range {ha(a['inner'])}-{ha(a['outer'])} ha)",
        f"測地面積{ha(a['best'])}公頃（至河岸{ha(a['land'])}公頃，至界線{ha(a['to_boundary'])}公頃；範圍{ha(a['inner'])}至{ha(a['outer'])}公頃）",
        f"测地面积{ha(a['best'])}公顷（至河岸{ha(a['land'])}公顷，至界线{ha(a['to_boundary'])}公顷；范围{ha(a['inner'])}至{ha(a['outer'])}公顷）",
    )
    if official is None:
        tail = Text(".", "。", "。")
    else:
        diff = pct(a["best"], official)
        tail = Text(f" against the official {ha(official)} ha ({diff} %).", f"，官方數字為{ha(official)}公頃（{diff}%）。", f"，官方数字为{ha(official)}公顷（{diff}%）。")
    # One sentence: the tail is glued on, not joined (joining puts a space before the full stop).
    return Text(head.en + tail.en, head.zh_hant + tail.zh_hant, head.zh_hans + tail.zh_hans)


def _common(zone: Zone, reader: Reader) -> dict[str, Any]:
    return {"accuracy_m": accuracy(zone), "uncertainty": uncertainty(zone), **provenance(reader)}


def zone_features(zone: Zone, citations: dict[str, str]) -> tuple[dict[str, Any], BaseGeometry]:
    """The zone's feature for ``zones.geojson``."""
    d = zone.definition
    about, basis = Text.of(d, "about"), Text.of(d, "basis")
    description = join([about, *zone.outline.steps, area_sentence(zone), basis, zone.reason])
    properties: dict[str, Any] = {
        "id": zone.id,
        **texts("name", Text.of(d, "name")),
        **texts("short", Text.of(d, "short")),
        "jurisdiction": d["jurisdiction"],
        "kind": d["kind"],
        "status": zone.status,
        **texts("status_reason", zone.reason),
        "official_area_m2": d["official_area_m2"],
        "official_area_source": citations[d["official_area_source"]] if d["official_area_source"] else None,
        "area_basis": d["area_basis"],
        "parts": list(d["parts"]),
        **_common(zone, zone.outline.reader),
        **texts("description", description, english_key="description"),
    }
    return properties, zone.shapes["best"]


def outline_features(zone: Zone) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """The zone's inner, outer, land and to-boundary outlines for ``zone_outlines.geojson``."""
    d, found = zone.definition, []
    for key in OUTLINES:
        label = _OUTLINE_TEXT[key]
        is_best = (key == "land" and d["area_basis"] in ("land", None)) or (key == "to_boundary" and d["area_basis"] == "boundary")
        extra = Text(f"Area {ha(zone.areas[key])} ha.", f"面積{ha(zone.areas[key])}公頃。", f"面积{ha(zone.areas[key])}公顷。")
        description = _OUTLINE_ABOUT[key] + extra
        properties: dict[str, Any] = {
            "id": f"{zone.id}:{key}",
            "zone": zone.id,
            "outline": key,
            "name_en": f"{d['name_en']}: {label.en}",
            "name_zh_hant": f"{d['name_zh_hant']}：{label.zh_hant}",
            "name_zh_hans": f"{d['name_zh_hans']}：{label.zh_hans}",
            "status": zone.status if is_best else "indicative",
            **_common(zone, zone.outline.reader),
            **texts("description", description, english_key="description"),
        }
        found.append((properties, zone.shapes[key]))
    return found
