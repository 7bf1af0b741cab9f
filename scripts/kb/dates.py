"""Dates with their precision: EDTF text, plus the qualifiers EDTF has no form for.

Three shapes of date, told apart because they tell a reader different things:

- **a single date**, as precise as the source: a day (`2024-01-04`), a month
  (`2023-10`), a year (`2019`), approximate (`2020~`) or uncertain (`2020?`).
  Reporting also says "late October" or "as early as 2019": those are a month or a
  year with a `qualifier` beside it.
- **an interval** (EDTF level 0/1), `a/b`: something that lasted from a to b, read
  "4–7 January 2024". An end may be open, `a/..` ("from … on") and `../b` ("until …"),
  or unknown, `a/` and `/b`.
- **one of a set** (EDTF level 2), `[a..b]`: a single day (month, year) known only to
  fall between a and b, unknown which, read "between 1 and 4 January 2024"; `[..b]`
  is on or before b ("by 4 January 2024"), `[a..]` on or after a. A set is never read
  as a span: it happened once.

The `edtf` package reads the sets' syntax and bounds; by hand here, because it does
not do them: a fast path for plain days, months and years (it costs about 10 ms a
date), the calendar and order checks with readable messages, open ends (its bounds
raise TypeError on them, or invent ten years for an unknown end), the words, the
precision and the sort order.
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
Shape = Literal["single", "interval", "set"]
PARTS_OF_MONTH: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),  # None: the month's last day
}
PRECISIONS = ("day", "month", "part of month", "year", "interval", "one of a range")
"""Every value of `FuzzyDate.precision`, for the exports' schemas."""
EXAMPLES = "2024-01-04 (a day), 2023-10 (a month), 2019 (a year), 2020~ (about 2020), " \
           "2024-01-04/2024-01-07 (a span of days), " \
           "\"[2024-01-01..2024-01-04]\" (one day between two, unknown which)"

_SINGLE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<flag>[~?%])?$")
_OPEN, _UNKNOWN = "..", ""
"""How an interval's end is written when it is open (still going, or long before) and
when it is not known (EDTF level 1)."""


class DateError(ValueError):
    """A date that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class _Reading:
    """What a date's text says: its shape, its two ends as written, and the earliest
    and latest day it can mean (None on an open or unknown side)."""

    shape: Shape
    first: str
    last: str
    earliest: dt.date | None
    latest: dt.date | None


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as its source: EDTF text plus an optional qualifier."""

    edtf: str
    qualifier: Qualifier | None = None

    @property
    def shape(self) -> Shape:
        """'single', 'interval' (it lasted from … to …) or 'set' (one day of a range)."""
        return _read(self.edtf).shape

    @property
    def earliest(self) -> dt.date | None:
        """The first day the date can mean; None when it has no known start
        (`[..b]`, `../b`, `/b`)."""
        return _bounds(self.edtf, self.qualifier)[0]

    @property
    def latest(self) -> dt.date | None:
        """The last day the date can mean; None when it has no known end
        (`[a..]`, `a/..`, `a/`)."""
        return _bounds(self.edtf, self.qualifier)[1]

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """(earliest, latest) day the date can mean, an unknown side as date.min or
        date.max, so that comparisons stay true: nothing is known to be before
        `[..b]` began."""
        earliest, latest = _bounds(self.edtf, self.qualifier)
        return earliest or dt.date.min, latest or dt.date.max

    @property
    def order(self) -> tuple[dt.date, int, dt.date, dt.date]:
        """The sort key of timelines and quote lists: (day listed at, rank, earliest,
        latest), open sides as date.min / date.max.

        A single date or an interval is listed at its first day: a month or a year
        at its start, like a heading, and a span when it began. One day of a range,
        `[a..b]` or `[..b]`, is listed at b, the day by which it had surely happened,
        ahead of everything dated b (rank 0): listing it at a would present the
        first possible day as known, and put it before events it may have followed.
        An interval with no known start (`../b`) is listed at b the same way. Only
        `[a..]`, with no known last day, is listed at a, after everything dated a
        (rank 2). Ties go to the wider date first, then the earlier end.
        """
        return _order(self.edtf, self.qualifier)

    @property
    def listed_on(self) -> dt.date:
        """The day the date is listed at in order (`order`'s first item): the period
        pages and the timeline's year headings file it there."""
        return self.order[0]

    @property
    def precision(self) -> str:
        """`day`, `month`, `part of month`, `year`, `interval` (a span, even with an
        open end) or `one of a range` (`[a..b]`, `[..b]`, `[a..]`)."""
        reading = _read(self.edtf)
        if reading.shape == "interval":
            return "interval"
        if reading.shape == "set":
            return "one of a range"
        if self.qualifier in PARTS_OF_MONTH:
            return "part of month"
        match = _SINGLE.match(self.edtf)
        assert match, self.edtf  # parse() let nothing else through
        return "day" if match["d"] else "month" if match["m"] else "year"

    def words(self) -> str:
        """The date as a reader says it: '4 January 2024', 'late October 2023',
        '4–7 January 2024' (a span), 'between 1 and 4 January 2024' (one day of them)."""
        return _words(self.edtf, self.qualifier)

    def __str__(self) -> str:
        return self.words()


