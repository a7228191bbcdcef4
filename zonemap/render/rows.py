"""What a map needs from its frames, in one pass each: rows of properties, and the areas the popups show.

* :func:`records` is ``frame.drop(columns=geometry).to_dict("records")``, the
  same dicts with the same values, read column by column (pandas' ``to_dict``
  goes through geopandas row by row and costs some milliseconds a frame).
* :func:`shown_areas` computes only the areas a map shows (geodesic, official,
  the range between the outlines): no planar areas, no second check of the zones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["records", "shown_areas"]


def records(frame: Any) -> list[dict[str, Any]]:
    """The rows of a (Geo)DataFrame as dicts of column to value, the geometry column left out.

    The same as ``frame.drop(columns=frame.geometry.name).to_dict("records")``:
    values of object and extension columns boxed as pandas boxes them.

    Parameters
    ----------
    frame : DataFrame or GeoDataFrame
        Any frame (a GeoDataFrame's geometry column is left out).

    Returns
    -------
    list of dict
        One dict per row.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"id": ["a", "b"], "n": [1, 2]}, geometry=[Point(0, 0), Point(1, 1)])
    >>> records(frame)
    [{'id': 'a', 'n': 1}, {'id': 'b', 'n': 2}]
    """
    import pandas as pd
    from pandas.api.extensions import ExtensionDtype

    geometry = frame.geometry.name
    if not frame.columns.is_unique:  # pandas' own rule for repeated names
        return frame.drop(columns=geometry).to_dict("records")  # type: ignore[no-any-return]
    from pandas.core.dtypes.cast import maybe_box_native

    plain = pd.DataFrame(frame, copy=False)  # column access without geopandas' checks
    names, columns = [], []
    for name, series in plain.items():
        if name == geometry:
            continue
        values = list(series)  # as DataFrame.itertuples reads them
        if series.dtype == object or isinstance(series.dtype, ExtensionDtype):
            values = list(map(maybe_box_native, values))
        names.append(name)
        columns.append(values)
    if not columns:
        return [{} for _ in range(len(plain))]
    return [dict(zip(names, row)) for row in zip(*columns)]


def shown_areas(frame: gpd.GeoDataFrame, ids: np.ndarray, outlines: gpd.GeoDataFrame | None) -> list[dict[str, float]]:
    """Per zone, the areas its popup shows: the values :func:`zonemap.areas` gives in these columns.

    Parameters
    ----------
    frame : GeoDataFrame
        The zones, checked (:func:`zonemap._frame.prepare_zones`), in EPSG:4326.
    ids : ndarray
        Their ids.
    outlines : GeoDataFrame, optional
        Inner and outer outlines (columns ``zone``, ``outline``).

    Returns
    -------
    list of dict
        ``geodesic_area_m2``, ``official_area_m2``, ``official_diff_pct``,
        ``area_min_m2`` and ``area_max_m2`` (NaN where there is none).

    Examples
    --------
    >>> import zonemap
    >>> from zonemap._frame import prepare_zones
    >>> zones = prepare_zones(zonemap.load_zones())
    >>> rows = shown_areas(zones.frame, zones.ids, zonemap.load_layer("zone_outlines"))
    >>> round(rows[0]["geodesic_area_m2"] / 1e4, 1), rows[0]["official_area_m2"] / 1e4
    (89.2, 87.7)
    """
    import pandas as pd

    from zonemap.measurement import geodesic_area_perimeter, outline_areas

    geodesic, _ = geodesic_area_perimeter(frame.geometry.array)
    official = (pd.to_numeric(frame["official_area_m2"], errors="coerce").to_numpy(dtype=float) if "official_area_m2" in frame
                else np.full(len(frame), np.nan))
    columns = {"geodesic_area_m2": geodesic, "official_area_m2": official, "official_diff_pct": (geodesic - official) / official * 100}
    outline = outline_areas(outlines, ids)
    columns.update({name: outline[name] for name in ("area_min_m2", "area_max_m2")})
    listed = {name: np.asarray(values, dtype=float).tolist() for name, values in columns.items()}
    return [dict(zip(listed, row)) for row in zip(*listed.values())]
