"""Running shapely's vectorised functions, which release the GIL, over array chunks in threads."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

__all__ = ["CHUNK_MIN", "in_chunks", "in_pieces", "in_threads", "thread_count"]

T = TypeVar("T")
#: Arrays shorter than twice this run in one thread.
CHUNK_MIN = 20_000


def thread_count(threads: int | None = None) -> int:
    """Threads to use: ``threads`` if given, else the ``ZONEMAP_THREADS`` environment variable (read at each
    call, never at import), else the CPU count up to 4.

    Parameters
    ----------
    threads : int, optional
        The number asked for.

    Returns
    -------
    int

    Examples
    --------
    >>> thread_count(3)
    3
    >>> thread_count("2")
    Traceback (most recent call last):
    ...
    TypeError: threads must be an integer or None, not str
    """
    if threads is not None:
        if not isinstance(threads, (int, np.integer)) or isinstance(threads, bool):
            raise TypeError(f"threads must be an integer or None, not {type(threads).__name__}")
        if threads < 1:
            raise ValueError(f"threads must be a positive integer, not {threads!r}")
        return int(threads)
    setting = os.environ.get("ZONEMAP_THREADS", "")
    if setting.strip().isdigit() and int(setting) > 0:
        return int(setting)
    return min(4, os.cpu_count() or 1)


def in_chunks(work: Callable[[slice], T], size: int, threads: int) -> list[T]:
    """``work`` on consecutive slices of ``range(size)``, one per thread (one slice for small sizes).

    Parameters
    ----------
    work : callable
        Called with a slice.
    size : int
        The length to cover.
    threads : int
        The number of threads.

    Returns
    -------
    list
        The results, in the slices' order.

    Examples
    --------
    >>> in_chunks(lambda part: (part.start, part.stop), 5, threads=2)
    [(0, 5)]
    >>> len(in_chunks(lambda part: (part.start, part.stop), 3 * CHUNK_MIN, threads=2))
    2
    """
    if threads == 1 or size < 2 * CHUNK_MIN:
        return [work(slice(0, size))]
    cuts = np.linspace(0, size, threads + 1).astype(int)
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda i: work(slice(cuts[i], cuts[i + 1])), range(threads)))


def in_threads(function: Callable[..., np.ndarray], *arrays: np.ndarray, threads: int) -> np.ndarray:
    """``function(*arrays)``, element-wise, split over ``threads`` threads for large arrays.

    Parameters
    ----------
    function : callable
        Element-wise over arrays.
    *arrays : ndarray
        Its arguments, of equal length.
    threads : int
        The number of threads.

    Returns
    -------
    ndarray

    Examples
    --------
    >>> in_threads(np.add, np.arange(3), np.arange(3), threads=2).tolist()
    [0, 2, 4]
    """
    return np.concatenate(in_chunks(lambda part: function(*(a[part] for a in arrays)), len(arrays[0]), threads))


def in_pieces(work: Callable[[slice], T], size: int, threads: int, piece: int) -> list[T]:
    """``work`` on consecutive slices of ``range(size)`` of ``piece`` items each (the last one shorter), in order,
    over ``threads`` threads: the slices, and so the result, do not depend on the number of threads.

    Parameters
    ----------
    work : callable
        Called with each slice; its results are returned in the slices' order.
    size : int
        The number of items.
    threads : int
        Threads to run ``work`` on (1: in this thread).
    piece : int
        Items a slice (the last slice holds what is left).

    Returns
    -------
    list
        ``work``'s result for each slice, in order.

    Examples
    --------
    >>> in_pieces(lambda part: (part.start, part.stop), 5, threads=2, piece=2)
    [(0, 2), (2, 4), (4, 5)]
    """
    parts = [slice(start, min(start + piece, size)) for start in range(0, size, piece)]
    if threads == 1 or len(parts) < 2:
        return [work(part) for part in parts]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(work, parts))
