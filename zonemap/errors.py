"""The one exception zonemap raises for bad zone data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a zone file.

    Attributes
    ----------
    source : str
        The file (or other source) the feature came from.
    feature : str
        Which feature: its id where it has one, else ``#index``; empty for the
        file as a whole.
    message : str
        What is wrong, in plain words.
    """

    source: str
    feature: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: feature {self.feature}" if self.feature else self.source
        return f"{where}: {self.message}"


class ZoneDataError(ValueError):
    """Zone data that cannot be used as it is.

    The message names the file, the feature and the problem. ``problems`` holds
    every problem found, not only the first.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("ZoneDataError needs at least one problem")
        self.problems = list(problems)
        first = str(problems[0])
        more = len(problems) - 1
        super().__init__(first if more == 0 else f"{first} (and {more} more problem{'s' * (more > 1)})")

    @classmethod
    def single(cls, source: str, feature: str, message: str) -> ZoneDataError:
        """Build the error for one problem."""
        return cls([Problem(source, feature, message)])
