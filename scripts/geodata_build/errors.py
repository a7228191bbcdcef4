"""The one exception the build raises: the CLI turns it into an exit status."""

from __future__ import annotations

__all__ = ["BuildError"]


class BuildError(Exception):
    """The reference data or a recipe does not allow the build to go on.

    Helpers raise it with a message that names the file, feature or line at
    fault; only the command-line entry point turns it into an exit status.
    """
