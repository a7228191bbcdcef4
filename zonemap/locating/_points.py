"""Points as locate takes them: their coordinate columns, their numbers checked, their datum converted.

A row whose coordinates are missing, not numbers or out of range is *bad*: it
is kept, left unlocated, and reported with the reason (the first
:data:`REPORTED` of them; the rest are counted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from zonemap.datums import convert_coordinates

__all__ = ["IDENTITY_COLUMNS", "LAT_NAMES", "LON_NAMES", "REPORTED", "Coordinates", "check_coordinates", "coordinate_columns",
           "identity_columns", "point_coordinates"]

#: Column names taken for longitude and latitude when none are given (compared ignoring case and spaces).
LON_NAMES: tuple[str, ...] = ("lon", "lng", "long", "longitude", "x", "经度", "經度")
LAT_NAMES: tuple[str, ...] = ("lat", "latitude", "y", "纬度", "緯度")
#: Bad rows reported one by one; the rest are counted.
REPORTED = 20
#: How many of a row's own columns a map's popup shows to say which row a point is.
IDENTITY_COLUMNS = 3
#: Columns that are never a row's identity: what locate adds, the converted coordinates, a geometry.
NOT_IDENTITY: frozenset[str] = frozenset({"zone", "zones", "uncertain_zones", "certainty", "boundary_distance_m", "lon_wgs84", "lat_wgs84",
                                          "geometry", "key"})


def identity_columns(columns: Sequence[Any], skip: Sequence[str] = ()) -> list[str]:
    """The few columns of a row that say which row a point is, for a map's popup: name-like columns first (``name``,
    ``title``, ``label``, ``id``, or with 名 in the name), then the others in order; never coordinates (the usual names,
    and ``skip``), nor the columns locate adds.

    Parameters
    ----------
    columns : sequence
        The columns of the points' table.
    skip : sequence of str
        Further columns to leave out (the coordinate columns actually used).

    Returns
    -------
    list of str
        At most three column names.

    Examples
    --------
    >>> identity_columns(["lon", "lat", "count", "Company name", "city", "id", "zone"])
    ['Company name', 'id', 'count']
    >>> identity_columns(["经度", "纬度", "名称", "geometry"])
    ['名称']
    """
    usual = {*LON_NAMES, *LAT_NAMES}
    names = [str(c) for c in columns]
    kept = [n for n in names if n not in NOT_IDENTITY and n not in skip and n.strip().lower() not in usual]

    def name_like(name: str) -> bool:
        key = name.strip().lower()
        return key in ("name", "title", "label", "id") or key.endswith("name") or "名" in key

    return ([n for n in kept if name_like(n)] + [n for n in kept if not name_like(n)])[:IDENTITY_COLUMNS]


def coordinate_columns(columns: Sequence[Any], lon: str | None, lat: str | None, source: str = "points") -> tuple[str, str]:
    """The names of the longitude and latitude columns: those given, else the one column each of the usual names.

    Parameters
    ----------
    columns : sequence
        The columns' names.
    lon, lat : str, optional
        The columns named by the user.
    source : str
        Named in messages.

    Returns
    -------
    (str, str)

    Raises
    ------
    ValueError
        When a named column is missing, or none or several match the usual names.

    Examples
    --------
    >>> coordinate_columns(["name", "Longitude", "Latitude"], None, None)
    ('Longitude', 'Latitude')
    >>> coordinate_columns(["a", "b"], None, None)
    Traceback (most recent call last):
    ...
    ValueError: points: no longitude column (looked for lon, lng, long, longitude, x, 经度, 經度); the columns are a, b: name it with lon= (--lon)
    """
    names = [str(c) for c in columns]
    chosen = []
    for given, usual, what, option in ((lon, LON_NAMES, "longitude", "lon"), (lat, LAT_NAMES, "latitude", "lat")):
        if given is not None:
            if given not in names:
                raise ValueError(f"{source}: has no column {given!r}; the columns are {', '.join(names)}")
            chosen.append(given)
            continue
        found = [n for n in names if n.strip().lower() in usual]
        if len(found) != 1:
            listed = ", ".join(usual)
            problem = f"no {what} column (looked for {listed})" if not found else f"several {what} columns ({', '.join(found)})"
            raise ValueError(f"{source}: {problem}; the columns are {', '.join(names)}: name it with {option}= (--{option})")
        chosen.append(found[0])
    return chosen[0], chosen[1]


@dataclass
class Coordinates:
    """WGS-84 coordinates of a batch of rows, which of them can be located, and why the others cannot."""

    lon: np.ndarray
    lat: np.ndarray
    located: np.ndarray
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def bad(self) -> int:
        """How many rows cannot be located."""
        return int(len(self.located) - np.count_nonzero(self.located))


def _numbers(values: Any) -> np.ndarray:
    if hasattr(values, "to_numpy") and hasattr(values, "type"):  # an Arrow array
        values = values.to_numpy(zero_copy_only=False)
    array = np.asarray(values)
    if array.dtype.kind in "fiu":
        return array.astype(float, copy=False)
    import pandas as pd

    return pd.to_numeric(pd.Series(values, copy=False), errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _shown(value: Any) -> str:
    text = repr(value.item() if hasattr(value, "item") else value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_coordinates(lon: Any, lat: Any, *, numbers: tuple[np.ndarray, np.ndarray] | None = None, from_datum: str = "wgs84",
                      hong_kong: bool = True, problems: Sequence[tuple[int, str]] = (), names: tuple[str, str] = ("lon", "lat")) -> Coordinates:
    """Coordinates as numbers, checked, converted from ``from_datum`` to WGS-84.

    Parameters
    ----------
    lon, lat : array_like
        Numbers or text (a numpy array, pandas Series or Arrow array); missing values allowed (those rows are bad).
    numbers : (ndarray, ndarray), optional
        ``lon`` and ``lat`` already read as numbers (NaN where they are not).
    from_datum : {"wgs84", "gcj02", "bd09"}
        The datum of the coordinates.
    hong_kong : bool
        Whether Hong Kong and Macao are shifted in ``from_datum`` too.
    problems : sequence of (int, str)
        Rows already known to be bad (a geometry that is not a point), by position.
    names : (str, str)
        How the coordinates are named in messages (their columns).

    Returns
    -------
    Coordinates
        Bad rows have NaN coordinates; ``problems`` names the first :data:`REPORTED`, by position.

    Examples
    --------
    >>> found = check_coordinates(["114.07", "abc", None, "200"], [22.52, 22.5, 22.5, 22.5])
    >>> found.located.tolist(), found.problems
    ([True, False, False, False], [(1, "lon 'abc' is not a number"), (2, 'lon is missing'), (3, 'lon 200.0 is out of range (-180 to 180)')])
    """
    x, y = numbers if numbers is not None else (_numbers(lon), _numbers(lat))
    known = dict(problems)
    bad_x, bad_y = ~np.isfinite(x) | (np.abs(x) > 180), ~np.isfinite(y) | (np.abs(y) > 90)
    known_bad = np.zeros(len(x), dtype=bool)
    known_bad[list(known)] = True
    located = ~(bad_x | bad_y | known_bad)
    reported: list[tuple[int, str]] = []
    for row in np.flatnonzero(~located)[:REPORTED]:
        row = int(row)
        if row in known:
            reported.append((row, known[row]))
            continue
        reasons = []
        for name, values, limit, given in ((names[0], x, 180, lon), (names[1], y, 90, lat)):
            value = _value(given, row)
            if value is None or (isinstance(value, str) and not value.strip()) or (np.isnan(values[row]) and _is_nan(value)):
                reasons.append(f"{name} is missing")
            elif not np.isfinite(values[row]):
                reasons.append(f"{name} {_shown(value)} is not a number")
            elif abs(values[row]) > limit:
                reasons.append(f"{name} {float(values[row])!r} is out of range ({-limit} to {limit})")
        if abs(x[row]) <= 90 and 90 < abs(y[row]) <= 180:
            reasons.append("(they look like lat/lon: swap the columns)")
        reported.append((row, "; ".join(reasons)))
    wgs_x, wgs_y = np.where(located, x, np.nan), np.where(located, y, np.nan)
    if from_datum != "wgs84" and located.any():
        wgs_x[located], wgs_y[located] = convert_coordinates(x[located], y[located], from_datum, "wgs84", hong_kong=hong_kong)
    return Coordinates(wgs_x, wgs_y, located, reported)


def _value(values: Any, row: int) -> Any:
    if hasattr(values, "iloc"):
        return values.iloc[row]
    item = values[row]
    return item.as_py() if hasattr(item, "as_py") else item


def _is_nan(value: Any) -> bool:
    try:
        return bool(np.isnan(value))
    except TypeError:
        return value is None or str(value).strip().lower() in ("", "nan", "na", "n/a", "null", "none")


def point_coordinates(geometry: Any) -> tuple[np.ndarray, np.ndarray, list[tuple[int, str]]]:
    """lon, lat of point geometries (NaN elsewhere), and the rows that are not points, by position.

    Parameters
    ----------
    geometry : array_like of shapely geometries
        The rows' geometries.

    Returns
    -------
    (ndarray, ndarray, list of (int, str))
        x and y, and (row, reason) for the first rows that are not points.

    Examples
    --------
    >>> import shapely
    >>> x, y, bad = point_coordinates(np.array([shapely.Point(1, 2), None, shapely.box(0, 0, 1, 1)]))
    >>> x.tolist()[0], bad
    (1.0, [(1, 'has no geometry'), (2, 'geometry is a Polygon, not a point')])
    """
    import shapely

    shapes = np.asarray(geometry, dtype=object)
    points = shapely.get_type_id(shapes) == 0
    every = bool(points.all())
    coordinates, owner = shapely.get_coordinates(shapes if every else shapes[points], return_index=True)  # empty points have none
    if every and len(owner) == len(shapes):
        return coordinates[:, 0].copy(), coordinates[:, 1].copy(), []
    x, y = np.full(len(shapes), np.nan), np.full(len(shapes), np.nan)
    rows = np.flatnonzero(points)[owner]
    x[rows], y[rows] = coordinates[:, 0], coordinates[:, 1]
    points[points] = np.bincount(owner, minlength=int(points.sum())) > 0
    problems = []
    for row in np.flatnonzero(~points)[:REPORTED]:
        shape = shapes[row]
        missing = shape is None or shape.is_empty
        problems.append((int(row), "has no geometry" if missing else f"geometry is a {shape.geom_type}, not a point"))
    return x, y, problems
