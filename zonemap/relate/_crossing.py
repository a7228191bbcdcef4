"""Segments that certainly cross, and turns that are certainly left or right: orientation tests whose sign is
trusted only beyond the rounding error of the arithmetic (Shewchuk's first error bound).

Two zones whose near twins (:mod:`zonemap.relate._outlines`) cross each other
meet, so their distance is 0 without asking GEOS; a ring whose turns are all
certainly the same way, going round once, is simple and convex, so valid
without being rebuilt (:mod:`zonemap.relate._overlap`). Where the rounding
error could change a sign, the answer is "not certain", and the general path decides.

Points are complex numbers ``x + yj`` (:func:`zonemap.relate._pairs.as_complex`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["certain_turns", "convex_rings", "crossing"]

#: Shewchuk's bound on the relative error of a 2-D orientation determinant computed in doubles, (3 + 16e)e, rounded up.
_ORIENTATION_ERROR = 3.3307e-16


def _turn(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cross product of each pair of vectors and the bound on its rounding error."""
    left, right = first.real * second.imag, first.imag * second.real
    return left - right, _ORIENTATION_ERROR * (np.abs(left) + np.abs(right))


def certain_turns(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The sign of the cross product of each pair of vectors, 0 where rounding could change it.

    The vectors are differences of points (``b - a`` and ``c - a``, or ``b - a``
    and ``c - b``), each computed once in doubles, as in an orientation test.

    Parameters
    ----------
    first, second : ndarray of complex
        The two vectors of each turn.

    Returns
    -------
    ndarray of int
        1 for a certain left turn (counter-clockwise), -1 for a certain right
        turn, 0 for a turn too close to straight to tell.

    Examples
    --------
    >>> certain_turns(np.array([1 + 0j, 1 + 0j, 0.1 + 0.3j]), np.array([1j, -1j, 0.3 + 0.9j])).tolist()  # the last: rounding
    [1, -1, 0]
    """
    determinant, bound = _turn(first, second)
    return (determinant > bound).astype(np.int8) - (determinant < -bound)


def _opposite(start: np.ndarray, vector: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Whether points ``first`` and ``second`` lie certainly on opposite sides of the line through ``start``."""
    one, one_bound = _turn(vector, first - start)
    other, other_bound = _turn(vector, second - start)
    return (one * other < 0) & (np.abs(one) > one_bound) & (np.abs(other) > other_bound)


def crossing(start_a: np.ndarray, end_a: np.ndarray, start_b: np.ndarray, end_b: np.ndarray) -> np.ndarray:
    """Whether each segment ``a`` certainly crosses segment ``b`` at a point inside both (False: not certain).

    Parameters
    ----------
    start_a, end_a, start_b, end_b : ndarray of complex
        The segments' endpoints.

    Returns
    -------
    ndarray of bool
        True where each segment's ends lie certainly on opposite sides of the other's line.

    Examples
    --------
    >>> crossing(np.array([0j, 0j, 0j]), np.array([2 + 2j, 2 + 2j, 2 + 0j]), np.array([2j, 3 + 0j, 1 + 0j]), np.array([2 + 0j, 3 + 2j, 3 + 0j])).tolist()
    [True, False, False]
    """
    return _opposite(start_a, end_a - start_a, start_b, end_b) & _opposite(start_b, end_b - start_b, start_a, end_a)


def convex_rings(start: np.ndarray, end: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Whether each ring is certainly strictly convex: every turn certainly the same way, going round once (so the
    ring is simple, and a polygon of it alone is valid).

    Parameters
    ----------
    start, end : ndarray of complex
        The segments' endpoints, each ring's segments consecutive and in order (a segment ends where the next starts).
    ring : ndarray of int
        The ring of each segment, numbered 0, 1, ... in order.

    Returns
    -------
    ndarray of bool
        One value per ring.

    Examples
    --------
    >>> square = np.array([0j, 1 + 0j, 1 + 1j, 1j])
    >>> dented = np.array([0j, 1 + 0j, 0.5 + 0.2j, 1 + 1j, 1j])  # a turn the other way
    >>> star = np.exp(2j * np.pi * np.arange(5) * 2 / 5)  # every turn left, round twice
    >>> points = np.r_[square, dented, star]
    >>> ends = np.r_[np.roll(square, -1), np.roll(dented, -1), np.roll(star, -1)]
    >>> convex_rings(points, ends, np.repeat([0, 1, 2], [4, 5, 5])).tolist()
    [True, False, False]
    """
    if not len(ring):
        return np.zeros(0, dtype=bool)
    vector = end - start
    first = np.r_[0, np.flatnonzero(np.diff(ring)) + 1]
    following = np.arange(1, len(ring) + 1)
    following[np.r_[first[1:], len(ring)] - 1] = first  # each ring's last segment is followed by its first
    turns = np.add.reduceat(certain_turns(vector, vector[following]).astype(np.int64), first)
    turning = np.add.reduceat(np.angle(vector[following] * np.conj(vector)), first)
    return (np.abs(turns) == np.diff(np.r_[first, len(ring)])) & (np.abs(turning) < 3 * np.pi)
