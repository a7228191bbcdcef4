"""The README's examples run as written: Python blocks, doctests, console sessions, commands, the areas table."""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path

import pytest

import zonemap
from zonemap.tables import format_areas

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```", README, re.M | re.S)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder holding what the examples read (docs/examples, tests/bad_input), as the repository root would."""
    shutil.copytree(REPO / "docs" / "examples", tmp_path / "docs" / "examples")
    shutil.copytree(REPO / "tests" / "bad_input", tmp_path / "tests" / "bad_input")
    monkeypatch.chdir(tmp_path)
    return tmp_path


PYTHON = [code for kind, code in BLOCKS if kind == "python" and not code.lstrip().startswith(">>>")]


@pytest.mark.parametrize("code", PYTHON, ids=[f"python-{i}" for i in range(len(PYTHON))])
def test_python_blocks_run(workspace: Path, code: str) -> None:
    exec(compile(code, "README.md", "exec"), {})


def test_doctest_blocks_show_what_the_code_gives(workspace: Path) -> None:
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    blocks = [code for kind, code in BLOCKS if kind == "python" and code.lstrip().startswith(">>>")]
    assert blocks
    for number, code in enumerate(blocks):
        runner.run(parser.get_doctest(code, {}, f"README block {number}", "README.md", 0))
    assert runner.summarize(verbose=False).failed == 0


def test_console_sessions_print_what_the_readme_shows(workspace: Path, cli) -> None:
    sessions = [code for kind, code in BLOCKS if kind == "console"]
    assert sessions
    for session in sessions:
        steps = re.split(r"^\$ ", session, flags=re.M)[1:]
        last = None
        for step in steps:
            command, *expected = step.rstrip("\n").split("\n")
            if command == "echo $?":
                assert last is not None and str(last.status) == expected[0], (command, last)
                continue
            last = cli(*command.split()[1:])
            shown = (last.out + last.err).splitlines()
            assert sorted(shown) == sorted(expected), command


def test_commands_in_bash_blocks_run(workspace: Path, cli) -> None:
    commands = [line for kind, code in BLOCKS if kind == "bash" for line in code.splitlines() if line.startswith("zonemap ")]
    assert commands
    for line in commands:
        done = cli(*line.split("#")[0].split()[1:])
        assert done.status == 0, (line, done.err)


def test_the_areas_table_is_the_one_zonemap_prints() -> None:
    table = README.split("<!-- areas table")[1].split("-->", 1)[1].split("<!-- end of areas table -->")[0].strip()
    assert table == format_areas(zonemap.areas(), "markdown").strip()
