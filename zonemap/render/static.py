"""Static pictures of the zones for reports: matplotlib, no tiles, no global state.

The figure is a ``matplotlib.figure.Figure`` drawn on the Agg canvas directly:
pyplot is never imported and the user's backend is never switched. Text from
data is drawn with ``parse_math=False`` (a ``$`` is a dollar sign, not TeX).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap._arguments import check_flag, check_path, check_positive
from zonemap._frame import prepare_zones
from zonemap.choices import DEFAULT_LANG
from zonemap.crs import metric_crs
from zonemap.errors import MissingDependencyError
from zonemap.escape import terminal_text
from zonemap.render.label_layout import label_candidates
from zonemap.render.map_legend import legend_sections
from zonemap.render.rows import records, shown_areas
from zonemap.render.static_labels import add_legend, place_labels
from zonemap.render.styles import BOUNDARY_STYLES, JURISDICTION_COLOURS, OTHER_COLOUR, RIVER_STYLES, composite_zones
from zonemap.render.wording import zone_label_variants
from zonemap.text import check_lang, say
from zonemap.write import write_atomic

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["CJK_FONTS", "MAX_PIXELS", "render_png"]

#: The most pixels a side of the picture may have (a 10,000 × 10,000 picture takes 400 MB to draw).
MAX_PIXELS = 10_000

#: Font families with Chinese glyphs, tried in order for Chinese labels.
CJK_FONTS = (
    "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Serif CJK TC", "Source Han Sans TC",
    "WenQuanYi Zen Hei", "Microsoft JhengHei", "PingFang TC", "Heiti TC", "SimHei",
)


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    def known() -> str | None:
        installed = {font.name for font in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FONTS if name in installed), None)

    if known() is None:  # matplotlib's font cache may predate the font: look on disk
        for path in font_manager.findSystemFonts():
            if any(part in Path(path).name for part in ("CJK", "wqy", "SourceHan")):
                font_manager.fontManager.addfont(path)
    return known()


def render_png(
    zones: gpd.GeoDataFrame | None = None,
    path: str | Path | None = None,
    *,
    id_column: str = "id",
    lang: str = DEFAULT_LANG,
    width_in: float = 10.0,
    dpi: int = 120,
    force: bool = False,
) -> bytes:
    """A static PNG of the zones, the river and the boundary, labelled with names and areas.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS; the bundled zones when omitted. Drawn in the metric
        CRS zonemap measures them in (:func:`zonemap.crs.metric_crs`), so distances are true.
    path : str or Path, optional
        Also write the PNG there (atomically; see :mod:`zonemap.write`).
    id_column : str
        The column holding ids.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        Label language. Chinese needs a CJK font (Noto Sans CJK, for one); without
        one, labels fall back to English with a warning.
    width_in, dpi : float, int
        Size of the picture: its height follows the zones' shape; neither side
        may exceed :data:`MAX_PIXELS` pixels (``width_in * dpi``).
    force : bool
        Replace an existing file zonemap did not make.

    Returns
    -------
    bytes
        The PNG.

    Raises
    ------
    ValueError
        For a size not positive, or a picture wider or higher than :data:`MAX_PIXELS`.
    MissingDependencyError
        Without matplotlib (``pip install 'zonemap[png]'``).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import zonemap
    >>> loop_a = zonemap.load_zones().iloc[:1]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     png = render_png(loop_a, Path(folder) / "loop_a.png", width_in=2, dpi=50)
    ...     png[1:4], (Path(folder) / "loop_a.png").read_bytes() == png
    (b'PNG', True)
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingDependencyError("render_png", "matplotlib", "png") from None
    from zonemap import bundled

    lang = check_lang(lang)
    check_positive(width_in, "width_in")
    check_positive(dpi, "dpi", integer=True)
    _check_pixels(width_in * dpi, "wide")
    check_flag(force, "force")
    if path is not None:
        check_path(path, "path")
    font = _cjk_font() if lang != "en" else None
    if lang != "en" and font is None:
        warnings.warn("no font with Chinese glyphs is installed; labels are in English", stacklevel=2)
        lang = "en"
    bundled_zones = zones is None
    checked = prepare_zones(bundled.load_zones() if zones is None else zones, id_column=id_column)
    outlines = bundled.areas_preset()["outlines"] if bundled_zones else None
    area = np.array([a["geodesic_area_m2"] for a in shown_areas(checked.frame, checked.ids, outlines)], dtype=float)  # no planar areas
    crs = metric_crs(checked.frame)
    grid = checked.frame.to_crs(crs)
    composite = composite_zones(grid, checked.ids)
    west, south, east, north = grid.total_bounds
    margin = 0.08 * max(east - west, north - south, 1.0)
    height_in = width_in * (north - south + 2 * margin) / (east - west + 2 * margin)
    _check_pixels(height_in * dpi, "high")
    figure = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    from matplotlib.collections import LineCollection, PathCollection

    layers: list[str] = []
    if bundled_zones or _near_bundled(checked.frame):
        layers = ["river", "boundary"]
        river = bundled.load_layer("river").to_crs(crs)
        for ident in ("old_meander_water", "new_channel_water"):
            water = river[river["id"] == ident].geometry.array
            axes.add_collection(PathCollection(_paths(water), facecolors=RIVER_STYLES[ident]["fillColor"], alpha=0.9, linewidths=0))
        boundary = bundled.load_layer("boundary").to_crs(crs)
        axes.add_collection(LineCollection(_lines(np.asarray(boundary.geometry.array[:1])), colors=BOUNDARY_STYLES["hksar_shenzhen_boundary"]["color"],
                                           linewidths=1.0))
    jurisdiction = grid["jurisdiction"] if "jurisdiction" in grid else [None] * len(grid)
    colours = np.array([JURISDICTION_COLOURS.get(str(j), OTHER_COLOUR) for j in jurisdiction], dtype=object)
    official = (grid["status"] == "official").to_numpy() if "status" in grid else np.zeros(len(grid), bool)
    geometries = np.asarray(grid.geometry.array, dtype=object)
    bands = _bands(outlines, checked.ids, composite, crs)
    for colour in sorted({colours[i] for i in bands}):  # one collection per colour: a collection hatches in one colour
        mine = [band for i, band in bands.items() if colours[i] == colour]
        axes.add_collection(PathCollection(_paths(mine), facecolors="none", edgecolors=[colour], hatch="////", linewidths=0, alpha=0.5))
    axes.add_collection(PathCollection(_paths(geometries[~composite]), facecolors=list(colours[~composite]), alpha=0.22, linewidths=0))
    for solid in (True, False):
        chosen = official == solid
        if chosen.any():
            axes.add_collection(PathCollection(_paths(geometries[chosen]), facecolors="none", edgecolors=list(colours[chosen]),
                                               linewidths=np.where(composite[chosen], 2.2, 1.2), linestyles="-" if solid else "--"))
    family = [font, "DejaVu Sans"] if font else "DejaVu Sans"
    axes.set_xlim(west - margin, east + margin)
    axes.set_ylim(south - margin, north + margin)
    axes.set_aspect("equal")
    axes.set_axis_off()
    scale = _scale_bar(axes, west - margin, south - margin, east - west, lang, family)
    attribution = axes.text(0.99, 0.01, say("data_attribution", lang, separator="\n"), transform=axes.transAxes,
                            ha="right", va="bottom", fontsize=6, color="#444", fontfamily=family, parse_math=False)
    sections = legend_sections(lang, jurisdictions=set(jurisdiction) - {None}, statuses={"official" if s else "indicative" for s in official},
                               composites=bool(composite.any()), bands={str(jurisdiction[i]) for i in bands}, layers=layers,
                               centreline=False, relations=False)
    legend = add_legend(axes, [item for _, rows in sections for row in rows for item in row], say("legend", lang, separator=" / "), family)
    figure.canvas.draw()
    rows = records(checked.frame)
    parts = np.flatnonzero(~composite)
    parts = parts[np.argsort(area[parts], kind="stable")]
    items = [(points, ["\n".join(terminal_text(line) for line in v) for v in zone_label_variants(rows[i], lang, checked.ids[i], None, area[i])],
              geometries[i].bounds)
             for i, points in zip(parts.tolist(), label_candidates(geometries[parts]))]
    place_labels(axes, items, [legend, *scale, attribution], family)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": "zonemap"})
    png = buffer.getvalue()
    if path is not None:
        write_atomic(path, png, force=force)
    return png


