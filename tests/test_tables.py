"""format_table writes each format as expected, escaping what it must, for small tables and large ones alike."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zonemap.escape import csv_cell, terminal_text
from zonemap.tables import format_table


@pytest.fixture
def odd() -> pd.DataFrame:
    return pd.DataFrame({"a": ["x|y", "\x1b[31m", "=1"], "b": [1.25, float("nan"), -0.0], "c": [1, 22, 3],
                         "d": [True, False, True], "e": ["", "a ", "b"]})


def test_aligned_text(odd) -> None:
    assert format_table(odd) == (
        "       a    b  c     d  e\n"
        "     x|y  1.2  1  True\n"  # 1.25 rounds half to even; the empty last cell leaves no blanks behind
        "\\x1b[31m      22 False a\n"  # the escape shown escaped; NaN is an empty cell
        "      =1 -0.0  3  True  b\n"
    )


def test_markdown(odd) -> None:
    assert format_table(odd, "markdown") == (
        "| a | b | c | d | e |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| x\\|y | 1.2 | 1 | True |  |\n"
        "| \\x1b[31m |  | 22 | False | a  |\n"
        "| =1 | -0.0 | 3 | True | b |\n"
    )


def test_csv(odd) -> None:
    assert format_table(odd, "csv") == "a,b,c,d,e\nx|y,1.25,1,True,\n\x1b[31m,,22,False,a \n'=1,-0.0,3,True,b\n"


def test_json(odd) -> None:
    assert format_table(odd, "json") == (
        '[\n  {\n    "a": "x|y",\n    "b": 1.25,\n    "c": 1,\n    "d": true,\n    "e": ""\n  },\n'
        '  {\n    "a": "\\u001b[31m",\n    "b": null,\n    "c": 22,\n    "d": false,\n    "e": "a "\n  },\n'
        '  {\n    "a": "=1",\n    "b": -0.0,\n    "c": 3,\n    "d": true,\n    "e": "b"\n  }\n]\n'
    )


def test_no_rows_and_no_columns() -> None:
    empty = pd.DataFrame({"a": [], "b": []})
    assert format_table(empty) == "(no rows)\n"
    assert format_table(empty, "csv") == "a,b\n" and format_table(empty, "json") == "[]\n"
    assert format_table(empty, "markdown") == "| a | b |\n| --- | --- |\n"
    assert format_table(pd.DataFrame(index=range(2))) == "\n\n\n"


def test_a_column_of_mixed_values_is_written_cell_by_cell() -> None:
    mixed = pd.DataFrame({"m": [1, "-a", 2.5, None, float("nan")]})
    assert format_table(mixed) == "  m\n  1\n -a\n2.5\n\n\n"  # None and NaN are empty cells
    assert format_table(mixed, "csv") == 'm\n1\n\'-a\n2.5\n""\n""\n'  # csv quotes a lone empty cell
    assert json.loads(format_table(mixed, "json")) == [{"m": 1}, {"m": "-a"}, {"m": 2.5}, {"m": None}, {"m": None}]


def reference(table: pd.DataFrame, format: str, decimals: int | None) -> str:
    """The formatter format_table replaced: cell by cell, row by row."""

    def plain(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return plain(value.item()) if hasattr(value, "item") and not isinstance(value, str) else value

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return "" if math.isnan(value) else f"{value:.{decimals}f}" if decimals is not None else repr(value)
        return terminal_text(value)

    columns = [str(c) for c in table.columns]
    rows = list(table.itertuples(index=False, name=None))
    if format == "json":
        return json.dumps([{c: plain(v) for c, v in zip(columns, row)} for row in rows], ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([[csv_cell(c) for c in columns], *([csv_cell(plain(v)) for v in row] for row in rows)])
        return buffer.getvalue()
    header, body = [terminal_text(c) for c in columns], [[cell(v) for v in row] for row in rows]
    if format == "markdown":
        return "".join("| " + " | ".join(c.replace("|", "\\|") for c in line) + " |\n" for line in [header, ["---"] * len(header), *body])
    widths = [max(len(header[i]), *(len(row[i]) for row in body)) for i in range(len(header))]
    return "".join(" ".join(c.rjust(w) for c, w in zip(line, widths)).rstrip() + "\n" for line in [header, *body])


texts = st.text(st.characters(codec="utf-8"), max_size=6) | st.sampled_from(["=1", "+a", "-3", "@x", "a|b", "x ", "\x1b", "\u00a0", "",
                                                                            "a,b", 'q"', "c\rd", "x\ny", "\x00"])
floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.05, 0.25, -0.0, 1e16, 1e-5])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(st.lists(texts, min_size=n, max_size=n), st.lists(floats, min_size=n, max_size=n),
                                                     st.lists(st.integers(-10**6, 10**6), min_size=n, max_size=n))),
       st.sampled_from(["table", "markdown", "csv", "json"]), st.sampled_from([1, None, 3]), st.booleans())
def test_column_by_column_writes_what_cell_by_cell_wrote(columns: tuple[list[str], list[float], list[int]], format: str,
                                                         decimals: int | None, text_last: bool) -> None:
    words, numbers, counts = columns
    data = {"n": counts, "x": numbers, "w": pd.Series(words, dtype=object)}
    table = pd.DataFrame(dict(reversed(data.items())) if text_last else data)
    assert format_table(table, format, decimals=decimals) == reference(table, format, decimals)


def test_float_columns_alike_or_repeated_are_written_as_cell_by_cell() -> None:
    # CSV formats each distinct float once and copies the texts of a column that mostly equals an earlier one
    rng = np.random.default_rng(1)
    first = rng.random(2_000) * 100
    second = first.copy()
    second[::97] = [-0.0, np.nan, np.inf, -np.inf, 1e16, 5e-324, 0.1 + 0.2, *([0.0] * 18)][: len(second[::97])]
    table = pd.DataFrame({"id": [f"z{i}" for i in range(2_000)], "first": first, "second": second, "same": first.copy(),
                          "zeros": np.zeros(2_000), "negative_zeros": -np.zeros(2_000), "few": rng.integers(0, 3, 2_000) / 3,
                          "words": pd.Series(rng.choice(["a", "=b", "", "c d"], 2_000), dtype=object)})
    text = format_table(table, "csv")
    assert text == reference(table, "csv", None)
    first_row = text.splitlines()[1].split(",")
    assert first_row[2] == "-0.0" and first_row[4:6] == ["0.0", "-0.0"] and text.splitlines()[1 + 97].split(",")[2] == ""


def test_a_column_needing_quotes_is_quoted() -> None:
    table = pd.DataFrame({"a": ["x,y", 'say "hi"', "line\nbreak"], "b": [1.5, 2.0, 3.0]})
    assert format_table(table, "csv") == 'a,b\n"x,y",1.5\n"say ""hi""",2.0\n"line\nbreak",3.0\n'


def test_a_large_table_is_written_whole() -> None:
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"left": [f"z{i}" for i in range(50_000)], "m": rng.random(50_000) * 1e3})
    text = format_table(table, "csv")
    assert text.count("\n") == 50_001 and text.splitlines()[1] == f"z0,{float(table.m[0])!r}"
