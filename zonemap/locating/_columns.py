"""The columns locate adds, from the engine's bit sets: a few distinct sets of zones, shared by many rows.

Points fall into few combinations of zones, so each distinct combination
becomes one tuple of ids, and every row in it refers to that same tuple: no
Python object is made per row.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from zonemap.locating._engine import CERTAINTIES, Classified

__all__ = ["COLUMNS", "located_columns", "zone_sets"]

#: The columns locate adds, in order.
COLUMNS: tuple[str, ...] = ("zone", "zones", "uncertain_zones", "certainty", "boundary_distance_m")


def zone_sets(bits: np.ndarray, ranked: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's zones as a tuple of ids (in ``ranked`` order), and the rank of its first zone (-1 for none).

    Parameters
    ----------
    bits : ndarray, shape (rows, words)
        Bit ``r`` of word ``r // width`` set: the row is in zone ``ranked[r]``.
    ranked : tuple of str
        The zone ids, most specific first.

    Examples
    --------
    >>> sets, first = zone_sets(np.array([[0], [5], [5], [2]], dtype=np.uint8), ("a", "b", "c"))
    >>> sets.tolist(), first.tolist()
    ([(), ('a', 'c'), ('a', 'c'), ('b',)], [-1, 0, 0, 1])
    """
    import pandas as pd

    width = bits.dtype.itemsize * 8
    if bits.shape[1] == 1:
        codes, uniques = pd.factorize(bits[:, 0], sort=False)
        uniques = np.asarray(uniques).reshape(-1, 1)
    else:
        uniques, codes = np.unique(bits, axis=0, return_inverse=True)
        codes = codes.reshape(-1)
    tuples = np.empty(len(uniques), dtype=object)
    first = np.full(len(uniques), -1, dtype=np.int64)
    for n, words in enumerate(uniques):
        members = tuple(ranked[w * width + b] for w, word in enumerate(words.tolist()) for b in range(width) if word >> b & 1)
        tuples[n] = members
        if members:
            first[n] = ranked.index(members[0])
    return tuples[codes], first[codes]


def located_columns(classified: Classified, ranked: tuple[str, ...]) -> dict[str, Any]:
    """The added columns: ``zone`` (the most specific zone, categorical), ``zones`` and ``uncertain_zones`` (tuples
    of ids, most specific first; None where not located), ``certainty`` (categorical, missing where not located)
    and ``boundary_distance_m``.

    Examples
    --------
    >>> from zonemap.locating._engine import Classified
    >>> found = Classified(np.array([[1], [0]], np.uint8), np.array([[0], [0]], np.uint8), np.array([0, -1], np.int8), np.array([3.5, np.nan]))
    >>> columns = located_columns(found, ("a",))
    >>> columns["zone"].tolist(), columns["zones"].tolist(), columns["certainty"].tolist()
    (['a', nan], [('a',), None], ['inside', nan])
    """
    import pandas as pd

    located = classified.certainty >= 0
    zones, first = zone_sets(classified.within, ranked)
    doubtful, _ = zone_sets(classified.doubtful, ranked)
    if not located.all():
        zones[~located] = None
        doubtful[~located] = None
    return {
        "zone": pd.Categorical.from_codes(first, categories=pd.Index(list(ranked), dtype=object)),
        "zones": zones,
        "uncertain_zones": doubtful,
        "certainty": pd.Categorical.from_codes(classified.certainty.astype(np.int64), categories=pd.Index(list(CERTAINTIES), dtype=object)),
        "boundary_distance_m": classified.distance_m,
    }
