"""The bad-input corpus through every command: exit 2, one line per problem naming the file and the feature,
no traceback, no output left behind; and whatever `validate` accepts, every command handles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from .conftest import BAD

#: file in tests/bad_input -> what its one line says (a regular expression)
CORPUS = {
    "malformed.geojson": r"is not valid JSON \(line 3, column 1",
    "empty_collection.geojson": r"FeatureCollection has no features",
    "wrong_geometry_type.geojson": r"feature 'road': geometry is a LineString; zones must be Polygon or MultiPolygon",
    "unclosed_ring.geojson": r"feature 'open': exterior ring is not closed",
    "self_intersection.geojson": r"feature 'bowtie': geometry is invalid: Self-intersection\[114.075 22.525\]",
    "out_of_range.geojson": r"feature 'far': coordinate \[114.08, 95.0\] is out of range for lon/lat$",
    "swapped_axes.geojson": r"feature 'swapped': .*\(they look like lat/lon: swap the axes to lon/lat\)",
    "duplicate_ids.geojson": r"feature 'twin': id 'twin' occurs 2 times; ids must be unique",
    "clockwise.geojson": r"feature 'cw': exterior ring is clockwise",
    "not_gis_data.gpkg": r"cannot be read as GIS data",
    "multipolygon_empty_part.geojson": r"feature 'a': polygon 1 has no rings",
    "huge_integer_coordinate.geojson": r"feature 'a': a coordinate is too large to be a number of degrees",
    "huge_integer_property.geojson": r"feature 'a': a number has more than 4,300 digits$",
    "lone_surrogate.geojson": r"feature 'a': properties hold text that is not valid Unicode \(a lone surrogate\)",
    "mixed_id_types.geojson": r"feature '1': id '1' occurs 2 times; ids must be unique",
    "missing_id.geojson": r"feature #1: has no id \(ids come from the column 'id'\)",
    "not_utf8.geojson": r"cannot be read: it is not UTF-8 text",
    "table_without_geometry.csv": r"holds no geometries",
    "null_geometry.geojson": r"feature 'a': has no geometry",
    "nan_coordinate.geojson": r"coordinates contain NaN or infinity",
    "no_such_file.geojson": r"does not exist",
}
COMMANDS = {
    "validate": lambda path, out: ["validate", path],
    "areas": lambda path, out: ["areas", path, "-o", out / "areas.csv"],
    "relations": lambda path, out: ["relations", path, "-o", out / "relations.json"],
    "export": lambda path, out: ["export", path, "--format", "kml", "-o", out / "zones.kml"],
    "map": lambda path, out: ["map", path, "-o", out / "map.html", "--basemap", "none"],
}


def check_refused(done, path: Path, message: str, out: Path) -> None:
    assert done.status == 2, (done.status, done.err)
    lines = done.err.strip().splitlines()
    assert lines and all(line.startswith(f"zonemap: {path}") for line in lines), done.err
    assert any(re.search(message, line) for line in lines), done.err
    assert "Traceback" not in done.err and "internal error" not in done.err
    assert list(out.iterdir()) == [], "no output, not even a temporary file"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", CORPUS)
def test_every_command_refuses_every_bad_file_in_one_clear_line(cli, tmp_path: Path, name: str, command: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = BAD / name
    check_refused(cli(*COMMANDS[command](path, out)), path, CORPUS[name], out)


def generated(tmp_path: Path) -> dict[Path, str]:
    """Bad files too large or too odd to keep in the repository."""
    deep = tmp_path / "nested_100000_deep.geojson"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    local = tmp_path / "local_cs.shp"
    gpd.GeoDataFrame({"id": ["a"]}, geometry=[box(0, 0, 100, 100)], crs=2326).to_file(local)
    local.with_suffix(".prj").write_text('LOCAL_CS["Site grid",UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]')
    weird = tmp_path / "zones\n\x1b[31mred.geojson"
    shutil.copy(BAD / "unclosed_ring.geojson", weird)
    wrapped = tmp_path / "beyond_web_mercator.gpkg"  # x = 1e8 m would come back as 178.3° E: wrapped round the globe
    gpd.GeoDataFrame({"id": ["near", "far"]}, geometry=[box(1.27e7, 2.57e6, 1.271e7, 2.58e6), box(0, 0, 1e8, 1e8)], crs=3857).to_file(wrapped)
    layered = tmp_path / "two_layers.gpkg"
    for name in ("roads", "zones"):
        gpd.GeoDataFrame({"id": ["a"]}, geometry=[box(114.0, 22.5, 114.01, 22.51)], crs=4326).to_file(layered, layer=name)
    return {deep: "is nested too deeply to be GeoJSON", layered: re.escape("holds 2 layers ('roads', 'zones'); zonemap reads files of one layer"), local: "has a CRS that cannot be transformed to WGS-84", weird: "exterior ring is not closed",
            wrapped: re.escape("feature 'far': bounds [0.0, 0.0, 100000000.0, 100000000.0] are out of range for its CRS (WGS 84 / Pseudo-Mercator)")}


@pytest.mark.parametrize("command", COMMANDS)
def test_generated_bad_files_too(cli, tmp_path: Path, command: str) -> None:
    for path, message in generated(tmp_path).items():
        out = tmp_path / f"out-{path.stem[:5]}"
        out.mkdir()
        done = cli(*COMMANDS[command](path, out))
        shown = str(path).encode("unicode_escape").decode("ascii") if "\x1b" in str(path) else str(path)
        check_refused(done, Path(shown), message, out)
        assert "\x1b" not in done.err and "\x1b" not in done.out, "control characters are shown escaped, never sent raw"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["good.geojson", "three_d.geojson"])
def test_what_validate_accepts_every_command_handles(cli, tmp_path: Path, name: str, command: str) -> None:
    assert cli("validate", BAD / name).status == 0
    done = cli(*COMMANDS[command](BAD / name, tmp_path))
    assert done.status == 0, done.err


def test_a_number_of_too_many_digits_names_the_feature_else_the_file(cli, write_json) -> None:
    """Python's own message ("use sys.set_int_max_str_digits()") speaks to a programmer; the user reads which feature."""
    huge = "9" * 5000
    cases = {
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "ok"}, "geometry": null}, '
        '{"type": "Feature", "properties": {"id": ' + huge + '}, "geometry": null}]}': "feature #1: a number has more than 4,300 digits",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "g", "properties": {}, '
        '"geometry": {"type": "Point", "coordinates": [' + huge + ', 1]}}]}': "feature 'g': a number has more than 4,300 digits",
        "[" + huge + "]": "a number has more than 4,300 digits",
    }
    for text, message in cases.items():
        path = write_json(text)
        done = cli("validate", path)
        assert done.status == 2 and done.err == f"zonemap: {path}: {message}\n", done.err
