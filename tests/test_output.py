"""Safe writing: complete files or none, never over a file zonemap did not make."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from zonemap import output
from zonemap.output import OutputError, write_atomic


class FailingHalfway(io.BytesIO):
    """A file that takes half of what it is given, then fails like a full disk."""

    def __init__(self, real: io.BufferedWriter) -> None:
        super().__init__()
        self.real = real

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def test_a_write_interrupted_midway_leaves_the_previous_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = write_atomic(tmp_path / "table.csv", "old,complete\n")
    real_fdopen = os.fdopen
    monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: FailingHalfway(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new," * 10_000, overwrite=True)
    assert target.read_text() == "old,complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_existing_files_are_kept_unless_asked_or_made_by_zonemap(tmp_path: Path) -> None:
    theirs = tmp_path / "notes.txt"
    theirs.write_text("mine")
    with pytest.raises(OutputError, match=r"notes.txt: exists and was not made by zonemap"):
        write_atomic(theirs, "x")
    with pytest.raises(OutputError, match="not made by zonemap"):
        write_atomic(theirs, "x", marker="<zonemap>")
    assert theirs.read_text() == "mine"
    write_atomic(theirs, "x", overwrite=True)
    assert theirs.read_text() == "x"
    ours = write_atomic(tmp_path / "ours.html", "<zonemap> 1", marker="<zonemap>")
    write_atomic(ours, "<zonemap> 2", marker="<zonemap>")
    assert ours.read_text() == "<zonemap> 2"


def test_unwritable_places_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, "x")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="cannot write in"):
        write_atomic(blocker / "sub" / "x.txt", "x")
    assert write_atomic(tmp_path / "new" / "deep" / "x.bin", b"\x00\x01").read_bytes() == b"\x00\x01"
