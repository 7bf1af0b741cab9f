"""Dates with their precision: EDTF text, plus the qualifiers EDTF has no form for.

EDTF (read by the `edtf` package) covers days, months, years, approximate (`~`)
and uncertain (`?`) values and intervals. Reporting also says "late October" or
"as early as 2019": those are a month or a year with a `qualifier` beside it.
A date is sorted by its bounds and shown in words, never more precise than written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import edtf

Qualifier = Literal["early", "mid", "late", "as-early-as"]
PARTS_OF_MONTH: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),  # None: the month's last day
}
EXAMPLES = "2024-01-04 (a day), 2023-10 (a month), 2019 (a year), 2020~ (about 2020), " \
           "2024-01-04/2024-01-07 (an interval)"

_SINGLE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<flag>[~?%])?$")


class DateError(ValueError):
    """A date that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as its source: EDTF text plus an optional qualifier."""

    edtf: str
    qualifier: Qualifier | None = None

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """Earliest and latest day the date can mean; the sort key."""
        return _bounds(self.edtf, self.qualifier)

    @property
    def precision(self) -> str:
        """`day`, `month`, `part of month`, `year` or `interval`."""
        if "/" in self.edtf:
            return "interval"
        if self.qualifier in PARTS_OF_MONTH:
            return "part of month"
        match = _SINGLE.match(self.edtf)
        assert match, self.edtf  # parse() let nothing else through
        return "day" if match["d"] else "month" if match["m"] else "year"

    def words(self) -> str:
        """The date as a reader says it: '4 January 2024', 'late October 2023'."""
        return _words(self.edtf, self.qualifier)

    def __str__(self) -> str:
        return self.words()


def parse(value: object, qualifier: str | None = None) -> FuzzyDate:
    """Read a date written in the data; raise DateError saying what was expected."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # YAML reads a bare year as a number
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"expected a date as text, e.g. {EXAMPLES}")
    text = value.strip()
    _bounds(text, None)  # raises on bad text
    if qualifier is not None:
        _check_qualifier(text, qualifier)
    return FuzzyDate(text, qualifier)  # type: ignore[arg-type]


def _check_qualifier(text: str, qualifier: str) -> None:
    match = _SINGLE.match(text)
    if qualifier in PARTS_OF_MONTH:
        if not match or not match["m"] or match["d"]:
            raise DateError(f"qualifier '{qualifier}' needs a month, like 2023-10 "
                            f"(found '{text}')")
    elif qualifier == "as-early-as":
        if not match:
            raise DateError(f"qualifier 'as-early-as' needs a single date (found '{text}')")
    else:
        raise DateError(f"unknown qualifier '{qualifier}'; expected one of "
                        f"early, mid, late, as-early-as")


@cache
def _bounds(text: str, qualifier: str | None) -> tuple[dt.date, dt.date]:
    start, end = _plain_bounds(text) or _edtf_bounds(text)
    if qualifier in PARTS_OF_MONTH:
        first, last = PARTS_OF_MONTH[qualifier]
        last = last or calendar.monthrange(start.year, start.month)[1]
        start, end = start.replace(day=first), start.replace(day=last)
    return start, end


def _plain_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of a day, month or year, or an interval of them, read without the edtf
    parser: it costs about 10 ms a date, which at 10,000 entries was most of validate.
    None for anything else, which edtf reads."""
    parts = [_SINGLE.match(part) for part in text.split("/")]
    if len(parts) > 2 or not all(parts):
        return None
    try:
        return _single_bounds(parts[0])[0], _single_bounds(parts[-1])[1]  # type: ignore[arg-type]
    except ValueError as error:  # month 13, 30 February, year 0
        raise DateError(f"'{text}' is not a date on the calendar ({error}); expected EDTF "
                        f"such as {EXAMPLES}") from error


def _single_bounds(match: re.Match[str]) -> tuple[dt.date, dt.date]:
    year, month, day = int(match["y"]), match["m"], match["d"]
    if day:
        start = dt.date(year, int(month), int(day))
        return start, start
    if month:
        last = calendar.monthrange(year, int(month))[1] if 1 <= int(month) <= 12 else 0
        return dt.date(year, int(month), 1), dt.date(year, int(month), last)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    try:
        parsed = edtf.parse_edtf(text)
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
        return (dt.date(lower.tm_year, lower.tm_mon, lower.tm_mday),
                dt.date(upper.tm_year, upper.tm_mon, upper.tm_mday))
    except Exception as error:  # edtf raises several types, TypeError for open intervals
        raise DateError(f"'{text}' is not a date this site can read; expected EDTF such as "
                        f"{EXAMPLES}") from error


@lru_cache(maxsize=1 << 14)  # a source's date is written on every page citing it
def _words(edtf: str, qualifier: str | None) -> str:
    if "/" in edtf:
        start, end = (_words_single(part) for part in edtf.split("/"))
        return _join_interval(start, end)
    text = _words_single(edtf)
    if qualifier in PARTS_OF_MONTH:
        return f"{qualifier} {text}"
    if qualifier == "as-early-as":
        return f"as early as {text}"
    return text


def _words_single(text: str) -> str:
    match = _SINGLE.match(text)
    if not match:
        return text
    year, month, day, flag = match["y"], match["m"], match["d"], match["flag"]
    words = year
    if month:
        words = f"{calendar.month_name[int(month)]} {year}"
    if day:
        words = f"{int(day)} {words}"
    if flag == "~":
        return f"about {words}"
    if flag in ("?", "%"):
        return f"{words} (uncertain)"
    return words


def _join_interval(start: str, end: str) -> str:
    """'4 January 2024' + '7 January 2024' -> '4–7 January 2024'."""
    start_parts, end_parts = start.split(" "), end.split(" ")
    if len(start_parts) == len(end_parts) == 3 and start_parts[1:] == end_parts[1:]:
        return f"{start_parts[0]}–{end}"
    if len(start_parts) == len(end_parts) == 3 and start_parts[2] == end_parts[2]:
        return f"{start_parts[0]} {start_parts[1]} – {end}"
    return f"{start} – {end}"
