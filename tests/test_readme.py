"""The README's examples run as written: Python blocks, doctests, console sessions, commands, the areas table."""

from __future__ import annotations

import contextlib
import doctest
import io
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
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()  # exactly as printed
    blocks = [code for kind, code in BLOCKS if kind == "python" and code.lstrip().startswith(">>>")]
    assert blocks
    for number, code in enumerate(blocks):
        runner.run(parser.get_doctest(code, {}, f"README block {number}", "README.md", 0))
    assert runner.summarize(verbose=False).failed == 0


def shown_on_a_terminal(args: list[str]) -> tuple[int, list[str]]:
    """Run ``zonemap ARGS`` in-process with stdout and stderr into one stream, as a terminal shows them: the
    exit status and the lines in the order they were printed."""
    from zonemap.cli import main

    both = io.StringIO()
    with contextlib.redirect_stdout(both), contextlib.redirect_stderr(both):
        try:
            status = main(args)
        except SystemExit as stopped:
            status = int(stopped.code or 0)
    return status, both.getvalue().splitlines()


def test_console_sessions_print_what_the_readme_shows_in_order(workspace: Path) -> None:
    sessions = [code for kind, code in BLOCKS if kind == "console"]
    assert sessions
    for session in sessions:
        steps = re.split(r"^\$ ", session, flags=re.M)[1:]
        last: int | None = None
        for step in steps:
            command, *expected = step.rstrip("\n").split("\n")
            if command == "echo $?":
                assert last is not None and str(last) == expected[0], (command, last)
                continue
            last, shown = shown_on_a_terminal(command.split()[1:])
            assert shown == expected, command


def test_the_console_check_sees_the_order_of_lines(workspace: Path) -> None:
    """The same lines in another order do not pass: the check compares sequences, not sets."""
    status, shown = shown_on_a_terminal(["validate", "tests/bad_input/clockwise.geojson", "tests/bad_input/good.geojson"])
    assert status == 2 and len(shown) == 2
    assert shown[0].startswith("zonemap: tests/bad_input/clockwise.geojson: feature 'cw'")
    assert shown[1] == "tests/bad_input/good.geojson: ok, 2 features"


def test_commands_in_bash_blocks_run(workspace: Path, cli) -> None:
    commands = [line for kind, code in BLOCKS if kind == "bash" for line in code.splitlines() if line.startswith("zonemap ")]
    assert commands
    for line in commands:
        done = cli(*line.split("#")[0].split()[1:])
        assert done.status == 0, (line, done.err)


def test_the_areas_table_is_the_one_zonemap_prints() -> None:
    table = README.split("<!-- areas table")[1].split("-->", 1)[1].split("<!-- end of areas table -->")[0].strip()
    assert table == format_areas(zonemap.areas(), "markdown").strip()
