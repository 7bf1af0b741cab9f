"""Unexpected exceptions: which data file was being read when one was raised, and the
one message every edge (the `kb` command, the MkDocs hook) prints instead of a
Python traceback.

A fault in the pipeline reaches the editor as a sentence naming the file that set it
off, and asking for a report (issue 15, item 7); with `KB_DEBUG=1` in the
environment the edges let the exception through, traceback and all, for developers.
Located problems in the data are not exceptions: every stage returns them as
`kb.problems.Problem`s.
"""

from __future__ import annotations

import os
from contextlib import suppress
from types import TracebackType
from typing import Literal

from kb.problems import Problem

DEBUG_VARIABLE = "KB_DEBUG"
"""Set to 1 (anything but empty, 0, no, false or off) to get tracebacks instead of the
message."""
UNKNOWN = "data"
"""The path of the problem when no one file was being read (a check across files, a
page that lists every entry, a command that reads no data)."""
_ATTRIBUTE = "kb_data_file"
_MAX_DETAIL = 300
"""Characters of the exception's own text kept: it may quote a whole data file."""


class reading:
    """Context manager naming `path` (e.g. 'data/people/x.yaml') on any unexpected
    exception raised inside it; the exception itself goes on unchanged. Nested, the
    innermost names the file, as it knows it most precisely.

    A class rather than a generator-based context manager: stages enter it once per
    file, and this costs a fraction of a microsecond each time.
    """

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> Literal[False]:
        if isinstance(error, Exception) and data_file(error) is None:
            with suppress(AttributeError, TypeError):  # an exception type with __slots__
                setattr(error, _ATTRIBUTE, self.path)
        return False  # never swallowed: the edge decides what to print


def data_file(error: BaseException) -> str | None:
    """The data file named by the innermost `reading` the exception left, if any."""
    path = getattr(error, _ATTRIBUTE, None)
    return path if isinstance(path, str) else None


def message(error: BaseException) -> str:
    """'internal error while reading data/people/x.yaml: IndexError: list index out of
    range; please report it (KB_DEBUG=1 shows where it happened)'; without
    'while reading …' when no one file was being read.

    The exception's own text is shortened and its control characters written as
    escapes: it may quote data, and a terminal must print it as text.
    """
    detail = _printable(str(error))
    if len(detail) > _MAX_DETAIL:
        detail = detail[:_MAX_DETAIL] + "…"
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    path = data_file(error)
    where = f" while reading {path}" if path else ""
    return (f"internal error{where}: {what}; please report it ({DEBUG_VARIABLE}=1 shows "
            "where it happened)")


def as_problem(error: BaseException) -> Problem:
    """The exception as an error of the file it was read from (or of `data/`), for the
    reports that list problems: JSON, GitHub annotations, the preview's banner."""
    return Problem(data_file(error) or UNKNOWN, 0, 0, message(error))


def debugging() -> bool:
    """Whether `KB_DEBUG` asks for tracebacks: set, and not empty, 0, no, false or off
    (in any case)."""
    return os.environ.get(DEBUG_VARIABLE, "").strip().casefold() not in (
        "", "0", "no", "false", "off", "n")


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape")
                   .decode("ascii") for c in text)
