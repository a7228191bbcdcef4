"""Temporary files and folders for atomic writes: created with the permissions a new file gets, named with the
writer's process id (so stale ones can be told apart), and cleaned up.

A temporary file is ``.NAME.zonemap-PID-RANDOM.tmp`` beside its target. The
process umask is never read or changed: ``os.umask`` sets it for every thread.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path

__all__ = ["TEMPORARY", "clean_stale", "make_folder", "new_temporary", "remove_folders", "running"]

#: The name of a temporary file, its group 1 the writer's process id.
TEMPORARY = re.compile(r"^\..+\.zonemap-(\d+)-[A-Za-z0-9_]+\.tmp$")


def clean_stale(folder: Path) -> None:
    """Remove temporary files left by zonemap processes that are no longer running."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = TEMPORARY.match(entry.name)
            if match and not running(int(match.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def running(pid: int) -> bool:
    """Whether process ``pid`` is running (or may be: one of another user's).

    Examples
    --------
    >>> running(os.getpid())
    True
    """
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def new_temporary(folder: Path, name: str) -> tuple[int, str]:
    """Create a new temporary file for ``name`` in ``folder``, open for writing: ``(descriptor, path)``.

    Created with mode 0o666, so the process umask (and a folder's default ACL)
    gives it the permissions any new file gets there; the umask itself is never
    read or changed (``os.umask`` sets it process-wide, which is not thread-safe).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> descriptor, path = new_temporary(folder, "a.csv")
    >>> os.close(descriptor)
    >>> bool(TEMPORARY.match(os.path.basename(path))), os.path.basename(path).startswith(".a.csv.zonemap-")
    (True, True)
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.zonemap-{os.getpid()}-{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def make_folder(folder: Path, created: list[Path]) -> None:
    """Create ``folder`` and its missing parents, adding each one created to ``created`` (outermost first).

    Examples
    --------
    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> created: list[Path] = []
    >>> make_folder(base / "a" / "b", created)
    >>> [p.relative_to(base).as_posix() for p in created]
    ['a', 'a/b']
    >>> remove_folders(created)
    >>> sorted(base.iterdir())
    []
    """
    missing = []
    for parent in (folder, *folder.parents):
        if os.path.lexists(parent):
            break
        missing.append(parent)
    for parent in reversed(missing):
        try:
            parent.mkdir()
        except FileExistsError:
            if not parent.is_dir():
                raise
            continue
        created.append(parent)


def remove_folders(created: list[Path]) -> None:
    """Remove the folders a failed write created, innermost first, if they are still empty."""
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()
