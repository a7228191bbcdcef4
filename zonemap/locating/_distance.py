"""The distance from many points to the nearest of many boundary segments, exactly, without a loop over points.

Two structures answer it, both built once per set of zones:

* **near the zones** (inside the bounding box of the segments): a grid whose
  cells each list the segments that can be nearest to some point of the cell
  (the distance is 1-Lipschitz, so within a cell of half-diagonal ``h`` only
  segments at most ``2h`` farther from its centre than the nearest can be),
  refined from a coarse grid level by level, so a point is measured against a
  handful of segments;
* **farther away**: the convex hull of the segments. Outside the hull the
  nearest hull point is the nearest boundary point whenever it is a hull vertex
  or lies on a hull edge that is itself a segment; only hull edges whose
  outward normal points within ``asin(radius / distance)`` of the point's
  direction can hold it. Points whose nearest hull point lies on a bridge
  across a bay are measured against the segments that can lie that close
  behind the bridge.

Coordinates are planar, in metres.
"""

from __future__ import annotations

import numpy as np
import shapely

__all__ = ["SegmentDistance"]

#: Cells along the longer side of the near grid's finest level (at most; fewer for few segments), and of its first level.
FINE_CELLS, COARSE_CELLS = 1024, 16
#: Points measured together: small enough that the temporary arrays stay in the processor's cache.
BATCH = 1 << 14
#: Candidates measured in fixed-width blocks (points needing at most 1, 2 or 4); points needing more take the general path.
WIDTHS = (1, 2, 4)
WIDTH = WIDTHS[-1]


Table = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _table(seg: np.ndarray) -> Table:
    """Segments as columns ``ax, ay, dx, dy, 1/length²`` (0 for a point), for :func:`_squared`."""
    dx, dy = seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1]
    length2 = dx * dx + dy * dy
    inverse = np.divide(1.0, length2, out=np.zeros_like(length2), where=length2 > 0)
    return (np.ascontiguousarray(seg[:, 0]), np.ascontiguousarray(seg[:, 1]), dx, dy, inverse)


