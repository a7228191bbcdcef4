"""Exports for Chinese map apps and GIS tools: GeoJSON, KML or CSV in WGS-84, GCJ-02 or BD-09.

The datum is written into each file: a ``datum`` member of the GeoJSON
FeatureCollection (GCJ-02 and BD-09 GeoJSON is not RFC 7946, which allows
WGS-84 only; the member says so), a ``datum`` field in the KML document's
ExtendedData, and a ``datum`` column in CSV. Text is escaped for each format
(XML for KML, spreadsheet-safe cells for CSV). :func:`zonemap.read_zones` reads
each format back in the datum it records (:mod:`zonemap._declared_datum`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from zonemap._arguments import check_flag
from zonemap._frame import prepare_zones
from zonemap.choices import DATUMS, EXPORT_FORMATS, check_choice
from zonemap.escape import csv_cell, text_of, xml_text
from zonemap.measurement import geodesic_area_perimeter

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["DATUM_NAMES", "EXPORT_COLUMNS", "export_zones"]

#: How exports describe each datum.
DATUM_NAMES = {
    "wgs84": "WGS-84 (EPSG:4326 lon/lat)",
    "gcj02": "GCJ-02 (Gaode/AMap, Tencent; WGS-84 with the Chinese offset, about 600 m here)",
    "bd09": "BD-09 (Baidu; GCJ-02 with Baidu's offset)",
}
EXPORT_COLUMNS = ("id", "name_en", "name_zh_hant", "name_zh_hans", "jurisdiction", "status", "attribution", "licence")
_DECIMALS = 7  # decimal places of exported lon/lat: about 1 cm


def export_zones(
    zones: gpd.GeoDataFrame | None = None,
    *,
    id_column: str = "id",
    to_datum: str = "wgs84",
    format: str = "geojson",
    hong_kong: bool = True,
) -> str:
    """The zones as text in a chosen datum and format.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Zones in any CRS (WGS-84 datum); the bundled zones when omitted.
    id_column : str
        The column holding ids (else the index).
    to_datum : {"wgs84", "gcj02", "bd09"}
        The datum to write coordinates in.
    format : {"geojson", "kml", "csv"}
        GeoJSON FeatureCollection, KML document, or CSV with one row per zone
        and its outline as WKT.
    hong_kong : bool
        Shift Hong Kong too (see :mod:`zonemap.datums`).

    Returns
    -------
    str
        The file's text, with the datum recorded in it.

    Examples
    --------
    >>> import json, zonemap
    >>> document = json.loads(zonemap.export_zones(to_datum="gcj02"))
    >>> document["datum"], document["rfc7946"], len(document["features"])
    ('gcj02', False, 8)
    """
    check_choice(to_datum, DATUMS, "datum")
    check_choice(format, EXPORT_FORMATS, "format")
    check_flag(hong_kong, "hong_kong")
    if zones is None:
        from zonemap.bundled import load_zones

        zones = load_zones()
    checked = prepare_zones(zones, id_column=id_column)
    area, _ = geodesic_area_perimeter(checked.geometries)
    geometries = checked.geometries
    if to_datum != "wgs84":
        from zonemap.datums import convert

        geometries = convert(geometries, "wgs84", to_datum, hong_kong=hong_kong)
    geometries = shapely.orient_polygons(shapely.set_precision(geometries, 10**-_DECIMALS, mode="pointwise"), exterior_cw=False)
    frame = checked.frame
    columns = [c for c in EXPORT_COLUMNS if c in frame.columns and c != "id"]
    records = [
        {"id": ident, **{c: _plain(frame[c].iloc[i]) for c in columns}, "area_ha": round(float(area[i]) / 1e4, 4), "datum": to_datum}
        for i, ident in enumerate(checked.ids)
    ]
    writer = {"geojson": _geojson, "kml": _kml, "csv": _csv}[format]
    return writer(records, geometries, to_datum)


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    return None if value is None or (isinstance(value, float) and value != value) else value


def _geojson(records: list[dict[str, Any]], geometries: np.ndarray, datum: str) -> str:
    document = {
        "type": "FeatureCollection",
        "datum": datum,
        "datum_description": DATUM_NAMES[datum],
        "rfc7946": datum == "wgs84",
        "features": [
            {"type": "Feature", "properties": record, "geometry": json.loads(shapely.to_geojson(geometry))}
            for record, geometry in zip(records, geometries)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _kml_polygon(polygon: shapely.Polygon) -> str:
    def ring(coords: Any) -> str:
        return "<coordinates>" + " ".join(f"{x:.7f},{y:.7f}" for x, y, *_ in coords) + "</coordinates>"

    inner = "".join(f"<innerBoundaryIs><LinearRing>{ring(r.coords)}</LinearRing></innerBoundaryIs>" for r in polygon.interiors)
    return f"<Polygon><outerBoundaryIs><LinearRing>{ring(polygon.exterior.coords)}</LinearRing></outerBoundaryIs>{inner}</Polygon>"


def _kml(records: list[dict[str, Any]], geometries: np.ndarray, datum: str) -> str:
    placemarks = []
    for record, geometry in zip(records, geometries):
        parts = shapely.get_parts(geometry)
        polygons = "".join(_kml_polygon(p) for p in parts)
        shape = polygons if len(parts) == 1 else f"<MultiGeometry>{polygons}</MultiGeometry>"
        data = "".join(f'<Data name="{xml_text(k)}"><value>{xml_text(v)}</value></Data>' for k, v in record.items() if v is not None)
        name = xml_text(record.get("name_en") or record["id"])
        placemarks.append(f"<Placemark><name>{name}</name><ExtendedData>{data}</ExtendedData>{shape}</Placemark>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>zonemap zones ({datum})</name><description>{xml_text(DATUM_NAMES[datum])}</description>"
        f'<ExtendedData><Data name="datum"><value>{datum}</value></Data></ExtendedData>\n'
        + "\n".join(placemarks)
        + "</Document></kml>\n"
    )


def _csv(records: list[dict[str, Any]], geometries: np.ndarray, datum: str) -> str:
    buffer = io.StringIO()
    fields = [*records[0].keys(), "wkt"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for record, geometry in zip(records, geometries):
        wkt = shapely.to_wkt(geometry, rounding_precision=_DECIMALS, trim=True)
        writer.writerow([csv_cell(text_of(v) if isinstance(v, (list, tuple)) else v) for v in record.values()] + [wkt])
    return buffer.getvalue()
