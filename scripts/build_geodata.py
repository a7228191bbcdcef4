#!/usr/bin/env python3
"""Build ``geodata/`` (and ``docs/data.md``) from the reference extracts in ``../shared/reference``.

Run from the repository root::

    python scripts/build_geodata.py [--reference ../shared/reference] [--out geodata] [--docs docs/data.md]

The build is deterministic: the same reference files give the same bytes. How
each zone is made lives in ``scripts/geodata_build`` (one recipe per zone,
definitions and sources in ``definitions.json``); ``docs/data.md`` is generated
from the same recipes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geodata_build import BuildError, build_all, render_docs
from geodata_build import build as _build

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"

__all__ = ["build", "main"]


def build(reference: Path) -> dict[str, bytes]:
    """Every file of ``geodata/`` by name, as bytes (the rebuild test calls this)."""
    return _build(reference)


def _write(target: Path, data: bytes) -> None:
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    print(f"wrote {target} ({len(data):,} bytes)")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: build, write, report; exit status 2 on a build error."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="the reference folder")
    parser.add_argument("--out", type=Path, default=REPO / "geodata", help="where to write (default geodata/)")
    parser.add_argument("--docs", type=Path, default=REPO / "docs" / "data.md", help="where to write the data notes")
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        print(f"build_geodata: reference folder {args.reference} not found", file=sys.stderr)
        return 2
    try:
        files, zones, reference = build_all(args.reference)
        notes = render_docs(zones, reference).encode("utf-8")
    except BuildError as error:
        print(f"build_geodata: {error}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        _write(args.out / name, data)
    args.docs.parent.mkdir(parents=True, exist_ok=True)
    _write(args.docs, notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
