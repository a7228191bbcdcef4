"""CSV text from Arrow columns, a chunk at a time, without a Python loop over rows.

Cells are quoted only when they must be (RFC 4180: a comma, quote or line
break in them). Text from data goes through the rule of
:func:`zonemap.escape.csv_cell` (cells starting with ``= + - @``, a tab or a
carriage return get a leading ``'``, so a spreadsheet does not run them as
formulas), applied to whole columns at once; text that is a plain number
(``-22.52``) is left alone, as a spreadsheet reads it as a number, not a
formula.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["NUMBER", "csv_column", "csv_header", "csv_rows", "text_bytes"]

#: Text a spreadsheet reads as a plain number.
NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_TRIGGER = r"^[=+\-@\t\r]"
_QUOTE = r'[",\r\n]'


_TRIGGER_BYTES = np.zeros(256, dtype=bool)
_TRIGGER_BYTES[[ord(c) for c in "=+-@\t\r"]] = True
_QUOTE_BYTES = np.zeros(256, dtype=bool)
_QUOTE_BYTES[[ord(c) for c in '",\r\n']] = True


def _layout(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A text array's bytes and its values' offsets into them (from 0)."""
    _, offsets, data = text.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32)[text.offset : text.offset + len(text) + 1]
    data_bytes = np.frombuffer(data, dtype=np.uint8)[bounds[0] : bounds[-1]] if data is not None else np.zeros(0, np.uint8)
    return data_bytes, bounds - bounds[0]


def _guard(text: pa.Array) -> pa.Array:
    """The formula guard of :func:`zonemap.escape.csv_cell`, column-wise: first bytes looked at all at once, the
    number test only for the few cells starting like a formula."""
    data_bytes, offsets = _layout(text)
    filled = offsets[1:] > offsets[:-1]
    risky = np.zeros(len(text), dtype=bool)
    risky[filled] = _TRIGGER_BYTES[data_bytes[offsets[:-1][filled]]]
    rows = np.flatnonzero(risky)
    if len(rows) == 0:
        return text
    risky[rows] = ~pc.match_substring_regex(text.take(pa.array(rows)), NUMBER).to_numpy(zero_copy_only=False)
    return pc.if_else(pa.array(risky), pc.binary_join_element_wise(pa.scalar("'"), text, ""), text)


def _quote(text: pa.Array) -> pa.Array:
    """Cells quoted where they hold a comma, quote or line break (the whole column's bytes looked at first)."""
    data_bytes, _ = _layout(text)
    if not _QUOTE_BYTES[data_bytes].any():
        return text
    needs = pc.match_substring_regex(text, _QUOTE)
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, text)


def csv_column(column: pa.Array | pa.ChunkedArray, *, from_data: bool = True) -> pa.Array:
    """One column as CSV cells (text): missing values empty, lists joined with ``;``, text guarded and quoted.

    Parameters
    ----------
    column : pyarrow Array
        Any type Arrow can cast to text; dictionaries are decoded (their values formatted once), lists of text joined.
    from_data : bool
        Whether text in it comes from data (then the formula guard applies).

    Returns
    -------
    pyarrow.Array
        Text, one cell per value.

    Examples
    --------
    >>> csv_column(pa.array(["a,b", "=1+2", "-22.5", None, 'a"b'])).to_pylist()
    ['"a,b"', "'=1+2", '-22.5', '', '"a""b"']
    >>> csv_column(pa.array([["a", "b"], [], None])).to_pylist()
    ['a;b', '', '']
    >>> csv_column(pa.DictionaryArray.from_arrays(pa.array([1, None, 0]), pa.array(["x", "y,z"]))).to_pylist()
    ['"y,z"', '', 'x']
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    kind = column.type
    if pa.types.is_dictionary(kind):
        values = csv_column(column.dictionary, from_data=from_data)
        return pc.fill_null(values.take(column.indices), "")
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        column = pc.binary_join(column, ";")
    elif pa.types.is_floating(kind):
        column = pc.if_else(pc.is_nan(column), pa.scalar(None, kind), column)
    text = pc.fill_null(column if pa.types.is_string(column.type) else pc.cast(column, pa.string()), "")
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_list(kind) or pa.types.is_large_list(kind)):
        return text  # numbers, booleans, dates: nothing to guard or quote
    return _quote(_guard(text) if from_data else text)


def csv_header(names: list[str]) -> bytes:
    """The header line.

    Parameters
    ----------
    names : list of str
        The column names.

    Returns
    -------
    bytes

    Examples
    --------
    >>> csv_header(["lon", "name, full"])
    b'lon,"name, full"\\n'
    """
    return csv_rows([csv_column(pa.array([name], pa.string())) for name in names]) if names else b"\n"


def csv_rows(cells: list[Any]) -> bytes:
    """Lines of CSV from columns of cells (from :func:`csv_column`), each ending in a newline.

    Parameters
    ----------
    cells : list of pyarrow.Array
        Text columns of equal length.

    Returns
    -------
    bytes

    Examples
    --------
    >>> csv_rows([pa.array(["1", "2"]), pa.array(["a", ""])])
    b'1,a\\n2,\\n'
    """
    if not cells or len(cells[0]) == 0:
        return b""
    lines = cells[0] if len(cells) == 1 else pc.binary_join_element_wise(*cells, ",")
    return text_bytes(pc.binary_join_element_wise(lines, "", "\n"))


def text_bytes(texts: pa.Array | pa.ChunkedArray) -> bytes:
    """The values of a text array, concatenated (UTF-8), straight from its buffers.

    Parameters
    ----------
    texts : pyarrow.Array or ChunkedArray
        Text.

    Returns
    -------
    bytes

    Examples
    --------
    >>> text_bytes(pa.array(["a", "", "bc"]))
    b'abc'
    """
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    if len(texts) == 0:
        return b""
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    _, offsets, data = texts.buffers()
    bounds = np.frombuffer(offsets, dtype=width)[texts.offset : texts.offset + len(texts) + 1]
    return memoryview(data)[int(bounds[0]) : int(bounds[-1])].tobytes() if data is not None else b""
