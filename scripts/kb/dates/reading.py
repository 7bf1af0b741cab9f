"""Reading a date's EDTF text: what it says, and the earliest and latest day it can mean.

The `edtf` package decides what is EDTF (levels 0 to 2 of the Library of Congress
specification); this module decides what of it the site can say truthfully, reads that
into points and items, and refuses the rest with a `DateError` that says what to write
instead. What is read:

- a **point**: a day, month or year (`2024-01-04`, `2023-10`, `2019`), approximate or
  uncertain as a whole (`2020~`, `2020?`, `2020%`) or in one part (`2004?-06-11`, year
  uncertain; `2004-06-~11`, day approximate); with unknown digits (`199X`, the 1990s;
  `2024-01-XX`, a day of January); a season, quarter or half of a year (`2001-21`, spring;
  `2001-33`, first quarter); a year with significant digits (`1950S2`, some year of
  1900–1999, estimated 1950);
- an **interval** `a/b`, `a/..`, `../b`, `a/`, `/b` of points: it lasted from a to b;
- a **set** `[a, b, c..d, ..e, f..]`: one of those dates, unknown which;
- a **list** `{a, b, c..d}`: all of those dates.

Refused, each with its reason: a time of day (the site shows days); years before 1 or
after 9999 (`-0999`, `0000`, `Y170000002`, `Y17E7`); a winter (it runs into the next year,
and sources mean different months by it); unknown digits anywhere but at the end of a year
or as a whole month or day (`1X99`, `XXXX-XX-23`); qualified or unknown dates inside sets
and lists; anything that runs backwards or names a day not on the calendar.

Plain days, months and years (and intervals of them) are read without the `edtf`
package, which costs about 10 ms a date: at 10,000 entries that was most of validate.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NoReturn

import edtf

Shape = Literal["single", "interval", "set", "multiple"]
OPEN, UNKNOWN = "..", ""
"""How an interval's end is written when it is open (still going, or long before) and
when it is not known (EDTF level 1); in a set or list, `..` alone marks an open side."""

EXAMPLES = ("2024-01-04 (a day), 2023-10 (a month), 2019 (a year), 2020~ (about 2020), "
            "2024-01-04/2024-01-07 (a span of days), \"[2024-01-01..2024-01-04]\" (one day "
            "between two, unknown which)")
EXPECTED = f"expected a date written year first, such as {EXAMPLES}, in EDTF, the standard " \
           "date notation"
"""What every refusal ends with: 'date' before 'EDTF', which an editor may not know."""

PLAIN = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<flag>[~?%])?$")
"""A day, month or year, perhaps approximate or uncertain as a whole: read without the
`edtf` package."""
_POINT = re.compile(
    r"(?P<q0>[?~%])?(?P<y>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX)(?P<q1>[?~%])?"
    r"(?:-(?P<q2>[?~%])?(?P<m>[0-9]{2}|XX)(?P<q3>[?~%])?"
    r"(?:-(?P<q4>[?~%])?(?P<d>[0-9]{2}|XX)(?P<q5>[?~%])?)?)?"
    r"(?:S(?P<s>[0-9]+))?")
"""One point of EDTF levels 0–2 that the site reads. A qualifier left of a part applies to
that part; right of it, to that part and every part before it (EDTF level 2)."""
_END = r"(?:\d{4}(?:-\d{2}){0,2}[~?%]?|\.\.)?"
_PLAIN_ONLY = re.compile(rf"^{_END}(?:/{_END})?$")
"""A plain point, or an interval of plain points and missing sides: EDTF by construction,
read without asking the `edtf` package."""
_TIME = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})[T ]\s*(?P<time>\d{1,2}:\d{2}(?::\d{2}"
                   r"(?:[.,]\d+)?)?)\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?$")

PARTS_OF_YEAR: dict[int, tuple[str, int, int]] = {
    # The site is about Iraq: a season without a hemisphere (21-24) is a northern one,
    # in meteorological months.
    21: ("spring {}", 3, 5), 22: ("summer {}", 6, 8), 23: ("autumn {}", 9, 11),
    25: ("spring {}", 3, 5), 26: ("summer {}", 6, 8), 27: ("autumn {}", 9, 11),
    29: ("spring {} (southern hemisphere)", 9, 11),
    31: ("autumn {} (southern hemisphere)", 3, 5),
    32: ("winter {} (southern hemisphere)", 6, 8),
    33: ("first quarter of {}", 1, 3), 34: ("second quarter of {}", 4, 6),
    35: ("third quarter of {}", 7, 9), 36: ("fourth quarter of {}", 10, 12),
    37: ("first four months of {}", 1, 4), 38: ("second four months of {}", 5, 8),
    39: ("last four months of {}", 9, 12),
    40: ("first half of {}", 1, 6), 41: ("second half of {}", 7, 12),
}
"""EDTF's seasons, quarters, four-month and half-year divisions (codes 21-41): the words
(with the year for {}) and first and last month."""
ACROSS_NEW_YEAR = {24: "winter", 28: "winter (northern hemisphere)",
                   30: "summer (southern hemisphere)"}
"""Seasons that run into the next year: sources mean different months by them."""

_QUALIFIERS = {"?": frozenset("?"), "~": frozenset("~"), "%": frozenset("?~"), None: frozenset()}
_UNQUALIFIED: tuple[frozenset[str], frozenset[str], frozenset[str]] = (
    frozenset(), frozenset(), frozenset())


class DateError(ValueError):
    """A date that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Point:
    """One date as written: a day, month, part of a year or year, or a range of years
    given by unknown digits, with its qualifiers and the days it can mean."""

    text: str
    year: str
    """Four characters: digits, then any unknown ones as X (`199X`)."""
    month: int | None
    """1-12, a part of the year 21-41 (`PARTS_OF_YEAR`), or None: not written, or XX."""
    day: int | None
    """1-31, or None: not written, or XX."""
    month_unknown: bool
    day_unknown: bool
    qualified: tuple[frozenset[str], frozenset[str], frozenset[str]]
    """Year's, month's and day's qualifiers: a subset of {'?', '~'} each."""
    significant: int | None
    """Significant digits of the year (`1950S2`: 2), or None."""
    earliest: dt.date
    latest: dt.date

    @property
    def plain(self) -> bool:
        """A day, month or year with every digit known and no qualifier."""
        return bool(PLAIN.match(self.text)) and self.text[-1] not in "?~%"

    @property
    def written(self) -> int:
        """How many parts are written: 1 (year), 2 (month or XX), 3 (day or XX)."""
        return 1 + (self.month is not None or self.month_unknown) \
            + (self.day is not None or self.day_unknown)

    @property
    def precision(self) -> str:
        """The coarsest unit the date is known to: 'millennium', 'century' or
        'decade' (unknown or insignificant digits of the year), 'year' (month not
        known), 'part of year' (a season, quarter or half), 'month' (day not known),
        'day'."""
        unknown = self.year.count("X") or 4 - min(self.significant or 4, 4)
        if unknown:
            return ("decade", "century", "millennium")[unknown - 1]
        if self.month_unknown or self.month is None:
            return "year"
        if self.month > 12:
            return "part of year"
        return "month" if self.day is None else "day"

    def stated(self) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) the text states, None for each part not given or not
        known (a season states its year only): what a source must also say."""
        year = None if "X" in self.year or self.significant else int(self.year)
        month = self.month if self.month and self.month <= 12 else None
        return year, month, self.day if month else None


@dataclass(frozen=True)
class Item:
    """An interval's two ends, a point (first is last), or one member of a set or list:
    a point or a run `a..b`. A missing side is `OPEN` or `UNKNOWN`."""

    first: Point | str
    last: Point | str

    @property
    def earliest(self) -> dt.date | None:
        return self.first.earliest if isinstance(self.first, Point) else None

    @property
    def latest(self) -> dt.date | None:
        return self.last.latest if isinstance(self.last, Point) else None


def known(end: Point | str) -> Point:
    """An item's end where the reading has a date: a single date's, a list member's,
    the known end of a half-open span. Raises ValueError on an open or unknown end
    (`OPEN`, `UNKNOWN`): a fault of the caller, which asked for a date where none is."""
    if isinstance(end, Point):
        return end
    raise ValueError(f"an open or unknown end ({end!r}) where a date was expected")


@dataclass(frozen=True)
class Reading:
    """What a date's text says: its shape, its items (one for a single date or an
    interval), and the earliest and latest day it can mean (None on an open or unknown
    side)."""

    shape: Shape
    items: tuple[Item, ...]
    earliest: dt.date | None
    latest: dt.date | None


def read(text: str) -> Reading:
    """Read stripped EDTF text; raise DateError saying why it is refused and what to write.

    Each date is read once: `kb.dates.date.FuzzyDate` keeps its reading, and one validation
    reads a date written twice once (`kb.dates.date.DateTable`)."""
    _refuse_time(text)
    if text.startswith(("[", "{")) or text.endswith(("]", "}")):
        reading = _read_list(text)
    elif "/" in text:
        reading = _read_interval(text)
    else:
        point = read_point(text, text)
        reading = Reading("single", (Item(point, point),), point.earliest, point.latest)
    if not _PLAIN_ONLY.match(text):
        _check_edtf(text)
    return reading


def unreadable(text: str) -> DateError:
    """The refusal of text that is no date this site reads, with what was expected and,
    where the text reads as a date in other words, what it probably means."""
    from kb.dates.hints import hint  # only on a mistake: dateutil costs time to import

    suggestion = hint(text)
    return DateError(f"'{text}' is not a date this site can read; {EXPECTED}"
                     f"{f'. {suggestion}' if suggestion else ''}")


def _check_edtf(text: str) -> None:
    """Refuse what the `edtf` package does not read as EDTF (levels 0-2)."""
    try:
        # It prints to stdout on some failures, which would corrupt `--format json`.
        with contextlib.redirect_stdout(io.StringIO()):
            edtf.parse_edtf(text)
    except Exception as error:  # it raises several types, not only its own
        raise unreadable(text) from error


def _refuse_time(text: str) -> None:
    match = _TIME.match(text)
    if not match:
        return
    day = match["day"]
    zone = match["zone"] or ""
    zone = "UTC" if zone == "Z" else f"UTC{zone}" if zone else ""
    time = f"{match['time']}{f', {zone}' if zone else ''}"
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise DateError(f"'{text}' gives a time of day, and '{day}' is not a date on the "
                        f"calendar; {EXPECTED}") from None
    raise DateError(f"'{text}' gives a time of day ({time}); this site shows dates to the "
                    f"day: write the day alone, {day}, and, if the time matters, give it "
                    f"in words in a note")


# ---------------------------------------------------------------------------- points


def read_point(part: str, text: str) -> Point:
    """One point of `text` (which may be the point itself), checked against the calendar."""
    where = f"'{part}'" if part == text else f"'{part}' in '{text}'"
    match = _POINT.fullmatch(part)
    if not match:
        _refuse_point(part, text, where)
    year, month, day = match["y"], match["m"], match["d"]
    significant = int(match["s"]) if match["s"] else None
    if significant is not None and ("X" in year or month or not 1 <= significant <= 4):
        raise DateError(f"{where}: significant digits (S) go on a year with every digit "
                        f"written, S1 to S4 (1950S2: some year of 1900-1999, estimated "
                        f"1950); {EXPECTED}")
    qualified = _qualifiers(match)
    month_unknown, day_unknown = month == "XX", day == "XX"
    month_n = None if month in (None, "XX") else int(month)
    day_n = None if day in (None, "XX") else int(day)
    years = _years(year, significant)
    if years[0] < 1:
        raise DateError(f"{where} is not a date on the calendar this site shows (years 1 "
                        f"to 9999): it includes the year 0; {EXPECTED}")
    if month_n is not None and month_n > 12:
        months = _part_of_year(month_n, day, where)
    elif month_n is not None:
        if month_n < 1:
            raise DateError(f"{where} is not a date on the calendar (month must be in "
                            f"1..12); {EXPECTED}")
        months = (month_n, month_n)
    else:
        months = (1, 12)
    earliest, latest = _days(years, months, day_n, where)
    return Point(part, year, month_n, day_n, month_unknown, day_unknown, qualified,
                 significant, earliest, latest)


def _refuse_point(part: str, text: str, where: str) -> NoReturn:
    """Say why a point is not read, in the terms of what was written."""
    if re.match(r"[?~%]?(?:Y-|-)", part):
        raise DateError(f"{where} is a year before the year 1; this site shows years 1 to "
                        f"9999; {EXPECTED}")
    if part.startswith("Y"):
        raise DateError(f"{where} is a year of more than four digits; this site shows years "
                        f"1 to 9999; {EXPECTED}")
    if "X" in part:
        raise DateError(f"{where}: unknown digits (X) are read at the end of a year (199X, "
                        f"some year of the 1990s) or as a whole month or day (2024-XX, "
                        f"2024-01-XX), and a year needs its first digit; {EXPECTED}")
    if part == text:
        raise unreadable(text)
    raise DateError(f"{where} is not a date this site can read; {EXPECTED}")


def _qualifiers(match: re.Match[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Each part's qualifiers: one left of a part is its own; one right of a part
    applies to it and every part before it."""
    if not any(match[group] for group in ("q0", "q1", "q2", "q3", "q4", "q5")):
        return _UNQUALIFIED
    parts: list[set[str]] = [set(), set(), set()]
    for index, (left, right) in enumerate((("q0", "q1"), ("q2", "q3"), ("q4", "q5"))):
        parts[index] |= _QUALIFIERS[match[left]]
        for earlier in range(index + 1):
            parts[earlier] |= _QUALIFIERS[match[right]]
    return frozenset(parts[0]), frozenset(parts[1]), frozenset(parts[2])


