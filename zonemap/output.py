"""Writing files safely: complete or not at all, and never over a file zonemap did not make."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(OSError):
    """An output that cannot or must not be written; the message names the file and the reason."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, content: str | bytes, *, overwrite: bool = False, marker: str | None = None) -> Path:
    """Write ``content`` to ``path`` through a temporary file renamed into place.

    A reader sees the old file or the complete new one, never half a file; on
    any failure the temporary file is removed and the old file is untouched.

    Parameters
    ----------
    path : str or Path
        The file to write; its folder is created when missing.
    content : str or bytes
        Text (written as UTF-8) or bytes.
    overwrite : bool
        Replace an existing file whatever it holds.
    marker : str, optional
        Text that marks files zonemap made: an existing file whose first 4,000
        characters contain it is replaced without ``overwrite``.

    Raises
    ------
    OutputError
        When the file exists and may not be replaced, or the folder cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if path.exists() and not overwrite:
        head = path.read_text(encoding="utf-8", errors="ignore")[:4000]
        if marker is None or marker not in head:
            raise OutputError(f"{path}: exists and was not made by zonemap; not replacing it (use --force / overwrite=True)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path}: cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
