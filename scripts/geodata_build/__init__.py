"""Build zonemap's bundled data (``geodata/``) from the reference extracts.

Modules, one job each: :mod:`.geometry` (metric CRS, geodesic areas),
:mod:`.reading` (reference files and the log of what each recipe read),
:mod:`.river` (centre line, measured banks, water), :mod:`.tolerances`,
:mod:`.outline` (inner/outer outlines per edge), :mod:`.recipes_hk` and
:mod:`.recipes_sz` (one recipe per zone), :mod:`.zones` (composites, status),
:mod:`.layers`, :mod:`.context`, :mod:`.milestones` (features), :mod:`.build`
(bytes and manifest) and :mod:`.docs` (``docs/data.md``). Zone definitions and
the source catalogue are data, in ``definitions.json``; milestones in
``milestones.json``. Nothing here imports ``zonemap``.
"""

from __future__ import annotations

from .build import LAYER_ORDER, build, build_all, build_layers
from .docs import render_docs
from .errors import BuildError

__all__ = ["LAYER_ORDER", "BuildError", "build", "build_all", "build_layers", "render_docs"]
