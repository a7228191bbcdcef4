"""The record of the files zonemap wrote in a folder, ``.zonemap-outputs.json``, read and updated.

Each entry is a file's size and the sha256 of its first 64 KiB, so deciding
whether a file is still as zonemap wrote it reads a bounded prefix, never a
whole file. A record that cannot be read counts as empty and one that cannot
be written is skipped: either only means ``force`` is needed next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

from zonemap._scratch import new_temporary

__all__ = ["HEAD", "RECORD", "made_by_zonemap", "update_records"]

#: The record of the files zonemap wrote in a folder.
RECORD = ".zonemap-outputs.json"
#: The bytes of a file's head that are hashed.
HEAD = 64 * 1024


def _fingerprint(data: bytes) -> dict[str, object]:
    return {"size": len(data), "head_sha256": hashlib.sha256(data[:HEAD]).hexdigest()}


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _record(folder: Path) -> dict[str, dict[str, object]]:
    if not _regular(folder / RECORD):
        return {}
    try:
        with open(folder / RECORD, "rb") as handle:
            data = json.loads(handle.read(1 << 20))
        files = data.get("files", {})
        return files if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def made_by_zonemap(path: str | Path) -> bool:
    """Whether the record says zonemap wrote ``path`` and the file is as it was written (size and first 64 KiB).

    Parameters
    ----------
    path : str or Path
        A file.

    Returns
    -------
    bool

    Examples
    --------
    >>> made_by_zonemap("README.md")
    False
    """
    path = Path(path)
    entry = _record(path.parent).get(path.name)
    if not isinstance(entry, dict) or not _regular(path):
        return False
    try:
        if path.lstat().st_size != entry.get("size"):
            return False
        with open(path, "rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return False
    return hashlib.sha256(head).hexdigest() == entry.get("head_sha256")


def update_records(written: list[tuple[Path, str, bytes]] | list[tuple[Path, str, dict[str, object]]]) -> None:
    """Record files just written as zonemap's, in the record of each one's folder (other entries kept).

    Parameters
    ----------
    written : list of (Path, str, bytes or dict)
        Each file, the temporary file it was written through (unused here), and
        its content or its fingerprint (``{"size": ..., "head_sha256": ...}``).

    Returns
    -------
    None
        The record is replaced atomically; if it cannot be, it is left as it was.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "a.txt").write_text("one")
    ...     update_records([(Path(folder, "a.txt"), "", b"one")])
    ...     made_by_zonemap(Path(folder, "a.txt")), sorted(json.loads(Path(folder, RECORD).read_text())["files"])
    (True, ['a.txt'])
    """
    by_folder: dict[Path, dict[str, dict[str, object]]] = {}
    for path, _, data in written:
        by_folder.setdefault(path.parent, {})[path.name] = data if isinstance(data, dict) else _fingerprint(data)
    for folder, entries in by_folder.items():
        record = {**_record(folder), **entries}
        text = json.dumps({"written_by": "zonemap", "files": dict(sorted(record.items()))}, indent=1) + "\n"
        target = folder / RECORD
        with contextlib.suppress(OSError):  # a record that cannot be kept only means --force is needed next time
            descriptor, temporary = new_temporary(folder, RECORD)
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(temporary, target)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
