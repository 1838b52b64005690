"""Messages on standard error: one form for every command, and how many of them.

Every diagnostic line of every command has one of two forms, as in cc, rdfpipe or riot:

* a problem in one input (a source document, an RDF file, a query) is led by where it is:
  ``source:line: message``, ``source:line:column: message`` or ``source: message`` when there
  is no line, and ``source:line: warning: message`` for a warning;
* anything else (a store, a server, an option, the run as a whole) is led by the program:
  ``kv2rdf: message`` and ``kv2rdf: warning: message``.

A library error is an input problem when it is a `ParseError` or an `InputFileError` (which
commands raise for what the user gave them); every other `Kv2RdfError` reads ``kv2rdf: …``.

How much is said (``-q`` / ``-v`` on every command): quiet shows errors only (no warnings, no
summary, no progress bar); normal adds warnings and the closing summary; verbose adds a line
per document and details (where an output went, how long a query took). Results (the RDF,
the report, the rows) go to standard output whatever the level.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from kv2rdf.errors import Kv2RdfError, ParseError

PROGRAM = "kv2rdf"
QUIET, NORMAL, VERBOSE = 0, 1, 2
#: Where ``kv2rdf -q COMMAND`` keeps the level for the command (click's shared context meta).
LEVEL_KEY = "kv2rdf.level"

_level = NORMAL
#: Where lines go while a progress bar is drawn (above the bar); None: straight to stderr.
_writer: Callable[[str], None] | None = None


class InputFileError(Kv2RdfError):
    """A problem in something the user gave (a file, a query): ``source[:line[:col]]: …``."""

    def __init__(self, source: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.source, self.message, self.line, self.column = source, message, line, column

    def __str__(self) -> str:
        return located(self.source, self.message, self.line, self.column)


def located(source: str, message: str, line: int | None = None, column: int | None = None,
            *, warning: bool = False) -> str:
    """``source:line:column: [warning: ]message`` (line and column when known)."""
    where = source + "".join(f":{n}" for n in (line, column if line else None) if n)
    return f"{where}: {'warning: ' if warning else ''}{message}"


def general(message: str, *, warning: bool = False) -> str:
    """``kv2rdf: [warning: ]message``: a message about no one input."""
    return f"{PROGRAM}: {'warning: ' if warning else ''}{message}"


def error_text(error: BaseException) -> str:
    """The line(s) an error prints: input problems as they are, the rest after ``kv2rdf:``."""
    if isinstance(error, ParseError | InputFileError):
        return str(error)
    return general(str(error))


_WARNING = re.compile(r"^\S[^\n]*?: warning: ")


def is_warning(line: str) -> bool:
    """Whether a diagnostic line is a warning (``…: warning: …``)."""
    return bool(_WARNING.match(line))


def set_level(level: int) -> None:
    """Set how much is said (`QUIET`, `NORMAL`, `VERBOSE`); every command starts at normal."""
    global _level
    _level = max(QUIET, min(VERBOSE, level))


def level() -> int:
    """How much is said now."""
    return _level


def progress_wanted() -> bool:
    """Whether a progress bar may be drawn: on a terminal, and not when quiet."""
    return _level > QUIET and sys.stderr is not None and sys.stderr.isatty()


def echo(line: str) -> None:
    """Write one line to standard error, whatever the level."""
    click.echo(line, err=True)


def _emit(line: str) -> None:
    (_writer or echo)(line)


@contextmanager
def writing_through(write: Callable[[str], None]) -> Iterator[None]:
    """Send the lines printed meanwhile through ``write`` (above a progress bar)."""
    global _writer
    before, _writer = _writer, write
    try:
        yield
    finally:
        _writer = before


def error(line: str) -> None:
    """Print an error line (always)."""
    _emit(line)


def warn(line: str) -> None:
    """Print a warning line (not when quiet)."""
    if _level >= NORMAL:
        _emit(line)


def note(line: str) -> None:
    """Print a summary or an informative line (not when quiet)."""
    if _level >= NORMAL:
        _emit(line)


def detail(line: str) -> None:
    """Print a per-document line or a detail (only when verbose)."""
    if _level >= VERBOSE:
        _emit(line)


def diagnostic(line: str) -> None:
    """Print a line of unknown kind: a warning when it reads like one, else an error."""
    (warn if is_warning(line) else error)(line)


def filtered(emit: Callable[[str], None]) -> Callable[[str], None]:
    """``emit`` that drops warnings when quiet (for messages that come from workers)."""
    def send(line: str) -> None:
        if _level >= NORMAL or not is_warning(line):
            emit(line)
    return send


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[LEVEL_KEY] = QUIET
        set_level(QUIET)


def _set_verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[LEVEL_KEY] = VERBOSE
        set_level(VERBOSE)


def verbosity_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``-q/--quiet`` and ``-v/--verbose``, for every command."""
    func = click.option("-v", "--verbose", is_flag=True, expose_value=False, is_eager=True,
                        callback=_set_verbose,
                        help="Say more: a line per document, and details.")(func)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True,
                        callback=_set_quiet, help="Print errors only (no warnings, summary "
                        "or progress bar).")(func)
