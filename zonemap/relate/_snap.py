"""Vertices of different zones a few centimetres apart, gathered and snapped together, in numpy (no spatial index).

Zones digitised apart carry their own copies of each border vertex, a few
centimetres from one another, so no segment has an exact twin. Snapping puts
them back together: points at most :data:`LINK_SHARE` of the tolerance apart along both axes
are linked (through a grid of cells that size: linked points lie in the same
cell or in neighbouring ones), linked points form clusters, and each cluster
moves to its mean, unless that would move one of its points more than
:data:`MOVE_SHARE` of the tolerance (a cluster that wide, a chain of close vertices, stays
where it is). Identical points always stay together, and a cluster of
identical points stays exactly where it is.

The snapped outlines give near twins (:mod:`zonemap.relate._outlines`) and the
overlap proof (:mod:`zonemap.relate._overlap`), which needs every point moved
by less than a third of the tolerance.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LINK_SHARE", "MOVE_SHARE", "equal_points", "snap_points"]

#: Points closer than this share of the tolerance along both axes are linked.
LINK_SHARE = 1 / 6
#: No point moves by more than this share of the tolerance.
MOVE_SHARE = 1 / 4
#: Above this many candidate pairs per point (cells crowded with vertices), nothing is snapped.
_CROWDED = 16


def _cross(first_a: np.ndarray, count_a: np.ndarray, first_b: np.ndarray, count_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of a point of run ``a`` and a point of run ``b``, for each pair of runs (positions in sorted order)."""
    sizes = count_a * count_b
    run = np.repeat(np.arange(len(sizes)), sizes)
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return first_a[run] + offset // count_b[run], first_b[run] + offset % count_b[run]


def _components(size: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The smallest member of the connected component of each node of the graph with edges ``(a[i], b[i])``.

    Each round hooks every tree's root onto the smallest root it has an edge to, then follows the pointers to
    the roots: trees merge at least pairwise each round, so a chain of n points takes about log n rounds.
    """
    labels = np.arange(size)
    while True:
        label_a, label_b = labels[a], labels[b]
        low, high = np.minimum(label_a, label_b), np.maximum(label_a, label_b)
        apart = low != high
        if not apart.any():
            return labels
        np.minimum.at(labels, high[apart], low[apart])  # roots hook onto smaller roots
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped


def equal_points(points: np.ndarray) -> np.ndarray:
    """A number for each point, the same for equal points (-0.0 equal to 0.0).

    Parameters
    ----------
    points : ndarray, shape (n, 2)

    Returns
    -------
    ndarray of int, shape (n,)

    Examples
    --------
    >>> equal_points(np.array([[1.0, 2.0], [0.0, 0.0], [1.0, 2.0], [-0.0, 0.0]])).tolist()
    [1, 0, 1, 0]
    """
    _, label = np.unique(np.ascontiguousarray(points + 0.0).view(np.complex128).ravel(), return_inverse=True)
    return label.ravel()


def snap_points(points: np.ndarray, tolerance_m: float) -> tuple[np.ndarray, np.ndarray]:
    """The points with each cluster of near ones moved to its mean, and a number for each snapped point.

    Parameters
    ----------
    points : ndarray, shape (n, 2)
        In metres.
    tolerance_m : float
        Points at most ``LINK_SHARE * tolerance_m`` apart along both axes
        are linked; no point moves by more than ``MOVE_SHARE * tolerance_m``.

    Returns
    -------
    (ndarray, ndarray)
        The snapped points, shape (n, 2) (a new array), and a number for
        each: two points have the same number exactly when they were snapped
        to the same place (or are the same point).

    Examples
    --------
    >>> points = np.array([[0.04, 0.02], [0.0, 0.0], [0.7, 0.1], [0.7, 0.1], [9.0, 0.0]])
    >>> snapped, label = snap_points(points, 0.5)
    >>> snapped.round(6).tolist(), [bool(label[i] == label[j]) for i, j in [(0, 1), (2, 3), (1, 2)]]
    ([[0.02, 0.01], [0.02, 0.01], [0.7, 0.1], [0.7, 0.1], [9.0, 0.0]], [True, True, False])
    """
    within = LINK_SHARE * tolerance_m
    snapped = points.copy()
    if len(points) < 2 or not np.isfinite(points).all():
        return snapped, np.arange(len(points))
    lowest = np.array([points[:, 0].min(), points[:, 1].min()])  # per column: much faster than min(axis=0)
    extent = np.array([points[:, 0].max(), points[:, 1].max()]) - lowest
    if within <= 0 or np.prod(extent / within + 3) > 2.0**62:  # a grid that fine: only equal points are the same
        return snapped, equal_points(points)
    cell = np.floor((points - lowest) / within).astype(np.int64)
    height = int(cell[:, 1].max()) + 3
    key = cell[:, 0] * height + cell[:, 1]
    order = np.argsort(key)
    key = key[order]
    x, y = points[order, 0], points[order, 1]
    same = np.flatnonzero(key[1:] == key[:-1])
    first = np.r_[0, np.flatnonzero(key[1:] != key[:-1]) + 1]
    cells, count = key[first], np.diff(np.r_[first, len(key)])
    a, b = [same], [same + 1]  # within a cell, each point to the next
    # The neighbours ahead: the next cell in the row (the next in sorted order, if present), and the three cells of
    # the next column (row -1, 0, +1), a run of sorted cells found by two searches.
    row = np.flatnonzero(cells[1:] == cells[:-1] + 1)
    low, high = np.searchsorted(cells, cells + height - 1), np.searchsorted(cells, cells + height + 1, side="right")
    spans = high - low
    column = np.repeat(np.arange(len(cells)), spans)
    ahead = np.arange(len(column)) - np.repeat(np.cumsum(spans) - spans, spans) + low[column]
    here, there = np.r_[row, column], np.r_[row + 1, ahead]
    if (count[here] * count[there]).sum() > _CROWDED * len(points):
        return snapped, equal_points(points)
    i, j = _cross(first[here], count[here], first[there], count[there])
    near = (np.abs(x[i] - x[j]) <= within) & (np.abs(y[i] - y[j]) <= within)
    a.append(i[near])
    b.append(j[near])
    label = _components(len(points), np.concatenate(a), np.concatenate(b))
    members = np.bincount(label, minlength=len(points))
    gathered = np.flatnonzero(members[label] > 1)
    group, size = label[gathered], members[label[gathered]]
    differ = np.bincount(group, weights=(x[gathered] != x[group]) | (y[gathered] != y[group]), minlength=len(points)) > 0
    unequal = differ[group]  # a cluster of equal points (each equal to its first, ``group``) stays where it is
    gathered, group, size = gathered[unequal], group[unequal], size[unequal]
    mean_x = np.bincount(group, weights=x[gathered], minlength=len(points))[group] / size
    mean_y = np.bincount(group, weights=y[gathered], minlength=len(points))[group] / size
    too_far = np.hypot(mean_x - x[gathered], mean_y - y[gathered]) > MOVE_SHARE * tolerance_m
    kept = np.bincount(group, weights=too_far, minlength=len(points))[group] == 0
    snapped[order[gathered[kept]], 0] = mean_x[kept]
    snapped[order[gathered[kept]], 1] = mean_y[kept]
    stay = gathered[~kept]  # clusters too wide stay where they are: only their equal points are the same
    label[stay] = len(points) + equal_points(np.column_stack([x[stay], y[stay]]))
    numbers = np.empty(len(points), dtype=np.int64)
    numbers[order] = label
    return snapped, numbers
