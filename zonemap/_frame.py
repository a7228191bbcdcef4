"""The one rule for zones given to any function: their type, CRS, ids and geometry.

areas, relations, maps, exports and the command line all call
:func:`prepare_zones`, so they agree on which zones they accept and how each
zone is named:

* zones are a GeoDataFrame (or GeoSeries) with a CRS, holding at least one zone;
* each zone's id comes from the ``id`` column (or the column named by
  ``id_column``), else from the index; ids are text: unique, non-empty, valid
  Unicode (``1`` and ``"1"`` are the same id, so they clash);
* geometries are valid Polygons or MultiPolygons within lon/lat ranges, and
  within the range of their own CRS (coordinates that a projection would wrap
  round the globe, such as x = 1e8 in Web Mercator, are refused).

Anything else raises one :class:`~zonemap.errors.ZoneDataError` listing every
problem (or a ``TypeError`` for something that is not zones at all).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from zonemap._crs_range import outside_crs
from zonemap._geometry import geometry_problems
from zonemap.errors import Problem, ZoneDataError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["Zones", "id_text", "prepare_zones", "zone_ids"]

#: How zones given in Python (not read from a file) are named in messages.
IN_MEMORY = "<zones>"


@dataclass(frozen=True)
class Zones:
    """Zones that passed the rule: the frame in EPSG:4326 and one id per row, in row order."""

    frame: gpd.GeoDataFrame
    ids: np.ndarray
    source: str

    @property
    def geometries(self) -> np.ndarray:
        """The geometries as an object array, lon/lat."""
        return np.asarray(self.frame.geometry.array, dtype=object)

    def labels(self) -> list[str]:
        """How each zone is named in messages: ``'id'``."""
        return [repr(str(i)) for i in self.ids]


def id_text(value: Any) -> str | None:
    """An id as text, or None when the value cannot be an id (missing, not a string or a number, not finite).

    Parameters
    ----------
    value : object
        A value of an id column or of an index.

    Returns
    -------
    str or None

    Examples
    --------
    >>> id_text("loop_a"), id_text(3), id_text(3.0), id_text(2.5), id_text(float("nan")), id_text(True)
    ('loop_a', '3', '3', '2.5', None, None)
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)) or value is None:
        return None
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() and abs(value) < 2**53 else repr(float(value))
    return None


def zone_ids(frame: Any, id_column: str = "id", source: str = IN_MEMORY) -> np.ndarray:
    """The ids of a frame's rows under the one rule, as an object array of str.

    Parameters
    ----------
    frame : DataFrame or GeoDataFrame
    id_column : str
        The column holding ids. Where the frame has no such column, the index
        gives the ids (an error if ``id_column`` was named explicitly and is missing).
    source : str
        Named in messages.

    Returns
    -------
    ndarray of str
        One id per row.

    Raises
    ------
    ZoneDataError
        Listing every missing, malformed or repeated id.

    Examples
    --------
    >>> import pandas as pd
    >>> zone_ids(pd.DataFrame({"x": [1, 2]}, index=[3, 5])).tolist()
    ['3', '5']
    >>> zone_ids(pd.DataFrame({"id": ["1", 1]}))
    Traceback (most recent call last):
    ...
    zonemap.errors.ZoneDataError: <zones>: feature '1': id '1' occurs 2 times; ids must be unique
    """
    if id_column in frame.columns:
        values = frame[id_column].tolist()
        what = f"column {id_column!r}"
    elif id_column != "id":
        columns = ", ".join(str(c) for c in frame.columns if c != getattr(frame, "_geometry_column_name", None))
        raise ZoneDataError.single(source, "", f"has no id column {id_column!r}; its columns are {columns}")
    else:
        if frame.index.nlevels > 1:
            raise ZoneDataError.single(source, "", "has a MultiIndex and no 'id' column; give an id column or reset_index()")
        values = frame.index.tolist()
        what = "index"
    if _plain_unique_texts(values):
        return np.array(values, dtype=object)
    texts = [id_text(v) for v in values]
    problems = []
    for i, (value, text) in enumerate(zip(values, texts)):
        if text is None:
            missing = value is None or (isinstance(value, float) and math.isnan(value))
            reason = "has no id" if missing else f"id {value!r} is not a string or a finite number"
            problems.append(Problem(source, f"#{i}", f"{reason} (ids come from the {what})"))
        elif text == "" or text.isspace():
            problems.append(Problem(source, f"#{i}", f"has an empty id (ids come from the {what})"))
        elif not _encodable(text):
            problems.append(Problem(source, f"#{i}", f"id {text!r} is not valid Unicode (it holds a lone surrogate)"))
    counts = Counter(t for t in texts if t)
    problems += [Problem(source, repr(t), f"id {t!r} occurs {n} times; ids must be unique") for t, n in counts.items() if n > 1]
    if problems:
        raise ZoneDataError(problems)
    return np.array(texts, dtype=object)