def _years(year: str, significant: int | None) -> tuple[int, int]:
    """First and last year a year's text can mean: `199X` 1990-1999, `1950S2` 1900-1999."""
    unknown = year.count("X") or (4 - significant if significant else 0)
    first = int(year.replace("X", "0")) // 10 ** unknown * 10 ** unknown
    return first, first + 10 ** unknown - 1


def _part_of_year(code: int, day: str | None, where: str) -> tuple[int, int]:
    if code in ACROSS_NEW_YEAR:
        raise DateError(f"{where} is {ACROSS_NEW_YEAR[code]}, which runs into the next year, "
                        f"and sources mean different months by it: a date this site cannot "
                        f"word truthfully; write the months the source means, e.g. "
                        f"\"[2010-12..2011-02]\" (one month of those) or 2010-12/2011-02 (all "
                        f"of them)")
    if code not in PARTS_OF_YEAR or day is not None:
        raise DateError(f"{where} is not a date on the calendar (month must be in 1..12); "
                        f"{EXPECTED}")
    _, first, last = PARTS_OF_YEAR[code]
    return first, last


def _days(years: tuple[int, int], months: tuple[int, int], day: int | None,
          where: str) -> tuple[dt.date, dt.date]:
    """The first and last day in those years and months, on the given day of the month
    if there is one; DateError if no such day is on the calendar."""
    if day is None:
        last = calendar.monthrange(years[1], months[1])[1]
        return dt.date(years[0], months[0], 1), dt.date(years[1], months[1], last)
    if years[0] == years[1] and months[0] == months[1]:
        try:
            single = dt.date(years[0], months[0], day)
        except ValueError as error:  # 30 February
            raise DateError(f"{where} is not a date on the calendar ({error}); "
                            f"{EXPECTED}") from error
        return single, single
    found = list(_first_and_last(years, months, day))
    if not found:
        raise DateError(f"{where} is not a date on the calendar (day is out of range for "
                        f"month); {EXPECTED}")
    return found[0], found[-1]


