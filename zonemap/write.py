"""Writing outputs safely: complete or not at all, only over files zonemap made, never through odd paths.

* Every file is written to a temporary file beside it and renamed into place,
  so a reader sees the old file or the complete new one; :func:`write_files`
  writes a set of files all-or-nothing (every target is checked, every
  temporary file written, and only then are they renamed).
* zonemap keeps a record of what it wrote, ``.zonemap-outputs.json`` beside the
  outputs (each file's size and the sha256 of its first 64 KiB; kept by
  :mod:`zonemap._output_record`): a file is
  replaced without ``force`` only if the record says zonemap made it and it
  has not changed since. Deciding reads a bounded prefix, never a whole file.
* Only regular files are ever replaced, with or without ``force``: a folder,
  FIFO, device or symbolic link at the path is refused.
* Temporary files carry the writer's process id; those of processes no longer
  running are removed by the next write into the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from zonemap._arguments import check_flag, check_path
from zonemap._output_record import HEAD, RECORD, made_by_zonemap, update_records
from zonemap._scratch import clean_stale, make_folder, new_temporary, remove_folders
from zonemap.errors import OutputError

__all__ = ["RECORD", "check_target", "made_by_zonemap", "write_atomic", "write_files", "written_in_place"]


def check_target(path: str | Path, *, force: bool = False) -> Path:
    """Refuse an output path zonemap must not write; return it as a Path.

    Parameters
    ----------
    path : str or Path
        The file to write.
    force : bool
        Allow replacing an existing regular file zonemap did not make.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputError
        For a folder, FIFO, device, socket or symbolic link at ``path``
        (whatever ``force`` says), or an existing file zonemap did not make
        (unless ``force``). The message speaks to a shell user.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "notes.txt").write_text("mine")
    ...     try:
    ...         check_target(Path(folder, "notes.txt"))
    ...     except OutputError as error:
    ...         print(str(error).split(": ", 1)[1])
    ...     check_target(Path(folder, "notes.txt"), force=True).name
    exists and zonemap did not make it (or it changed since); not replacing it (use --force)
    'notes.txt'
    """
    path = Path(path)
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return path
    except OSError as error:
        raise OutputError(f"{path}: cannot be checked: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{path}: is a symbolic link; zonemap replaces only regular files (name the target itself, or -o - for the screen)")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: is not a regular file (a FIFO, device or socket); zonemap writes only regular files (-o - for the screen)")
    if not force and not made_by_zonemap(path):
        raise OutputError(f"{path}: exists and zonemap did not make it (or it changed since); not replacing it (use --force)")
    return path


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EFBIG:
        return "the file is larger than this system allows (file-size limit)"
    return str(error.strerror or error)


def write_files(files: Mapping[str | Path, str | bytes], *, force: bool = False) -> list[Path]:
    """Write several files all-or-nothing, each atomically, and record them as zonemap's.

    Parameters
    ----------
    files : mapping of path to str or bytes
        The files and their content (text is written as UTF-8). Folders are
        created when missing, and removed again (if still empty) when the write fails.
    force : bool
        Replace existing regular files zonemap did not make.

    Returns
    -------
    list of Path
        The files written, in the order given.

    Raises
    ------
    OutputError
        Before anything is written, for any target that must not be replaced;
        or when writing fails (disk full, permission, size limit), naming the
        path and the reason; nothing is then left behind.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_files({Path(folder, "a.txt"): "one", Path(folder, "maps", "b.html"): "<p>two</p>"})
    ...     [p.relative_to(folder).as_posix() for p in written], Path(folder, "maps", "b.html").read_text()
    (['a.txt', 'maps/b.html'], '<p>two</p>')
    """
    check_flag(force, "force")
    for path, data in files.items():
        check_path(path, "path")
        if not isinstance(data, (str, bytes)):
            raise TypeError(f"the content of {path} must be str or bytes, not {type(data).__name__}")
    targets = [(check_target(path, force=force), data.encode("utf-8") if isinstance(data, str) else data) for path, data in files.items()]
    written: list[tuple[Path, str, bytes]] = []
    created: list[Path] = []
    try:
        for path, data in targets:
            folder = path.parent
            try:
                make_folder(folder, created)
                clean_stale(folder)
                descriptor, temporary = new_temporary(folder, path.name)
            except OSError as error:
                raise OutputError(f"{path}: cannot write in {folder}: {_reason(error)}") from None
            written.append((path, temporary, data))
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
            except OSError as error:
                raise OutputError(f"{path}: cannot write: {_reason(error)}") from None
        for path, temporary, _ in written:
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise OutputError(f"{path}: cannot write: {_reason(error)}") from None
    except BaseException:
        for _, temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        remove_folders(created)
        raise
    update_records(written)
    return [path for path, _ in targets]


def write_atomic(path: str | Path, content: str | bytes, *, force: bool = False) -> Path:
    """Write one file atomically (see :func:`write_files`).

    Parameters
    ----------
    path : str or Path
        The file.
    content : str or bytes
        What to write (text as UTF-8).
    force : bool
        Replace an existing file zonemap did not make.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> scratch = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(scratch.name)
    >>> write_atomic(folder / "a.txt", "one").read_text()
    'one'
    >>> write_atomic(folder / "a.txt", "two").read_text()   # zonemap's own file: replaced
    'two'
    >>> scratch.cleanup()
    """
    return write_files({path: content}, force=force)[0]


@contextlib.contextmanager
def written_in_place(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` to write an output to bit by bit (a stream of chunks): renamed into place
    and recorded as zonemap's when the block ends, removed if it raises (an error, Ctrl-C, SIGTERM).

    The target is checked first, as :func:`write_files` does. The temporary
    file does not exist yet when the block starts (some writers must create it).

    Parameters
    ----------
    path : str or Path
        The file to write.
    force : bool
        Replace an existing file zonemap did not make.

    Yields
    ------
    Path
        The temporary file to write to.

    Raises
    ------
    OutputError
        For a target that must not be replaced, or when the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> scratch = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(scratch.name)
    >>> with written_in_place(folder / "a.csv") as temporary:
    ...     _ = temporary.write_text("x\\n1\\n")
    >>> (folder / "a.csv").read_text(), made_by_zonemap(folder / "a.csv"), sorted(p.name for p in folder.iterdir())
    ('x\\n1\\n', True, ['.zonemap-outputs.json', 'a.csv'])
    >>> scratch.cleanup()
    """
    target = check_target(path, force=force)
    folder = target.parent
    created: list[Path] = []
    try:
        make_folder(folder, created)
        clean_stale(folder)
        descriptor, temporary = new_temporary(folder, target.name)
        mode = stat.S_IMODE(os.fstat(descriptor).st_mode)  # what a new file gets here, umask applied
        os.close(descriptor)
        os.unlink(temporary)
    except OSError as error:
        remove_folders(created)
        raise OutputError(f"{target}: cannot write in {folder}: {_reason(error)}") from None
    try:
        yield Path(temporary)
        try:
            os.chmod(temporary, mode)
            size = os.stat(temporary).st_size
            with open(temporary, "rb") as handle:
                head = handle.read(HEAD)
            os.replace(temporary, target)
        except OSError as error:
            raise OutputError(f"{target}: cannot write: {_reason(error)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        remove_folders(created)
        raise
    update_records([(target, temporary, {"size": size, "head_sha256": hashlib.sha256(head).hexdigest()})])
