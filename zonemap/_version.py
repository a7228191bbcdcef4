"""The package's version, read once from its installed metadata (written only in pyproject.toml)."""

from __future__ import annotations

from functools import cache

__all__ = ["version"]


@cache
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
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("zonemap")
    except PackageNotFoundError:
        return "0+unknown"
