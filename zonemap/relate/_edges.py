"""Outline segments two zones share, matched by sorting numbers of their endpoints in numpy (no spatial index).

In a clean coverage (polygons that share vertices along every common border,
exactly or once snapped: :mod:`zonemap.relate._snap`) almost every segment has
exactly one twin: the same two endpoints on the neighbouring zone's outline.
Matching those by sorting a key made of the two endpoints' numbers is much
cheaper than querying an STRtree with a box per segment; only the segments left
without a twin need the tolerant, geometric matching of
:mod:`zonemap.relate._outlines`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["numbered_twins"]


def numbered_twins(start_id: np.ndarray, end_id: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of segments with the same two endpoints (in either direction) on the outlines of two different zones.

    Only segments whose endpoints occur on exactly two segments, of two
    different owners, are paired: a segment found three times (zones that
    overlap along it) or twice on one zone's outline is left to the tolerant
    matching, as is every segment without a twin.

    Parameters
    ----------
    start_id, end_id : ndarray of int, shape (m,)
        The number of each segment's start and end point.
    owner : ndarray of int, shape (m,)
        The zone each segment belongs to.

    Returns
    -------
    (ndarray, ndarray)
        Indices of the two segments of each twin pair, each pair once; a
        segment from a point to itself has no twin.

    Examples
    --------
    >>> [a.tolist() for a in numbered_twins(np.array([0, 1, 2, 7]), np.array([1, 2, 1, 7]), np.array([0, 0, 1, 1]))]
    [[1], [2]]
    """
    low, high = np.minimum(start_id, end_id).astype(np.int64), np.maximum(start_id, end_id).astype(np.int64)
    key = low * (int(high.max(initial=0)) + 1) + high
    real = np.flatnonzero(low != high)
    order = real[np.argsort(key[real])]
    key = key[order]
    same = key[1:] == key[:-1]
    before = np.r_[False, same[:-1]]
    after = np.r_[same[1:], False]
    pair = same & ~before & ~after
    first, second = order[:-1][pair], order[1:][pair]
    first, second = np.minimum(first, second), np.maximum(first, second)  # as a stable sort would give them
    different = owner[first] != owner[second]
    return first[different], second[different]
