"""What the command line shows and writes: progress, messages, results on screen or in a file."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from zonemap.errors import OutputError
from zonemap.escape import terminal_text

__all__ = ["GEOPACKAGE_PARTS", "SHAPEFILE_PARTS", "Progress", "emit", "for_screen", "is_terminal", "output_format", "plural", "same_file", "say_error"]


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
    print(f"zonemap: {terminal_text(str(message))}", file=sys.stderr)


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


def output_format(chosen: str | None, output: Path | None, formats: dict[str, str], command: str = "this command") -> str:
    """The output format: ``--format`` if given, else the one ``-o``'s extension implies, else the first.

    An output named without an extension takes ``--format`` (or the first
    format); any other extension must be one the command writes.

    Parameters
    ----------
    chosen : str, optional
        ``--format``.
    output : Path, optional
        ``-o``.
    formats : dict of str to str
        The formats and the extension of each, the default first.
    command : str
        The command, named in messages.

    Returns
    -------
    str

    Raises
    ------
    OutputError
        When the extension is not one ``command`` writes, or ``--format`` and the extension disagree.

    Examples
    --------
    >>> output_format(None, Path("a.csv"), {"table": ".txt", "csv": ".csv"})
    'csv'
    >>> output_format(None, Path("a.kml"), {"table": ".txt", "csv": ".csv"}, "areas")
    Traceback (most recent call last):
    ...
    zonemap.errors.OutputError: a.kml: areas writes .txt or .csv files, not .kml; name the output with one of these
    """
    by_extension = {extension: name for name, extension in formats.items()}
    suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
    if suffix and suffix not in by_extension:
        known = list(dict.fromkeys(formats.values()))
        listed = ", ".join(known[:-1]) + " or " + known[-1] if len(known) > 1 else known[0]
        raise OutputError(f"{output}: {command} writes {listed} files, not {output.suffix}; name the output with one of these")  # type: ignore[union-attr]
    implied = by_extension.get(suffix)
    if chosen is not None and implied is not None and chosen != implied:
        raise OutputError(f"{output}: --format {chosen}, but the extension {output.suffix} means {implied}; change one of them")  # type: ignore[union-attr]
    return chosen or implied or next(iter(formats))


#: Files that belong to a Shapefile with the same name (GDAL reads them beside the .shp, in either case).
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".fbn", ".fbx", ".ain", ".aih", ".atx",
                   ".ixs", ".mxs", ".qmd", ".qpj", ".fix", ".xml", ".shp.xml", ".dbf.xml")
#: Files SQLite keeps beside a GeoPackage while it is open.
GEOPACKAGE_PARTS = ("", "-wal", "-shm", "-journal")


def _parts(source: Path) -> tuple[str, ...]:
    """The lower-case names of the files that make up the dataset ``source`` (itself included)."""
    name = source.name.lower()
    for suffix in (".shp", ".shx", ".dbf"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return tuple(stem + part for part in SHAPEFILE_PARTS)
    if name.endswith(".gpkg"):
        return tuple(name + part for part in GEOPACKAGE_PARTS)
    return (name,)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.absolute().parent == b.absolute().parent or a.parent.resolve() == b.parent.resolve() or a.parent.samefile(b.parent)
    except OSError:
        return False


def same_file(output: Path, inputs: list[Path]) -> Path | None:
    """The input ``output`` would overwrite, if any: the input itself, or a file of its dataset.

    A Shapefile is many files (``s.shp``, ``s.dbf``, ``s.prj``, ``s.cpg``, ...:
    any of them, in any case); a GeoPackage has ``-wal``, ``-shm`` and
    ``-journal`` files beside it while SQLite writes it.

    Parameters
    ----------
    output : Path
        The output file.
    inputs : list of Path
        The input files.

    Returns
    -------
    Path or None
        The input that ``output`` is, or is a file of.

    Examples
    --------
    >>> same_file(Path("data/s.DBF"), [Path("data/s.shp")])
    PosixPath('data/s.shp')
    >>> same_file(Path("data/z.gpkg-wal"), [Path("data/z.gpkg")])
    PosixPath('data/z.gpkg')
    >>> same_file(Path("data/s.csv"), [Path("data/s.shp")]) is None
    True
    """
    for source in inputs:
        try:
            if output.resolve() == source.resolve() or (output.exists() and output.samefile(source)):
                return source
        except OSError:
            continue
        if output.name.lower() in _parts(source) and _same_folder(output, source):
            return source
        with contextlib.suppress(OSError):
            if output.exists() and any(output.samefile(part) for part in _existing_parts(source)):
                return source
    return None


def _existing_parts(source: Path) -> list[Path]:
    """The files of ``source``'s dataset that exist (the folder is listed only for a dataset of several files)."""
    names = _parts(source)
    if len(names) == 1:
        return []
    return [entry for entry in source.parent.iterdir() if entry.name.lower() in names]


def is_terminal(stream: object) -> bool:
    """Whether a stream is a terminal (False for anything that cannot say, or is closed).

    Parameters
    ----------
    stream : object
        A file object, usually ``sys.stdout``.

    Returns
    -------
    bool

    Examples
    --------
    >>> import io
    >>> is_terminal(io.StringIO()), is_terminal(object())
    (False, False)
    """
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed stream
        return False


def for_screen(text: str, terminal: bool) -> str:
    r"""Text as written to standard output: on a terminal, control characters other than line ends shown escaped.

    Results piped or redirected keep every byte (a CSV cell may hold a tab or a
    carriage return); a terminal never receives an escape sequence from data.

    Parameters
    ----------
    text : str
        The result.
    terminal : bool
        Whether standard output is a terminal.

    Returns
    -------
    str

    Examples
    --------
    >>> for_screen("a,\x1b[31mred\n", True), for_screen("a,\x1b[31mred\n", False)
    ('a,\\x1b[31mred\n', 'a,\x1b[31mred\n')
    """
    if not terminal:
        return text
    return "\n".join(map(terminal_text, text.split("\n")))


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
        sys.stdout.write(for_screen(data if data.endswith("\n") else data + "\n", is_terminal(sys.stdout)))
        return
    clash = same_file(output, inputs)
    if clash is not None:
        raise OutputError(f"{output}: is the input {clash}; give another output name")
    from zonemap.write import write_atomic

    write_atomic(output, text, force=force)
    print(f"wrote {terminal_text(output)}", file=sys.stderr)
