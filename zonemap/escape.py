"""One escaping rule per output context, so text from data or the command line is only ever text.

=================  =========================================================
context            rule
=================  =========================================================
HTML text, attrs   :func:`html_text`: ``& < > " '`` as entities, and ``{ }``
                   too (branca compiles rendered folium scripts again as
                   Jinja templates)
JavaScript         :func:`script_json`: JSON, with ``< > & '`` and U+2028/9
                   as ``\\u`` escapes: inert inside ``<script>``; never
                   spliced into template literals
URLs               :func:`safe_url`: http(s) and relative only, else dropped
XML (KML)          :func:`xml_text`: control characters dropped, then escaped
CSV                :func:`csv_cell`: cells starting ``= + - @`` (or tab/CR)
                   prefixed with ``'`` (OWASP's CSV-injection advice)
terminal           :func:`terminal_text`: control characters shown escaped
matplotlib         no function: text is drawn with ``parse_math=False``
=================  =========================================================

Examples
--------
>>> html_text('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> csv_cell("=HYPERLINK(1)")
"'=HYPERLINK(1)"
>>> terminal_text("a\\x1b[31mred")
'a\\\\x1b[31mred'
"""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any

__all__ = ["csv_cell", "html_text", "safe_url", "script_json", "terminal_text", "text_of", "xml_text"]

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def text_of(value: Any) -> str:
    """A value as display text: None and NaN as empty, lists joined with ``; ``.

    Parameters
    ----------
    value : object
        The value.

    Returns
    -------
    str

    Examples
    --------
    >>> text_of(None), text_of(float("nan")), text_of(["a", "b"]), text_of(3)
    ('', '', 'a; b', '3')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(text_of(v) for v in value)
    if hasattr(value, "tolist") and not isinstance(value, str):
        return text_of(value.tolist())
    return str(value)


def html_text(value: Any) -> str:
    """Text as inert HTML, for element content and quoted attribute values.

    Parameters
    ----------
    value : object
        The value (``None`` and NaN give ``""``; lists are joined with ``; ``).

    Returns
    -------
    str

    Examples
    --------
    >>> html_text("{{ 7*7 }}")
    '&#123;&#123; 7*7 &#125;&#125;'
    """
    return html.escape(text_of(value), quote=True).translate(_BRACES)


def script_json(value: Any) -> str:
    """A JSON value to place inside ``<script>``: nothing in it can close the script or start markup.

    Parameters
    ----------
    value : object
        Anything :func:`json.dumps` takes (NaN is refused).

    Returns
    -------
    str

    Examples
    --------
    >>> script_json({"name": "</script><script>alert(1)</script>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_SCRIPT)


def safe_url(value: Any) -> str:
    """A URL to link to, if it is http(s) or relative; else the empty string.

    Parameters
    ----------
    value : object
        The value (``None`` and NaN give ``""``; lists are joined with ``; ``).

    Returns
    -------
    str

    Examples
    --------
    >>> safe_url("https://www.openstreetmap.org/copyright"), safe_url("javascript:alert(1)"), safe_url("maps/a.html")
    ('https://www.openstreetmap.org/copyright', '', 'maps/a.html')
    """
    url = text_of(value).strip()
    if _CONTROL.search(url):
        return ""
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme:
        return url if scheme.group(1).lower() in ("http", "https") else ""
    return "" if url.startswith("//") else url


def xml_text(value: Any) -> str:
    """Text for XML (KML) content and attributes: characters XML 1.0 forbids dropped, the rest escaped.

    Parameters
    ----------
    value : object
        The value (``None`` and NaN give ``""``; lists are joined with ``; ``).

    Returns
    -------
    str

    Examples
    --------
    >>> xml_text("a\\x01<b>")
    'a&lt;b&gt;'
    """
    return html.escape(_XML_FORBIDDEN.sub("", text_of(value)), quote=True)


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula; non-text values pass through.

    Parameters
    ----------
    value : object
        A cell's value.

    Returns
    -------
    object
        ``value``, or for text that starts like a formula, the text after a ``'``.

    Examples
    --------
    >>> csv_cell("-1+2"), csv_cell(-3.5), csv_cell("loop_a")
    ("'-1+2", -3.5, 'loop_a')
    """
    if isinstance(value, str) and value.startswith(_CSV_TRIGGERS):
        return "'" + value
    return value


def terminal_text(value: Any) -> str:
    """Text to print on a terminal: control characters (and lone surrogates) shown as escapes, never sent raw.

    Parameters
    ----------
    value : object
        The value (``None`` and NaN give ``""``; lists are joined with ``; ``).

    Returns
    -------
    str

    Examples
    --------
    >>> terminal_text("line\\nbreak")
    'line\\\\nbreak'
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text_of(value))