def _paths(geometries: Any) -> list[Any]:
    """Matplotlib paths of polygons (holes as holes), one per geometry."""
    from matplotlib.path import Path as PlotPath

    def ring(coordinates: np.ndarray) -> Any:
        codes = np.full(len(coordinates), PlotPath.LINETO, dtype=PlotPath.code_type)
        codes[0], codes[-1] = PlotPath.MOVETO, PlotPath.CLOSEPOLY
        return PlotPath(coordinates[:, :2], codes)

    return [PlotPath.make_compound_path(*(ring(np.asarray(r.coords)) for p in shapely.get_parts(g) for r in (p.exterior, *p.interiors)))
            for g in geometries]


def _lines(geometries: Any) -> list[np.ndarray]:
    """The vertex arrays of every line (and polygon ring) of the geometries, for a LineCollection."""
    lines = shapely.get_parts(shapely.boundary(geometries) if shapely.get_type_id(geometries).max(initial=0) in (3, 6) else geometries)
    lines = shapely.get_parts(lines)
    return [np.asarray(shapely.get_coordinates(line)) for line in lines]


def _near_bundled(frame: gpd.GeoDataFrame) -> bool:
    """Whether zones lie near the Shenzhen River (so the river and boundary belong in the picture)."""
    west, south, east, north = frame.total_bounds
    return bool(west < 114.2 and east > 113.9 and south < 22.6 and north > 22.4)


