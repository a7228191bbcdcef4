"""A set of maps: overview, history, relations, one per zone, and a landing page linking them.

The landing page (``index.html``) tells the zone's story, shows a card per map
(a picture, its title, one line), the areas table and the sources, all in the
chosen language; every map links back to it. Every page is rendered in memory
first and the set is written all-or-nothing (:func:`zonemap.write.write_files`):
a build that cannot replace one target writes none, so the folder never mixes
two builds. With ``assets``, the files the pages load are copied into
``assets/`` beside them, so the folder opens anywhere with no network.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from zonemap._arguments import check_flag, check_path
from zonemap.basemaps import DEFAULT_BASEMAP
from zonemap.choices import DEFAULT_LANG
from zonemap.escape import html_text
from zonemap.text import check_lang, html_lang, pick, say
from zonemap.write import write_files

__all__ = ["Page", "Progress", "build_maps", "index_html"]

#: A progress callback: ``progress(done, total, file_name)``.
Progress = Callable[[int, int, str], None]
_STYLE = (
    "body{font:15px/1.55 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK TC',sans-serif;max-width:64em;margin:0 auto;padding:1em;color:#222}"
    "h1{font-size:1.5em;line-height:1.25;margin:.2em 0 .5em}h2{font-size:1.15em;margin:1.4em 0 .5em}"
    "ul.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(15em,45%),1fr));gap:.8em}"
    ".cards li{border:1px solid #ccc;border-radius:6px;overflow:hidden;background:#fff}.cards a{display:block;color:inherit;text-decoration:none}"
    ".cards svg{display:block;width:100%;height:auto}.cards b{display:block;margin:.4em .7em 0;color:#0b5394}.cards span{display:block;margin:0 .7em .6em;font-size:.9em;color:#444}"
    ".table{overflow-x:auto}table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:top}"
    "td{white-space:nowrap}td:first-child,th:first-child{text-align:left;white-space:normal;min-width:9em}.note{font-size:.9em;color:#444}img.picture{max-width:100%;height:auto;border:1px solid #ccc}"
)


@dataclass(frozen=True)
class Page:
    """One map of the set: its file name, title, one-line description and picture (an inline SVG, or empty)."""

    file: str
    title: str
    line: str
    picture: str = ""


def _s(key: str, lang: str) -> str:
    return say(key, lang, separator=" / ")


def _hectares(value: Any, pattern: str = "{:,.2f}") -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else pattern.format(float(value) / 1e4)


def _areas_table(table: Any, zones: Any, lang: str) -> str:
    """The areas table for people, in ``lang``: names, not ids."""
    from zonemap.render.rows import records as rows_of

    records = {r["id"]: r for r in rows_of(zones)} if zones is not None else {}
    head = "".join(f"<th>{html_text(_s(key, lang))}</th>" for key in ("col_zone", "field_status", "col_area", "col_official", "col_diff", "col_range"))
    rows = []
    for row in table.to_dict("records"):
        record = records.get(row["id"], {})
        name = pick(record, "name", lang, separator=" / ") or str(row["id"])
        status = _s(f"status_{row['status']}", lang) if row["status"] in ("official", "indicative") else html_text(row["status"] or "")
        diff = row["official_diff_pct"]
        low, high = _hectares(row["area_min_m2"], "{:,.1f}"), _hectares(row["area_max_m2"], "{:,.1f}")
        cells = [name, status, _hectares(row["geodesic_area_m2"]), _hectares(row["official_area_m2"], "{:,.1f}"),
                 "" if isinstance(diff, float) and math.isnan(diff) else f"{diff:+.1f}", f"{low}–{high}" if low and high else ""]
        rows.append("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in cells) + "</tr>")
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _cards(pages: list[Page]) -> str:
    return "\n".join(f'<li><a href="{html_text(p.file)}">{p.picture}<b>{html_text(p.title)}</b><span>{html_text(p.line)}</span></a></li>' for p in pages)


def index_html(pages: list[Page], lang: str, areas_table: Any = None, *, zones: Any = None, picture: str | None = None) -> str:
    """The landing page: the story, a card per map, the areas table, the sources; in ``lang``.

    Parameters
    ----------
    pages : list of Page
        The maps, in order: the first three as the main cards, the rest under "one map per zone".
    lang : str
        The page's language.
    areas_table : DataFrame, optional
        :func:`zonemap.areas` of the zones.
    zones : GeoDataFrame, optional
        The zones, for their names in the table.
    picture : str, optional
        The file name of a static picture to show and link.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> page = index_html([Page("overview.html", "Overview", "All zones")], "zh-Hans")
    >>> page.splitlines()[1][:22], '<a href="overview.html">' in page
    ('<html lang="zh-Hans"><', True)
    """
    table = "" if areas_table is None else (f"<h2>{html_text(_s('site_areas', lang))}</h2>{_areas_table(areas_table, zones, lang)}"
                                            f"<p class=\"note\">{html_text(_s('site_areas_note', lang))}</p>")
    image = (f'<p><a href="{html_text(picture)}"><img class="picture" src="{html_text(picture)}" alt="{html_text(_s("site_picture", lang))}" '
             f'width="1200" height="700"></a></p>') if picture else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="zonemap">'
        f"<title>{html_text(_s('site_title', lang))}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html_text(_s('zone_title', lang))}</h1>"
        f"<p>{html_text(say('site_story', lang, separator=' '))}</p>"
        f"<h2>{html_text(_s('site_maps', lang))}</h2><ul class=\"cards\">\n{_cards(pages[:3])}\n</ul>"
        f"<h2>{html_text(_s('site_zone_maps', lang))}</h2><ul class=\"cards\">\n{_cards(pages[3:])}\n</ul>"
        f"{image}{table}"
        f"<h2>{html_text(_s('site_sources', lang))}</h2><p class=\"note\">{html_text(say('site_sources_text', lang, separator=' '))}</p>"
        "</body></html>\n"
    )


def _pictures(zones: Any, lang: str) -> dict[str, str]:
    """The cards' pictures: overview, history, relations, and each zone among the others."""
    from zonemap import bundled
    from zonemap.relate import covers_others
    from zonemap.render.preview import preview_svg
    from zonemap.render.rows import records

    water = list(bundled.river_water().geometry)
    boundary = list(bundled.load_layer("boundary").geometry[:1])
    composite = covers_others(zones.geometry) | zones["parts"].map(lambda p: len(p) > 0 if hasattr(p, "__len__") else False).to_numpy()
    shapes = [(g, j, bool(c)) for g, j, c in zip(zones.geometry, zones["jurisdiction"], composite)]
    history = [i for i, z in enumerate(zones["id"]) if z in bundled.HISTORY_ZONES]
    parts = [i for i, c in enumerate(composite) if not c]
    pictures = {
        "overview.html": preview_svg(shapes, label=_s("map_overview", lang), water=water, boundary=boundary),
        "history.html": preview_svg([(g, j, False) for g, j, _ in shapes], label=_s("map_history", lang), water=water, boundary=boundary, focus=history),
        "relations.html": preview_svg(shapes, label=_s("map_relations", lang), water=water, boundary=boundary, focus=parts),
    }
    for i, record in enumerate(records(zones)):
        pictures[f"zone_{record['id']}.html"] = preview_svg(shapes, label=pick(record, "name", lang, separator=" / "), water=water,
                                                            boundary=boundary, focus={i})
    return pictures


