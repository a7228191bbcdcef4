"""The cells of a table's columns as the formats write them: plain values for JSON, texts for CSV.

Column by column, never cell by cell through pandas: numbers and bools are
never formulas; text goes through :func:`zonemap.escape.csv_cell`.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import TYPE_CHECKING, Any, cast

from zonemap.escape import csv_cell

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["column_kind", "csv_text", "plain_column", "where"]


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _plain(value.item())
    return value


def column_kind(column: pd.Series) -> str:
    """How a column's cells are written, by its dtype.

    Parameters
    ----------
    column : Series

    Returns
    -------
    str
        "float"; "exact" (ints and bools: their Python values print as they
        are); or "other" (text, objects, extension types), written cell by cell.

    Examples
    --------
    >>> import pandas as pd
    >>> [column_kind(pd.Series(v)) for v in ([1.5], [2], [True], ["a"])]
    ['float', 'exact', 'exact', 'other']
    """
    import numpy as np

    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else ""
    return "float" if kind == "f" else "exact" if kind in ("i", "u", "b") else "other"


def plain_column(column: pd.Series) -> list[Any]:
    """A column's values as plain Python values, None where a float is not finite.

    A whole column at a time where its dtype allows; numpy scalars in object
    columns become Python ones.

    Parameters
    ----------
    column : Series

    Returns
    -------
    list

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> plain_column(pd.Series([1.5, np.nan, np.inf])), plain_column(pd.Series(["a", np.int64(2)], dtype=object))
    ([1.5, None, None], ['a', 2])
    """
    kind = column_kind(column)
    if kind == "other":
        return [value if type(value) is str else _plain(value) for value in column.tolist()]
    values = column.tolist()
    if kind == "float":
        for i in where(~_finite(column)):
            values[i] = None
    return values


def _finite(column: pd.Series) -> Any:
    import numpy as np

    return np.isfinite(column.to_numpy())


def where(mask: Any) -> list[int]:
    """The positions where a boolean array is true, as a list.

    Parameters
    ----------
    mask : array-like of bool

    Returns
    -------
    list of int

    Examples
    --------
    >>> where([False, True, True])
    [1, 2]
    """
    import numpy as np

    return np.flatnonzero(mask).tolist()  # type: ignore[no-any-return]


def _csv_column(column: pd.Series) -> list[Any]:
    values = plain_column(column)
    if column_kind(column) != "other":
        return values  # numbers and bools: never a formula
    return [v if type(v) is str and (not v or v[:1].isalnum()) else csv_cell(v) for v in values]


def _distinct(values: Any) -> tuple[Any, Any]:
    """``(codes, distinct values)`` of an array, by hashing (no sort); TypeError for unhashable values."""
    import pandas as pd

    return pd.factorize(values, use_na_sentinel=False)


def _float_texts(column: pd.Series, earlier: list[tuple[Any, list[str]]]) -> list[str]:
    """``repr`` of each float (``""`` where not finite), each distinct value formatted once.

    ``earlier`` holds the bits and texts of float columns already written (this
    one is added): where most cells equal an earlier column's, bit for bit, its
    texts are copied and only the others formatted.
    """
    import numpy as np

    values = column.to_numpy(dtype=np.float64)
    bits = values.view(np.int64)  # bits, so 0.0 and -0.0 stay apart
    for seen_bits, seen_texts in earlier:
        differ = np.flatnonzero(bits != seen_bits)
        if len(differ) <= len(bits) // 4:
            texts = seen_texts.copy()
            for i, value in zip(differ.tolist(), values[differ].tolist()):
                texts[i] = value.__repr__() if math.isfinite(value) else ""
            break
    else:
        codes, distinct_bits = _distinct(bits)
        distinct = np.asarray(distinct_bits, dtype=np.int64).view(np.float64)
        shown = np.array(list(map(float.__repr__, distinct.tolist())), dtype=object)
        shown[~np.isfinite(distinct)] = ""
        texts = shown[codes].tolist()
    earlier.append((bits, texts))
    return texts


def _csv_texts(column: pd.Series, earlier: list[tuple[Any, list[str]]]) -> list[str] | None:
    """A column's CSV cells as written, where none needs quoting; None where the csv module must write them."""
    import numpy as np
    import pandas as pd

    kind = column_kind(column)
    if kind == "float":
        return _float_texts(column, earlier)
    if kind == "exact":
        return list(map(str, column.tolist()))
    try:
        codes, distinct = _distinct(column.to_numpy(dtype=object))
    except TypeError:  # unhashable cells
        return None
    cells = _csv_column(pd.Series(np.asarray(distinct, dtype=object), dtype=object))
    if set(map(type, cells)) - {str} or _NEEDS_QUOTES.search("".join(cells)):
        return None
    return np.array(cells, dtype=object)[codes].tolist()  # type: ignore[no-any-return]


def csv_text(columns: list[str], series: list[pd.Series], rows: int) -> str:
    r"""A table as CSV, exactly as :class:`csv.writer` writes it (minimal quoting, newline line ends).

    Text cells go through :func:`zonemap.escape.csv_cell` (no spreadsheet
    formulas). When no cell needs quoting, the columns are joined directly:
    each distinct value formatted once, and a float column that mostly equals
    an earlier one (bit for bit) copies its texts.

    Parameters
    ----------
    columns : list of str
        The header.
    series : list of Series
        The columns' values, one Series per header name.
    rows : int
        The number of rows (for a table without columns).

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> csv_text(["zone", "ha"], [pd.Series(["a,b", "=c"]), pd.Series([1.5, -0.0])], 2)
    'zone,ha\n"a,b",1.5\n\'=c,-0.0\n'
    >>> csv_text(["zone", "ha"], [pd.Series(["a", "b"]), pd.Series([1.5, 1.5])], 2)
    'zone,ha\na,1.5\nb,1.5\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])
    if len(series) > 1:  # csv quotes a lone empty cell, so one column goes through it
        earlier: list[tuple[Any, list[str]]] = []
        texts = [_csv_texts(s, earlier) for s in series]
        if all(t is not None for t in texts):
            line = ",".join(["{}"] * len(series)) + "\n"
            return buffer.getvalue() + "".join(map(line.format, *cast("list[list[str]]", texts)))
    writer.writerows(zip(*(_csv_column(s) for s in series)) if series else [[]] * rows)
    return buffer.getvalue()

#: Characters for which the csv module quotes a cell (the delimiter, the quote, line breaks) or may refuse it.
_NEEDS_QUOTES = re.compile('[,"\r\n\x00]')
