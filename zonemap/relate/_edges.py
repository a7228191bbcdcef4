"""Outline segments shared exactly by two zones, matched by hashing their endpoints in numpy (no spatial index).

In a clean coverage (polygons that share vertices along every common border)
almost every segment has exactly one twin: the same two endpoints, bit for bit,
on the neighbouring zone's outline. Matching those by sorting a hash of the
canonical endpoint pair is much cheaper than querying an STRtree with a box per
segment; only the segments left without a twin need the tolerant, geometric
matching of :mod:`zonemap.relate._measures`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["exact_twins"]

_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5], dtype=np.uint64)


def _canonical(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Each segment as ``(x0, y0, x1, y1)`` with the lexicographically smaller endpoint first (-0.0 read as 0.0)."""
    swap = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    low = np.where(swap[:, None], end, start)
    high = np.where(swap[:, None], start, end)
    return np.ascontiguousarray(np.column_stack([low, high]) + 0.0)


def exact_twins(start: np.ndarray, end: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of segments with the same two endpoints (in either direction) on the outlines of two different zones.

    Only segments whose endpoints occur on exactly two segments, of two
    different owners, are paired: a segment found three times (zones that
    overlap along it) or twice on one zone's outline is left to the tolerant
    matching, as is every segment without a twin.

    Parameters
    ----------
    start, end : ndarray of shape (m, 2)
        Endpoints of every segment.
    owner : ndarray of int, shape (m,)
        The zone each segment belongs to.

    Returns
    -------
    (ndarray, ndarray)
        Indices of the two segments of each twin pair, each pair once.

    Examples
    --------
    >>> start = np.array([[0.0, 0], [1, 1], [1, 0], [5, 5]])
    >>> end = np.array([[1.0, 0], [1, 0], [1, 1], [6, 5]])
    >>> [a.tolist() for a in exact_twins(start, end, np.array([0, 0, 1, 1]))]
    [[1], [2]]
    """
    if len(start) < 2:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    key = _canonical(start, end)
    bits = key.view(np.uint64)
    digest = (bits * _MIX).sum(axis=1, dtype=np.uint64)  # wraps around: a hash, checked against the keys below
    digest ^= digest >> np.uint64(29)
    order = np.argsort(digest, kind="stable")
    key = key[order]
    same = (digest[order][1:] == digest[order][:-1]) & (key[1:] == key[:-1]).all(axis=1)
    # Runs of equal keys: a twin pair is a run of exactly two (same[i] with no equal neighbour either side).
    before = np.r_[False, same[:-1]]
    after = np.r_[same[1:], False]
    pair = same & ~before & ~after
    first, second = order[:-1][pair], order[1:][pair]
    different = owner[first] != owner[second]
    return first[different], second[different]
