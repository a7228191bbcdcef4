"""The ``zonemap`` command line: ``main(argv)`` returns the exit status, so it runs in-process too.

Exit status: 0 ok, 2 bad input or output (one line per problem, naming the
file, the feature and the problem), 1 internal error. ``--debug`` adds the
traceback and keeps the status. SIGTERM and SIGHUP stop a run as Ctrl-C
does: temporary files are removed and earlier outputs are left whole.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import Any

from zonemap._version import version
from zonemap.cli._output import say_error
from zonemap.cli._parser import build_parser
from zonemap.errors import MissingDependencyError, OutputError, ZoneDataError

__all__ = ["main"]


class _Stopped(BaseException):
    """A termination signal, raised where the program is so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_stop() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`_Stopped` while the block runs (main thread only)."""
    def stop(signum: int, frame: Any) -> None:
        raise _Stopped(signum)

    saved = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                saved[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input or output, 1 for internal errors).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``zonemap`` (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status: 0 on success, 2 for bad input or output, 1 for internal
        errors, 130 on Ctrl-C, 128 + the signal's number when stopped by a signal.

    Examples
    --------
    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     done = main(["export", "-q", "-o", os.path.join(folder, "zones.geojson")])
    ...     done, sorted(os.listdir(folder))
    (0, ['.zonemap-outputs.json', 'zones.geojson'])
    """
    args = build_parser(version()).parse_args(argv)
    debug = getattr(args, "debug", False)
    args.quiet = getattr(args, "quiet", False)
    from zonemap.cli._commands import COMMANDS

    try:
        with _signals_stop():
            return int(COMMANDS[args.command](args))
    except KeyboardInterrupt:
        say_error("interrupted")
        return 130
    except _Stopped as stopped:
        say_error(f"stopped by signal {stopped.signum}")
        return 128 + stopped.signum
    except Exception as error:
        status = _report(error, debug)
        if debug:
            traceback.print_exception(error, file=sys.stderr)
        return status


def _report(error: Exception, debug: bool) -> int:
    """Say what went wrong in one line per problem; return the exit status."""
    if isinstance(error, ZoneDataError):
        for problem in error.problems:
            say_error(problem)
        return 2
    if isinstance(error, (OutputError, MissingDependencyError)):
        say_error(error)
        return 2
    if isinstance(error, OSError) and isinstance(error, (FileNotFoundError, PermissionError, IsADirectoryError)):
        say_error(f"{error.filename}: {error.strerror}" if error.filename else error)
        return 2
    say_error(f"internal error: {type(error).__name__}: {error}" + ("" if debug else " (rerun with --debug for the traceback)"))
    return 1