def _plain_unique_texts(values: list[Any]) -> bool:
    """Whether every id is already good text: str, not blank, valid Unicode, unique (the quick common case)."""
    if not all(type(v) is str for v in values) or not all(values) or any(map(str.isspace, values)):
        return False
    return len(set(values)) == len(values) and _encodable("".join(values))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Labels(Sequence[str]):
    """How each zone is named in messages, ``'id'``, made only for the zones named (most never are)."""

    def __init__(self, ids: np.ndarray) -> None:
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [repr(str(i)) for i in self._ids[index]]
        return repr(str(self._ids[index]))


def _text_problems(zones: Any, labels: Sequence[str], source: str) -> list[Problem]:
    """Text that cannot be written anywhere (lone surrogates), in the columns that can hold it."""
    problems = []
    for column in zones.columns:
        if column == zones.geometry.name or zones[column].dtype != object:
            continue
        values = zones[column].tolist()
        if _encodable("".join(v for v in values if isinstance(v, str))):
            continue  # the quick check of the whole column; the loop below names the rows
        for i, value in enumerate(values):
            if isinstance(value, str) and not _encodable(value):
                problems.append(Problem(source, labels[i], f"column {str(column)!r} holds text that is not valid Unicode (a lone surrogate)"))
    return problems


def prepare_zones(zones: Any, *, id_column: str = "id", source: str = IN_MEMORY) -> Zones:
    """Check zones under the one rule and bring them to EPSG:4326.

    Parameters
    ----------
    zones : GeoDataFrame or GeoSeries
        Polygons in any CRS.
    id_column : str
        The column holding ids (else the index).
    source : str
        Named in messages.

    Returns
    -------
    Zones
        The frame in EPSG:4326 and its ids.

    Raises
    ------
    TypeError
        When ``zones`` is not a GeoDataFrame or GeoSeries.
    ZoneDataError
        For no CRS, no zones, bad ids or bad geometries: every problem found.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> zones = gpd.GeoDataFrame(geometry=[box(114.0, 22.5, 114.01, 22.51)], index=[7], crs=4326)
    >>> prepare_zones(zones).ids.tolist()
    ['7']
    """
    import geopandas as gpd

    if not isinstance(id_column, str):
        raise TypeError(f"id_column must be a column name (str), not {type(id_column).__name__}")
    if isinstance(zones, gpd.GeoSeries):
        zones = gpd.GeoDataFrame(geometry=zones)
    if not isinstance(zones, gpd.GeoDataFrame):
        raise TypeError(f"zones must be a GeoDataFrame or GeoSeries of polygons, not {type(zones).__name__}")
    if zones.crs is None:
        raise ZoneDataError.single(source, "", "has no CRS; set one with GeoDataFrame.set_crs")
    if len(zones) == 0:
        raise ZoneDataError.single(source, "", "holds no zones")
    ids = zone_ids(zones, id_column, source)
    lonlat = zones if zones.crs.equals("EPSG:4326") else zones.to_crs(4326)
    labels = _Labels(ids)
    problems = geometry_problems(lonlat.geometry.array, labels, source) + _text_problems(zones, labels, source)
    if lonlat is not zones:
        problems += outside_crs(zones, labels, source)
    if problems:
        raise ZoneDataError(problems)
    return Zones(lonlat, ids, source)
