"""Static pictures of the zones for reports: matplotlib through geopandas, no tiles downloaded."""

from __future__ import annotations

import io
import textwrap
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np

from zonemap.areas import areas
from zonemap.elements import JURISDICTION_COLOURS
from zonemap.loading import load_layer, load_zones
from zonemap.maps import LANGUAGES, label_points, zone_names
from zonemap.output import write_atomic
from zonemap.relations import covers_others

#: Font families with Chinese glyphs, tried in order for Chinese labels.
CJK_FONTS = (
    "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Serif CJK TC", "Source Han Sans TC",
    "WenQuanYi Zen Hei", "Microsoft JhengHei", "PingFang TC", "Heiti TC", "SimHei",
)
DATA_CREDIT = "Data © OpenStreetMap contributors (ODbL 1.0), Government of the HKSAR; zonemap"


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


def _label(row: Any, lang: str, area_ha: float) -> str:
    # Chinese characters are about twice as wide as Latin ones.
    names = [textwrap.fill(name, 24 if name.isascii() else 10) for name in zone_names(row, lang)]
    return "\n".join([*names, f"{area_ha:,.1f} ha"])


def render_png(
    zones: gpd.GeoDataFrame | None = None,
    path: str | Path | None = None,
    *,
    lang: str = "en",
    width_in: float = 10.0,
    dpi: int = 120,
    overwrite: bool = False,
) -> bytes:
    """A static PNG of the zones, the river and the boundary, labelled with names and areas.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS; the bundled zones when omitted. Drawn in the
        Hong Kong 1980 Grid (EPSG:2326), so distances are true.
    path : str or Path, optional
        Also write the PNG there (atomically; an existing file only with ``overwrite``).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        Label language. Chinese needs a CJK font (Noto Sans CJK, for one); without
        one, labels fall back to English with a warning.
    width_in, dpi : float, int
        Size of the picture.

    Returns
    -------
    bytes
        The PNG.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if lang not in LANGUAGES:
        raise ValueError(f"unknown lang {lang!r}; choose one of {', '.join(LANGUAGES)}")
    font = _cjk_font() if lang != "en" else None
    if lang != "en" and font is None:
        warnings.warn("no font with Chinese glyphs is installed; labels are in English", stacklevel=2)
        lang = "en"
    zones = load_zones() if zones is None else zones.to_crs(4326)
    table = areas(zones)
    grid = zones.to_crs(2326)
    composite = covers_others(grid.geometry)
    west, south, east, north = grid.total_bounds
    margin = 0.08 * max(east - west, north - south)
    figure, axes = plt.subplots(figsize=(width_in, width_in * (north - south + 2 * margin) / (east - west + 2 * margin)))
    try:
        river = load_layer("river").to_crs(2326)
        water = river[river.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
        water.plot(ax=axes, color="#aed6f1", linewidth=0)
        load_layer("boundary").to_crs(2326).plot(ax=axes, color="#7d3c98", linewidth=1.2, linestyle=(0, (8, 3, 2, 3)))
        for (_, row), outline in zip(grid.iterrows(), composite):
            colour = JURISDICTION_COLOURS.get(str(row.get("jurisdiction")), "#555555")
            style = "-" if row.get("status") == "official" else "--"
            single = gpd.GeoSeries([row.geometry], crs=2326)
            if not outline:
                single.plot(ax=axes, color=colour, alpha=0.25, linewidth=0)
            single.boundary.plot(ax=axes, color=colour, linewidth=2.0 if outline else 1.3, linestyle=style)
        for (_, row), point, area_ha in zip(
            grid[~composite].iterrows(), label_points(grid.geometry[~composite]), table["area_ha"].to_numpy()[~composite]
        ):
            axes.annotate(
                _label(row, lang, float(area_ha)), (point.x, point.y), ha="center", va="center", fontsize=8,
                fontfamily=[font, "DejaVu Sans"] if font else "DejaVu Sans",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        axes.set_xlim(west - margin, east + margin)
        axes.set_ylim(south - margin, north + margin)
        axes.set_aspect("equal")
        axes.set_axis_off()
        _scale_bar(axes, west - margin, south - margin, east - west)
        axes.text(0.99, 0.01, DATA_CREDIT, transform=axes.transAxes, ha="right", va="bottom", fontsize=6, color="#444")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": "zonemap"})
    finally:
        plt.close(figure)
    png = buffer.getvalue()
    if path is not None:
        write_atomic(path, png, overwrite=overwrite, marker="Software\x00zonemap")
    return png


def _scale_bar(axes: Any, x0: float, y0: float, span_m: float) -> None:
    """A scale bar of a round length (metres on EPSG:2326) in the lower left corner."""
    length = float(10 ** np.floor(np.log10(span_m / 4)))
    length *= 5 if span_m / 4 >= 5 * length else 2 if span_m / 4 >= 2 * length else 1
    x, y = x0 + 0.03 * span_m, y0 + 0.03 * span_m
    axes.plot([x, x + length], [y, y], color="#222", linewidth=3, solid_capstyle="butt")
    axes.text(x + length / 2, y + 0.012 * span_m, f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m",
              ha="center", va="bottom", fontsize=8)
