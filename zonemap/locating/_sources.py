"""Files of points read a chunk at a time: CSV, Parquet (GeoParquet too), GeoJSON and GeoPackage.

Each source yields :class:`Batch` es: the rows as Arrow columns (as they will
be written back) and their raw coordinates. CSV cells are read as text, so
they are written back exactly as they were; coordinates are parsed by Arrow
(a column with a cell that is not a number falls back to pandas for that
chunk, so the cell is reported rather than the run failing).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from zonemap.errors import without_driver_hint
from zonemap.locating._csv_records import csv_records, kept_rows
from zonemap.locating._points import coordinate_columns, point_coordinates

__all__ = ["FORMATS", "Batch", "PointsError", "Source", "file_format", "open_source"]

#: File extensions and the format each means.
FORMATS: dict[str, str] = {".csv": "csv", ".parquet": "parquet", ".geoparquet": "parquet", ".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg"}


class PointsError(ValueError):
    """A file of points that cannot be read as one: the message names the file and the problem."""


def file_format(path: Path) -> str:
    """The format a file's extension names.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    str
        A format of :data:`FORMATS`.

    Raises
    ------
    PointsError
        For an extension no format has.

    Examples
    --------
    >>> file_format(Path("points.CSV")), file_format(Path("a.geoparquet"))
    ('csv', 'parquet')
    """
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise PointsError(f"{path}: unknown format {path.suffix or '(no extension)'!r}; use one of {', '.join(sorted(FORMATS))}")
    return found


@dataclass
class Batch:
    """Rows of a file: their columns, their raw coordinates (text or numbers), and rows already known to be bad."""

    table: pa.RecordBatch
    lon: Any
    lat: Any
    numbers: tuple[np.ndarray, np.ndarray] | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Source:
    """A file of points being read: its format, where its coordinates are, its geometry column and metadata."""

    path: Path
    format: str
    chunk_rows: int
    lon: str | None = None
    lat: str | None = None
    geometry: str | None = None
    crs: Any = None
    metadata: dict[bytes, bytes] = field(default_factory=dict)
    _malformed: bool = field(default=False, repr=False)

    def names(self) -> list[str]:
        """The file's column names (a geometry column aside)."""
        return _layout(self.path, self.format)[0]

    def batches(self) -> Iterator[Batch]:
        """The file's rows, chunk by chunk."""
        reader = {"csv": self._csv, "parquet": self._parquet}.get(self.format, self._ogr)
        yield from reader()

    # --- CSV -----------------------------------------------------------------------------------------------
    def _csv(self) -> Iterator[Batch]:
        """The file in blocks of whole records, each parsed by Arrow (in threads): only one block is ever read ahead.

        (Arrow's own streaming reader reads ahead of its consumer without bound, so memory would grow with the file.)
        A block with a line of the wrong number of cells, which Arrow would drop, is read again by :func:`kept_rows`.
        """
        from pyarrow import csv as pacsv

        head = _csv_head(self.path)
        names = _csv_names(head)
        per_row = max(len(head.encode("utf-8")) / max(head.count("\n"), 1), 8.0)
        block = int(min(max(per_row * self.chunk_rows, 1 << 12), 1 << 30))  # Arrow's block size is a 32-bit int
        read = pacsv.ReadOptions(column_names=names, use_threads=True, block_size=max(block, 1 << 20))
        parse = pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=self._invalid_row)
        convert = pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False)
        try:
            for records in csv_records(self.path, block):
                self._malformed = False
                tables = pacsv.read_csv(pa.py_buffer(records), read_options=read, parse_options=parse, convert_options=convert).to_batches()
                problems: list[tuple[int, str]] = []
                if self._malformed:
                    kept, problems = kept_rows(records, names)
                    tables = [kept]
                for table in tables:
                    yield Batch(table, table[self.lon], table[self.lat], (_text_numbers(table[self.lon]), _text_numbers(table[self.lat])), problems)
        except (pa.ArrowInvalid, UnicodeDecodeError) as error:
            raise PointsError(f"{self.path}: {_arrow_reason(error)}") from None

    def _invalid_row(self, row: Any) -> str:
        """Arrow met a line of the wrong number of cells: it skips it here, and the block is read again keeping it."""
        self._malformed = True
        return "skip"

    # --- Parquet -------------------------------------------------------------------------------------------
    def _parquet(self) -> Iterator[Batch]:
        import pyarrow.parquet as pq

        with pq.ParquetFile(self.path) as parquet:
            for table in parquet.iter_batches(batch_size=self.chunk_rows):
                yield self._batch(table)

    # --- GeoJSON, GeoPackage (GDAL, through pyogrio) -------------------------------------------------------
    def _ogr(self) -> Iterator[Batch]:
        import pyogrio

        with pyogrio.open_arrow(self.path, batch_size=self.chunk_rows, use_pyarrow=True) as (_, reader):
            for table in reader:
                yield self._batch(table)

    def _batch(self, table: pa.RecordBatch) -> Batch:
        if self.geometry is None:
            return Batch(table, table[self.lon], table[self.lat])
        import shapely

        shapes = shapely.from_wkb(table[self.geometry].to_numpy(zero_copy_only=False), on_invalid="ignore")
        x, y, problems = point_coordinates(shapes)
        if self.crs is not None:
            x, y = self.crs.transform(x, y)
        return Batch(table, x, y, (x, y), problems)