def _first_and_last(years: tuple[int, int], months: tuple[int, int],
                    day: int) -> Iterator[dt.date]:
    """The first and the last date with that day of the month (`202X-02-29`: 29 February
    2020 and 2028); nothing if there is none."""
    candidates = [(y, m) for y in range(years[0], years[1] + 1)
                  for m in range(months[0], months[1] + 1)]
    for order in (candidates, reversed(candidates)):
        for year, month in order:
            if 1 <= day <= calendar.monthrange(year, month)[1]:
                yield dt.date(year, month, day)
                break


# ---------------------------------------------------------------------------- intervals


def _read_interval(text: str) -> Reading:
    """`a/b`, `a/..`, `../b`, `a/`, `/b`: something that lasted from a to b."""
    first, _, last = text.partition("/")
    if "/" in last:
        raise unreadable(text)
    if all(end in (OPEN, UNKNOWN) for end in (first, last)):
        raise DateError(f"'{text}' is an interval with neither end known; write at least "
                        f"one, e.g. 2024-01-04/.. (from 4 January 2024 on)")
    start = first if first in (OPEN, UNKNOWN) else read_point(first, text)
    end = last if last in (OPEN, UNKNOWN) else read_point(last, text)
    item = Item(start, end)
    if isinstance(start, Point) and isinstance(end, Point):
        check_order(text, start, end, "an interval")
    return Reading("interval", (item,), item.earliest, item.latest)


