"""Reading the reference folder, and recording exactly what each recipe read.

A :class:`Reference` loads a reference file once and keeps its sha256. Recipes
never touch it directly: each gets a :class:`Reader`, which logs every feature
read (file and exact feature name) and every document cited. The sources,
licences and attributions of a feature, and the inputs the manifest hashes, are
derived from that log through the source catalogue in ``definitions.json``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from .errors import BuildError
from .geometry import to_metric

__all__ = ["Reader", "Reference", "Source"]


@dataclass(frozen=True)
class Source:
    """One public source, as cited in features and in the manifest."""

    key: str
    citation: str
    licence: str
    attribution: str
    retrieved: str
    reads: dict[str, tuple[str, ...]]  # reference file -> feature names ("*" for all)

    def covers(self, file: str, name: str) -> bool:
        """Whether a feature of a reference file comes from this source."""
        names = self.reads.get(file)
        return names is not None and ("*" in names or name in names)

    def as_manifest(self) -> dict[str, str]:
        """The manifest's record of the source."""
        return {
            "citation": self.citation,
            "licence": self.licence,
            "attribution": self.attribution,
            "retrieved": self.retrieved,
        }


class Reference:
    """The reference folder, each file loaded once, with the source catalogue."""

    def __init__(self, folder: Path, sources: dict[str, Any]) -> None:
        self.folder = folder
        self.sources = {
            key: Source(
                key,
                str(s["citation"]),
                str(s["licence"]),
                str(s["attribution"]),
                str(s["retrieved"]),
                {f: tuple(names) for f, names in s.get("reads", {}).items()},
            )
            for key, s in sources.items()
        }
        self._files: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        self.memo: dict[str, Any] = {}  # results derived once per reference (the measured river)

    def load(self, file: str) -> tuple[str, list[dict[str, Any]]]:
        """The sha256 and the features of one reference file (path relative to the folder)."""
        if file not in self._files:
            path = self.folder / file
            try:
                data = path.read_bytes()
            except OSError as error:
                raise BuildError(f"reference file {file} cannot be read: {error}") from error
            try:
                features = json.loads(data)["features"]
            except (ValueError, KeyError, TypeError) as error:
                raise BuildError(f"reference file {file} is not a GeoJSON FeatureCollection") from error
            self._files[file] = (hashlib.sha256(data).hexdigest(), features)
        return self._files[file]

    def sha256(self, file: str) -> str:
        """The sha256 of a reference file already read."""
        return self.load(file)[0]

    def reader(self) -> Reader:
        """A fresh reader with an empty log."""
        return Reader(self)


@dataclass
class Reader:
    """Reads features for one recipe and logs each read."""

    reference: Reference
    reads: dict[str, set[str]] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)

    def feature(self, file: str, name: str) -> dict[str, Any]:
        """The one feature of ``file`` whose ``name`` property is exactly ``name``."""
        _, features = self.reference.load(file)
        found = [f for f in features if f.get("properties", {}).get("name") == name]
        if len(found) != 1:
            raise BuildError(f"{file}: expected one feature named {name!r}, found {len(found)}")
        if not any(s.covers(file, name) for s in self.reference.sources.values()):
            raise BuildError(f"{file}: feature {name!r} has no source in the catalogue (definitions.json)")
        self.reads.setdefault(file, set()).add(name)
        return found[0]

    def geometry(self, file: str, name: str) -> BaseGeometry:
        """The named feature's geometry in metres (EPSG:2326)."""
        return to_metric(shape(self.feature(file, name)["geometry"]))

    def lonlat(self, file: str, name: str) -> BaseGeometry:
        """The named feature's geometry as read, lon/lat."""
        return shape(self.feature(file, name)["geometry"])

    def cite(self, key: str) -> None:
        """Record a document (an official text, a press release) the recipe relies on."""
        if key not in self.reference.sources:
            raise BuildError(f"unknown source {key!r}: add it to the catalogue in definitions.json")
        self.cited.add(key)

    def absorb(self, other: Reader) -> None:
        """Take over everything another reader read (a composite reads its parts)."""
        for file, names in other.reads.items():
            self.reads.setdefault(file, set()).update(names)
        self.cited.update(other.cited)

    def sources(self) -> list[Source]:
        """The sources of everything read and cited, in catalogue order."""
        keys = set(self.cited)
        for file, names in self.reads.items():
            for name in names:
                keys.update(k for k, s in self.reference.sources.items() if s.covers(file, name))
        return [s for k, s in self.reference.sources.items() if k in keys]

    def inputs(self) -> dict[str, str]:
        """The reference files read, with their sha256, sorted by path."""
        return {file: self.reference.sha256(file) for file in sorted(self.reads)}
