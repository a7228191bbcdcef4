"""The exceptions zonemap raises: bad zone data, outputs it must not write, missing optional packages.

Examples
--------
>>> from zonemap.errors import Problem, ZoneDataError
>>> error = ZoneDataError([Problem("zones.geojson", "'a'", "geometry is empty")])
>>> str(error)
"zones.geojson: feature 'a': geometry is empty"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MissingDependencyError", "OutputError", "Problem", "ZoneDataError", "without_driver_hint"]

# GDAL's advice on a file it does not recognise; a prefix such as 'CSV:path' does not work in zonemap's paths.
_DRIVER_HINT = re.compile(r";?\s*It might help to specify the correct driver explicitly by prefixing the file path with '<DRIVER>:', e\.g\. '[^']*'\.?"
                          r"|;?\s*It might help to specify the correct driver[^\n()]*")


def without_driver_hint(text: str) -> str:
    """``text`` without GDAL's advice to prefix the file path with a driver's name (which zonemap's paths do not take).

    Parameters
    ----------
    text : str
        A message, perhaps one of GDAL's.

    Returns
    -------
    str

    Examples
    --------
    >>> without_driver_hint("'a.gpkg' not recognized as being in a supported file format.; It might help to specify the correct "
    ...                     "driver explicitly by prefixing the file path with '<DRIVER>:', e.g. 'CSV:path'.")
    "'a.gpkg' not recognized as being in a supported file format."
    """
    return _DRIVER_HINT.sub("", text) if "It might help" in text else text


@dataclass(frozen=True)
class Problem:
    """One problem found in zone data.

    Attributes
    ----------
    source : str
        The file (or ``<zones>`` for a frame given in Python) the feature came from.
    feature : str
        Which feature: ``'its id'`` where it has one, else ``#index``; empty for
        the source as a whole.
    message : str
        What is wrong, in plain words.

    Examples
    --------
    >>> str(Problem("a.geojson", "#2", "has no geometry"))
    'a.geojson: feature #2: has no geometry'
    >>> str(Problem("a.geojson", "", "is not valid JSON"))
    'a.geojson: is not valid JSON'
    """

    source: str
    feature: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: feature {self.feature}" if self.feature else self.source
        return f"{where}: {self.message}"


class ZoneDataError(ValueError):
    """Zone data that cannot be used as it is.

    The message names the source, the feature and the problem; ``problems``
    holds every problem found, not only the first.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("ZoneDataError needs at least one problem")
        self.problems = list(problems)
        first = str(problems[0])
        more = len(problems) - 1
        super().__init__(first if more == 0 else f"{first} (and {more} more problem{'s' * (more > 1)})")

    @classmethod
    def single(cls, source: str, feature: str, message: str) -> ZoneDataError:
        """The error for one problem.

        Parameters
        ----------
        source : str
            The file (or ``<zones>`` for data in memory).
        feature : str
            The feature concerned (empty for the whole file).
        message : str
            What is wrong.

        Returns
        -------
        ZoneDataError

        Examples
        --------
        >>> ZoneDataError.single("x.shp", "", "has no CRS").problems[0].message
        'has no CRS'
        """
        return cls([Problem(source, feature, message)])


class OutputError(OSError):
    """An output that cannot or must not be written; the message names the file and the reason."""


class MissingDependencyError(ImportError):
    """An optional package a function needs is not installed; the message names the extra to install.

    Examples
    --------
    >>> print(MissingDependencyError("render_png", "matplotlib", "png"))
    render_png needs matplotlib, which is not installed: pip install 'zonemap[png]'
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{feature} needs {package}, which is not installed: pip install 'zonemap[{extra}]'")
