"""The package's version, read once from its installed metadata (written only in pyproject.toml).

The metadata's ``Version`` line is read straight from ``zonemap-*.dist-info``
on ``sys.path`` (where :mod:`importlib.metadata` would find it first), so
``zonemap --version`` need not import :mod:`importlib.metadata` (and the
email parser behind it); that stays the fallback.
"""

from __future__ import annotations

import os
import sys

__all__ = ["version"]


def _dist_info_version() -> str | None:
    """The ``Version`` of the first ``zonemap-*.dist-info/METADATA`` on ``sys.path``, or None."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in sorted(names):
            if name.startswith("zonemap-") and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as metadata:
                        for line in metadata:
                            if line.startswith("Version:"):
                                return line.partition(":")[2].strip()
                            if not line.strip():  # the headers end at the first blank line
                                break
                except OSError:
                    pass
    return None


_FOUND: list[str] = []  # the version, once read (functools.cache would import functools at start-up)


def version() -> str:
    """The installed version of zonemap, or ``0+unknown`` when it runs from a source tree not installed.

    Returns
    -------
    str

    Examples
    --------
    >>> version().count(".") >= 1 or version() == "0+unknown"
    True
    """
    if not _FOUND:
        _FOUND.append(_dist_info_version() or _metadata_version())
    return _FOUND[0]


def _metadata_version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("zonemap")
    except PackageNotFoundError:
        return "0+unknown"
