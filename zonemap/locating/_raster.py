"""Point-in-polygon for many points and polygons: one raster decides most points, shapely the rest.

One grid covers every polygon. A cell a polygon's boundary passes through (or
comes within a rounding error of) is *crossed* for that polygon; every other
cell lies wholly inside or wholly outside it, and one ``contains_xy`` test per
run of such cells along a row says which. Each cell keeps, per plane of
polygons (a zone's best, inner and outer outlines), a bit per polygon for
"inside" and one for "crossed". A point takes its cell's bits; only points in a
crossed cell are tested exactly, against the prepared polygons crossing it. The
answer is exactly ``shapely.contains_xy(polygon, x, y)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

__all__ = ["ZoneRaster"]

#: Cells along the longer side of the grid (fewer when there are many polygons, to bound memory).
CELLS = 1024
_MEMORY = 64 << 20


def _word(count: int) -> np.dtype:
    """The smallest unsigned integer holding ``count`` bits (64 for more: several words then)."""
    return np.dtype(next((f"uint{b}" for b in (8, 16, 32) if count <= b), "uint64"))


class ZoneRaster:
    """Which of several planes of polygons (lon/lat) contain each point.

    Parameters
    ----------
    planes : sequence of sequence of shapely polygons
        ``planes[p][k]``: polygon ``k`` of plane ``p``; every plane has the same number of polygons.

    Examples
    --------
    >>> raster = ZoneRaster([[shapely.box(0, 0, 2, 1), shapely.box(1, 0, 3, 1)]])
    >>> raster.bits(np.array([0.5, 1.5, 2.5, 9.0]), np.array([0.5, 0.5, 0.99, 0.5]))[0, 0].tolist()
    [1, 3, 2, 0]
    """

    def __init__(self, planes: Sequence[Sequence[shapely.Geometry]]) -> None:
        self.planes = [list(plane) for plane in planes]
        count = len(self.planes[0])
        self.dtype = _word(count)
        self.width = self.dtype.itemsize * 8
        self.words = (count + self.width - 1) // self.width
        # Prepared copies: never the caller's objects, which other threads (maps, other locates) may be using.
        every = shapely.transform(np.array([g for plane in self.planes for g in plane], dtype=object), lambda xy: xy)
        shapely.prepare(every)
        self.planes = [list(part) for part in np.split(every, np.cumsum([len(plane) for plane in self.planes])[:-1])]
        west, south, east, north = (float(v) for v in shapely.total_bounds(every))
        self.bounds = (west, south, east, north)
        width, height = max(east - west, 1e-12), max(north - south, 1e-12)
        aspect = width * np.cos(np.radians((south + north) / 2)) / height  # in metres, roughly: square cells
        per_cell = 2 * len(self.planes) * self.words * self.dtype.itemsize
        cells = int(max(64, min(CELLS, np.sqrt(_MEMORY / per_cell * max(aspect, 1 / aspect)))))
        self.shape = (max(1, round(cells * min(1.0, 1 / aspect))), max(1, round(cells * min(1.0, aspect))))
        self._step = (width / self.shape[1], height / self.shape[0])
        size = self.shape[0] * self.shape[1]
        self.inside = np.zeros((len(self.planes), self.words, size), dtype=self.dtype)
        self.crossed = np.zeros_like(self.inside)
        for p, plane in enumerate(self.planes):
            for k, polygon in enumerate(plane):
                word, bit = divmod(k, self.width)
                flag = self.dtype.type(1 << bit)
                crossed, inside = self._rasterise(polygon)
                self.crossed[p, word, crossed] |= flag
                self.inside[p, word, inside] |= flag

    def _cell(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        west, south, _, _ = self.bounds
        return np.floor((x - west) / self._step[0]).astype(np.int64), np.floor((y - south) / self._step[1]).astype(np.int64)

    def _rasterise(self, polygon: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
        """Flat indices of the cells ``polygon``'s boundary crosses, and of the cells wholly inside it."""
        ny, nx = self.shape
        if polygon.is_empty:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        rings = shapely.get_rings(shapely.get_parts(polygon))
        dense = shapely.segmentize(rings, min(self._step) / 2)
        coordinates, ring = shapely.get_coordinates(dense, return_index=True)
        same = ring[1:] == ring[:-1]
        a, b = coordinates[:-1][same], coordinates[1:][same]
        margin = 1e-9 * max(1.0, float(np.abs(self.bounds).max()))
        i0, j0 = self._cell(np.minimum(a[:, 0], b[:, 0]) - margin, np.minimum(a[:, 1], b[:, 1]) - margin)
        i1, j1 = self._cell(np.maximum(a[:, 0], b[:, 0]) + margin, np.maximum(a[:, 1], b[:, 1]) + margin)
        # The polygon's window of the grid: crossed cells, then runs of whole cells between them.
        c0, r0 = max(int(i0.min(initial=0)), 0), max(int(j0.min(initial=0)), 0)
        c1, r1 = min(int(i1.max(initial=0)), nx - 1), min(int(j1.max(initial=0)), ny - 1)
        wx, wy = c1 - c0 + 1, r1 - r0 + 1
        crossed = np.zeros(wy * wx, dtype=bool)
        for di in range(int((i1 - i0).max(initial=0)) + 1):
            for dj in range(int((j1 - j0).max(initial=0)) + 1):
                keep = (i0 + di <= i1) & (j0 + dj <= j1)
                crossed[(np.clip(j0[keep] + dj, r0, r1) - r0) * wx + np.clip(i0[keep] + di, c0, c1) - c0] = True
        whole = ~crossed
        start = whole.copy()
        start[1:] &= ~whole[:-1] | (np.arange(1, wy * wx) % wx == 0)
        runs = np.flatnonzero(start)
        row, column = np.divmod(runs, wx)
        west, south, _, _ = self.bounds
        centre_x, centre_y = west + (c0 + column + 0.5) * self._step[0], south + (r0 + row + 0.5) * self._step[1]
        run_inside = shapely.contains_xy(polygon, centre_x, centre_y)
        inside = whole & run_inside[np.maximum(np.cumsum(start) - 1, 0)] if len(runs) else np.zeros_like(whole)
        to_grid = (np.arange(wy * wx) // wx + r0) * nx + np.arange(wy * wx) % wx + c0
        return to_grid[crossed], to_grid[inside]

    def bits(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """For each plane, word and point: the bits of the polygons containing the point (boundary excluded).

        Parameters
        ----------
        x, y : ndarray
            lon and lat, finite.

        Returns
        -------
        ndarray
            Shape (planes, words, points), of :attr:`dtype`.
        """
        west, south, east, north = self.bounds
        result = np.zeros((len(self.planes), self.words, len(x)), dtype=self.dtype)
        near = np.flatnonzero((x > west) & (x < east) & (y > south) & (y < north))
        if len(near) == 0:
            return result
        ny, nx = self.shape
        i, j = self._cell(x[near], y[near])
        cell = np.clip(j, 0, ny - 1) * nx + np.clip(i, 0, nx - 1)
        result[:, :, near] = self.inside[:, :, cell]
        crossed = self.crossed[:, :, cell]
        hard = np.flatnonzero(crossed.any(axis=(0, 1)))
        if len(hard) == 0:
            return result
        crossed = crossed[:, :, hard]
        hx, hy = x[near[hard]], y[near[hard]]
        for p, plane in enumerate(self.planes):
            for k, polygon in enumerate(plane):
                word, bit = divmod(k, self.width)
                flag = self.dtype.type(1 << bit)
                test = np.flatnonzero(crossed[p, word] & flag)
                if len(test):
                    inside = shapely.contains_xy(polygon, hx[test], hy[test])
                    result[p, word, near[hard[test[inside]]]] |= flag
        return result
