"""Start-up: ``import zonemap`` and ``zonemap --version`` load only what they need (timed by benchmarks/startup.py)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as metadata_version
from pathlib import Path

import pytest

from zonemap._version import _dist_info_version

REPO = Path(__file__).resolve().parents[1]


def _loaded_after(script: str) -> tuple[str, set[str]]:
    code = f"import sys\nbefore = set(sys.modules)\n{script}\nprint(sorted(set(sys.modules) - before))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    *printed, modules = done.stdout.strip().splitlines()
    return "\n".join(printed), set(eval(modules))  # a list of module names printed by repr()


@pytest.mark.parametrize("module", ["argparse", "importlib.metadata", "email", "typing", "contextlib", "functools"])
def test_version_answers_before_the_parser_is_built(module: str) -> None:
    printed, loaded = _loaded_after("from zonemap.cli import main\nmain(['--version'])")
    assert printed.startswith("zonemap ")
    assert module not in loaded


def test_import_zonemap_loads_no_typing() -> None:
    _, loaded = _loaded_after("import zonemap")
    assert not loaded & {"typing", "re", "argparse"}


def test_version_read_from_the_dist_info_is_what_importlib_metadata_reads() -> None:
    try:
        expected = metadata_version("zonemap")
    except PackageNotFoundError:
        pytest.skip("zonemap is not installed")
    assert _dist_info_version() == expected


def test_other_arguments_still_go_through_argparse(cli) -> None:
    result = cli("--version", "--debug")
    assert result.out.strip().startswith("zonemap ")
