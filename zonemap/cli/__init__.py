"""The ``zonemap`` command line: ``main(argv)`` returns the exit status, so it runs in-process too.

Exit status: 0 ok, 2 bad input or output (one line per problem, naming the
file, the feature and the problem), 1 internal error. ``--debug`` adds the
traceback and keeps the status. SIGTERM and SIGHUP stop a run as Ctrl-C
does: temporary files are removed and earlier outputs are left whole.
A reader that closes stdout early (``| head``) ends the run quietly, status 0.

Start-up: ``zonemap --version`` alone is answered before the parser (and
what it imports) is built, so it costs little more than starting Python.
"""

from __future__ import annotations

import sys

from zonemap._version import version

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = ["main"]


class _Stopped(BaseException):
    """A termination signal, raised where the program is so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _SignalsStop:
    """SIGTERM and SIGHUP raise :class:`_Stopped` while the block runs (main thread only).

    A class rather than ``contextlib.contextmanager``: contextlib (and the
    collections it imports) is not loaded when the command line starts.
    """

    def __enter__(self) -> None:
        import signal

        def stop(signum: int, frame: Any) -> None:
            raise _Stopped(signum)

        self.saved: dict[int, Any] = {}
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                try:
                    self.saved[number] = signal.signal(number, stop)
                except ValueError:  # not the main thread: leave signals alone
                    break

    def __exit__(self, *exc_info: object) -> None:
        import signal

        for number, handler in self.saved.items():
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
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:  # what argparse's version action prints
        print(f"zonemap {version()}")
        return 0
    import traceback

    from zonemap.cli._output import say_error
    from zonemap.cli._parser import build_parser

    args = build_parser(version()).parse_args(argv)
    debug = getattr(args, "debug", False)
    args.quiet = getattr(args, "quiet", False)
    from zonemap.cli._commands import COMMANDS

    try:
        with _SignalsStop():
            return int(COMMANDS[args.command](args))
    except BrokenPipeError:  # the reader of stdout stopped (`zonemap locate big.csv -o - | head`): stop quietly
        _silence_stdout()
        return 0
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


def _silence_stdout() -> None:
    """Send what is left of stdout nowhere, so that Python's flush at exit does not fail on the closed pipe again."""
    import os

    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (tests capture it in memory): nothing will be flushed there
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def _report(error: Exception, debug: bool) -> int:
    """Say what went wrong in one line per problem; return the exit status."""
    from zonemap.cli._output import say_error
    from zonemap.errors import MissingDependencyError, OutputError, ZoneDataError

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
