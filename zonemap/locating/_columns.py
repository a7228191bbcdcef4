"""The columns locate adds, from the engine's bit sets: a few distinct sets of zones, shared by many rows.

Points fall into few combinations of zones, so each distinct combination
becomes one tuple of ids, and every row in it refers to that same tuple: no
Python object is made per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from zonemap.locating._engine import CERTAINTIES, Classified

__all__ = ["COLUMNS", "Located", "zone_sets"]

#: The columns locate adds, in order.
COLUMNS: tuple[str, ...] = ("zone", "zones", "uncertain_zones", "certainty", "boundary_distance_m")


def zone_sets(bits: np.ndarray, ranked: tuple[str, ...]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Each row's set of zones as a code into a list of distinct sets (tuples of ids, in ``ranked`` order).

    Parameters
    ----------
    bits : ndarray, shape (rows, words)
        Bit ``r`` of word ``r // width`` set: the row is in zone ``ranked[r]``.
    ranked : tuple of str
        The zone ids, most specific first.

    Returns
    -------
    (ndarray of int, list of tuple of str)
        Each row's code, and the distinct sets.

    Examples
    --------
    >>> codes, sets = zone_sets(np.array([[0], [5], [5], [2]], dtype=np.uint8), ("a", "b", "c"))
    >>> codes.tolist(), sets
    ([0, 1, 1, 2], [(), ('a', 'c'), ('b',)])
    """
    import pandas as pd

    width = bits.dtype.itemsize * 8
    if bits.shape[1] == 1:
        codes, uniques = pd.factorize(bits[:, 0], sort=False)
        uniques = np.asarray(uniques).reshape(-1, 1)
    else:
        uniques, codes = np.unique(bits, axis=0, return_inverse=True)
    sets = [tuple(ranked[w * width + b] for w, word in enumerate(words.tolist()) for b in range(width) if word >> b & 1) for words in uniques]
    return np.asarray(codes, dtype=np.int64).reshape(-1), sets


@dataclass(frozen=True)
class Located:
    """Located rows: each row's first zone (its rank, -1 for none), its zone sets (codes into distinct sets), its
    certainty (-1 where not located) and its distance to the nearest boundary."""

    ranked: tuple[str, ...]
    first: np.ndarray
    zones: tuple[np.ndarray, list[tuple[str, ...]]]
    uncertain: tuple[np.ndarray, list[tuple[str, ...]]]
    certainty: np.ndarray
    distance_m: np.ndarray

    @classmethod
    def of(cls, classified: Classified, ranked: tuple[str, ...]) -> Located:
        """From the engine's answer."""
        codes, sets = zone_sets(classified.within, ranked)
        first = np.array([ranked.index(s[0]) if s else -1 for s in sets], dtype=np.int64)[codes] if len(codes) else np.zeros(0, np.int64)
        return cls(ranked, first, (codes, sets), zone_sets(classified.doubtful, ranked), classified.certainty, classified.distance_m)

    @property
    def located(self) -> np.ndarray:
        """Rows that could be located."""
        return self.certainty >= 0

    def frame_columns(self) -> dict[str, Any]:
        """The added columns for pandas: ``zone`` (categorical), ``zones`` and ``uncertain_zones`` (tuples of ids,
        most specific first; None where not located), ``certainty`` (categorical) and ``boundary_distance_m``.

        Examples
        --------
        >>> found = Classified(np.array([[1], [0]], np.uint8), np.array([[0], [0]], np.uint8), np.array([0, -1], np.int8), np.array([3.5, np.nan]))
        >>> columns = Located.of(found, ("a",)).frame_columns()
        >>> columns["zone"].tolist(), columns["zones"].tolist(), columns["certainty"].tolist()
        (['a', nan], [('a',), None], ['inside', nan])
        """
        import pandas as pd

        def rows(codes: np.ndarray, sets: list[tuple[str, ...]]) -> np.ndarray:
            shared = np.empty(len(sets) + 1, dtype=object)
            for n, found in enumerate(sets):
                shared[n] = found
            return shared[np.where(self.located, codes, len(sets))]  # the last slot stays None

        return {
            "zone": pd.Categorical.from_codes(self.first, categories=pd.Index(list(self.ranked), dtype=object)),
            "zones": rows(*self.zones),
            "uncertain_zones": rows(*self.uncertain),
            "certainty": pd.Categorical.from_codes(self.certainty.astype(np.int64), categories=pd.Index(list(CERTAINTIES), dtype=object)),
            "boundary_distance_m": self.distance_m,
        }
