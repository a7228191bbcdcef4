"""The datum a zone file declares (zonemap exports record theirs), and the check that a given one agrees.

:func:`zonemap.export.export_zones` writes the datum into every file: a top-level
``datum`` member in GeoJSON (read by :mod:`zonemap.read` itself), a ``datum``
field in the KML document's ExtendedData and in each Placemark's, and a
``datum`` column in CSV. :func:`kml_datum` reads the KML document's field
(GDAL's KML driver does not show ExtendedData, LIBKML only the Placemarks'),
:func:`column_datum` a ``datum`` column, and :func:`agreed_datum` refuses a
``from_datum`` that contradicts the declaration instead of converting twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError, iterparse

from zonemap.choices import DATUMS
from zonemap.errors import ZoneDataError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["agreed_datum", "column_datum", "kml_datum"]

_FEATURES = {"Placemark", "Folder", "Document", "NetworkLink", "GroundOverlay", "ScreenOverlay", "PhotoOverlay"}


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def kml_datum(path: Path, source: str) -> str | None:
    """The datum a KML document declares in its ExtendedData (``<Data name="datum">``), if any.

    Only the document's own ExtendedData is read, which KML places before its
    Placemarks and Folders; reading stops at the first of them.

    Parameters
    ----------
    path : Path
        The KML file.
    source : str
        The file, as named in messages.

    Returns
    -------
    str or None
        "wgs84", "gcj02" or "bd09"; None when the document declares no datum.

    Raises
    ------
    ZoneDataError
        When the document's start is not well-formed XML, or it declares a datum zonemap does not know.

    Examples
    --------
    >>> import tempfile, zonemap
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "gcj.kml").write_text(zonemap.export_zones(to_datum="gcj02", format="kml"), encoding="utf-8")
    >>> kml_datum(folder / "gcj.kml", "gcj.kml")
    'gcj02'
    """
    stack: list[str] = []
    data_name: str | None = None
    try:
        for event, element in iterparse(path, events=("start", "end")):
            name = _local(element.tag)
            if event == "start":
                if name == "Placemark" or (name in _FEATURES and "Document" in stack):
                    return None  # past the document's own ExtendedData
                stack.append(name)
                if name == "Data" and stack[-2:-1] == ["ExtendedData"] and stack[-3:-2] == ["Document"]:
                    data_name = element.get("name")
                continue
            stack.pop()
            if name == "value" and stack[-3:] == ["Document", "ExtendedData", "Data"] and data_name == "datum":
                value = (element.text or "").strip()
                if value not in DATUMS:
                    known = ", ".join(DATUMS)
                    raise ZoneDataError.single(source, "", f"declares datum {value!r} in its ExtendedData, which is not one of {known}")
                return value
    except (ParseError, OSError) as error:
        raise ZoneDataError.single(source, "", f"cannot be read as KML: {error}") from None
    return None


def column_datum(frame: gpd.GeoDataFrame, source: str) -> str | None:
    """The datum a ``datum`` column declares (as in zonemap's KML and CSV exports), if it names one.

    A column none of whose values is a datum zonemap knows (or no such column)
    declares nothing; once one value names a datum, every feature must carry the same one.

    Parameters
    ----------
    frame : GeoDataFrame
        The file's features.
    source : str
        The file, as named in messages.

    Returns
    -------
    str or None
        "wgs84", "gcj02" or "bd09", or None.

    Raises
    ------
    ZoneDataError
        When features declare different datums, or some declare one and others none.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"datum": ["gcj02", "gcj02"]}, geometry=[Point(0, 0), Point(1, 1)])
    >>> column_datum(frame, "zones.csv")
    'gcj02'
    """
    if "datum" not in frame.columns or frame.geometry.name == "datum":
        return None
    values = [v.strip() if isinstance(v, str) else v for v in frame["datum"].tolist()]
    named = sorted({v for v in values if isinstance(v, str) and v in DATUMS})
    if not named:
        return None
    if len(named) > 1:
        raise ZoneDataError.single(source, "", f"its features declare different datums ({', '.join(named)}) in the datum column; convert them to one first")
    odd = next((i for i, v in enumerate(values) if v != named[0]), None)
    if odd is not None:
        said = f"datum {values[odd]!r}" if isinstance(values[odd], str) and values[odd] else "no datum"
        raise ZoneDataError.single(source, f"#{odd}", f"declares {said} in the datum column, the other features {named[0]}")
    return named[0]


def agreed_datum(declared: str | None, given: str | None, source: str) -> str:
    """The datum to read a file in: the one given or declared, refusing a contradiction.

    Parameters
    ----------
    declared : str or None
        The datum the file declares.
    given : str or None
        The ``from_datum`` (``--from-datum``) given.
    source : str
        The file, as named in messages.

    Returns
    -------
    str
        The datum; "wgs84" when neither says.

    Raises
    ------
    ZoneDataError
        When both are given and differ.

    Examples
    --------
    >>> agreed_datum("gcj02", None, "z.kml"), agreed_datum("gcj02", "gcj02", "z.kml"), agreed_datum(None, None, "z.kml")
    ('gcj02', 'gcj02', 'wgs84')
    >>> agreed_datum("gcj02", "bd09", "z.kml")
    Traceback (most recent call last):
    ...
    zonemap.errors.ZoneDataError: z.kml: declares datum gcj02, but --from-datum bd09 (from_datum='bd09') was given; leave it out to read the file in the datum it declares
    """
    if declared is not None and given is not None and given != declared:
        message = f"declares datum {declared}, but --from-datum {given} (from_datum={given!r}) was given; leave it out to read the file in the datum it declares"
        raise ZoneDataError.single(source, "", message)
    return given or declared or "wgs84"
