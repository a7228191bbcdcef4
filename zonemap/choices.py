"""The vocabulary the API and the command line share: languages, datums, formats.

A leaf module with no imports, so the command line can offer these choices
without loading any heavy library.

Examples
--------
>>> from zonemap.choices import LANGUAGES, DEFAULT_LANG
>>> DEFAULT_LANG in LANGUAGES
True
"""

from __future__ import annotations

__all__ = [
    "DATUMS",
    "DEFAULT_LANG",
    "EXPORT_FORMATS",
    "LANGUAGES",
    "RELATION_FORMATS",
    "TABLE_FORMATS",
    "check_choice",
]

#: Languages of maps and pictures: English, Traditional Chinese, Simplified Chinese, or Chinese and English.
LANGUAGES: tuple[str, ...] = ("en", "zh-Hant", "zh-Hans", "bilingual")
#: The one default language of every function and command.
DEFAULT_LANG = "en"
#: Datums of lon/lat coordinates: WGS-84 (GPS, OpenStreetMap), GCJ-02 (Gaode/AMap, Tencent), BD-09 (Baidu).
DATUMS: tuple[str, ...] = ("wgs84", "gcj02", "bd09")
#: Formats of tables (areas), by the file extension that implies each.
TABLE_FORMATS: dict[str, str] = {"table": ".txt", "csv": ".csv", "json": ".json", "markdown": ".md"}
#: Formats of the relations: the tables, and their measured lines as GeoJSON.
RELATION_FORMATS: dict[str, str] = {**TABLE_FORMATS, "geojson": ".geojson"}
#: Formats of zone exports.
EXPORT_FORMATS: dict[str, str] = {"geojson": ".geojson", "kml": ".kml", "csv": ".csv"}


def check_choice(value: object, choices: tuple[str, ...] | dict[str, str], what: str) -> str:
    """``value`` if it is one of ``choices``, else a ``ValueError`` naming them.

    Parameters
    ----------
    value : object
        The value to check.
    choices : tuple of str, or dict keyed by str
        The allowed values.
    what : str
        The parameter's name, for the message.

    Returns
    -------
    str
        ``value``, unchanged.

    Raises
    ------
    TypeError
        When ``value`` is not a str.
    ValueError
        When it is not one of ``choices``.

    Examples
    --------
    >>> check_choice("en", LANGUAGES, "lang")
    'en'
    >>> check_choice("fr", LANGUAGES, "lang")
    Traceback (most recent call last):
    ...
    ValueError: unknown lang 'fr'; choose one of en, zh-Hant, zh-Hans, bilingual
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, one of {', '.join(choices)}; not {type(value).__name__}")
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")
    return value
