"""The PNG's labels and legend, placed by the same rule as the page's (:func:`zonemap.render.label_layout.place_boxes`).

Each label's variants (``"Loop A · 89 ha"``, then ``"Loop A"``) are measured
as drawn; at each candidate point inside its zone, the box must fit the zone
and overlap neither a label placed before nor the legend, scale bar and
attribution. Labels are single lines of short names (two when bilingual), so
no Chinese word is ever broken.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zonemap.render.label_layout import place_boxes

__all__ = ["Box", "add_legend", "place_labels"]

#: A box: left, bottom, right, top (a zone's bounds in data units, or a label's in display pixels).
Box = tuple[float, float, float, float]


def _box(artist: Any, renderer: Any) -> Box:
    extent = artist.get_window_extent(renderer)
    return (extent.x0, extent.y0, extent.x1, extent.y1)


def place_labels(axes: Any, items: Sequence[tuple[Sequence[Any], Sequence[str], Box]], avoid: Sequence[Any], family: Any) -> list[Any]:
    """Draw each label at the first free place, or leave it out.

    Parameters
    ----------
    axes : matplotlib Axes
        Drawn once already (limits set), on a canvas.
    items : sequence of (points, variants, bounds)
        Per label, in priority order: candidate points (data coordinates), its
        texts fullest first, and its zone's bounds (west, south, east, north).
    avoid : sequence of matplotlib artists
        Boxes no label may cover (legend, scale bar, attribution).
    family : str or list of str
        The font family.

    Returns
    -------
    list of matplotlib Text
        The labels drawn.

    Examples
    --------
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> from matplotlib.figure import Figure
    >>> from shapely import Point
    >>> figure = Figure(figsize=(4, 2))
    >>> canvas = FigureCanvasAgg(figure)
    >>> axes = figure.add_subplot(xlim=(0, 100), ylim=(0, 50))
    >>> items = [([Point(50, 25)], ["Loop A · 89 ha", "Loop A"], (0, 0, 100, 50)),
    ...          ([Point(50, 25), Point(15, 10)], ["Loop B"], (0, 0, 30, 20))]
    >>> [(text.get_text(), text.get_position()) for text in place_labels(axes, items, [], "DejaVu Sans")]
    [('Loop A · 89 ha', (50.0, 25.0)), ('Loop B', (15.0, 10.0))]
    """
    renderer = axes.figure.canvas.get_renderer()
    style = {"ha": "center", "va": "center", "fontsize": 8, "fontfamily": family, "parse_math": False, "fontweight": "bold",
             "bbox": {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8}}
    sizes: list[list[tuple[float, float]]] = []
    for _, variants, _ in items:
        measured = []
        for text in variants:
            probe = axes.text(0, 0, text, **style)
            x0, y0, x1, y1 = _box(probe, renderer)
            probe.remove()
            measured.append((x1 - x0, y1 - y0))
        sizes.append(measured)
    boxes = []
    for (points, _, _), measured in zip(items, sizes):
        centres = [axes.transData.transform((p.x, p.y)) for p in points]
        boxes.append([[(x - w / 2, y - h / 2, x + w / 2, y + h / 2) for x, y in centres] for w, h in measured])

    def fits(i: int, v: int) -> bool:  # the page's rule: fuller variants fit the zone; the simplest needs the zone 20 x 10 px
        west, south, east, north = items[i][2]
        (x0, y0), (x1, y1) = axes.transData.transform((west, south)), axes.transData.transform((east, north))
        width, height = abs(x1 - x0), abs(y1 - y0)
        if v < len(sizes[i]) - 1:
            return sizes[i][v][0] <= width * 1.15 + 10 and sizes[i][v][1] <= height * 1.3 + 4
        return width >= 20 and height >= 10

    chosen = place_boxes(boxes, [_box(a, renderer) for a in avoid], fits)
    drawn = []
    for (points, variants, _), choice in zip(items, chosen):
        if choice is not None:
            variant, candidate = choice
            drawn.append(axes.text(points[candidate].x, points[candidate].y, variants[variant], **style))
    return drawn


def add_legend(axes: Any, rows: Sequence[tuple[dict[str, Any], str]], title: str, family: Any) -> Any:
    """A legend in the upper left: a symbol per row (a filled box, a line, hatching) and its meaning.

    Parameters
    ----------
    axes : matplotlib Axes
        Where to draw it.
    rows : sequence of (dict, str)
        A style (as :mod:`zonemap.render.styles` gives them) and its meaning, per row.
    title : str
        The legend's title.
    family : str or list of str
        The font family.

    Returns
    -------
    matplotlib.legend.Legend

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> axes = Figure().add_subplot()
    >>> legend = add_legend(axes, [({"color": "#08c", "weight": 2}, "River"), ({"hatch": "#555"}, "Uncertainty")], "Legend", "DejaVu Sans")
    >>> legend.get_title().get_text(), [text.get_text() for text in legend.get_texts()]
    ('Legend', ['River', 'Uncertainty'])
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    for style, text in rows:
        colour = style.get("color", "#333")
        if style.get("hatch"):
            handles.append(Patch(facecolor="none", edgecolor=style["hatch"], hatch="////", linewidth=0, label=text))
        elif style.get("fill", True) and float(style.get("fillOpacity", 0)) > 0:
            handles.append(Patch(facecolor=style.get("fillColor", colour), alpha=min(1.0, float(style["fillOpacity"]) + 0.15),
                                 edgecolor=colour if style.get("weight", 1) else "none", label=text))
        else:
            handles.append(Line2D([], [], color=colour, linewidth=max(1.0, float(style.get("weight", 2)) * 0.7),
                                  linestyle="--" if style.get("dashArray") else "-", label=text))
    legend = axes.legend(handles=handles, title=title, loc="upper left", frameon=True, framealpha=0.9, prop={"family": family, "size": 7},
                         alignment="left")
    legend.get_title().set_fontfamily(family)
    legend.get_title().set_fontsize(7.5)
    return legend
