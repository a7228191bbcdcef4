"""Languages: one rule for every string zonemap shows, in English, Traditional and Simplified Chinese.

* ``lang`` is one of :data:`zonemap.choices.LANGUAGES`; its default is
  :data:`zonemap.choices.DEFAULT_LANG` everywhere.
* UI strings come from the catalogue (:func:`say`); data text from a record's
  ``<field>_en`` (or ``<field>``), ``<field>_zh_hant``, ``<field>_zh_hans``
  (:func:`pick`). "bilingual" shows Traditional Chinese then English.
* A zh-Hans page is wholly Simplified, a zh-Hant page wholly Traditional:
  Simplified text never falls back to Traditional or the reverse (English is
  the fallback for both when a record lacks the script).
* Data text the bundled data carry in English only (source names, licences,
  official citations) is shown in the page's language where the catalogue
  knows it (:func:`translate_known`), else as the data give it.

Examples
--------
>>> say("legend", "zh-Hans"), say("legend", "bilingual")
('图例', '圖例 Legend')
>>> pick({"name_en": "Loop", "name_zh_hant": "河套", "name_zh_hans": "河套"}, "name", "en")
'Loop'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from zonemap._catalogue import CATALOGUE, KNOWN_TEXT
from zonemap.choices import DEFAULT_LANG, LANGUAGES, check_choice

__all__ = ["DEFAULT_LANG", "LANGUAGES", "check_lang", "html_lang", "pick", "pick_all", "say", "say_all", "translate_known"]

_SCRIPT = {"en": 0, "zh-Hant": 1, "zh-Hans": 2}
_SUFFIX = {"zh-Hant": "_zh_hant", "zh-Hans": "_zh_hans"}


def check_lang(lang: Any) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else a ``ValueError`` naming them.

    Parameters
    ----------
    lang : object
        The value to check.

    Returns
    -------
    str
        ``lang``, unchanged.

    Raises
    ------
    ValueError
        When ``lang`` is not one of :data:`LANGUAGES`.

    Examples
    --------
    >>> check_lang("zh-Hant")
    'zh-Hant'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ValueError: unknown lang 'fr'; choose one of en, zh-Hant, zh-Hans, bilingual
    """
    return check_choice(lang, LANGUAGES, "lang")


def html_lang(lang: str) -> str:
    """The ``<html lang>`` value for a page in ``lang`` (bilingual pages lead with Traditional Chinese).

    Parameters
    ----------
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The page's language.

    Returns
    -------
    str
        A BCP 47 tag.

    Examples
    --------
    >>> html_lang("zh-Hans"), html_lang("bilingual")
    ('zh-Hans', 'zh-Hant')
    """
    check_lang(lang)
    return "zh-Hant" if lang == "bilingual" else lang


def say_all(key: str, lang: str, **values: Any) -> list[str]:
    """A catalogue string in ``lang``, as a list: one item, or Chinese then English when bilingual.

    Parameters
    ----------
    key : str
        A key of the catalogue (:data:`zonemap._catalogue.CATALOGUE`).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    **values
        Values for the string's ``{placeholders}``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> say_all("legend", "bilingual")
    ['圖例', 'Legend']
    >>> say_all("hectares", "en", value="3.02")
    ['3.02 ha']
    """
    check_lang(lang)
    texts = CATALOGUE[key]
    scripts = ["zh-Hant", "en"] if lang == "bilingual" else [lang]
    return [texts[_SCRIPT[s]].format(**values) if values else texts[_SCRIPT[s]] for s in scripts]


def say(key: str, lang: str = DEFAULT_LANG, *, separator: str = " ", **values: Any) -> str:
    """A catalogue string in ``lang``; bilingual joins Chinese and English with ``separator``.

    Parameters
    ----------
    key : str
        A key of the catalogue (:data:`zonemap._catalogue.CATALOGUE`).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    separator : str
        Between the Chinese and the English text of a bilingual string.
    **values
        Values for the string's ``{placeholders}``.

    Returns
    -------
    str

    Examples
    --------
    >>> say("hectares", "zh-Hans", value="89.20")
    '89.20公顷'
    """
    return separator.join(say_all(key, lang, **values))


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def pick_all(record: Mapping[str, Any], field: str, lang: str) -> list[str]:
    """A data field in ``lang`` as a list (Chinese then English when bilingual), empty parts left out.

    English comes from ``<field>_en`` or ``<field>``; a script a record lacks
    falls back to English, never to the other Chinese script.

    Parameters
    ----------
    record : mapping
        A record of data (a row as a dict).
    field : str
        The field's stem, e.g. ``"name"`` for ``name_en``, ``name_zh_hant``, ``name_zh_hans``.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.

    Returns
    -------
    list of str
        Empty when the record has no text for the field.

    Examples
    --------
    >>> pick_all({"name_en": "Loop", "name_zh_hant": "河套"}, "name", "bilingual")
    ['河套', 'Loop']
    >>> pick_all({"name_en": "Loop", "name_zh_hant": "河套"}, "name", "zh-Hans")
    ['Loop']
    """
    check_lang(lang)
    english = _text(record, f"{field}_en") or _text(record, field)
    if lang == "en":
        return [english] if english else []
    chinese = _text(record, field + _SUFFIX["zh-Hant" if lang == "bilingual" else lang])
    if lang == "bilingual":
        return [t for t in dict.fromkeys([chinese, english]) if t]
    return [chinese or english] if chinese or english else []


def pick(record: Mapping[str, Any], field: str, lang: str = DEFAULT_LANG, *, separator: str = " ") -> str:
    """A data field in ``lang`` (see :func:`pick_all`), joined with ``separator`` when bilingual.

    Parameters
    ----------
    record : mapping
        A record of data (a row as a dict).
    field : str
        The field's stem, e.g. ``"name"``.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    separator : str
        Between the Chinese and the English text when bilingual.

    Returns
    -------
    str
        Empty when the record has no text for the field.

    Examples
    --------
    >>> record = {"name_en": "Loop A", "name_zh_hant": "河套A區", "name_zh_hans": "河套A区"}
    >>> pick(record, "name", "zh-Hans"), pick(record, "name", "bilingual", separator=" / ")
    ('河套A区', '河套A區 / Loop A')
    """
    return separator.join(pick_all(record, field, lang))


def translate_known(text: Any, lang: str = DEFAULT_LANG, *, separator: str = " / ") -> str:
    """Data text in ``lang`` where :data:`zonemap._catalogue.KNOWN_TEXT` knows it, part by ``"; "``-separated part.

    Parts it does not know are kept as they are; Chinese parts are joined with ``；``.

    Parameters
    ----------
    text : object
        The text (``None`` and NaN give ``""``).
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    separator : str
        Between the Chinese and the English text when bilingual.

    Returns
    -------
    str

    Examples
    --------
    >>> translate_known("© OpenStreetMap contributors; Mapxus", "zh-Hans")
    '© OpenStreetMap 贡献者；Mapxus'
    >>> translate_known("my own survey", "zh-Hant")
    'my own survey'
    """
    check_lang(lang)
    value = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    if not value:
        return ""
    scripts = ["zh-Hant", "en"] if lang == "bilingual" else [lang]

    def one(script: str) -> str:
        if value in KNOWN_TEXT:
            return KNOWN_TEXT[value][_SCRIPT[script]]
        parts = [KNOWN_TEXT[p][_SCRIPT[script]] if p in KNOWN_TEXT else p for p in value.split("; ")]
        return ("; " if script == "en" else "；").join(parts)

    return separator.join(dict.fromkeys(one(s) for s in scripts))
