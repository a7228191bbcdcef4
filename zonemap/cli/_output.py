"""What the command line shows and writes: progress, messages, results on screen or in a file."""

from __future__ import annotations

import sys
from pathlib import Path

from zonemap.errors import OutputError
from zonemap.escape import terminal_text

__all__ = ["Progress", "emit", "output_format", "plural", "same_file", "say_error"]


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` and the noun, singular or plural.

    Parameters
    ----------
    count : int
        How many.
    noun : str
        The noun, singular.
    plural_noun : str, optional
        Its plural, when it is not ``noun + "s"``.

    Returns
    -------
    str

    Examples
    --------
    >>> plural(1, "zone"), plural(3, "zone"), plural(0, "pair")
    ('1 zone', '3 zones', '0 pairs')
    """
    return f"{count:,} {noun if count == 1 else plural_noun or noun + 's'}"


def say_error(message: object) -> None:
    """One line on stderr, control characters shown escaped.

    Parameters
    ----------
    message : object
        What to say.

    Returns
    -------
    None

    Examples
    --------
    >>> import contextlib, io
    >>> stderr = io.StringIO()
    >>> with contextlib.redirect_stderr(stderr):
    ...     say_error("bad.csv: row 3: no \\x1b[31mlon")
    >>> stderr.getvalue()
    'zonemap: bad.csv: row 3: no \\\\x1b[31mlon\\n'
    """
    print(f"zonemap: {terminal_text(message)}", file=sys.stderr)


class Progress:
    """Step messages on a terminal's stderr, overwritten in place; silent when stderr is not a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.live = not quiet and sys.stderr.isatty()

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.live:
            width = 24
            filled = width * done // max(total, 1)
            end = "\n" if done >= total else ""
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {terminal_text(what)[:50]:<50}", end=end, file=sys.stderr, flush=True)


def output_format(chosen: str | None, output: Path | None, formats: dict[str, str]) -> str:
    """The output format: ``--format`` if given, else the one ``-o``'s extension implies, else the first.

    Parameters
    ----------
    chosen : str, optional
        ``--format``.
    output : Path, optional
        ``-o``.
    formats : dict of str to str
        The formats and the extension of each, the default first.

    Returns
    -------
    str

    Raises
    ------
    OutputError
        When ``--format`` and the extension disagree.

    Examples
    --------
    >>> output_format(None, Path("a.csv"), {"table": ".txt", "csv": ".csv"})
    'csv'
    """
    by_extension = {extension: name for name, extension in formats.items()}
    implied = by_extension.get(output.suffix.lower()) if output is not None and str(output) != "-" else None
    if chosen is not None and implied is not None and chosen != implied:
        raise OutputError(f"{output}: --format {chosen}, but the extension {output.suffix} means {implied}; change one of them")  # type: ignore[union-attr]
    return chosen or implied or next(iter(formats))


def same_file(output: Path, inputs: list[Path]) -> Path | None:
    """The input ``output`` would overwrite, if any.

    Parameters
    ----------
    output : Path
        The output file.
    inputs : list of Path
        The input files.

    Returns
    -------
    Path or None
        The input that is the same file as ``output``.

    Examples
    --------
    >>> same_file(Path("zones.geojson"), [Path("./zones.geojson"), Path("b.csv")])
    PosixPath('zones.geojson')
    >>> same_file(Path("out.csv"), [Path("zones.geojson")]) is None
    True
    """
    for source in inputs:
        try:
            if output.resolve() == source.resolve() or (output.exists() and output.samefile(source)):
                return source
        except OSError:
            continue
    return None


def emit(text: str | bytes, output: Path | None, force: bool, inputs: list[Path]) -> None:
    """Print the result, or write it atomically to ``output`` (never over an input).

    Parameters
    ----------
    text : str or bytes
        The result.
    output : Path, optional
        The file to write (None or ``-``: the screen).
    force : bool
        Replace an existing file zonemap did not make.
    inputs : list of Path
        The command's input files, never to be overwritten.

    Returns
    -------
    None

    Examples
    --------
    >>> emit("id,area_m2\\nloop_a,892000", None, False, [])
    id,area_m2
    loop_a,892000
    """
    if output is None or str(output) == "-":
        data = text.decode("utf-8") if isinstance(text, bytes) else text
        sys.stdout.write(data if data.endswith("\n") else data + "\n")
        return
    clash = same_file(output, inputs)
    if clash is not None:
        raise OutputError(f"{output}: is the input {clash}; give another output name")
    from zonemap.write import write_atomic

    write_atomic(output, text, force=force)
    print(f"wrote {terminal_text(output)}", file=sys.stderr)
