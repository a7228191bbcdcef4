"""An install-and-smoke test for other Pythons: load, areas, relations, one map, the command line.

Run by ``scripts/smoke-other-pythons.sh`` with an installed zonemap (not the source tree).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import zonemap
from zonemap.cli import main

zones = zonemap.load_zones()
assert len(zones) == 8 and zonemap.__file__ and "site-packages" in zonemap.__file__, zonemap.__file__
table = zonemap.areas().set_index("id")
assert abs(table.loc["loop_a", "area_ha"] - 89.2) < 0.1, table.loc["loop_a", "area_ha"]
related = zonemap.relations().table()
assert (related.query("left == 'loop_a' and right == 'loop_b'").relation == "shares_border").all()
with tempfile.TemporaryDirectory() as folder:
    path = zonemap.write_html(zonemap.render_map(lang="zh-Hans", basemap="none"), Path(folder) / "map.html")
    page = path.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in page and "L.geoJson" in page
    assert main(["areas", "-q", "-o", str(Path(folder) / "areas.csv")]) == 0
print(f"smoke test passed on Python {sys.version.split()[0]}: zonemap {zonemap.__version__}")
