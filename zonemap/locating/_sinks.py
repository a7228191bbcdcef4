"""Located points written a chunk at a time, in the format of the output's extension.

* **CSV**: the input's columns as they were (CSV input stays text, cell for
  cell), a geometry as WKT, then the added columns; lists joined with ``;``.
* **Parquet**: the input's columns and types (GeoParquet metadata kept), the
  zone lists as lists of text.
* **GeoJSON** (RFC 7946) and **GeoPackage**: each point at its WGS-84 position
  (converted from GCJ-02 or BD-09 where it was), its columns as properties
  (the zone lists as arrays in GeoJSON, joined with ``;`` in GeoPackage).

Every sink writes to a temporary file (see :func:`zonemap.write.written_in_place`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from zonemap.locating._csv import csv_column, csv_header, csv_rows, text_bytes
from zonemap.locating._sources import Source

__all__ = ["Sink", "arrow_columns"]


def _sets(codes: np.ndarray, uniques: list[tuple[str, ...]], located: np.ndarray, lists: bool) -> pa.Array:
    """Rows' zone sets (codes into ``uniques``) as Arrow lists of text, or as text joined with ``;`` (dictionary-encoded)."""
    if not lists:
        joined = pa.array([";".join(u) for u in uniques], pa.string())
        return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32(), mask=~located), joined)
    sizes = np.array([len(u) for u in uniques], dtype=np.int64)
    pool = np.array([i for u in uniques for i in u], dtype=object)
    starts = np.cumsum(sizes) - sizes
    length = np.where(located, sizes[codes], 0)
    offsets = np.concatenate([[0], np.cumsum(length)]).astype(np.int32)
    index = np.repeat(starts[codes] - offsets[:-1], length) + np.arange(offsets[-1])
    values = pa.array(pool[index] if len(pool) else [], pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets), values, mask=pa.array(~located))


def arrow_columns(located: Any, *, lists: bool, wgs84: tuple[np.ndarray, np.ndarray] | None) -> dict[str, pa.Array]:
    """The added columns as Arrow arrays (see :class:`zonemap.locating._columns.Located`).

    Parameters
    ----------
    located : Located
        A chunk's results.
    lists : bool
        Zone sets as Arrow lists of text (Parquet, GeoJSON), else as text joined with ``;`` (CSV, GeoPackage).
    wgs84 : (ndarray, ndarray), optional
        The WGS-84 lon and lat, added as ``lon_wgs84``, ``lat_wgs84`` (for points converted from another datum).

    Returns
    -------
    dict of str to pyarrow.Array

    Examples
    --------
    >>> from zonemap.locating._api import bundled_zone_set
    >>> from zonemap.locating._columns import Located
    >>> from zonemap.locating._engine import engine
    >>> built = engine(bundled_zone_set())
    >>> lon, lat = np.array([114.075, 114.3]), np.array([22.518, 22.3])
    >>> columns = arrow_columns(Located.of(built.classify(lon, lat, np.ones(2, bool)), built.ranked), lists=False, wgs84=None)
    >>> list(columns), columns["zone"].to_pylist(), columns["certainty"].to_pylist()
    (['zone', 'zones', 'uncertain_zones', 'certainty', 'boundary_distance_m'], ['loop_a', None], ['inside', 'outside'])
    """
    ranked = pa.array(list(located.ranked), pa.string())
    certainty = pa.array(["inside", "uncertain", "outside"], pa.string())
    columns = {
        "zone": pa.DictionaryArray.from_arrays(pa.array(located.first, pa.int32(), mask=located.first < 0), ranked),
        "zones": _sets(located.zones[0], located.zones[1], located.located, lists),
        "uncertain_zones": _sets(located.uncertain[0], located.uncertain[1], located.located, lists),
        "certainty": pa.DictionaryArray.from_arrays(pa.array(located.certainty, pa.int8(), mask=located.certainty < 0), certainty),
        "boundary_distance_m": pa.array(np.round(located.distance_m, 2), pa.float64(), mask=np.isnan(located.distance_m)),
    }
    if wgs84 is not None:
        for name, values in zip(("lon_wgs84", "lat_wgs84"), wgs84):
            columns[name] = pa.array(np.round(values, 7), pa.float64(), mask=np.isnan(values))
    return columns