def parse(value: object, qualifier: str | None = None) -> FuzzyDate:
    """Read a date written in the data; raise DateError saying what was expected.

    `value` is EDTF text (or a bare year, which YAML reads as a number); `qualifier`
    one of early, mid, late (with a month) or as-early-as (with a single date).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # YAML reads a bare year as a number
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"expected a date as text, e.g. {EXAMPLES}")
    text = value.strip()
    _read(text)  # raises on bad text
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


# ---------------------------------------------------------------------------- reading


@cache
def _read(text: str) -> _Reading:
    if text.startswith("[") or text.endswith("]"):
        return _read_set(text)
    if "/" in text:
        reading = _read_interval(text)
        if reading:
            return reading
    earliest, latest = _plain_bounds(text) or _edtf_bounds(text)
    return _Reading("interval" if "/" in text else "single", text, text, earliest, latest)


def _read_interval(text: str) -> _Reading | None:
    """`a/b`, `a/..`, `../b`, `a/`, `/b` of days, months or years; None for other
    EDTF intervals (seasons, unspecified digits), which the edtf package reads."""
    first, _, last = text.partition("/")
    ends = (first, last)
    if not all(end in (_OPEN, _UNKNOWN) or _SINGLE.match(end) for end in ends):
        return None
    if all(end in (_OPEN, _UNKNOWN) for end in ends):
        raise DateError(f"'{text}' is an interval with neither end known; write at least "
                        f"one, e.g. 2024-01-04/.. (from 4 January 2024 on)")
    start = None if first in (_OPEN, _UNKNOWN) else _calendar(first, text)
    end = None if last in (_OPEN, _UNKNOWN) else _calendar(last, text)
    if start and end:
        _check_order(text, first, start, last, end, "an interval")
    return _Reading("interval", first, last, start[0] if start else None,
                    end[1] if end else None)


def _read_set(text: str) -> _Reading:
    """`[a..b]`, `[..b]`, `[a..]`: one day (month, year) of a range, unknown which."""
    expected = ("expected one day of a range written [first..last], [..last] (on or "
                "before) or [first..] (on or after), e.g. \"[2024-01-01..2024-01-04]\"")
    inner = text[1:-1] if text.startswith("[") and text.endswith("]") else None
    if inner is None or inner.count("..") != 1:
        hint = (" (a list of possible dates, with commas, is not read yet)"
                if inner and "," in inner else "")
        raise DateError(f"'{text}' is not a date this site can read{hint}; {expected}")
    first, _, last = inner.partition("..")
    if not first and not last:
        raise DateError(f"'{text}' names no day at all; {expected}")
    for end in (first, last):
        match = _SINGLE.match(end) if end else True
        if not match or (end and match["flag"]):  # type: ignore[index]
            raise DateError(f"'{end}' in '{text}' is not a plain day, month or year "
                            f"(2024-01-04, 2024-01, 2024); {expected}")
    start = _calendar(first, text) if first else None
    end_bounds = _calendar(last, text) if last else None
    if start and end_bounds:
        _check_order(text, first, start, last, end_bounds, "a range")
    try:
        parsed = edtf.parse_edtf(text)
        # edtf gives the known sides; asked for an open one it raises TypeError.
        earliest = _day(parsed.lower_strict()) if first else None
        latest = _day(parsed.upper_strict()) if last else None
    except Exception as error:  # edtf raises several types
        raise DateError(f"'{text}' is not a date this site can read; {expected}") from error
    return _Reading("set", first, last, earliest, latest)


def _calendar(part: str, text: str) -> tuple[dt.date, dt.date]:
    """Bounds of one day, month or year inside a range or interval, checked against
    the calendar."""
    match = _SINGLE.match(part)
    assert match, part
    try:
        return _single_bounds(match)
    except ValueError as error:  # month 13, 30 February, year 0
        raise DateError(f"'{part}' in '{text}' is not a date on the calendar ({error}); "
                        f"expected EDTF such as {EXAMPLES}") from error


def _check_order(text: str, first: str, start: tuple[dt.date, dt.date], last: str,
                 end: tuple[dt.date, dt.date], what: str) -> None:
    """Refuse a range or interval that runs backwards, or names one date twice."""
    if start == end:
        raise DateError(f"'{text}' starts and ends on {_words_single(first)}; for a "
                        f"single date write it alone ({first})")
    if start[0] > end[0]:
        raise DateError(f"'{text}' runs backwards: {what} is written earlier date first, "
                        f"and {_words_single(first)} is after {_words_single(last)}")
    if start[1] > end[1]:
        raise DateError(f"'{text}': {_words_single(first)} does not end before "
                        f"{_words_single(last)} does; write {what} as two dates, the "
                        f"earlier first, neither inside the other")


def _day(value: object) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)  # type: ignore[attr-defined]


@cache
def _bounds(text: str, qualifier: str | None) -> tuple[dt.date | None, dt.date | None]:
    reading = _read(text)
    start, end = reading.earliest, reading.latest
    if qualifier in PARTS_OF_MONTH and start:
        first, last = PARTS_OF_MONTH[qualifier]
        last = last or calendar.monthrange(start.year, start.month)[1]
        start, end = start.replace(day=first), start.replace(day=last)
    return start, end


@cache
def _order(text: str, qualifier: str | None) -> tuple[dt.date, int, dt.date, dt.date]:
    earliest, latest = _bounds(text, qualifier)
    low, high = earliest or dt.date.min, latest or dt.date.max
    shape = _read(text).shape
    if shape == "set" and latest is None:
        return low, 2, low, high
    if (shape == "set" or earliest is None) and latest is not None:
        return latest, 0, low, high
    return low, 1, low, high


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
        return _day(parsed.lower_strict()), _day(parsed.upper_strict())
    except Exception as error:  # edtf raises several types, TypeError for open intervals
        raise DateError(f"'{text}' is not a date this site can read; expected EDTF such as "
                        f"{EXAMPLES}") from error


# ---------------------------------------------------------------------------- words


@lru_cache(maxsize=1 << 14)  # a source's date is written on every page citing it
def _words(edtf: str, qualifier: str | None) -> str:
    reading = _read(edtf)
    if reading.shape == "interval":
        return _interval_words(reading)
    if reading.shape == "set":
        return _set_words(reading)
    text = _words_single(edtf)
    if qualifier in PARTS_OF_MONTH:
        return f"{qualifier} {text}"
    if qualifier == "as-early-as":
        return f"as early as {text}"
    return text


def _interval_words(reading: _Reading) -> str:
    """A span: '4–7 January 2024', 'from 4 January 2024 on', 'until 7 January 2024'."""
    first, last = reading.first, reading.last
    if first in (_OPEN, _UNKNOWN):
        unknown = " (start not known)" if first == _UNKNOWN else ""
        return f"until {_words_single(last)}{unknown}"
    if last in (_OPEN, _UNKNOWN):
        unknown = " (end not known)" if last == _UNKNOWN else ""
        return f"from {_words_single(first)}{'' if unknown else ' on'}{unknown}"
    start, end = _shortened(first, last), _words_single(last)
    return f"{start}–{end}" if start.isdigit() else f"{start} – {end}"


def _set_words(reading: _Reading) -> str:
    """One of a range, never a span: 'between 1 and 4 January 2024', '2 or 3 February
    2024' (two days running), 'by 4 January 2024', 'on or after 1 January 2024'."""
    first, last = reading.first, reading.last
    if not first:
        return f"{'by' if _is_day(last) else 'in or before'} {_words_single(last)}"
    if not last:
        return f"{'on or after' if _is_day(first) else 'in or after'} {_words_single(first)}"
    start, end = _shortened(first, last), _words_single(last)
    if _consecutive(first, last):
        return f"{start} or {end}"
    return f"between {start} and {end}"


