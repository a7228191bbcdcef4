"""Safe writing: complete files or none, only over zonemap's own files, never through odd paths."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from zonemap import write
from zonemap.errors import OutputError
from zonemap.write import RECORD, made_by_zonemap, write_atomic, write_files


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


def test_a_write_failing_midway_leaves_the_previous_file_says_why_and_leaves_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = write_atomic(tmp_path / "table.csv", "old,complete\n")
    real_fdopen = os.fdopen
    monkeypatch.setattr(write.os, "fdopen", lambda fd, mode, **kw: FailingHalfway(real_fdopen(fd, mode)))
    with pytest.raises(OutputError, match=r"table.csv: cannot write: the disk is full"):
        write_atomic(target, "new," * 10_000)
    assert target.read_text() == "old,complete\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [RECORD, "table.csv"]


def test_existing_files_are_kept_unless_asked_or_made_by_zonemap(tmp_path: Path) -> None:
    theirs = tmp_path / "notes.txt"
    theirs.write_text("mine")
    with pytest.raises(OutputError, match=r"notes\.txt: exists and zonemap did not make it .* \(use --force\)"):
        write_atomic(theirs, "x")
    assert theirs.read_text() == "mine"
    write_atomic(theirs, "x", force=True)
    assert theirs.read_text() == "x" and made_by_zonemap(theirs)
    ours = write_atomic(tmp_path / "ours.csv", "1")
    write_atomic(ours, "2")
    assert ours.read_text() == "2"
    ours.write_text("edited by hand")  # no longer what zonemap wrote
    with pytest.raises(OutputError, match="did not make it"):
        write_atomic(ours, "3")


def test_a_set_of_files_is_written_all_or_nothing(tmp_path: Path) -> None:
    write_files({tmp_path / "a.html": "a1", tmp_path / "b.html": "b1"})
    (tmp_path / "c.html").write_text("someone else's")
    with pytest.raises(OutputError, match=r"c\.html"):
        write_files({tmp_path / "a.html": "a2", tmp_path / "b.html": "b2", tmp_path / "c.html": "c2"})
    assert (tmp_path / "a.html").read_text() == "a1" and (tmp_path / "b.html").read_text() == "b1"
    assert (tmp_path / "c.html").read_text() == "someone else's"


def test_only_regular_files_are_ever_replaced(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, "x", force=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(fifo, "x", force=True)  # must not block either
    target = write_atomic(tmp_path / "real.txt", "real")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(link, "through the link", force=True)
    assert target.read_text() == "real" and link.is_symlink()
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic("/dev/null", "x", force=True)


def test_unwritable_places_are_clear_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="cannot write in"):
        write_atomic(blocker / "sub" / "x.txt", "x")
    assert write_atomic(tmp_path / "new" / "deep" / "x.bin", b"\x00\x01").read_bytes() == b"\x00\x01"


def test_deciding_reads_a_bounded_prefix(tmp_path: Path, monkeypatch) -> None:
    big = write_atomic(tmp_path / "big.bin", b"x" * (4 << 20))
    reads: list[tuple[str, int]] = []
    real_open = open

    class Counting:
        def __init__(self, path, handle):
            self.path, self.handle = str(path), handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            reads.append((self.path, size))
            return self.handle.read(size)

    monkeypatch.setattr("builtins.open", lambda path, mode="r", *a, **k: Counting(path, real_open(path, mode, *a, **k)))
    assert made_by_zonemap(big)
    of_the_file = [size for path, size in reads if path == str(big)]
    assert of_the_file == [64 * 1024], reads


def test_stale_temporary_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".out.csv.zonemap-999999999-abc123.tmp"  # no such process
    stale.write_text("half")
    foreign = tmp_path / ".something.tmp"
    foreign.write_text("not ours")
    write_atomic(tmp_path / "out.csv", "x")
    assert not stale.exists() and foreign.exists()


def test_the_umask_is_never_changed_and_files_get_the_permissions_it_gives(tmp_path: Path, monkeypatch) -> None:
    """os.umask sets the mask for the whole process (every thread): zonemap must not call it, even for a moment."""
    calls: list[int] = []
    real_umask = os.umask

    def spy(mask: int) -> int:
        calls.append(mask)
        return real_umask(mask)

    previous = real_umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", spy)
        one = write_atomic(tmp_path / "one.csv", "x")
        many = write_files({tmp_path / "a.html": "a", tmp_path / "sub" / "b.html": "b"})
        with write.written_in_place(tmp_path / "streamed.csv") as temporary:
            temporary.write_text("y\n")
    finally:
        real_umask(previous)
    assert calls == []
    for path in (one, *many, tmp_path / "streamed.csv", tmp_path / RECORD):
        assert oct(path.stat().st_mode & 0o777) == oct(0o640), path


def test_a_failed_write_removes_the_folders_it_created(tmp_path: Path, monkeypatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(write.os, "fdopen", lambda fd, mode, **kw: FailingHalfway(real_fdopen(fd, mode)))
    with pytest.raises(OutputError, match="the disk is full"):
        write_files({tmp_path / "new" / "deeper" / "a.html": "a", tmp_path / "new" / "b.html": "b"})
    assert list(tmp_path.iterdir()) == [], "no folder left behind"
    (tmp_path / "kept").mkdir()
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "kept" / "inner" / "a.csv", "a")
    assert [p.name for p in tmp_path.iterdir()] == ["kept"] and list((tmp_path / "kept").iterdir()) == [], "an existing folder stays"
    monkeypatch.undo()
    with pytest.raises(OSError), write.written_in_place(tmp_path / "streamed" / "a.csv") as temporary:
        temporary.write_text("half")
        raise OSError(28, "No space left on device")
    assert not (tmp_path / "streamed").exists()