def _squared(px: np.ndarray, py: np.ndarray, table: Table, index: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
    """Squared distances from points to the segments ``index`` of ``table`` (broadcast), and where along each (0-1)."""
    ax, ay, dx, dy, inverse = (np.take(column, index) for column in table)
    wx, wy = px - ax, py - ay
    t = wx * dx
    t += wy * dy
    t *= inverse
    np.maximum(t, 0.0, out=t)
    np.minimum(t, 1.0, out=t)
    dx *= t
    dy *= t
    wx -= dx
    wy -= dy
    wx *= wx
    wy *= wy
    wx += wy
    return wx, t


def _tiers(count: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """Points grouped by how many candidates they need: (width, points) for each of :data:`WIDTHS`, then (0, the rest)."""
    tiers, low = [], 0
    for width in WIDTHS:
        tiers.append((width, np.flatnonzero((count > low) & (count <= width))))
        low = width
    return [*tiers, (0, np.flatnonzero(count > low))]


def _ragged(first: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For runs ``first[i] .. first[i] + count[i]``: each element's run, its value, and each run's start."""
    starts = np.cumsum(count) - count
    run = np.repeat(np.arange(len(count)), count)
    return run, np.repeat(first - starts, count) + np.arange(len(run)), starts


class SegmentDistance:
    """Exact distances from points to the nearest of ``segments`` (rows ``ax, ay, bx, by``, metres).

    Examples
    --------
    >>> square = np.array([[0, 0, 10, 0], [10, 0, 10, 10], [10, 10, 0, 10], [0, 10, 0, 0]], dtype=float)
    >>> SegmentDistance(square).distance(np.array([5.0, 13.0, -30.0]), np.array([4.0, 14.0, 5.0])).tolist()
    [4.0, 5.0, 30.0]
    """

    def __init__(self, segments: np.ndarray) -> None:
        seg = np.array(segments, dtype=float).reshape(-1, 4)
        backwards = (seg[:, 0] > seg[:, 2]) | ((seg[:, 0] == seg[:, 2]) & (seg[:, 1] > seg[:, 3]))
        seg[backwards] = seg[backwards][:, [2, 3, 0, 1]]
        self.segments = np.unique(seg, axis=0)  # a border two zones share is measured once
        self._table = _table(self.segments)
        xs, ys = self.segments[:, [0, 2]], self.segments[:, [1, 3]]
        self.bounds = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
        self._build_grid()
        self._build_hull()

    # --- near: a grid of candidate lists -------------------------------------------------------------------
    def _build_grid(self) -> None:
        west, south, east, north = self.bounds
        cell = max(east - west, north - south, 1e-6) / COARSE_CELLS
        ny, nx = max(1, int(np.ceil((north - south) / cell))), max(1, int(np.ceil((east - west) / cell)))
        owner = np.repeat(np.arange(ny * nx), len(self.segments))
        candidate = np.tile(np.arange(len(self.segments)), ny * nx)
        owner, candidate = self._prune(owner, candidate, nx, cell)
        fine = min(FINE_CELLS, max(4 * COARSE_CELLS, 1 << int(np.ceil(np.log2(32 * np.sqrt(len(self.segments)))))))
        for _ in range((fine // COARSE_CELLS).bit_length() - 1):
            cell, ny, nx = cell / 2, 2 * ny, 2 * nx
            row, column = np.divmod(owner, nx // 2)
            children = np.concatenate([(2 * row + dj) * nx + 2 * column + di for dj in (0, 1) for di in (0, 1)])
            owner, candidate = self._prune(children, np.tile(candidate, 4), nx, cell)
        self._cell, self._grid_shape = cell, (ny, nx)
        order = np.argsort(owner, kind="stable")
        self._candidates = candidate[order].astype(np.int32)
        self._starts = np.searchsorted(owner[order], np.arange(ny * nx + 1))
        count = np.diff(self._starts)
        # The first WIDTH candidates of each cell (the last repeated), for cells with no more than that.
        take = np.minimum(np.arange(WIDTH)[None, :], np.maximum(count - 1, 0)[:, None]) + self._starts[:-1, None]
        self._narrow = self._candidates[np.minimum(take, len(self._candidates) - 1)]
        self._count = count

    def _prune(self, owner: np.ndarray, candidate: np.ndarray, nx: int, cell: float) -> tuple[np.ndarray, np.ndarray]:
        """Keep, in each cell, the segments no more than a cell diagonal farther from its centre than the nearest."""
        west, south, _, _ = self.bounds
        row, column = np.divmod(owner, nx)
        squared, _ = _squared(west + (column + 0.5) * cell, south + (row + 0.5) * cell, self._table, candidate)
        distance = np.sqrt(squared)
        nearest = np.full(int(owner.max(initial=-1)) + 1, np.inf)
        np.minimum.at(nearest, owner, distance)
        keep = distance <= nearest[owner] + cell * np.sqrt(2) * (1 + 1e-9) + 1e-9
        return owner[keep], candidate[keep]

    def _near(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        west, south, _, _ = self.bounds
        ny, nx = self._grid_shape
        column = np.clip(np.floor((x - west) / self._cell).astype(np.int64), 0, nx - 1)
        row = np.clip(np.floor((y - south) / self._cell).astype(np.int64), 0, ny - 1)
        cell = row * nx + column
        result = np.empty(len(x))
        for width, chosen in _tiers(self._count[cell]):
            if len(chosen) == 0:
                continue
            if width:
                squared, _ = _squared(x[chosen, None], y[chosen, None], self._table, self._narrow[cell[chosen], :width])
                result[chosen] = squared.min(axis=1)
            else:
                run, index, starts = _ragged(self._starts[cell[chosen]], self._count[cell[chosen]])
                squared, _ = _squared(x[chosen][run], y[chosen][run], self._table, self._candidates[index])
                result[chosen] = np.minimum.reduceat(squared, starts)
        return np.sqrt(result)

    # --- far: the convex hull -------------------------------------------------------------------------------
    def _build_hull(self) -> None:
        points = np.unique(np.concatenate([self.segments[:, :2], self.segments[:, 2:]]), axis=0)
        hull = shapely.convex_hull(shapely.multipoints(points))
        ring = shapely.get_coordinates(shapely.orient_polygons(hull) if hull.geom_type == "Polygon" else hull)
        if len(ring) < 4:  # a point or a line: every hull point is a segment's point
            ring = np.concatenate([ring, ring[:1]])
        a, b = ring[:-1], ring[1:]
        ends = {tuple(row) for row in self.segments.tolist()}
        bridge = np.array([(*p, *q) not in ends and (*q, *p) not in ends for p, q in zip(a.tolist(), b.tolist())])
        angle = np.arctan2(-(b - a)[:, 0], (b - a)[:, 1])  # outward normals (counter-clockwise ring)
        order = np.argsort(angle, kind="stable")
        self._hull, self._bridge = np.column_stack([a, b])[order], bridge[order]
        self._hull_table = _table(self._hull)
        self._angles = np.concatenate([angle[order], angle[order] + 2 * np.pi])
        self._centre = points.mean(axis=0)
        self._radius = float(np.hypot(*(points - self._centre).T).max())
        self._behind_bridge: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for edge in np.flatnonzero(self._bridge):  # every segment, by how far behind the bridge's line it starts
            ax, ay, bx, by = self._hull[edge]
            length = np.hypot(bx - ax, by - ay)
            depth = np.minimum(*(((self.segments[:, i] - ax) * (ay - by) + (self.segments[:, i + 1] - ay) * (bx - ax)) / length for i in (0, 2)))
            rank = np.argsort(depth, kind="stable")
            self._behind_bridge[int(edge)] = (depth[rank], rank)

    def _far(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        m = len(self._hull)
        gap = np.hypot(x - self._centre[0], y - self._centre[1])
        spread = np.full(len(x), np.pi)
        away = gap > self._radius
        spread[away] = np.arcsin(self._radius / gap[away])
        theta = np.arctan2(y - self._centre[1], x - self._centre[0])
        low = np.mod(theta - spread - self._angles[0], 2 * np.pi) + self._angles[0]
        first = np.searchsorted(self._angles, low)
        count = np.minimum(np.searchsorted(self._angles, low + 2 * spread, side="right") - first, m - 1) + 1
        least, exact = np.empty(len(x)), np.empty(len(x), dtype=bool)
        for width, chosen in _tiers(count):
            if len(chosen) == 0:
                continue
            if width:
                edge = (first[chosen, None] - 1 + np.arange(width)) % m
                squared, along = _squared(x[chosen, None], y[chosen, None], self._hull_table, edge)
                least[chosen] = squared.min(axis=1)
                exact[chosen] = ((squared == least[chosen, None]) & ~(self._bridge[edge] & (along > 0) & (along < 1))).any(axis=1)
            else:
                run, index, starts = _ragged(first[chosen] - 1, count[chosen])
                edge = index % m
                squared, along = _squared(x[chosen][run], y[chosen][run], self._hull_table, edge)
                least[chosen] = np.minimum.reduceat(squared, starts)
                fine = (squared == least[chosen][run]) & ~(self._bridge[edge] & (along > 0) & (along < 1))
                exact[chosen] = np.add.reduceat(fine.astype(np.int32), starts) > 0
        result = np.sqrt(least)
        for bridge in np.flatnonzero(self._bridge).tolist():  # facing a bay: the segments behind the bridge
            facing = np.flatnonzero(~exact)
            if len(facing) == 0:
                break
            on = _squared(x[facing], y[facing], self._hull_table, bridge)[0] <= least[facing]
            chosen = facing[on]
            result[chosen] = self._behind(bridge, x[chosen], y[chosen])
            exact[chosen] = True
        return result

    def _behind(self, bridge: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Points facing a bridge: a segment ``depth`` behind its line is at least ``height + depth`` away, and the
        nearer bridge end (a boundary point) is at most ``near`` away: only segments with depth <= near - height count."""
        ax, ay, bx, by = self._hull[bridge]
        length = np.hypot(bx - ax, by - ay)
        height = ((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / length
        slack = np.minimum(np.hypot(x - ax, y - ay), np.hypot(x - bx, y - by)) - height
        depth, rank = self._behind_bridge[bridge]
        count = np.maximum(np.searchsorted(depth, slack * (1 + 1e-12) + 1e-9, side="right"), 1)
        run, index, starts = _ragged(np.zeros(len(x), dtype=np.int64), count)
        squared, _ = _squared(x[run], y[run], self._table, rank[index])
        return np.sqrt(np.minimum.reduceat(squared, starts))

    def distance(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Distance from each point to the nearest segment (metres, planar).

        Parameters
        ----------
        x, y : ndarray
            Finite planar coordinates.

        Returns
        -------
        ndarray of float
        """
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        result = np.empty(len(x))
        west, south, east, north = self.bounds
        near = (x >= west) & (x <= east) & (y >= south) & (y <= north)
        for mask, measure in ((near, self._near), (~near, self._far)):
            index = np.flatnonzero(mask)
            for start in range(0, len(index), BATCH):
                part = index[start : start + BATCH]
                result[part] = measure(x[part], y[part])
        return result