def check_order(text: str, first: Point, last: Point, what: str) -> None:
    """Refuse a range or interval that runs backwards, or names one date twice."""
    from kb.dates.words import point_words

    if (first.earliest, first.latest) == (last.earliest, last.latest):
        raise DateError(f"'{text}' starts and ends on {point_words(first)}; for a single "
                        f"date write it alone ({first.text})")
    if first.earliest > last.earliest:
        raise DateError(f"'{text}' runs backwards: {what} is written earlier date first, and "
                        f"{point_words(first)} is after {point_words(last)}")
    if first.latest > last.latest:
        raise DateError(f"'{text}': {point_words(first)} does not end before "
                        f"{point_words(last)} does; write {what} as two dates, the earlier "
                        f"first, neither inside the other")


# ---------------------------------------------------------------------------- sets, lists


_SET_EXPECTED = ("expected one day of a range written [first..last], [..last] (on or "
                 "before) or [first..] (on or after), e.g. \"[2024-01-01..2024-01-04]\", or "
                 "one of several dates, \"[2024-01-04, 2024-01-07]\"")


def _read_list(text: str) -> Reading:
    """`[a, b..c, ..d, e..]`: one of those dates, unknown which (a set); `{a, b..c}`: all
    of them (a list). Members are plain days, months or years, earliest first."""
    shape: Shape = "set" if text.startswith("[") or (
        not text.startswith("{") and text.endswith("]")) else "multiple"
    opening, closing = ("[", "]") if shape == "set" else ("{", "}")
    expected = _SET_EXPECTED if shape == "set" else (
        "expected several dates that all happened, written {first, second, first..last}, "
        "e.g. {2024-01-04, 2024-01-07}")
    if len(text) < 2 or not text.startswith(opening) or not text.endswith(closing):
        raise DateError(f"'{text}' is not a date this site can read; {expected}")
    members = [member.strip() for member in text[1:-1].split(",")]
    items = [_read_member(member, text, index, len(members), shape, expected)
             for index, member in enumerate(members)]
    if len(items) == 1 and items[0].first is items[0].last:
        raise DateError(f"'{text}' names one date only; write it alone "
                        f"({known(items[0].first).text}), or {expected}")
    for before, after in itertools.pairwise(items):
        if before.latest is None or after.earliest is None or before.latest >= after.earliest:
            raise DateError(f"'{text}': write the dates of a set or list earliest first, none "
                            f"inside or across another ({_member_text(before)} is not before "
                            f"{_member_text(after)})")
    return Reading(shape, tuple(items), items[0].earliest, items[-1].latest)


