"""The bundled data files: where they are, what the manifest says of them, and their integrity.

Modelled on geodatasets and xyzservices: ``geodata/manifest.json`` describes
every layer (its file, sha256, sources, licences, attribution); the layer list
comes from it, and every file is checked against its sha256 when read, so an
edited or corrupted file is reported rather than silently used. Standard
library only: this is the bottom of the package.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from zonemap.errors import ZoneDataError

__all__ = ["layer_bytes", "layer_names", "manifest"]

MANIFEST = "manifest.json"


def _folder() -> Any:
    """The folder holding the bundled GeoJSON: the package's ``geodata`` resource in a wheel,
    else the repository's top-level ``geodata/`` in a source checkout."""
    packaged = resources.files("zonemap") / "geodata"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "geodata"


@cache
def manifest() -> dict[str, Any]:
    """The parsed ``geodata/manifest.json``.

    Returns
    -------
    dict
        Cached: read once per process.

    Examples
    --------
    >>> "zones" in manifest()["layers"]
    True
    """
    source = f"geodata/{MANIFEST}"
    try:
        data = json.loads((_folder() / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ZoneDataError.single(source, "", "is missing from the installed package") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ZoneDataError.single(source, "", f"is not valid JSON: {error}") from None
    layers = data.get("layers") if isinstance(data, dict) else None
    if not isinstance(layers, dict) or not all(isinstance(v, dict) and "file" in v and "sha256" in v for v in layers.values()):
        raise ZoneDataError.single(source, "", "has no 'layers' object giving each layer's file and sha256")
    return data


def layer_names() -> tuple[str, ...]:
    """The bundled layers, in the manifest's order.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> layer_names()[0]
    'zones'
    """
    return tuple(manifest()["layers"])


@cache
def layer_bytes(name: str) -> bytes:
    """The bytes of one layer's file, checked against the manifest's sha256.

    Parameters
    ----------
    name : str
        A layer of the manifest.

    Returns
    -------
    bytes
        The GeoJSON file, as shipped (cached).

    Raises
    ------
    ValueError
        For a layer the manifest does not list.
    ZoneDataError
        When the file is missing or its sha256 differs from the manifest's.

    Examples
    --------
    >>> layer_bytes("zones")[:30]
    b'{"type": "FeatureCollection", '
    """
    layers = manifest()["layers"]
    if name not in layers:
        raise ValueError(f"unknown layer {name!r}; the layers are {', '.join(layers)}")
    entry = layers[name]
    source = f"geodata/{entry['file']}"
    try:
        data = (_folder() / entry["file"]).read_bytes()
    except FileNotFoundError:
        raise ZoneDataError.single(source, "", "is missing from the installed package") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise ZoneDataError.single(
            source, "", f"has sha256 {digest[:12]}…, not the manifest's {entry['sha256'][:12]}…: it was edited or corrupted"
        )
    return data
