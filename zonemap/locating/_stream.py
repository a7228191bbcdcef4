"""Locating a file chunk by chunk, in flat memory, into an output written atomically.

Only one chunk is in memory at a time (plus, for a map, a fixed-size random
sample of the located points). The output is written to a temporary file and
renamed into place at the end, so an interrupted run leaves no partial output
and the previous one whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap.locating._columns import COLUMNS, Located
from zonemap.locating._engine import CERTAINTIES, ZoneSet, engine
from zonemap.locating._points import REPORTED, check_coordinates, identity_columns
from zonemap.locating._sinks import Sink, arrow_columns
from zonemap.locating._sources import PointsError, file_format, open_source
from zonemap.write import written_in_place

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CHUNK_ROWS", "Summary", "stream"]

#: Rows per chunk: large enough for the vectorised code to run at full speed, small enough to keep memory low.
CHUNK_ROWS = 1 << 17


@dataclass
class Summary:
    """What a run located: rows, certainties, points per zone (a point counts in every zone containing it), bad rows."""

    ranked: tuple[str, ...]
    rows: int = 0
    certainty: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CERTAINTIES, 0))
    zones: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    bad: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        """The summary line.

        Examples
        --------
        >>> found = Summary(("a", "b"), 3, {"inside": 1, "uncertain": 1, "outside": 0}, np.array([2, 0]), 1)
        >>> found.line()
        '3 rows: 1 inside, 1 uncertain, 0 outside, 1 not located; per zone: a 2'
        """
        counts = ", ".join(f"{n:,} {name}" for name, n in self.certainty.items())
        text = f"{self.rows:,} row{'s' * (self.rows != 1)}: {counts}, {self.bad:,} not located"
        members = [f"{ident} {n:,}" for ident, n in zip(self.ranked, self.zones.tolist()) if n]
        return text + ("; per zone: " + ", ".join(members) if members else "; none in a zone")


class _Sample:
    """A uniform random sample of located rows, of at most ``size``, kept as the rows with the smallest random keys,
    with the few columns that say which row each is (:func:`~zonemap.locating._points.identity_columns`), as text."""

    def __init__(self, size: int, skip: tuple[str, ...] = ()) -> None:
        self.size = size
        self.skip = skip
        self.parts: list[pd.DataFrame] = []
        self.random = np.random.default_rng(0)
        self.located = 0

    def add(self, lon: np.ndarray, lat: np.ndarray, located: Located, table: Any = None) -> None:
        import pandas as pd

        keys = self.random.random(len(lon))
        keys[~located.located] = np.inf
        self.located += int(np.count_nonzero(located.located))
        if self.parts and len(self.parts[0]) >= self.size:
            keys[keys >= self.parts[0]["key"].max()] = np.inf  # cannot enter the sample
        rows = np.flatnonzero(keys < np.inf)
        columns = located.frame_columns()
        part = pd.DataFrame({"key": keys[rows], "lon": lon[rows], "lat": lat[rows], **{c: _take(columns[c], rows) for c in COLUMNS}})
        if table is not None:
            for name in identity_columns(table.schema.names, self.skip):
                if name not in part.columns:
                    part[name] = _texts(table[name].take(rows))
        self.parts = [pd.concat([*self.parts, part]).nsmallest(self.size, "key")]

    def frame(self) -> pd.DataFrame | None:
        import pandas as pd

        if not self.parts:
            return None
        return pd.concat(self.parts).sort_values("key").drop(columns="key").reset_index(drop=True)


def _take(values: Any, rows: np.ndarray) -> Any:
    return values.take(rows) if hasattr(values, "take") else np.asarray(values)[rows]


def _texts(column: Any) -> np.ndarray:
    """An Arrow column as text, at most 80 characters a cell (missing cells empty)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        text = pc.cast(column, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text = pa.array([None if v is None else str(v) for v in column.to_pylist()], pa.string())
    return np.array([v[:80] for v in pc.fill_null(text, "").to_pylist()], dtype=object)


def stream(
    path: str | Path,
    output: str | Path,
    *,
    zones: ZoneSet,
    lon: str | None = None,
    lat: str | None = None,
    from_datum: str = "wgs84",
    hong_kong: bool = True,
    chunk_rows: int = CHUNK_ROWS,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    sample: int = 0,
) -> tuple[Summary, pd.DataFrame | None]:
    """Locate every row of a file of points into ``output`` (its format from its extension), chunk by chunk.

    Parameters
    ----------
    path : str or Path
        CSV, Parquet (GeoParquet), GeoJSON or GeoPackage.
    output : str or Path
        Where to write, atomically: ``.csv``, ``.parquet``, ``.geojson`` or ``.gpkg``.
    zones : ZoneSet
        Where to locate (see :mod:`zonemap.locating._zones`).
    lon, lat, from_datum, hong_kong
        As for :func:`zonemap.locate`.
    chunk_rows : int
        Rows per chunk.
    force : bool
        Replace an existing output zonemap did not make.
    progress : callable, optional
        Called with the number of rows done after each chunk.
    sample : int
        Keep a uniform random sample of this many located points (for a map).

    Returns
    -------
    (Summary, DataFrame or None)
        What was located; the sample (``lon``, ``lat`` in WGS-84 and the located columns), if asked for.

    Raises
    ------
    PointsError
        For a file that cannot be read as points (format, columns, encoding).
    OutputError
        For an output that must not be written.

    Examples
    --------
    >>> import tempfile
    >>> from zonemap.locating._api import bundled_zone_set
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "points.csv").write_text("lon,lat\\n114.075,22.518\\n114.3,22.3\\n")
    ...     summary, _ = stream(Path(folder, "points.csv"), Path(folder, "located.parquet"), zones=bundled_zone_set())
    ...     summary.rows, summary.certainty, sorted(p.name for p in Path(folder).iterdir())
    (2, {'inside': 1, 'uncertain': 0, 'outside': 1}, ['.zonemap-outputs.json', 'located.parquet', 'points.csv'])
    """
    output = Path(output)
    form = file_format(output)
    source = open_source(Path(path), lon=lon, lat=lat, chunk_rows=chunk_rows)
    built = engine(zones)
    summary = Summary(built.ranked, zones=np.zeros(len(built.ranked), dtype=np.int64))
    kept = _Sample(sample, tuple(n for n in (source.lon, source.lat, source.geometry) if n)) if sample else None
    started = time.perf_counter()
    with written_in_place(output, force=force) as temporary:
        sink = Sink(temporary, form, source, layer=output.stem)
        try:
            for batch in source.batches():
                found = check_coordinates(batch.lon, batch.lat, numbers=batch.numbers, from_datum=from_datum, hong_kong=hong_kong,
                                          problems=batch.problems, names=(source.lon or "lon", source.lat or "lat"))
                classified = built.classify(found.lon, found.lat, found.located)
                located = Located.of(classified, built.ranked)
                converted = (found.lon, found.lat) if from_datum != "wgs84" else None
                _clash(batch.table.schema.names, converted is not None, source.path)
                sink.write(batch.table, arrow_columns(located, lists=form in ("parquet", "geojson"), wgs84=converted), found.lon, found.lat)
                _count(summary, classified, found, located)
                if kept is not None:
                    kept.add(found.lon, found.lat, located, batch.table)
                if progress is not None:
                    progress(summary.rows)
            if not sink.started:
                _write_empty(sink, source, from_datum != "wgs84", form)
        finally:
            sink.close()
    summary.seconds = time.perf_counter() - started
    return summary, kept.frame() if kept is not None else None


def _clash(names: list[str], converted: bool, path: Path) -> None:
    clash = [c for c in (*COLUMNS, *(("lon_wgs84", "lat_wgs84") if converted else ())) if c in names]
    if clash:
        raise PointsError(f"{path}: already has the column{'s' * (len(clash) > 1)} {', '.join(clash)}, which locate adds; rename them")


def _count(summary: Summary, classified: Any, found: Any, located: Located) -> None:
    offset = summary.rows
    summary.rows += len(found.located)
    summary.bad += found.bad
    for code, name in enumerate(CERTAINTIES):
        summary.certainty[name] += int(np.count_nonzero(classified.certainty == code))
    bits = np.unpackbits(np.ascontiguousarray(classified.within).view(np.uint8), axis=1, bitorder="little")
    summary.zones += bits.sum(axis=0, dtype=np.int64)[: len(summary.ranked)]
    room = REPORTED - len(summary.problems)
    summary.problems += [(offset + row + 1, reason) for row, reason in found.problems[: max(room, 0)]]


def _write_empty(sink: Sink, source: Any, converted: bool, form: str) -> None:
    """A file with no rows still gets its header (CSV) or schema."""
    import pyarrow as pa

    names = source.names()
    empty = pa.RecordBatch.from_arrays([pa.array([], pa.string()) for _ in names], names=names)
    nothing = np.zeros(0)
    located = Located((), np.zeros(0, np.int64), (np.zeros(0, np.int64), []), (np.zeros(0, np.int64), []), np.zeros(0, np.int8), nothing)
    sink.write(empty, arrow_columns(located, lists=form in ("parquet", "geojson"), wgs84=(nothing, nothing) if converted else None), nothing, nothing)