def _csv_head(path: Path) -> str:
    """The first 64 KiB of a CSV file as text (a UTF-8 byte-order mark dropped)."""
    import codecs

    with open(path, "rb") as handle:
        data = handle.read(1 << 16)
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except UnicodeDecodeError:
        raise PointsError(f"{path}: {_arrow_reason(ValueError('UTF-8'))}") from None


def _csv_names(head: str) -> list[str]:
    """The column names in the header line of a CSV file's first bytes."""
    return next(csv.reader(head.splitlines()[:1] or [""]), [])


def _text_numbers(column: pa.Array) -> np.ndarray:
    """Text cells as numbers (NaN where empty or not a number), by Arrow; pandas for a chunk Arrow refuses."""
    text = pc.utf8_trim_whitespace(column)
    try:
        return pc.cast(pc.if_else(pc.equal(text, ""), None, text), pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        import pandas as pd

        return pd.to_numeric(pd.Series(text.to_numpy(zero_copy_only=False)), errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _arrow_reason(error: Exception) -> str:
    text = str(error)
    if "UTF8" in text or "UTF-8" in text:
        return "is not UTF-8 text; save it as UTF-8 (spreadsheet programs call it 'CSV UTF-8'; GBK files need converting)"
    return text.splitlines()[0]


def _lonlat(crs: Any) -> Any:
    """A transformer from ``crs`` to lon/lat, or None when it is lon/lat already (or not given)."""
    if crs is None:
        return None
    from pyproj import CRS, Transformer

    given = CRS.from_user_input(crs)
    if given.equals("EPSG:4326", ignore_axis_order=True) or given.equals("OGC:CRS84"):
        return None
    return Transformer.from_crs(given, 4326, always_xy=True)


def open_source(path: Path, *, lon: str | None = None, lat: str | None = None, chunk_rows: int = 1 << 17) -> Source:
    """A file of points, its coordinates found: the ``lon``/``lat`` columns, else the geometry, else the usual names.

    Parameters
    ----------
    path : Path
        CSV, Parquet (GeoParquet), GeoJSON or GeoPackage.
    lon, lat : str, optional
        The coordinate columns.
    chunk_rows : int
        Rows read at a time.

    Returns
    -------
    Source

    Raises
    ------
    PointsError
        For an unknown format, or no coordinates found.
    FileNotFoundError
        For a file that is not there.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "points.csv").write_text("name,lng,lat\\nA,114.07,22.51\\n")
    ...     source = open_source(Path(folder, "points.csv"))
    ...     source.format, source.lon, source.lat, source.geometry
    ('csv', 'lng', 'lat', None)
    """
    path = Path(path)
    form = file_format(path)
    if path.is_dir():
        raise PointsError(f"{path}: is a folder, not a file")
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", str(path))
    if path.stat().st_size == 0:
        raise PointsError(f"{path}: is empty")
    source = Source(path, form, max(int(chunk_rows), 1))
    names, geometry, crs = _layout(path, form)
    try:
        if geometry is not None and lon is None and lat is None:
            source.geometry, source.crs = geometry, _lonlat(crs)
        else:
            source.lon, source.lat = coordinate_columns(names, lon, lat, source=str(path))
    except ValueError as error:
        raise PointsError(str(error)) from None
    if form == "parquet":
        import pyarrow.parquet as pq

        source.metadata = dict(pq.read_schema(path).metadata or {})
    return source


def _layout(path: Path, form: str) -> tuple[list[str], str | None, Any]:
    """A file's column names, its geometry column (WKB) and that column's CRS."""
    if form == "csv":
        return _csv_names(_csv_head(path)), None, None
    if form == "parquet":
        import pyarrow.parquet as pq

        try:
            schema = pq.read_schema(path)
        except (pa.ArrowInvalid, OSError) as error:
            raise PointsError(f"{path}: is not a Parquet file ({_arrow_reason(error)})") from None
        geo = json.loads((schema.metadata or {}).get(b"geo", b"null"))
        if not geo:
            return schema.names, None, None
        column = geo.get("primary_column")
        details = geo.get("columns", {}).get(column, {})
        if details.get("encoding", "WKB").upper() != "WKB":
            raise PointsError(f"{path}: geometry column {column!r} is encoded as {details.get('encoding')}; zonemap reads WKB (or give --lon and --lat)")
        return schema.names, column, details.get("crs", "OGC:CRS84")
    import pyogrio

    try:
        info = pyogrio.read_info(path)
    except Exception as error:  # pyogrio raises its own DataSourceError and others for unreadable files
        raise PointsError(f"{path}: cannot be read as {form} ({without_driver_hint(str(error).splitlines()[0])})") from None
    with pyogrio.open_arrow(path, batch_size=1, use_pyarrow=True, max_features=0) as (_, reader):
        schema = reader.schema
    geometry = next((f.name for f in schema if (f.metadata or {}).get(b"ARROW:extension:name") == b"geoarrow.wkb"), None)
    return [str(f) for f in info["fields"]], geometry, info.get("crs")
