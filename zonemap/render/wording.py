"""What the maps say about each feature: names, labels, tooltips and popups, in the map's language.

Everything here is plain text for :func:`zonemap.render.elements.features.feature`
(the page sets it as text). Field names and values come from the catalogue
(:func:`zonemap.text.say`), data text in the map's language (:func:`zonemap.text.pick`),
source names and licences through :func:`zonemap.text.translate_known`. Rows
without a value are left out; ids are never shown where a name exists.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from zonemap.escape import text_of
from zonemap.text import pick, pick_all, say, translate_known

__all__ = ["context_popup", "hectares", "short_area", "zone_label_variants", "zone_name_lines", "zone_popup"]

#: A description longer than this is folded in the popup; a shorter one is shown.
_SHORT_TEXT = 200
_JURISDICTIONS = ("HKSAR", "Shenzhen", "shared")


def _s(key: str, lang: str, **values: Any) -> str:
    return say(key, lang, separator=" / ", **values) if values else _said(key, lang)


@lru_cache(maxsize=4096)
def _said(key: str, lang: str) -> str:
    """A catalogue string without values: the same for every feature of a map, looked up once."""
    return say(key, lang, separator=" / ")


def _finite(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def zone_name_lines(record: Any, lang: str, ident: str, label_field: str | None = None, *, short: bool = False) -> list[str]:
    """A zone's name in ``lang`` as lines (Chinese, then English when bilingual); its id when it has none.

    Parameters
    ----------
    record : mapping
        The zone's properties.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    ident : str
        The zone's id.
    label_field : str, optional
        A column to name it by instead of its name.
    short : bool
        Prefer its short name (``short_en`` ...).

    Returns
    -------
    list of str

    Examples
    --------
    >>> zone_name_lines({"name_en": "Loop A", "name_zh_hant": "河套A區"}, "bilingual", "loop_a")
    ['河套A區', 'Loop A']
    >>> zone_name_lines({}, "zh-Hans", "x")
    ['x']
    """
    if label_field is not None:
        return [text] if (text := text_of(record.get(label_field))) else [ident]
    lines = pick_all(record, "short", lang) if short else []
    return lines or pick_all(record, "name", lang) or [ident]


def hectares(area_m2: float, lang: str, decimals: int = 2) -> str:
    """An area in hectares, in ``lang``.

    Parameters
    ----------
    area_m2 : float
        The area in square metres.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    decimals : int
        Decimal places.

    Returns
    -------
    str

    Examples
    --------
    >>> hectares(892_000, "zh-Hant")
    '89.20公頃'
    """
    return _s("hectares", lang, value=f"{area_m2 / 1e4:,.{decimals}f}")


def short_area(area_m2: float, lang: str) -> str:
    """An area in whole hectares (one decimal below 10 ha), for labels.

    Parameters
    ----------
    area_m2 : float
        The area in square metres.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.

    Returns
    -------
    str

    Examples
    --------
    >>> short_area(892_000, "en"), short_area(53_000, "en")
    ('89 ha', '5.3 ha')
    """
    return hectares(area_m2, lang, 0 if area_m2 >= 1e5 else 1)


def zone_label_variants(record: Any, lang: str, ident: str, label_field: str | None, area_m2: float) -> list[list[str]]:
    """A zone's label variants, fullest first: its short name with its area ("Loop A · 89 ha"), then its short name.

    Parameters
    ----------
    record : mapping
        The zone's properties.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    ident : str
        The zone's id (the label when it has no name).
    label_field : str, optional
        A column to label with instead of its name.
    area_m2 : float
        Its area.

    Returns
    -------
    list of list of str
        Each variant as lines.

    Examples
    --------
    >>> zone_label_variants({"short_en": "Loop A"}, "en", "loop_a", None, 892_000)
    [['Loop A · 89 ha'], ['Loop A']]
    >>> zone_label_variants({"short_en": "Loop A", "short_zh_hant": "河套A區"}, "bilingual", "loop_a", None, 892_000)[0]
    ['河套A區', 'Loop A · 89 ha']
    """
    names = zone_name_lines(record, lang, ident, label_field, short=True)
    unit_lang = "en" if lang == "bilingual" and len(names) > 1 else lang  # the last line is English when bilingual
    full = [*names[:-1], f"{names[-1]} · {short_area(area_m2, unit_lang)}"]
    return [full, names]


def _status(record: Mapping[str, Any], lang: str) -> str:
    reason = pick(record, "status_reason", lang, separator="\n")
    if reason:
        return reason
    status = text_of(record.get("status"))
    return _s(f"status_{status}", lang) if status in ("official", "indicative") else status


def _jurisdiction(record: Mapping[str, Any], lang: str) -> str:
    value = record.get("jurisdiction")
    return _s(f"jurisdiction_{value}", lang) if value in _JURISDICTIONS else text_of(value)


def _sources(record: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    return [(_s("field_source", lang), translate_known(record.get("attribution"), lang)),
            (_s("field_licence", lang), translate_known(record.get("licence"), lang))]


def _accuracy(record: Mapping[str, Any], lang: str) -> str:
    value: Any = record.get("accuracy_m")
    return _s("accuracy_value", lang, metres=f"{float(value):g}") if _finite(value) else text_of(value)


def zone_popup(record: Mapping[str, Any], areas: Mapping[str, Any], lang: str, names: Mapping[str, str], ident: str,
               label_field: str | None = None) -> dict[str, Any]:
    """A zone's popup: name, area and its range, the official figure and its source, status with its reason,
    jurisdiction, parts, accuracy, sources and licences, and (folded) how the outline was drawn and the sources in full.

    Parameters
    ----------
    record : mapping
        The zone's properties.
    areas : mapping
        Its row of :func:`zonemap.areas`.
    lang : str
        The map's language.
    names : mapping of str to str
        Names of zones by id, for the parts.
    ident, label_field
        The zone's id, and the column naming it (else its name).

    Returns
    -------
    dict
        ``title``, ``rows`` and ``more`` for :func:`~zonemap.render.elements.features.feature`.

    Examples
    --------
    >>> import zonemap
    >>> zones = zonemap.load_zones()
    >>> record = zones.drop(columns="geometry").iloc[0].to_dict()
    >>> popup = zone_popup(record, zonemap.areas(zones).iloc[0].to_dict(), "en", {}, "loop_a")
    >>> popup["title"], popup["rows"][0]
    ('Lok Ma Chau Loop (Hong Kong Park)', ('computed area', '89.20 ha'))
    """
    official: Any = areas.get("official_area_m2")
    low: Any = areas.get("area_min_m2")
    high: Any = areas.get("area_max_m2")
    listed_parts: Any = record.get("parts")
    parts = [str(p) for p in listed_parts] if isinstance(listed_parts, (list, tuple)) or hasattr(listed_parts, "tolist") else []
    rows = [
        (_s("field_area", lang), hectares(areas["geodesic_area_m2"], lang)),
        (_s("field_range", lang), _s("range_value", lang, low=f"{low / 1e4:,.1f}", high=f"{high / 1e4:,.1f}") if _finite(low) and _finite(high) else ""),
        (_s("field_official", lang), _s("official_value", lang, area=hectares(official, lang), diff=f"{areas['official_diff_pct']:+.1f}") if _finite(official) else ""),
        (_s("field_official_source", lang), translate_known(record.get("official_area_source"), lang) if _finite(official) else ""),
        (_s("field_status", lang), _status(record, lang)),
        (_s("field_jurisdiction", lang), _jurisdiction(record, lang)),
        (_s("field_parts", lang), "; ".join(names[str(p)] for p in parts if str(p) in names)),
        (_s("field_accuracy", lang), _accuracy(record, lang)),
        *_sources(record, lang),
    ]
    sources: Any = record.get("sources")
    sources = sources.tolist() if hasattr(sources, "tolist") else sources
    listed = "\n".join(translate_known(s, lang) for s in sources) if isinstance(sources, (list, tuple)) else text_of(sources)
    more = [(_s("field_how", lang), pick(record, "description", lang, separator="\n\n")), (_s("field_sources_full", lang), listed)]
    title = " / ".join(zone_name_lines(record, lang, ident, label_field))
    return {"title": title, "rows": rows, "more": more}


def context_popup(record: Mapping[str, Any], lang: str, title: str) -> dict[str, Any]:
    """The popup of a river line, boundary, landmark or milestone: its description, accuracy, sources and licences.

    A short description is shown as the popup's first row, a long one folded.

    Parameters
    ----------
    record : mapping
        The feature's properties.
    lang : {"en", "zh-Hant", "zh-Hans", "bilingual"}
        The language.
    title : str
        The popup's title.

    Returns
    -------
    dict
        ``title``, ``rows`` and ``more`` for :func:`~zonemap.render.elements.features.feature`.

    Examples
    --------
    >>> popup = context_popup({"description": "The 1997 channel."}, "en", "Shenzhen River")
    >>> popup["title"], popup["rows"][0]
    ('Shenzhen River', ('About', 'The 1997 channel.'))
    """
    text = pick(record, "text", lang, separator="\n") or pick(record, "description", lang, separator="\n\n")
    short = len(text) <= _SHORT_TEXT
    rows = [(_s("field_about", lang), text if short else ""), (_s("field_accuracy", lang), _accuracy(record, lang)), *_sources(record, lang)]
    return {"title": title, "rows": rows, "more": [(_s("field_about", lang), "" if short else text)]}
