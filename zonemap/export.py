"""Exports for Chinese map apps and GIS tools: GeoJSON, KML or CSV in WGS-84, GCJ-02 or BD-09.

The datum is written into each file: a ``datum`` member of the GeoJSON
FeatureCollection (GCJ-02 and BD-09 GeoJSON is not RFC 7946, which allows
WGS-84 only; the member says so), a ``datum`` field in the KML document's
ExtendedData, and a ``datum`` column in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import geopandas as gpd
import shapely

from zonemap.areas import areas
from zonemap.china import DATUMS, convert
from zonemap.loading import load_zones

FORMATS = ("geojson", "kml", "csv")
#: How exports describe each datum.
DATUM_NAMES = {
    "wgs84": "WGS-84 (EPSG:4326 lon/lat)",
    "gcj02": "GCJ-02 (Gaode/AMap, Tencent; WGS-84 with the Chinese offset, about 600 m here)",
    "bd09": "BD-09 (Baidu; GCJ-02 with Baidu's offset)",
}
EXPORT_COLUMNS = ("id", "name_en", "name_zh_hant", "name_zh_hans", "jurisdiction", "status", "attribution", "licence")
PRECISION = 7


def export_zones(
    zones: gpd.GeoDataFrame | None = None, *, datum: str = "wgs84", fmt: str = "geojson", hong_kong: bool = True
) -> str:
    """The zones as text in a chosen datum and format.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Zones in any CRS (WGS-84 datum); the bundled zones when omitted.
    datum : {"wgs84", "gcj02", "bd09"}
        The datum to write coordinates in.
    fmt : {"geojson", "kml", "csv"}
        GeoJSON FeatureCollection, KML document, or CSV with one row per zone
        and its outline as WKT.
    hong_kong : bool
        Shift Hong Kong too (see :mod:`zonemap.china`).

    Returns
    -------
    str
        The file's text, with the datum recorded in it.
    """
    if datum not in DATUMS:
        raise ValueError(f"unknown datum {datum!r}; choose one of {', '.join(DATUMS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    zones = (load_zones() if zones is None else zones).to_crs(4326)
    table = areas(zones)
    moved = convert(zones, "wgs84", datum, hong_kong=hong_kong) if datum != "wgs84" else zones
    geometries = shapely.set_precision(moved.geometry.array, 10**-PRECISION, mode="pointwise")
    geometries = shapely.orient_polygons(geometries, exterior_cw=False)
    records = [
        {**{c: _plain(row.get(c)) for c in EXPORT_COLUMNS if c in zones}, "area_ha": round(float(area), 4), "datum": datum}
        for (_, row), area in zip(zones.iterrows(), table["area_ha"])
    ]
    writer = {"geojson": _geojson, "kml": _kml, "csv": _csv}[fmt]
    return writer(records, geometries, datum)


def _plain(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else value


def _geojson(records: list[dict[str, Any]], geometries: Any, datum: str) -> str:
    document = {
        "type": "FeatureCollection",
        "datum": datum,
        "datum_description": DATUM_NAMES[datum],
        "rfc7946": datum == "wgs84",
        "features": [
            {"type": "Feature", "properties": record, "geometry": shapely.geometry.mapping(geometry)}
            for record, geometry in zip(records, geometries)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _kml_rings(polygon: shapely.Polygon) -> str:
    def ring(coords: Any) -> str:
        return "<coordinates>" + " ".join(f"{x:.7f},{y:.7f}" for x, y in coords) + "</coordinates>"

    inner = "".join(f"<innerBoundaryIs><LinearRing>{ring(r.coords)}</LinearRing></innerBoundaryIs>" for r in polygon.interiors)
    return f"<Polygon><outerBoundaryIs><LinearRing>{ring(polygon.exterior.coords)}</LinearRing></outerBoundaryIs>{inner}</Polygon>"


def _kml(records: list[dict[str, Any]], geometries: Any, datum: str) -> str:
    placemarks = []
    for record, geometry in zip(records, geometries):
        polygons = "".join(_kml_rings(p) for p in shapely.get_parts(geometry))
        shape = polygons if len(shapely.get_parts(geometry)) == 1 else f"<MultiGeometry>{polygons}</MultiGeometry>"
        data = "".join(f'<Data name="{xml_escape(k)}"><value>{xml_escape(str(v))}</value></Data>' for k, v in record.items() if v is not None)
        name = xml_escape(str(record.get("name_en") or record.get("id") or ""))
        placemarks.append(f"<Placemark><name>{name}</name><ExtendedData>{data}</ExtendedData>{shape}</Placemark>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>zonemap zones ({datum})</name><description>{xml_escape(DATUM_NAMES[datum])}</description>"
        f'<ExtendedData><Data name="datum"><value>{datum}</value></Data></ExtendedData>'
        + "\n".join(placemarks)
        + "</Document></kml>\n"
    )


def _csv(records: list[dict[str, Any]], geometries: Any, datum: str) -> str:
    buffer = io.StringIO()
    fields = [*records[0].keys(), "wkt"] if records else ["datum", "wkt"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for record, geometry in zip(records, geometries):
        writer.writerow({**record, "wkt": shapely.to_wkt(geometry, rounding_precision=PRECISION, trim=True)})
    return buffer.getvalue()
