"""Locating points: which zones contain each point, how surely, and how far the nearest boundary is.

For one address or a hundred million GPS fixes, in any datum. ``locate`` takes
points in memory (pandas, geopandas, arrays) or as dask collections (partition
by partition, on whatever cluster the client points at); ``stream`` locates a
file chunk by chunk in flat memory (the ``zonemap locate`` command).

Modules: ``_engine`` (the zones, ranked; classification), ``_raster``
(point-in-polygon by raster and shapely), ``_distance`` (nearest boundary),
``_zones`` (zones and their inner and outer outlines), ``_points`` (coordinates
checked and converted), ``_columns`` (the added columns), ``_api``
(``locate``), ``_stream``, ``_formats`` and ``_csv`` (files).
"""

from __future__ import annotations

from zonemap.locating._api import BadRowsWarning, locate
from zonemap.locating._columns import COLUMNS
from zonemap.locating._engine import CERTAINTIES

__all__ = ["CERTAINTIES", "COLUMNS", "BadRowsWarning", "locate"]
