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
    """Remove temporary files left by zonemap processes that are no longer running.

    Parameters
    ----------
    folder : Path
        The folder to clean (errors reading it are ignored).

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, ".a.csv.zonemap-999999999-x.tmp").write_text("left by a process that is gone")
    ...     _ = Path(folder, f".b.csv.zonemap-{os.getpid()}-x.tmp").write_text("being written")
    ...     clean_stale(Path(folder))
    ...     [name.split(".zonemap-")[0] for name in os.listdir(folder)]
    ['.b.csv']
    """
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = TEMPORARY.match(entry.name)
            if match and not running(int(match.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def running(pid: int) -> bool:
    """Whether process ``pid`` is running (or may be: one of another user's).

    Parameters
    ----------
    pid : int
        A process id.

    Returns
    -------
    bool

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

    Parameters
    ----------
    folder : Path
        Where the target will be.
    name : str
        The target's file name.

    Returns
    -------
    (int, str)
        An open descriptor and the temporary file's path.

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

    Parameters
    ----------
    folder : Path
        The folder wanted.
    created : list of Path
        Extended with the folders made.

    Returns
    -------
    None

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
    """Remove the folders a failed write created, innermost first, if they are still empty.

    Parameters
    ----------
    created : list of Path
        As :func:`make_folder` filled it (outermost first).

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as base:
    ...     created: list[Path] = []
    ...     make_folder(Path(base, "a", "b"), created)
    ...     _ = Path(base, "a", "kept.txt").write_text("x")
    ...     remove_folders(created)
    ...     sorted(p.relative_to(base).as_posix() for p in Path(base).rglob("*"))
    ['a', 'a/kept.txt']
    """
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()
