"""The zones and their outlines: run each recipe, join composites, settle each zone's status.

A zone is ``official`` only under the rule in ``definitions.json``: every edge
of its best outline follows a sourced, derived or constructed line (none
inferred), its geodesic area is within ``max_diff_pct`` of the official figure,
that figure lies between its inner and outer areas, and (for a composite) every
part is official.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from . import recipes_hk, recipes_sz
from .errors import BuildError
from .geometry import finish, geodesic_area_m2
from .outline import Outline
from .reading import Reference
from .text import Text, join, pct

__all__ = ["OUTLINES", "RECIPES", "Zone", "build_zones"]

#: The recipe of each zone that has one (composites have parts instead).
RECIPES: dict[str, Callable[..., Outline]] = {
    "loop_a": recipes_hk.loop_a,
    "loop_b": recipes_hk.loop_b,
    "loop_zoning_plan": recipes_hk.loop_zoning_plan,
    "loop_c": recipes_sz.loop_c,
    "futian_bonded_zone": recipes_sz.futian_bonded_zone,
    "huanggang_port_area": recipes_sz.huanggang_port_area,
}
#: The outlines published per zone, in order.
OUTLINES = ("inner", "outer", "land", "to_boundary")


@dataclass
class Zone:
    """A zone as built: its definition, outline, output geometries, areas (m²) and status."""

    definition: dict[str, Any]
    outline: Outline
    shapes: dict[str, Any] = field(default_factory=dict)  # "best" and each of OUTLINES, lon/lat
    areas: dict[str, float] = field(default_factory=dict)
    status: str = "indicative"
    reason: Text = field(default_factory=lambda: Text("", "", ""))

    @property
    def id(self) -> str:
        """The zone's id."""
        return str(self.definition["id"])


def _composite(definition: dict[str, Any], parts: list[Zone], reference: Reference) -> Outline:
    reader = reference.reader()
    for part in parts:
        reader.absorb(part.outline.reader)
    names = join(Text(p.definition["name_en"] + ";", p.definition["name_zh_hant"] + "；", p.definition["name_zh_hans"] + "；") for p in parts)
    step = Text(f"The union of its parts: {names.en.rstrip(';')}.", f"各部分的合併：{names.zh_hant.rstrip('；')}。", f"各部分的合并：{names.zh_hans.rstrip('；')}。")
    outlines = [p.outline for p in parts]

    def joined(get: Callable[[Outline], Any]) -> Any:
        return unary_union([get(o) for o in outlines])

    return Outline(
        best=joined(lambda o: o.best),
        edges=[e for o in outlines for e in o.edges],
        steps=[step],
        reader=reader,
        land=joined(lambda o: o.land if o.land is not None else o.best),
        to_boundary=joined(lambda o: o.to_boundary if o.to_boundary is not None else o.best),
        inner=joined(lambda o: o.inner),
        outer=joined(lambda o: o.outer),
        used=[u for o in outlines for u in o.used],
    )


def _chosen(definition: dict[str, Any], outline: Outline) -> BaseGeometry:
    """The best outline: the one the official figure is measured to (``area_basis``).

    ``land``: to the bank; ``boundary``: to the boundary in mid-river; ``land_edge``: the recipe's own
    best, a land edge inland of the bank that the evidence shows (published beside the other two).
    """
    basis = definition["area_basis"]
    chosen = {"land": outline.land, "boundary": outline.to_boundary, "land_edge": outline.best, None: outline.best}[basis]
    if chosen is None:
        raise BuildError(f"{definition['id']}: no outline for its area basis {basis!r}")
    return chosen


