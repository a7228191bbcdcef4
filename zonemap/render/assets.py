"""The front-end files folium's pages load from CDNs, and where the same files sit in an npm install.

Folium pages fetch Leaflet, its plugins, Bootstrap, jQuery and Font Awesome
from CDNs. ``tests/browser/package.json`` installs the same versions from the
npm registry; :func:`local_asset` finds a CDN file in such an install, so the
browser tests can serve it with the network off, and :func:`copied_assets`
lists the files a page needs (with the images and fonts its style sheets
load) to copy beside it, so ``build_maps(assets=...)`` writes a folder that
can be moved, zipped or served anywhere and opens with no network at all.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["ASSETS_FOLDER", "CDN_FOLDERS", "RENAMED", "UNUSED", "copied_assets", "linked_urls", "local_asset", "use_local_assets"]

#: CDN folder -> folder inside ``node_modules`` holding the same release.
CDN_FOLDERS: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/": "leaflet/",
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/": "leaflet-measure/",
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/": "leaflet.fullscreen/",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/": "leaflet-minimap/dist/",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/": "drmonty-leaflet-awesome-markers/",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/": "bootstrap/",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/": "@fortawesome/fontawesome-free/",
    "https://cdn.jsdelivr.net/gh/ardhi/Leaflet.MousePosition/": "leaflet-mouse-position/",
    "https://code.jquery.com/": "jquery/dist/",
}
#: Files the npm release names differently from the CDN (minified or not, another folder).
RENAMED: dict[str, str] = {
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css": "leaflet-measure/dist/leaflet-measure.css",
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": "leaflet.fullscreen/Control.FullScreen.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css": "leaflet-minimap/dist/Control.MiniMap.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js": "leaflet-minimap/dist/Control.MiniMap.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": "drmonty-leaflet-awesome-markers/css/leaflet.awesome-markers.css",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": "drmonty-leaflet-awesome-markers/js/leaflet.awesome-markers.min.js",
    "https://cdn.jsdelivr.net/gh/ardhi/Leaflet.MousePosition/src/L.Control.MousePosition.min.css": "leaflet-mouse-position/src/L.Control.MousePosition.css",
    "https://cdn.jsdelivr.net/gh/ardhi/Leaflet.MousePosition/src/L.Control.MousePosition.min.js": "leaflet-mouse-position/src/L.Control.MousePosition.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
}
#: Style sheets folium always links that style nothing zonemap draws (rotated
#: awesome-marker icons, Bootstrap 3 glyph icons); they are not on npm, so they
#: are left out of offline pages and served empty to the browser tests.
UNUSED: frozenset[str] = frozenset(
    {
        "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css",
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
    }
)
_LINKED = re.compile(r'(?:src|href)="(https?://[^"]+)"')
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
#: The folder beside the pages that holds the copied files.
ASSETS_FOLDER = "assets"


def local_asset(url: str, node_modules: str | Path) -> Path | None:
    """The file in an npm install that a CDN URL serves, or None when it is not one of folium's assets.

    Parameters
    ----------
    url : str
        A URL a folium page loads (a script, a style sheet, or an image or font
        those refer to).
    node_modules : str or Path
        The ``node_modules`` folder of ``npm ci`` run on ``tests/browser/package.json``.

    Returns
    -------
    Path or None
        The file's path (it may be missing: the caller checks).

    Examples
    --------
    >>> local_asset("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js", "node_modules").as_posix()
    'node_modules/leaflet/dist/leaflet.js'
    >>> local_asset("https://example.org/app.js", "node_modules") is None
    True
    """
    url = url.split("?", 1)[0].split("#", 1)[0]
    if url in RENAMED:
        return Path(node_modules, RENAMED[url])
    for prefix, folder in CDN_FOLDERS.items():
        if url.startswith(prefix):
            return Path(node_modules, folder + url[len(prefix) :])
    return None


def linked_urls(page: str) -> list[str]:
    """The external URLs a page's ``src`` and ``href`` attributes load, in order, without repeats.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    list of str

    Examples
    --------
    >>> page = '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script><a href="index.html">x</a>'
    >>> linked_urls(page)
    ['https://code.jquery.com/jquery-3.7.1.min.js']
    """
    return list(dict.fromkeys(_LINKED.findall(page)))


def use_local_assets(page: str, node_modules: str | Path, page_dir: str | Path) -> str:
    """Point a folium page at local copies of its CDN files, so it opens with no network.

    Links are written relative to ``page_dir`` (where the page will be saved);
    the unused style sheets in :data:`UNUSED` are dropped.

    Parameters
    ----------
    page : str
        The page.
    node_modules : str or Path
        The ``node_modules`` folder of ``npm ci`` run on ``tests/browser/package.json``.
    page_dir : str or Path
        Where the page will be saved.

    Returns
    -------
    str
        The page, its links to CDN files replaced by relative paths.

    Raises
    ------
    FileNotFoundError
        When a file the page needs is not in ``node_modules``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> page = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     leaflet = Path(folder, "node_modules/leaflet/dist/leaflet.js")
    ...     leaflet.parent.mkdir(parents=True)
    ...     _ = leaflet.write_text("/* Leaflet */")
    ...     use_local_assets(page, Path(folder, "node_modules"), Path(folder, "maps"))
    '<script src="../node_modules/leaflet/dist/leaflet.js"></script>'
    """
    for url in linked_urls(page):
        if url in UNUSED:
            page = re.sub(rf'<link[^>]*href="{re.escape(url)}"[^>]*>\n?', "", page)
            continue
        path = local_asset(url, node_modules)
        if path is None:
            continue
        if not path.is_file():
            raise FileNotFoundError(f"{path} (for {url}) is missing; run `npm ci` in tests/browser first")
        page = page.replace(f'"{url}"', f'"{Path(os.path.relpath(path, page_dir)).as_posix()}"')
    return page


def copied_assets(page: str, node_modules: str | Path) -> tuple[str, dict[str, Path]]:
    """Point a folium page at copies of its CDN files in an ``assets`` folder beside it, and list what to copy.

    Parameters
    ----------
    page : str
        The page.
    node_modules : str or Path
        The ``node_modules`` folder of ``npm ci`` run on ``tests/browser/package.json``.

    Returns
    -------
    (str, dict of str to Path)
        The page, its links now ``assets/...`` (relative, so the folder can be
        moved), and the files to copy: path under the page's folder -> the file
        in ``node_modules``, with the images and fonts the style sheets load.

    Raises
    ------
    FileNotFoundError
        When a file the page needs is not in ``node_modules``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> page = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     leaflet = Path(folder, "leaflet/dist/leaflet.js")
    ...     leaflet.parent.mkdir(parents=True)
    ...     _ = leaflet.write_text("/* Leaflet */")
    ...     linked, copies = copied_assets(page, folder)
    ...     linked, list(copies)
    ('<script src="assets/leaflet/dist/leaflet.js"></script>', ['assets/leaflet/dist/leaflet.js'])
    """
    root = Path(node_modules)
    files: dict[str, Path] = {}
    for url in linked_urls(page):
        if url in UNUSED:
            page = re.sub(rf'<link[^>]*href="{re.escape(url)}"[^>]*>\n?', "", page)
            continue
        path = local_asset(url, root)
        if path is None:
            continue
        if not path.is_file():
            raise FileNotFoundError(f"{path} (for {url}) is missing; run `npm ci` in tests/browser first")
        target = f"{ASSETS_FOLDER}/{path.relative_to(root).as_posix()}"
        files[target] = path
        page = page.replace(f'"{url}"', f'"{target}"')
        if path.suffix == ".css":
            for ref in _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
                if ref.startswith(("data:", "#", "http:", "https:", "//")):
                    continue
                found = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
                if found.is_file() and found.is_relative_to(root.resolve()):
                    files[f"{ASSETS_FOLDER}/{found.relative_to(root.resolve()).as_posix()}"] = found
    return page, files
