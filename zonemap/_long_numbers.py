"""JSON holding an integer longer than Python converts (4,300 digits by default): an error naming the feature.

Python refuses to turn a string of more than ``sys.get_int_max_str_digits()``
digits into an int (a guard against quadratic time), and its message speaks
to a programmer. This module finds which feature holds such a number, so the
user reads ``zones.geojson: feature 'a': a number has more than 4,300 digits``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from zonemap.errors import ZoneDataError

__all__ = ["digit_limit", "too_many_digits"]


def digit_limit() -> int:
    """The most digits Python turns into an int (0 for no limit, on Pythons that have none).

    Returns
    -------
    int

    Examples
    --------
    >>> digit_limit() in (0, 4300) or digit_limit() >= 640
    True
    """
    return int(getattr(sys, "get_int_max_str_digits", lambda: 0)())


class _TooLong:
    """Stands for an integer longer than the limit, so the feature holding it can be found."""


def _holds_too_long(value: Any) -> bool:
    if isinstance(value, _TooLong):
        return True
    if isinstance(value, Mapping):
        return any(_holds_too_long(v) for v in value.values())
    return isinstance(value, list) and any(_holds_too_long(v) for v in value)


def too_many_digits(text: str | bytes, source: str) -> ZoneDataError:
    """The error for JSON ``text`` holding a number longer than :func:`digit_limit`: the first feature holding
    one, by its id (``#index`` without one), else the file.

    Parameters
    ----------
    text : str or bytes
        The JSON text.
    source : str
        The file's name, for the message.

    Returns
    -------
    ZoneDataError
        To raise.

    Examples
    --------
    >>> text = '{"features": [{"properties": {"id": "a"}}, {"properties": {"id": "b", "n": ' + "9" * 5000 + '}}]}'
    >>> str(too_many_digits(text, "z.geojson").problems[0]).replace(f"{digit_limit():,}", "N")
    "z.geojson: feature 'b': a number has more than N digits"
    """
    limit = digit_limit()
    message = f"a number has more than {limit:,} digits"
    try:
        data = json.loads(text, parse_int=lambda digits: int(digits) if len(digits.lstrip("-")) <= limit else _TooLong())
    except (ValueError, RecursionError):
        return ZoneDataError.single(source, "", message)
    features = data.get("features") if isinstance(data, Mapping) else None
    for index, feature in enumerate(features if isinstance(features, list) else []):
        try:
            if not (isinstance(feature, Mapping) and _holds_too_long(feature)):
                continue
        except RecursionError:
            break
        properties = feature.get("properties")
        ident = feature.get("id", properties.get("id") if isinstance(properties, Mapping) else None)
        return ZoneDataError.single(source, f"#{index}" if ident is None or isinstance(ident, _TooLong) else repr(str(ident)), message)
    return ZoneDataError.single(source, "", message)