def _follows(zone: Zone) -> Text:
    """What an official zone's status rests on: the official limits followed where they exist, and its constructions by name."""
    lengths: dict[Text, float] = {}
    for e, length in zone.outline.used:
        if e.kind == "construction":
            lengths[e.label] = lengths.get(e.label, 0.0) + length
    built = [(label, length) for label, length in lengths.items() if length >= 10.0]
    if not built:
        return Text(
            "Official: it follows the official description's limits throughout (no edge is a construction).",
            "官方：全程依循官方描述的界線（沒有推定構造的邊界）。",
            "官方：全程依循官方描述的界线（没有推定构造的边界）。",
        )
    return Text(
        "Official: it follows the official description's own limits wherever they exist as lines; where they do not, "
        f"{len(built)} of its edges are constructions: " + "; ".join(f"{t.en} ({m:,.0f} m)" for t, m in built) + ".",
        "官方：凡官方描述的界線實際存在之處均依循該線；不存在之處，有"
        f"{len(built)}段邊界屬推定構造：" + "；".join(f"{t.zh_hant}（{m:.0f}米）" for t, m in built) + "。",
        "官方：凡官方描述的界线实际存在之处均依循该线；不存在之处，有"
        f"{len(built)}段边界属推定构造：" + "；".join(f"{t.zh_hans}（{m:.0f}米）" for t, m in built) + "。",
    )


def _status(zone: Zone, rule: dict[str, Any], parts: list[Zone]) -> tuple[str, Text]:
    d = zone.definition
    official = d["official_area_m2"]
    if official is None or not d["may_be_official"]:
        return "indicative", Text("Indicative: there is no official outline or figure; this is zonemap's definition.", "示意：沒有官方範圍或面積，此為 zonemap 的定義。", "示意：没有官方范围或面积，此为 zonemap 的定义。")
    best, low, high = zone.areas["best"], zone.areas["inner"], zone.areas["outer"]
    diff = pct(best, official)
    failures: list[Text] = []
    if abs(best - official) / official * 100 > rule["max_diff_pct"]:
        failures.append(Text(f"its area is {diff} % from the official figure", f"面積與官方數字相差{diff}%", f"面积与官方数字相差{diff}%"))
    inferred = sorted({e.label.en for e, _ in zone.outline.used if e.kind == "inferred"})
    if inferred:
        failures.append(Text(f"edges are inferred ({', '.join(inferred)})", "部分邊界屬推斷", "部分边界属推断"))
    if not low <= official <= high:
        failures.append(Text("the official figure lies outside its area range", "官方數字不在其面積範圍內", "官方数字不在其面积范围内"))
    if any(p.status != "official" for p in parts):
        failures.append(Text("a part is indicative", "有部分屬示意", "有部分属示意"))
    if not failures:
        return "official", _follows(zone) + Text(
            f"No edge is inferred, its area is within {rule['max_diff_pct']:g} % of the official figure ({diff} %) and the figure lies within its area range.",
            f"沒有推斷的邊界，面積與官方數字相差在{rule['max_diff_pct']:g}%以內（{diff}%），且官方數字在其面積範圍內。",
            f"没有推断的边界，面积与官方数字相差在{rule['max_diff_pct']:g}%以内（{diff}%），且官方数字在其面积范围内。",
        )
    return "indicative", Text(
        "Indicative: " + "; ".join(f.en for f in failures) + ".",
        "示意：" + "；".join(f.zh_hant for f in failures) + "。",
        "示意：" + "；".join(f.zh_hans for f in failures) + "。",
    )


def _measure(zone: Zone) -> None:
    o = zone.outline
    geometries = {"best": o.best, "inner": o.inner, "outer": o.outer, "land": o.land, "to_boundary": o.to_boundary}
    for key, metric in geometries.items():
        if metric is None:
            raise BuildError(f"{zone.id}: no {key} outline")
        zone.shapes[key] = finish(metric)
        zone.areas[key] = geodesic_area_m2(zone.shapes[key])


def build_zones(reference: Reference, definitions: dict[str, Any]) -> list[Zone]:
    """Every zone of ``definitions.json``, in its order, built, measured and given its status."""
    built: dict[str, Zone] = {}
    pending = list(definitions["zones"])
    while pending:
        d = pending.pop(0)
        if d["parts"] and not all(p in built for p in d["parts"]):
            pending.append(d)
            continue
        parts = [built[p] for p in d["parts"]]
        if d["recipe"]:
            outline = RECIPES[d["recipe"]](reference.reader())
            outline.best = _chosen(d, outline)
            outline.settle()
        else:
            outline = _composite(d, parts, reference)
        if d["official_area_source"]:
            outline.reader.cite(d["official_area_source"])
        zone = Zone(d, outline)
        _measure(zone)
        zone.status, zone.reason = _status(zone, definitions["status_rule"], parts)
        built[d["id"]] = zone
    return [built[d["id"]] for d in definitions["zones"]]
