"""How zones relate: shared borders, gaps across a river or road, containment, overlap.

Unlike vertex-matching contiguity (libpysal's Rook and Queen), relations are
measured in metres with a tolerance, so polygons digitised separately, whose
vertices do not coincide, are still neighbours. The outlines' vertices closer
than a sixth of the tolerance are snapped together, and outline segments shared
exactly or nearly (a coverage's borders, noded exactly or digitised apart) are
paired by sorting numbers of their endpoints in numpy; only the others go
through an STRtree and are measured segment against segment within the
tolerance. Pairs are overlaid only where an overlap is possible (never in a
coverage whose snapped borders prove that no two zones overlap), and zones
whose paired borders cross are known to meet without asking GEOS for their
distance. Everything else uses shapely 2's vectorised functions, in threads
for large inputs (they release the GIL). Every measure is taken on both
outlines of a pair, so renaming or reordering zones changes none of them.

Relating zones pauses Python's garbage collector, for the whole process, while
it runs (:func:`zonemap._no_gc.no_gc`): it makes hundreds of thousands of
geometries and no reference cycles, and the collector's passes over them cost
about 4 % of the time on 100k zones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zonemap.relate._cover import covers_others
from zonemap.relate._result import COLUMNS, LINE_RELATIONS, RELATION_NAMES, Relations

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["COLUMNS", "LINE_RELATIONS", "RELATION_NAMES", "Relations", "covers_others", "relations"]


def relations(
    zones: gpd.GeoDataFrame | None = None,
    *,
    id_column: str = "id",
    tolerance_m: float = 1.0,
    across_m: float | None = None,
    gap_features: gpd.GeoDataFrame | None = None,
    threads: int | None = None,
) -> Relations:
    """Every related pair of zones, measured in metres.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        Polygons in any CRS, named by the ``id`` column (else the index).
        Omitted: the bundled zones with :func:`zonemap.bundled.relations_preset`
        (``across_m=250`` and the river's water as ``gap_features``), exactly as
        ``relations(load_zones(), **bundled.relations_preset())``.
    id_column : str
        The column holding ids.
    tolerance_m : float
        Distance within which two outlines count as one line: absorbs digitising
        slivers, gaps and small overlaps, so polygons whose vertices do not
        coincide still share a border (outline vertices closer than
        a sixth of it along both axes are taken as one). Finite, not negative.
    across_m : float, optional
        Pairs farther apart than ``tolerance_m`` but no more than ``across_m``
        face each other across a gap (a river, a road). 0 (off) unless given,
        or the preset's when ``zones`` is omitted.
    gap_features : GeoDataFrame, optional
        What may lie in a gap (named by ``name_en``); a pair whose shortest link
        crosses one is ``across_river``, else ``across_gap``.
    threads : int, optional
        Threads for large inputs (default: ``ZONEMAP_THREADS``, else up to 4).

    Returns
    -------
    Relations
        ``.table()`` one row per related pair, ``.lines()`` the measured lines,
        ``.to_networkx()``, ``.to_geojson()``.

    Raises
    ------
    TypeError, ValueError
        For arguments of the wrong type, or distances not finite or negative.
    ZoneDataError
        For zones that break the one rule (see :mod:`zonemap._frame`).

    Examples
    --------
    >>> import zonemap
    >>> table = zonemap.relations().table()
    >>> table.query("left == 'loop_a' and right == 'loop_b'").relation.item()
    'shares_border'
    """
    if zones is None:
        from zonemap.bundled import load_zones, relations_preset

        preset = relations_preset()
        return Relations.from_zones(
            load_zones(),
            id_column=id_column,
            tolerance_m=tolerance_m,
            across_m=preset["across_m"] if across_m is None else across_m,
            gap_features=preset["gap_features"] if gap_features is None else gap_features,
            threads=threads,
        )
    return Relations.from_zones(
        zones, id_column=id_column, tolerance_m=tolerance_m, across_m=0.0 if across_m is None else across_m,
        gap_features=gap_features, threads=threads,
    )
