"""Checks of plain arguments at the door: numbers, paths, flags, with a message saying what was expected.

Every public function checks what it is given before using it, so a wrong
argument raises ``TypeError`` or ``ValueError`` naming the parameter, never an
``AttributeError`` from deep inside a library.
"""

from __future__ import annotations

import math
import numbers
import os
from pathlib import Path
from typing import Any

__all__ = ["MAX_DISTANCE_M", "check_flag", "check_metres", "check_path", "check_positive"]

#: The largest distance argument (tolerances, gaps): 1,000 km. Zones are measured in a CRS local to them,
#: faithful over a region, not a continent; beyond this a distance means nothing (and GEOS fails on huge buffers).
MAX_DISTANCE_M = 1_000_000.0


def check_positive(value: Any, name: str, *, integer: bool = False) -> float:
    """A finite number greater than zero (an integer if asked), else ``TypeError``/``ValueError``.

    Parameters
    ----------
    value : object
        The value to check.
    name : str
        The parameter's name, for the message.
    integer : bool
        Require an int.

    Returns
    -------
    int or float
        ``value``, unchanged.

    Examples
    --------
    >>> check_positive(120, "dpi", integer=True)
    120
    >>> check_positive(-1.0, "width_in")
    Traceback (most recent call last):
    ...
    ValueError: width_in must be a finite number greater than 0, not -1.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        raise TypeError(f"{name} must be {'an integer' if integer else 'a number'}, not {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0, not {value!r}")
    return value


def check_path(value: Any, name: str) -> Path:
    """A file or folder path given as ``str`` or ``os.PathLike``, as a Path.

    Parameters
    ----------
    value : object
        The value to check.
    name : str
        The parameter's name, for the message.

    Returns
    -------
    Path

    Examples
    --------
    >>> check_path("maps_out", "out_dir")
    PosixPath('maps_out')
    >>> check_path(5, "path")
    Traceback (most recent call last):
    ...
    TypeError: path must be a path (str or os.PathLike), not int
    """
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path (str or os.PathLike), not {type(value).__name__}")
    return Path(value)


def check_flag(value: Any, name: str) -> bool:
    """A bool, else ``TypeError`` (so ``force="no"`` is not taken for yes).

    Parameters
    ----------
    value : object
        The value to check.
    name : str
        The parameter's name, for the message.

    Returns
    -------
    bool
        ``value``, unchanged.

    Examples
    --------
    >>> check_flag(True, "force")
    True
    >>> check_flag("no", "force")
    Traceback (most recent call last):
    ...
    TypeError: force must be True or False, not 'no'
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return value


def check_metres(value: Any, name: str) -> float:
    """A distance argument as a float: finite, not negative and at most :data:`MAX_DISTANCE_M`
    (1,000 km), else ``TypeError``/``ValueError`` naming it.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        Its name, for the message.

    Returns
    -------
    float

    Examples
    --------
    >>> check_metres(2, "tolerance_m")
    2.0
    >>> check_metres(float("inf"), "across_m")
    Traceback (most recent call last):
    ...
    ValueError: across_m must be a finite distance in metres, not inf
    >>> check_metres(1e300, "across_m")
    Traceback (most recent call last):
    ...
    ValueError: across_m must be at most 1,000,000 m (1,000 km), not 1e+300
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of metres, not {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite distance in metres, not {value}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, not {value}")
    if value > MAX_DISTANCE_M:
        raise ValueError(f"{name} must be at most {MAX_DISTANCE_M:,.0f} m (1,000 km), not {value:g}")
    return value
