"""Rendering maps to HTML pages: deterministic, compact, thread-safe, written safely.

* Ids: folium names elements with random ids, so two renders of the same map
  differ. :func:`number_elements` renumbers every element of one map
  (``z0001``, ``z0002`` … in tree order) when the map is built: scoped to that
  map, with no process-wide patch, so renders in threads give the same bytes
  as sequential ones.
* The page gets ``<html lang>`` and a ``<title>``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import branca.element

from zonemap._arguments import check_path
from zonemap.escape import html_text
from zonemap.render.assets import copied_assets, use_local_assets
from zonemap.write import write_files

__all__ = ["map_html", "number_elements", "write_html"]


def number_elements(root: branca.element.Element, prefix: str = "z") -> None:
    """Give every element reachable from ``root`` a sequential id, in a fixed order.

    Children are visited in insertion order, and elements held as attributes
    (a minimap's tile layer, a tooltip) in attribute-name order; each element
    is numbered once.

    Parameters
    ----------
    root : branca.element.Element
        A map, or any element.
    prefix : str
        Put before each number.

    Returns
    -------
    None
        The elements' ids are changed in place.

    Examples
    --------
    >>> import folium
    >>> fmap = folium.Map(tiles=None)
    >>> marker = folium.Marker((22.51, 114.07)).add_to(fmap)
    >>> number_elements(fmap)
    >>> fmap.get_name(), marker.get_name()
    ('map_z0001', 'marker_z0002')
    """
    seen: set[int] = set()
    counter = 0

    def visit(element: branca.element.Element) -> None:
        nonlocal counter
        if id(element) in seen:
            return
        seen.add(id(element))
        counter += 1
        element._id = f"{prefix}{counter:04d}"
        for child in list(element._children.values()):
            visit(child)
        for name in sorted(vars(element)):
            if name in ("_parent", "_children"):
                continue
            value = vars(element)[name]
            if isinstance(value, branca.element.Element):
                visit(value)

    visit(root)


def map_html(fmap: Any, *, assets: str | Path | None = None, page_dir: str | Path = ".") -> str:
    """The complete HTML page of a map.

    Parameters
    ----------
    fmap : folium.Map
        The map. One from :func:`zonemap.render_map` carries its language and
        title, which become the page's ``<html lang>`` and ``<title>``.
    assets : str or Path, optional
        A ``node_modules`` folder holding folium's front-end files (``npm ci`` in
        ``tests/browser``): the page then loads them from there, relative to
        ``page_dir``, instead of from CDNs. (:func:`write_html` and
        :func:`zonemap.build_maps` copy them beside the page instead.)
    page_dir : str or Path
        Where the page will be saved, for the relative links to ``assets``.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> import zonemap
    >>> page = map_html(zonemap.render_map(lang="zh-Hans", basemap="none"))
    >>> page.splitlines()[1]
    '<html lang="zh-Hans">'
    """
    if not isinstance(fmap, branca.element.Element):
        raise TypeError(f"fmap must be a folium.Map (from zonemap.render_map), not {type(fmap).__name__}")
    if assets is not None:
        check_path(assets, "assets")
    page = str(fmap.get_root().render())
    lang = getattr(fmap, "zonemap_html_lang", None)  # set by render_map
    title = getattr(fmap, "zonemap_title", None)
    if lang:
        page = re.sub(r"<html\b[^>]*>", f'<html lang="{html_text(lang)}">', page, count=1)
    if title and "<title>" not in page:
        page = page.replace("<head>", f"<head>\n    <title>{html_text(title)}</title>", 1)
    return page if assets is None else use_local_assets(page, assets, page_dir)


def write_html(fmap: Any, path: str | Path, *, force: bool = False, assets: str | Path | None = None) -> Path:
    """Write a map's page atomically: complete, or not at all.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    path : str or Path
        The HTML file.
    force : bool
        Replace an existing file zonemap did not make. A file zonemap wrote (and
        that has not changed since) is replaced without it; see :mod:`zonemap.write`.
    assets : str or Path, optional
        A ``node_modules`` folder holding folium's front-end files (``npm ci`` in
        ``tests/browser``): the files the page needs are copied into an
        ``assets`` folder beside it (all written or none), so the folder opens
        with no network, wherever it is moved.

    Returns
    -------
    Path
        The page written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import zonemap
    >>> fmap = zonemap.render_map(zonemap.load_zones().iloc[:1], basemap="none")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = write_html(fmap, Path(folder) / "loop.html")
    ...     page.name, page.read_text(encoding="utf-8").splitlines()[1]
    ('loop.html', '<html lang="en">')
    """
    path = check_path(path, "path")
    page = map_html(fmap)
    files: dict[str | Path, str | bytes] = {}
    if assets is not None:
        page, copies = copied_assets(page, check_path(assets, "assets"))
        files.update({path.parent / target: source.read_bytes() for target, source in copies.items()})
    return write_files({path: page, **files}, force=force)[0]
