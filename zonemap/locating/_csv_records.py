"""CSV files read as whole records: blocks of records that never split one, and rows kept whatever their cells.

Arrow parses each block fast, but drops a line whose number of cells is not
the header's; :func:`kept_rows` reads such a block again with Python's csv
module, keeping every row (cut or padded to the header's width) and naming
the ones that were malformed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

__all__ = ["csv_records", "kept_rows"]


def kept_rows(records: bytes, names: list[str]) -> tuple[pa.RecordBatch, list[tuple[int, str]]]:
    """Whole CSV records read by Python's csv module, every one kept: a row of too few cells padded with empty ones,
    of too many cut to the header's width, and each such row named (by position) as a row not to locate.

    Empty lines are skipped, as Arrow skips them.

    Parameters
    ----------
    records : bytes
        Whole CSV records (no header), UTF-8.
    names : list of str
        The header's column names.

    Returns
    -------
    (pyarrow.RecordBatch, list of (int, str))
        Every record as text columns, and for each row of the wrong width its position in ``records`` and the problem.

    Raises
    ------
    UnicodeDecodeError
        For text that is not UTF-8.

    Examples
    --------
    >>> kept, problems = kept_rows(b'a,1,2,x\\nb,3\\n\\nc,5,6\\n', ["name", "lon", "lat"])
    >>> kept.to_pydict()
    {'name': ['a', 'b', 'c'], 'lon': ['1', '3', '5'], 'lat': ['2', '', '6']}
    >>> problems
    [(0, 'has 4 cells, the header 3 (the cells after the 3rd are not written)'), (1, 'has 2 cells, the header 3')]
    """
    import io

    text = records.decode("utf-8")
    width = len(names)
    columns: list[list[str]] = [[] for _ in names]
    problems = []
    for cells in csv.reader(io.StringIO(text, newline="")):
        if not cells:
            continue
        if len(cells) != width:
            cut = f" (the cells after the {_ordinal(width)} are not written)" if len(cells) > width else ""
            problems.append((len(columns[0]), f"has {len(cells)} cells, the header {width}{cut}"))
            cells = (cells + [""] * width)[:width]
        for column, cell in zip(columns, cells):
            column.append(cell)
    return pa.RecordBatch.from_arrays([pa.array(c, pa.string()) for c in columns], names=names), problems


def _ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ... ``11th``, ``21st``.

    Examples
    --------
    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _breaks(data: bytes) -> np.ndarray:
    """Where records end in ``data`` (which starts at a record): line breaks not inside quotes, that is with an even
    number of quote characters before them (RFC 4180's doubled quotes count twice)."""
    array = np.frombuffer(data, dtype=np.uint8)
    return np.flatnonzero((array == ord("\n")) & (np.cumsum(array == ord('"')) % 2 == 0))


def csv_records(path: Path, size: int) -> Iterator[bytes]:
    """A CSV file's records after its header, in blocks of about ``size`` bytes, each made of whole records.

    Parameters
    ----------
    path : Path
        The CSV file.
    size : int
        About how many bytes a block holds (a record longer than that makes a longer block).

    Yields
    ------
    bytes
        Blocks of whole records; the header and a UTF-8 byte-order mark are left out.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "p.csv"
    ...     _ = path.write_bytes(b'lon,lat\\n114.07,22.52\\n"114.08",22.53\\n114.09,22.54\\n')
    ...     list(csv_records(path, 16))
    [b'114.07,22.52\\n', b'"114.08",22.53\\n', b'114.09,22.54\\n']
    """

    def blocks(handle: Any) -> Iterator[bytes]:
        pending = b""
        while True:
            more = handle.read(size)
            if not more:
                if pending:
                    yield pending
                return
            pending += more
            ends = _breaks(pending)
            if len(ends):  # else one record longer than a block: read on
                yield pending[: int(ends[-1]) + 1]
                pending = pending[int(ends[-1]) + 1 :]

    with open(path, "rb") as handle:
        header = True
        for block in blocks(handle):
            if header:
                block = block.removeprefix(b"\xef\xbb\xbf")
                ends = _breaks(block)
                block, header = (block[int(ends[0]) + 1 :] if len(ends) else b""), False
            if block.strip():
                yield block