def _words_single(text: str) -> str:
    match = _SINGLE.match(text)
    if not match:
        return text
    words = " ".join(_units(match))
    flag = match["flag"]
    if flag == "~":
        return f"about {words}"
    if flag in ("?", "%"):
        return f"{words} (uncertain)"
    return words


def _units(match: re.Match[str]) -> list[str]:
    """['4', 'January', '2024'], ['January', '2024'] or ['2024']."""
    year, month, day = match["y"], match["m"], match["d"]
    words = [year]
    if month:
        words.insert(0, calendar.month_name[int(month)])
    if day:
        words.insert(0, str(int(day)))
    return words


def _shortened(first: str, last: str) -> str:
    """The first end in words, without the month and year it shares with the last:
    '4' before '7 January 2024', '28 January' before '2 February 2024'."""
    start, end = _SINGLE.match(first), _SINGLE.match(last)
    if not start or not end or start["flag"] or end["flag"]:
        return _words_single(first)
    words, others = _units(start), _units(end)
    if len(words) != len(others):
        return " ".join(words)
    while len(words) > 1 and words[-1] == others[-1]:
        words.pop()
        others.pop()
    return " ".join(words)


def _is_day(text: str) -> bool:
    match = _SINGLE.match(text)
    return bool(match and match["d"])


def _consecutive(first: str, last: str) -> bool:
    """Whether two ends of the same precision are next to each other: one of exactly
    two days (months, years) reads 'this or that'."""
    start, end = _SINGLE.match(first), _SINGLE.match(last)
    if not start or not end or bool(start["d"]) != bool(end["d"]) \
            or bool(start["m"]) != bool(end["m"]):
        return False
    if start["d"]:
        return (_single_bounds(end)[0] - _single_bounds(start)[0]).days == 1
    if start["m"]:
        months = (int(end["y"]) - int(start["y"])) * 12 + int(end["m"]) - int(start["m"])
        return months == 1
    return int(end["y"]) - int(start["y"]) == 1