def _member_text(item: Item) -> str:
    first = item.first.text if isinstance(item.first, Point) else ""
    last = item.last.text if isinstance(item.last, Point) else ""
    return first if item.first is item.last else f"{first}..{last}"


def _read_member(member: str, text: str, index: int, count: int, shape: Shape,
                 expected: str) -> Item:
    if not member or member.count("..") > 1:
        raise DateError(f"'{text}' is not a date this site can read; {expected}")
    first, dots, last = member.partition("..")
    if dots and not first and not last:
        raise DateError(f"'{text}' names no day at all; {expected}")
    if dots and ((not first and index > 0) or (not last and index < count - 1)):
        raise DateError(f"'{text}': only the first date of a set can be open before it "
                        f"(..last), and only the last open after it (first..); {expected}")
    if dots and shape == "multiple" and not (first and last):
        raise DateError(f"'{text}': dates that all happened have a first and a last; "
                        f"{expected}")
    for written in (first, last):
        if not written:
            continue
        match = PLAIN.match(written)
        if not match or match["flag"]:
            raise DateError(f"'{written}' in '{text}' is not a plain day, month or year "
                            f"(2024-01-04, 2024-01, 2024); {expected}")
    start = read_point(first, text) if first else OPEN
    end = read_point(last, text) if last else OPEN
    if not dots:
        return Item(start, start)
    if isinstance(start, Point) and isinstance(end, Point):
        check_order(text, start, end, "a range")
    return Item(start, end)