def _scale_bar(axes: Any, x0: float, y0: float, span_m: float, lang: str, family: Any) -> list[Any]:
    """A scale bar of a round length (metres of the metric CRS) in the lower left corner; its artists."""
    length = float(10 ** np.floor(np.log10(max(span_m, 1.0) / 4)))
    length *= 5 if span_m / 4 >= 5 * length else 2 if span_m / 4 >= 2 * length else 1
    x, y = x0 + 0.03 * span_m, y0 + 0.03 * span_m
    line = axes.plot([x, x + length], [y, y], color="#222", linewidth=3, solid_capstyle="butt")
    text = say("scale_km", lang, separator=" / ", value=f"{length / 1000:g}") if length >= 1000 else say("scale_m", lang, separator=" / ", value=f"{length:g}")
    return [*line, axes.text(x + length / 2, y + 0.012 * span_m, text, ha="center", va="bottom", fontsize=8, fontfamily=family, parse_math=False)]


def _bands(outlines: Any, ids: np.ndarray, composite: np.ndarray, crs: Any) -> dict[int, Any]:
    """Each drawn part's uncertainty band (outer outline less inner), by row, in ``crs``."""
    if outlines is None or len(outlines) == 0:
        return {}
    metric = outlines.to_crs(crs)
    by_zone = {(str(z), str(o)): g for z, o, g in zip(metric["zone"], metric["outline"], metric.geometry)}
    bands = {}
    for i in np.flatnonzero(~composite).tolist():
        inner, outer = by_zone.get((str(ids[i]), "inner")), by_zone.get((str(ids[i]), "outer"))
        if inner is not None and outer is not None:
            band = shapely.make_valid(outer.difference(inner))
            polygons = [p for p in shapely.get_parts(band) if p.geom_type == "Polygon"]
            if polygons:
                bands[i] = shapely.MultiPolygon(polygons)
    return bands


def _check_pixels(pixels: float, side: str) -> None:
    """Refuse a picture too large to draw, before any memory is taken for it."""
    if pixels > MAX_PIXELS:
        raise ValueError(f"the picture would be {pixels:,.0f} pixels {side}; at most {MAX_PIXELS:,}: lower dpi or width_in")
