"""Tables for people and programs: aligned text, Markdown, CSV and JSON, safe whatever the cells hold.

Text and Markdown cells go through :func:`zonemap.escape.terminal_text` (no
control characters reach a terminal; ``|`` is escaped in Markdown); CSV cells
through :func:`zonemap.escape.csv_cell` (no spreadsheet formulas). Written for
large tables: one pass over the cells, no pandas ``to_string``.
"""

from __future__ import annotations

import json
import math
import re
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from zonemap._table_cells import column_kind, csv_text, plain_column, where
from zonemap.choices import TABLE_FORMATS, check_choice
from zonemap.escape import terminal_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["areas_display", "format_areas", "format_table"]


def _cell(value: Any, decimals: int | None) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.{decimals}f}" if decimals is not None else repr(value)
    return terminal_text(value)


def _text_column(column: pd.Series, decimals: int | None) -> list[str]:
    """A column's cells as :func:`_cell` writes them."""
    kind = column_kind(column)
    values = column.tolist()
    if kind == "float":
        cells = list(map(repr, values)) if decimals is None else [format(v, f".{decimals}f") for v in values]
        for i in where(column.isna().to_numpy()):
            cells[i] = ""
        return cells
    if kind == "exact":
        return list(map(str, values))
    if all(type(v) is str for v in values):
        joined = "".join(values)
        if terminal_text(joined) == joined:
            return values  # nothing to escape
    return [_cell(v, decimals) for v in values]


def format_table(table: pd.DataFrame, format: str = "table", *, decimals: int | None = 1) -> str:
    """A table as text in one of :data:`zonemap.choices.TABLE_FORMATS`.

    Column by column, so a table of a million cells takes a second, not ten.

    Parameters
    ----------
    table : DataFrame
    format : {"table", "markdown", "csv", "json"}
        Aligned text for a terminal, a Markdown table, CSV, or JSON records.
    decimals : int or None
        Decimals of floats in "table" and "markdown" (CSV and JSON keep full precision).

    Returns
    -------
    str
        Ending with a newline; an empty table says so in words in "table" format.

    Examples
    --------
    >>> import pandas as pd
    >>> print(format_table(pd.DataFrame({"zone": ["a", "bb"], "ha": [1.25, 10.0]})), end="")
    zone   ha
       a  1.2
      bb 10.0
    >>> print(format_table(pd.DataFrame({"x": ["=1+1"]}), "csv"), end="")
    x
    '=1+1
    """
    check_choice(format, TABLE_FORMATS, "format")
    columns = [str(c) for c in table.columns]
    series = [table.iloc[:, i] for i in range(len(columns))]
    if format == "json":
        return _json(columns, [plain_column(s) for s in series], len(table))
    if format == "csv":
        return csv_text(columns, series, len(table))
    header = [terminal_text(c) for c in columns]
    cells = [_text_column(s, decimals) for s in series]
    if format == "markdown":
        return _markdown(header, cells, len(table))
    if len(table) == 0:
        return "(no rows)\n"
    if not columns:
        return "\n" * (1 + len(table))
    widths = [max(len(h), max(map(len, column))) for h, column in zip(header, cells)]
    line = " ".join(f"{{:>{w}}}" for w in widths) + "\n"
    text = line.format(*header) + "".join(map(line.format, *cells))
    if not _BLANK_END.search("\n" + "\n".join([header[-1], *cells[-1]]) + "\n"):
        return text  # no cell of the last column is empty or ends in a blank, so no line ends in blanks
    return "".join(row.rstrip() + "\n" for row in text.split("\n")[:-1])


def _markdown(header: list[str], cells: list[list[str]], rows: int) -> str:
    if not header:
        return "|  |\n" * (2 + rows)
    escaped = [[c.replace("|", "\\|") for c in column] if "|" in "".join(column) else column for column in cells]
    line = "| " + " | ".join(["{}"] * len(header)) + " |\n"
    return line.format(*(h.replace("|", "\\|") for h in header)) + line.format(*["---"] * len(header)) + "".join(map(line.format, *escaped))


def _json(columns: list[str], values: list[list[Any]], rows: int) -> str:
    """``json.dumps(records, ensure_ascii=False, indent=2)``, written column by column for plain values."""
    if not columns or not rows or not all(type(v) in _JSON_PLAIN for column in values for v in column):
        records = [dict(zip(columns, row)) for row in zip(*values)] if columns else [{} for _ in range(rows)]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    cells = [[_JSON_PLAIN[type(v)](v) for v in column] for column in values]
    keys = [encode_basestring(c).replace("{", "{{").replace("}", "}}") for c in columns]
    record = "  {{\n" + ",\n".join(f"    {k}: {{}}" for k in keys) + "\n  }}"
    return "[\n" + ",\n".join(map(record.format, *cells)) + "\n]\n"


#: How json writes each plain type (non-finite floats are None by then).
_JSON_PLAIN: dict[type, Any] = {str: encode_basestring, int: int.__repr__, float: float.__repr__,
                                bool: lambda v: "true" if v else "false", type(None): lambda v: "null"}
_BLANK_END = re.compile(r"\s\n")


def format_areas(table: pd.DataFrame, format: str = "table") -> str:
    """The :func:`zonemap.areas` table for people (see :func:`areas_display`) in a format.

    Parameters
    ----------
    table : DataFrame
        As :func:`zonemap.areas` returns it.
    format : {"table", "csv", "json", "markdown"}
        The format.

    Returns
    -------
    str

    Examples
    --------
    >>> import zonemap
    >>> print(format_areas(zonemap.areas(), "markdown").splitlines()[0])
    | zone | status | geodesic ha | planar ha | km² | mu | official ha | diff % | range ha | land ha | to boundary ha |
    """
    return format_table(areas_display(table), format, decimals=None)


def areas_display(table: pd.DataFrame) -> pd.DataFrame:
    """The :func:`zonemap.areas` table as text columns for people: hectares, km², mu, the official figure, the
    range (inner to outer outline), and the areas to a river's bank and to a boundary in mid-river.

    Parameters
    ----------
    table : DataFrame
        As :func:`zonemap.areas` returns it.

    Returns
    -------
    DataFrame
        One row per zone, every column text.

    Examples
    --------
    >>> import zonemap
    >>> areas_display(zonemap.areas()).iloc[0, :6].tolist()
    ['loop_a', 'official', '89.20', '89.20', '0.892', '1,338']
    """
    import pandas as pd

    def hectares(values: Any, pattern: str) -> list[str]:
        return ["" if math.isnan(v) else pattern.format(v / 1e4) for v in values]

    low, high = table["area_min_m2"].to_numpy(), table["area_max_m2"].to_numpy()
    return pd.DataFrame(
        {
            "zone": table["id"],
            "status": table["status"].fillna(""),
            "geodesic ha": hectares(table["geodesic_area_m2"], "{:,.2f}"),
            "planar ha": hectares(table["planar_area_m2"], "{:,.2f}"),
            "km²": [f"{v:.3f}" for v in table["area_km2"]],
            "mu": [f"{v:,.0f}" for v in table["area_mu"]],
            "official ha": hectares(table["official_area_m2"], "{:,.1f}"),
            "diff %": ["" if math.isnan(v) else f"{v:+.1f}" for v in table["official_diff_pct"]],
            "range ha": ["" if math.isnan(a) or math.isnan(b) else f"{a / 1e4:,.1f}–{b / 1e4:,.1f}" for a, b in zip(low, high)],
            "land ha": hectares(table["area_land_m2"], "{:,.2f}"),
            "to boundary ha": hectares(table["area_to_boundary_m2"], "{:,.2f}"),
        }
    )