class Sink:
    """An output being written chunk by chunk to ``path`` (a temporary file) in ``format``.

    The first call to :meth:`write` starts the file (a CSV header, a Parquet
    schema, a GeoPackage layer), so even no rows make a complete file.
    """

    def __init__(self, path: Path, format: str, source: Source, layer: str) -> None:
        self.path, self.format, self.source, self.layer = path, format, source, layer
        self._handle: IO[bytes] | None = None
        self._writer: Any = None
        self._rows = 0
        self._started = False

    def write(self, table: pa.RecordBatch, added: dict[str, pa.Array], lon: np.ndarray, lat: np.ndarray) -> None:
        """Write one chunk: the input rows, their added columns, and their WGS-84 positions."""
        geometry = self.source.geometry
        keep = [n for n in table.schema.names if n != geometry] if self.format in ("geojson", "gpkg") else list(table.schema.names)
        if self.format == "csv":
            cells = [self._csv_cells(table, name) for name in keep] + [csv_column(c) for c in added.values()]  # zone ids are data too
            self._out().write((b"" if self._started else csv_header([*keep, *added])) + csv_rows(cells))
        elif self.format == "parquet":
            self._parquet(table, added)
        elif self.format == "geojson":
            self._geojson(table.select(keep), added, lon, lat)
        else:
            self._gpkg(table.select(keep), added, lon, lat)
        self._started = True
        self._rows += table.num_rows

    @property
    def started(self) -> bool:
        """Whether anything was written."""
        return self._started

    def _out(self) -> IO[bytes]:
        if self._handle is None:
            self._handle = open(self.path, "wb")  # noqa: SIM115 (closed in close())
        return self._handle

    def _csv_cells(self, table: pa.RecordBatch, name: str) -> pa.Array:
        column = table[name]
        if name == self.source.geometry:
            import shapely

            shapes = shapely.from_wkb(column.to_numpy(zero_copy_only=False), on_invalid="ignore")
            column = pa.array(shapely.to_wkt(shapes, rounding_precision=-1), pa.string())
        return csv_column(column)

    def _parquet(self, table: pa.RecordBatch, added: dict[str, pa.Array]) -> None:
        import pyarrow.parquet as pq

        out = pa.RecordBatch.from_arrays([*table.columns, *added.values()], names=[*table.schema.names, *added])
        if self._writer is None:
            metadata = {k: v for k, v in self.source.metadata.items() if k == b"geo"}
            self._writer = pq.ParquetWriter(self.path, out.schema.with_metadata(metadata or None))
        self._writer.write_batch(out)

    def _geojson(self, table: pa.RecordBatch, added: dict[str, pa.Array], lon: np.ndarray, lat: np.ndarray) -> None:
        import shapely

        out = self._out()
        if not self._started:
            out.write(b'{"type":"FeatureCollection","features":[')
        if table.num_rows == 0:
            return
        frame = pa.RecordBatch.from_arrays([*table.columns, *added.values()], names=[*table.schema.names, *added]).to_pandas()
        properties = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso", default_handler=str)
        rows = pa.array(properties.split("\n")[: len(frame)], pa.string())
        geometry = np.where(np.isnan(lon), "null", shapely.to_geojson(shapely.points(lon, lat)))
        features = pc.binary_join_element_wise(',\n{"type":"Feature","properties":', rows, ',"geometry":', pa.array(geometry.tolist(), pa.string()), "}", "")
        body = text_bytes(features)
        out.write(body[1:] if self._rows == 0 else body)  # the first feature without the comma

    def _gpkg(self, table: pa.RecordBatch, added: dict[str, pa.Array], lon: np.ndarray, lat: np.ndarray) -> None:
        import pyogrio
        import shapely

        columns = {name: table[name] for name in table.schema.names}
        columns.update({name: _flat(values) for name, values in added.items()})
        wkb = shapely.to_wkb(shapely.points(lon, lat))
        columns["geometry"] = pa.array(np.where(np.isnan(lon), None, wkb), pa.binary())
        with warnings.catch_warnings():  # GDAL would rather the temporary file's name ended in .gpkg; the output's does
            warnings.simplefilter("ignore", RuntimeWarning)
            pyogrio.write_arrow(pa.table(columns), self.path, layer=self.layer, driver="GPKG", geometry_name="geometry",
                                geometry_type="Point", crs="EPSG:4326", append=self._started)

    def close(self) -> None:
        """Finish the file (a GeoJSON's closing brackets, a Parquet footer) and close it."""
        if self.format == "geojson":
            self._out().write(b"\n]}\n")
        if self._writer is not None:
            self._writer.close()
        if self._handle is not None:
            self._handle.close()


def _flat(values: pa.Array) -> pa.Array:
    """A column GeoPackage can hold: dictionaries decoded, lists joined with ``;``."""
    if pa.types.is_dictionary(values.type):
        return values.dictionary_decode()
    if pa.types.is_list(values.type):
        return pc.binary_join(values, ";")
    return values
