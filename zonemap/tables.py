"""Tables for people and programs: aligned text, Markdown, CSV and JSON, safe whatever the cells hold.

Text and Markdown cells go through :func:`zonemap.escape.terminal_text` (no
control characters reach a terminal; ``|`` is escaped in Markdown); CSV cells
through :func:`zonemap.escape.csv_cell` (no spreadsheet formulas). Written for
large tables: one pass over the cells, no pandas ``to_string``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING, Any

from zonemap.choices import TABLE_FORMATS, check_choice
from zonemap.escape import csv_cell, terminal_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["areas_display", "format_areas", "format_table"]


def _cell(value: Any, decimals: int | None) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.{decimals}f}" if decimals is not None else repr(value)
    return terminal_text(value)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _plain(value.item())
    return value


def format_table(table: pd.DataFrame, format: str = "table", *, decimals: int | None = 1) -> str:
    """A table as text in one of :data:`zonemap.choices.TABLE_FORMATS`.

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
    if format == "json":
        records = [{c: _plain(v) for c, v in zip(columns, row)} for row in table.itertuples(index=False, name=None)]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in columns])
        writer.writerows([csv_cell(_plain(v)) for v in row] for row in table.itertuples(index=False, name=None))
        return buffer.getvalue()
    header = [terminal_text(c) for c in columns]
    rows = [[_cell(v, decimals) for v in row] for row in table.itertuples(index=False, name=None)]
    if format == "markdown":
        lines = [header, ["---"] * len(header), *rows]
        return "".join("| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |\n" for line in lines)
    if not rows:
        return "(no rows)\n"
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    return "".join(" ".join(cell.rjust(w) for cell, w in zip(line, widths)).rstrip() + "\n" for line in [header, *rows])


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
