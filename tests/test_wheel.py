"""The wheel carries the data: installed outside the repository, it loads the zones."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.slow
def test_wheel_installed_elsewhere_loads_the_data(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("zonemap-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "zonemap/py.typed" in names
    assert {f"zonemap/geodata/{n}.geojson" for n in ("zones", "river", "boundary", "landmarks")} <= set(names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import zonemap; z = zonemap.load_zones(); print(zonemap.__file__); print(len(z)); "
        "print(sorted(z.id)[0]); print(zonemap.__version__)"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    )
    location, count, first, version = out.stdout.split()
    assert Path(location).is_relative_to(target)
    assert int(count) == 8 and first == "cooperation_zone" and version == "0.1.0"