def build_maps(
    out_dir: str | Path = "maps_out",
    *,
    basemap: str = DEFAULT_BASEMAP,
    lang: str = DEFAULT_LANG,
    assets: str | Path | None = None,
    png: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the overview, history and relations maps, one map per zone, and an index, all-or-nothing.

    Parameters
    ----------
    out_dir : str or Path
        The folder, created when missing. Files zonemap wrote before are
        replaced; any other file of the same name only with ``force``.
    basemap, lang
        As for :func:`zonemap.render_map`.
    assets : str or Path, optional
        A ``node_modules`` folder holding Leaflet and the plugins (``npm ci`` in
        ``tests/browser``): the files the pages need are copied into
        ``out_dir/assets``, so the folder opens with no network, wherever it is moved.
    png : bool
        Also draw ``overview.png`` (needs matplotlib: ``zonemap[png]``).
    force : bool
        Replace files of the same name that zonemap did not make.
    progress : callable, optional
        Called as ``progress(done, total, file_name)`` after each page is rendered.

    Returns
    -------
    list of Path
        The files written: the maps, ``overview.png``, the copied assets, ``index.html`` last.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = build_maps(folder, basemap="none")
    ...     [path.name for path in written[:4]], written[-1].name, len(written)
    (['overview.html', 'history.html', 'relations.html', 'zone_loop_a.html'], 'index.html', 12)
    """
    import pandas as pd

    from zonemap import bundled
    from zonemap.render.assets import copied_assets
    from zonemap.render.folium_map import history_map, render_map
    from zonemap.render.page import map_html
    from zonemap.render.rows import records, shown_areas

    lang = check_lang(lang)
    out = check_path(out_dir, "out_dir")
    check_flag(png, "png")
    check_flag(force, "force")
    if assets is not None:
        check_path(assets, "assets")
    zones = bundled.load_zones()
    outlines = bundled.areas_preset()["outlines"]
    index = "index.html"
    pictures = _pictures(zones, lang)
    makers: list[tuple[Page, Callable[[], Any]]] = [
        (Page("overview.html", _s("map_overview", lang), _s("map_overview_line", lang), pictures["overview.html"]),
         lambda: render_map(basemap=basemap, lang=lang, index_url=index)),
        (Page("history.html", _s("map_history", lang), _s("map_history_line", lang), pictures["history.html"]),
         lambda: history_map(basemap=basemap, lang=lang, index_url=index)),
        (Page("relations.html", _s("map_relations", lang), _s("map_relations_line", lang), pictures["relations.html"]),
         lambda: render_map(basemap=basemap, lang=lang, relations=True, title=_s("map_relations_title", lang), index_url=index)),
    ]
    for record in records(zones):
        one = zones[zones["id"] == record["id"]]
        title = pick(record, "name", lang, separator=" / ")
        file = f"zone_{record['id']}.html"
        makers.append((Page(file, title, _s("map_zone_line", lang), pictures[file]),
                       partial(render_map, one, basemap=basemap, lang=lang, title=title, outlines=outlines, index_url=index)))
    total = len(makers) + 1 + png
    files: dict[str | Path, str | bytes] = {}
    copies: dict[str, Path] = {}
    for done, (page, make) in enumerate(makers, start=1):
        html = map_html(make())
        if assets is not None:
            html, needed = copied_assets(html, assets)
            copies.update(needed)
        files[out / page.file] = html
        if progress is not None:
            progress(done, total, page.file)
    if png:
        from zonemap.render.static import render_png

        files[out / "overview.png"] = render_png(lang=lang)
        if progress is not None:
            progress(total - 1, total, "overview.png")
    files.update({out / target: source.read_bytes() for target, source in sorted(copies.items())})
    ids = zones["id"].to_numpy(dtype=object)  # the table shows geodesic, official and outline areas: nothing planar
    table = pd.DataFrame([{"id": i, "status": s, **a} for i, s, a in zip(ids, zones["status"], shown_areas(zones, ids, outlines))])
    files[out / index] = index_html([page for page, _ in makers], lang, table, zones=zones, picture="overview.png" if png else None)
    written = write_files(files, force=force)
    if progress is not None:
        progress(total, total, index)
    return written
