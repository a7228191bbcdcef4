"""Reading users' zone files (GeoJSON, GeoPackage, Shapefile …): checked, optionally repaired, in WGS-84.

:class:`ZoneFile` is the result of reading one file: the zones and a report of
what was done to them (repairs, the datum they were converted from).
:func:`read_zones` returns just the zones. The file itself is never modified.

Reading GeoJSON pauses Python's garbage collector (:func:`zonemap._no_gc.no_gc`)
while the file is parsed and its frame built: this is a process-wide side
effect (cycles made meanwhile by other threads wait until the read ends), kept
because it saves about a fifth of the time of reading a large file (0.92 s
against 1.19 s for 100k polygons), the objects parsing makes holding no cycles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from zonemap._arguments import check_flag
from zonemap._crs_range import outside_crs
from zonemap._declared_datum import agreed_datum, column_datum, kml_datum
from zonemap._frame import prepare_zones, zone_ids
from zonemap._geojson_scan import read_collection
from zonemap._geometry import geometry_problems, repair
from zonemap._no_gc import no_gc
from zonemap.choices import DATUMS, check_choice
from zonemap.errors import Problem, ZoneDataError, without_driver_hint

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["GEOJSON_SUFFIXES", "ZoneFile", "frame_from_records", "read_zones"]

GEOJSON_SUFFIXES = (".geojson", ".json")


def frame_from_records(records: list[dict[str, Any]], geometries: Any) -> gpd.GeoDataFrame:
    """A GeoDataFrame in EPSG:4326 from feature properties and geometries, properties as columns.

    Parameters
    ----------
    records : list of dict
        The features' properties.
    geometries : sequence of shapely geometries
        Their geometries, in lon/lat.

    Returns
    -------
    GeoDataFrame

    Examples
    --------
    >>> from shapely import Point
    >>> frame = frame_from_records([{"id": "a"}, {"id": "b"}], [Point(114.07, 22.51), Point(114.08, 22.52)])
    >>> frame["id"].tolist(), frame.crs.to_epsg()
    (['a', 'b'], 4326)
    """
    import geopandas as gpd
    import pandas as pd

    table = pd.DataFrame.from_records(records) if any(records) else pd.DataFrame(index=range(len(records)))
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(list(geometries), crs=4326), crs=4326)


@dataclass(frozen=True)
class ZoneFile:
    """One zone file, read and checked.

    Attributes
    ----------
    zones : GeoDataFrame
        The zones, in EPSG:4326 (WGS-84).
    source : str
        The file, as named in messages.
    repairs : tuple of Problem
        What ``fix=True`` changed, one entry per feature and change.
    from_datum : str
        The datum the file's coordinates were in ("wgs84" when no conversion was needed).
    """

    zones: gpd.GeoDataFrame
    source: str
    repairs: tuple[Problem, ...] = field(default=())
    from_datum: str = "wgs84"

    @classmethod
    def read(
        cls,
        path: str | Path,
        *,
        id_column: str = "id",
        fix: bool = False,
        from_datum: str | None = None,
        hong_kong: bool = True,
    ) -> ZoneFile:
        """Read a zone file; see :func:`read_zones` for the parameters.

        Parameters
        ----------
        path : str or Path
            The zone file.
        id_column, fix, from_datum, hong_kong
            As for :func:`read_zones`.

        Returns
        -------
        ZoneFile
            The zones (in lon/lat, WGS-84), the file's name, the repairs made, and the datum read.

        Examples
        --------
        >>> result = ZoneFile.read("tests/bad_input/clockwise.geojson", fix=True)
        >>> [str(r) for r in result.repairs]
        ["tests/bad_input/clockwise.geojson: feature 'cw': rings reoriented (exteriors counter-clockwise, holes clockwise)"]
        """
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, not {type(path).__name__}")
        if from_datum is not None:
            check_choice(from_datum, DATUMS, "datum")
        check_flag(fix, "fix")
        check_flag(hong_kong, "hong_kong")
        path = Path(path)
        source = str(path)
        if not path.exists():
            raise ZoneDataError.single(source, "", "does not exist")
        if path.is_dir() and path.suffix.lower() != ".gdb":
            raise ZoneDataError.single(source, "", "is a folder, not a file")
        if path.is_file() and path.stat().st_size == 0:
            raise ZoneDataError.single(source, "", "is empty")
        if path.suffix.lower() in GEOJSON_SUFFIXES:
            frame, declared = _read_geojson(path, source, id_column, strict=not fix)
        else:
            frame, declared = _read_with_pyogrio(path, source, id_column)
        changes: list[Problem] = []
        if fix:
            labels = _labels(frame, id_column)
            fixed, changes = repair(frame.geometry.array, labels, source)
            frame = frame.set_geometry(type(frame.geometry)(fixed, index=frame.index, crs=frame.crs))
        zones = prepare_zones(frame, id_column=id_column, source=source).frame
        datum = agreed_datum(declared, from_datum, source)
        if datum != "wgs84":
            from zonemap.datums import convert

            zones = convert(zones, datum, "wgs84", hong_kong=hong_kong)
        return cls(zones, source, tuple(changes), datum)


def read_zones(
    path: str | Path, *, id_column: str = "id", fix: bool = False, from_datum: str | None = None, hong_kong: bool = True
) -> gpd.GeoDataFrame:
    """Read a user's own zones from GeoJSON, GeoPackage, Shapefile or any format GDAL reads.

    GeoJSON is checked as RFC 7946 text (closed rings, counter-clockwise
    exteriors, lon/lat ranges, a hint when the axes look swapped); every format
    is checked under the one rule (ids, valid polygons; see :mod:`zonemap._frame`)
    and reprojected to EPSG:4326.

    Parameters
    ----------
    path : str or Path
        The file.
    id_column : str
        The column holding feature ids (else the row number names features).
    fix : bool
        Repair what can be repaired safely instead of refusing it: rings
        reoriented to RFC 7946, invalid polygons made valid (``make_valid``).
        :meth:`ZoneFile.read` reports what was changed.
    from_datum : {"wgs84", "gcj02", "bd09"}, optional
        The datum of the file's lon/lat: GCJ-02 for coordinates copied from
        Gaode (AMap) or Tencent, BD-09 from Baidu; they are converted to WGS-84
        (see :mod:`zonemap.datums`). By default, the datum a zonemap export
        declares (GeoJSON's ``datum`` member, KML's ExtendedData, a ``datum``
        column), else WGS-84; one contradicting the declared datum is refused.
    hong_kong : bool
        Whether the source applied the Chinese offset in Hong Kong too.

    Returns
    -------
    GeoDataFrame
        In EPSG:4326.

    Raises
    ------
    ZoneDataError
        Naming the file, the feature and the problem, for a file that is
        missing, unreadable, malformed or holds invalid geometry, whose
        declared datum cannot be read reliably, or contradicts ``from_datum``.

    Examples
    --------
    >>> zones = read_zones("tests/bad_input/good.geojson")
    >>> zones["id"].tolist(), zones.crs.to_epsg()
    (['a', 'b'], 4326)
    """
    return ZoneFile.read(path, id_column=id_column, fix=fix, from_datum=from_datum, hong_kong=hong_kong).zones


def _labels(frame: gpd.GeoDataFrame, id_column: str) -> list[str]:
    try:
        return [repr(i) for i in zone_ids(frame, id_column)]
    except ZoneDataError:
        return [f"#{i}" for i in range(len(frame))]


def _read_geojson(path: Path, source: str, id_column: str, *, strict: bool) -> tuple[gpd.GeoDataFrame, str | None]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error.strerror or error)
        raise ZoneDataError.single(source, "", f"cannot be read: {reason}") from None
    with no_gc():  # millions of objects, no cycles: one collection afterwards instead of dozens on the way
        data, records, geometries, problems = read_collection(text, source, orientation=strict)
        frame = frame_from_records(records, geometries)
    if problems:  # report the other features' id and geometry problems too, in one error
        try:
            zone_ids(frame, id_column, source)
        except ZoneDataError as error:
            problems += error.problems
        built = np.array([g is not None for g in geometries], dtype=bool)
        labels = np.array(_labels(frame, id_column), dtype=object)
        problems += geometry_problems(geometries[built], list(labels[built]), source, polygons=True)
        raise ZoneDataError(problems)
    declared = data.get("datum")
    return frame, declared if declared in DATUMS else None


def _read_with_pyogrio(path: Path, source: str, id_column: str) -> tuple[gpd.GeoDataFrame, str | None]:
    import geopandas as gpd
    import pyogrio

    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
        if len(layers) > 1:  # reading the first alone would drop the others unseen
            named = ", ".join(repr(name) for name in layers[:5]) + (", ..." if len(layers) > 5 else "")
            raise ZoneDataError.single(source, "", f"holds {len(layers)} layers ({named}); zonemap reads files of one layer: "
                                                   "save the layer you mean in a file of its own")
        frame = gpd.read_file(path, engine="pyogrio")
    except ZoneDataError:
        raise
    except Exception as error:  # pyogrio raises several DataSourceError kinds
        raise ZoneDataError.single(source, "", f"cannot be read as GIS data: {without_driver_hint(str(error))}") from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame:
        raise ZoneDataError.single(source, "", "holds no geometries (a table without a geometry column is not zones)")
    if frame.empty:
        raise ZoneDataError.single(source, "", "holds no features")
    declared = column_datum(frame, source)  # zonemap's KML and CSV exports carry a datum column
    if path.suffix.lower() == ".kml":
        document = kml_datum(path, source)  # GDAL's KML driver shows no ExtendedData; LIBKML not the document's
        if document is not None and declared not in (None, document):
            raise ZoneDataError.single(source, "", f"declares datum {document} in its ExtendedData, but {declared} in its features'")
        declared = document or declared
    if frame.crs is None and declared is not None:
        frame = frame.set_crs(4326)  # a declared datum is lon/lat in it (a zonemap CSV export: WKT and a datum column)
    if frame.crs is None:
        raise ZoneDataError.single(source, "", "has no CRS; say which CRS its coordinates are in")
    if not frame.crs.equals("EPSG:4326"):
        try:
            lonlat = frame.to_crs(4326)
        except Exception as error:  # a local or engineering CRS has no transformation to WGS-84
            raise ZoneDataError.single(source, "", f"has a CRS that cannot be transformed to WGS-84 ({frame.crs.name}): {error}") from None
        problems = outside_crs(frame, _labels(frame, id_column), source)  # a projection wraps what lies beyond its range
        if problems:
            raise ZoneDataError(problems)
        frame = lonlat
    return frame, declared
