"""A set of maps: overview, history, relations, one per zone, and an index page linking them.

Every page is rendered in memory first and the set is written all-or-nothing
(:func:`zonemap.write.write_files`): a build that cannot replace one target
writes none, so the folder never mixes two builds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from zonemap._arguments import check_flag, check_path
from zonemap.basemaps import DEFAULT_BASEMAP
from zonemap.choices import DEFAULT_LANG
from zonemap.escape import html_text
from zonemap.tables import areas_display
from zonemap.text import check_lang, html_lang, pick, say
from zonemap.write import write_files

__all__ = ["Page", "build_maps", "index_html"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Page:
    """One map of the set: its file name, title and one-line description."""

    file: str
    title: str
    line: str


def _html_table(frame: Any) -> str:
    head = "".join(f"<th>{html_text(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in row) + "</tr>" for row in frame.itertuples(index=False, name=None))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def index_html(pages: list[Page], lang: str, areas_table: Any = None) -> str:
    """The landing page: the story, a card per map, the areas table, the sources; in ``lang``."""
    cards = "\n".join(
        f'<li><a href="{html_text(p.file)}"><b>{html_text(p.title)}</b></a><br><span>{html_text(p.line)}</span></li>' for p in pages
    )
    table = "" if areas_table is None else _html_table(areas_display(areas_table))
    title = say("zone_title", lang, separator=" / ")
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="zonemap">'
        f"<title>{html_text(say('site_title', lang, separator=' / '))}</title>"
        "<style>body{font:15px/1.5 sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}"
        "ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16em,1fr));gap:.8em}"
        "li{border:1px solid #ccc;border-radius:6px;padding:.6em .8em}table{border-collapse:collapse;font-size:13px;display:block;overflow-x:auto}"
        "td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}</style>"
        f"</head><body><h1>{html_text(title)}</h1>"
        f"<p>{html_text(say('site_story', lang, separator=' '))}</p>"
        f"<ul>\n{cards}\n</ul>{table}"
        f"<p><small>{html_text(say('data_attribution', lang, separator=' / '))}</small></p></body></html>\n"
    )


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
        As for :func:`zonemap.map_html`: local copies of Leaflet and the plugins.
    png : bool
        Also draw ``overview.png`` (needs matplotlib: ``zonemap[png]``).
    force : bool
        Replace files of the same name that zonemap did not make.
    progress : callable, optional
        Called as ``progress(done, total, file_name)`` after each page is rendered.

    Returns
    -------
    list of Path
        The files written, ``index.html`` last.
    """
    from zonemap import bundled
    from zonemap.measurement import areas
    from zonemap.render.folium_map import history_map, render_map
    from zonemap.render.page import map_html

    lang = check_lang(lang)
    out = check_path(out_dir, "out_dir")
    check_flag(png, "png")
    check_flag(force, "force")
    if assets is not None:
        check_path(assets, "assets")
    zones = bundled.load_zones()
    index = "index.html"
    makers: list[tuple[Page, Callable[[], Any]]] = [
        (Page("overview.html", say("map_overview", lang, separator=" / "), say("map_overview_line", lang, separator=" / ")),
         lambda: render_map(basemap=basemap, lang=lang, index_url=index)),
        (Page("history.html", say("map_history", lang, separator=" / "), say("map_history_line", lang, separator=" / ")),
         lambda: history_map(basemap=basemap, lang=lang, index_url=index)),
        (Page("relations.html", say("map_relations", lang, separator=" / "), say("map_relations_line", lang, separator=" / ")),
         lambda: render_map(basemap=basemap, lang=lang, relations=True, title=say("map_relations_title", lang, separator=" / "), index_url=index)),
    ]
    for record in zones.to_dict("records"):
        one = zones[zones["id"] == record["id"]]
        title = pick(record, "name", lang, separator=" / ")
        makers.append((Page(f"zone_{record['id']}.html", title, say("map_zone_line", lang, separator=" / ")),
                       partial(render_map, one, basemap=basemap, lang=lang, title=title, index_url=index)))
    total = len(makers) + 1 + png
    files: dict[str | Path, str | bytes] = {}
    for done, (page, make) in enumerate(makers, start=1):
        target = out / page.file
        files[target] = map_html(make(), assets=assets, page_dir=out)
        if progress is not None:
            progress(done, total, page.file)
    if png:
        from zonemap.render.static import render_png

        files[out / "overview.png"] = render_png(lang=lang)
        if progress is not None:
            progress(total - 1, total, "overview.png")
    files[out / index] = index_html([page for page, _ in makers], lang, areas())
    written = write_files(files, force=force)
    if progress is not None:
        progress(total, total, index)
    return written
