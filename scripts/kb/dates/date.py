"""Dates with their precision: EDTF text, plus the qualifiers EDTF has no form for.

Four shapes of date, told apart because they tell a reader different things:

- **a single date**, as precise as the source: a day (`2024-01-04`), a month
  (`2023-10`), a year (`2019`), approximate (`2020~`) or uncertain (`2020?`), a season
  (`2001-21`), a decade with its year not known (`199X`). Reporting also says "late
  October" or "as early as 2019": those are a month or a year with a `qualifier` beside
  it.
- **an interval** (EDTF level 0/1), `a/b`: something that lasted from a to b, read
  "4–7 January 2024". An end may be open, `a/..` ("from … on") and `../b` ("until …"),
  or unknown, `a/` and `/b`.
- **one of a set** (EDTF level 2), `[a..b]`: a single day (month, year) known only to
  fall between a and b, unknown which, read "between 1 and 4 January 2024"; `[..b]`
  is on or before b ("by 4 January 2024"), `[a..]` on or after a; `[a, b]` one of those
  ("4 or 7 January 2024"). A set is never read as a span: it happened once.
- **several dates** (EDTF level 2), `{a, b}`: all of them ("1960 and December 1961").

`kb.dates.reading` reads the text (what the site reads and what it refuses, and why),
`kb.dates.words` words it, `kb.dates.hints` says what a date written otherwise probably
means; this module holds what the rest of the pipeline uses: `parse`, `FuzzyDate`, and
the order and precision of dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import typing
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from kb.dates import reading as date_reading
from kb.dates.reading import EXAMPLES, EXPECTED, PLAIN, DateError, Reading, Shape, known, read
from kb.dates.words import words as _reading_words

Qualifier = Literal["early", "mid", "late", "as-early-as"]
PARTS_OF_MONTH: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),  # None: the month's last day
}
PRECISIONS = ("day", "month", "part of month", "part of year", "year", "decade", "century",
              "millennium", "interval", "one of a range", "several dates")
"""Every value of `FuzzyDate.precision`, for the exports' schemas."""

__all__ = ["EXAMPLES", "EXPECTED", "PARTS_OF_MONTH", "PRECISIONS", "DateError", "FuzzyDate",
           "Qualifier", "Shape", "parse"]

DateTable = dict[tuple[str, str | None], "FuzzyDate"]
"""The dates one validation has read, by (text, qualifier): `parse` hands back the same
`FuzzyDate` for the same date written again, so that each is read and worded once."""


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as its source: EDTF text plus an optional qualifier.

    What it means (its reading, bounds, order and words) is worked out once per object,
    when first asked, and kept on it: a source's date is shown on every page citing it.
    The object holds them, so they last exactly as long as the data does."""

    edtf: str
    qualifier: Qualifier | None = None

    @cached_property
    def reading(self) -> Reading:
        """What the EDTF text says (`kb.dates.reading.read`)."""
        return read(self.edtf)

    @property
    def shape(self) -> Shape:
        """'single', 'interval' (it lasted from … to …), 'set' (one day of a range or a
        list, unknown which) or 'multiple' (several dates, all of them)."""
        return self.reading.shape

    @property
    def earliest(self) -> dt.date | None:
        """The first day the date can mean; None when it has no known start
        (`[..b]`, `../b`, `/b`)."""
        return self._bounds[0]

    @property
    def latest(self) -> dt.date | None:
        """The last day the date can mean; None when it has no known end
        (`[a..]`, `a/..`, `a/`)."""
        return self._bounds[1]

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """(earliest, latest) day the date can mean, an unknown side as date.min or
        date.max, so that comparisons stay true: nothing is known to be before
        `[..b]` began."""
        earliest, latest = self._bounds
        return earliest or dt.date.min, latest or dt.date.max

    @property
    def order(self) -> tuple[dt.date, int, int, dt.date]:
        """The sort key of every dated list (the timeline and its period pages, an
        entry's events, quotes, the Latest page): (day listed at, rank, earliest,
        latest), open sides as date.min / date.max.

        A date that starts on a known day is listed at that day (rank 1): a day, a span
        that began on a known day (`2024-01-04/2024-01-07`: it began on the 4th), several
        dates of which the first is a known day. Its order among the others is known.

        Any other date is one whose day is not known: a month, a part of a month, a
        season, quarter or half, a year, an approximate or uncertain date, one day of a
        range (`[a..b]`, `[..b]`), a span whose first day is not known. Listing it at its
        first possible day would place it before everything of its period, as though it
        had come first ("second half of 2023" before 7 October 2023): it is listed at the
        last day it (a span: its start) can mean, ahead of the days of that day (rank 0),
        so that nothing listed after it can have come before it; pages say that it may
        have come before some of what is listed above it (`placed_at_end`). Only
        `[a..]`, with no last day, is listed at a, after everything dated a (rank 2).
        Ties: of dates listed at their last day, the narrower first (December 2025, then
        2025: each group of what is known less precisely after the one it holds); of the
        others, the wider first (a span before the day it began on); then the earlier end.
        The third item is that tie's key (a day's ordinal, negated for the narrower
        first). The order of the dates that start on a known day among themselves is
        the order of those days.
        """
        return self._order

    @property
    def placed_at_end(self) -> bool:
        """Whether the date is listed at the last day it (a span: its start) can mean,
        its day not being known (`order`, rank 0), and that is more than one day: a
        page says so beside it. False for a date that starts on a known day, for
        `[a..]` and for an approximate day ('about 4 January 2024' is listed at it)."""
        listed, rank, _, _ = self._order
        return rank == 0 and self.bounds[0] < listed

    @property
    def start_unknown(self) -> bool:
        """For a span (`a/b`): its first day is not known, so that `placed_at_end`
        speaks of when it began. False for any other shape."""
        return self.shape == "interval" and self._order[1] == 0

    @property
    def listed_on(self) -> dt.date:
        """The day the date is listed at in order (`order`'s first item): the period
        pages and the timeline's year headings file it there."""
        return self.order[0]

    @property
    def precision(self) -> str:
        """One of `PRECISIONS`: `day`, `month`, `part of month` (early, mid, late),
        `part of year` (a season, quarter or half), `year`, `decade`, `century`,
        `millennium` (a year with unknown digits), `interval` (a span, even with an
        open end), `one of a range` (`[a..b]`, `[..b]`, `[a..]`, `[a, b]`) or `several
        dates` (`{a, b}`)."""
        reading = self.reading
        if reading.shape != "single":
            return {"interval": "interval", "set": "one of a range",
                    "multiple": "several dates"}[reading.shape]
        if self.qualifier in PARTS_OF_MONTH:
            return "part of month"
        return known(reading.items[0].first).precision

    def stated(self) -> list[tuple[int | None, int | None, int | None]]:
        """(year, month, day) of each date the text names, None for what it does not
        state (an unknown digit, a season's months): what a source must also say."""
        return [end.stated() for item in self.reading.items
                for end in dict.fromkeys((item.first, item.last))
                if isinstance(end, date_reading.Point)]

    def words(self) -> str:
        """The date as a reader says it: '4 January 2024', 'late October 2023',
        '4–7 January 2024' (a span), 'between 1 and 4 January 2024' (one day of them),
        'the 1990s (year not known)'."""
        return self._words

    def __str__(self) -> str:
        return self.words()

    @cached_property
    def _bounds(self) -> tuple[dt.date | None, dt.date | None]:
        start, end = self.reading.earliest, self.reading.latest
        if self.qualifier in PARTS_OF_MONTH and start:
            first, last = PARTS_OF_MONTH[self.qualifier]
            last = last or calendar.monthrange(start.year, start.month)[1]
            start, end = start.replace(day=first), start.replace(day=last)
        return start, end

    @cached_property
    def _order(self) -> tuple[dt.date, int, int, dt.date]:
        earliest, latest = self._bounds
        low, high = earliest or dt.date.min, latest or dt.date.max
        wider, narrower = low.toordinal(), -low.toordinal()
        first = self.reading.items[0].first
        if self.shape != "set" and self._known_day(first):
            return low, 1, wider, high
        if self.shape in ("interval", "multiple") and isinstance(first, date_reading.Point):
            # A span or several dates whose first day is not known: listed where that
            # first date ends ('2023-10/2024-01' at 31 October 2023).
            return first.latest, 0, narrower, high
        if latest is None:
            return low, 2, wider, high
        return latest, 0, narrower, high

    def _known_day(self, point: date_reading.Point | str) -> bool:
        """A day with every digit known and no qualifier (EDTF's ~ ? %, or early, mid,
        late, as early as)."""
        return (isinstance(point, date_reading.Point) and self.qualifier is None
                and point.precision == "day" and not any(point.qualified))

    @cached_property
    def _words(self) -> str:
        text = _reading_words(self.reading)
        if self.qualifier in PARTS_OF_MONTH:
            return f"{self.qualifier} {text}"
        if self.qualifier == "as-early-as":
            return f"as early as {text}"
        return text


def parse(value: object, qualifier: str | None = None, *,
          table: DateTable | None = None) -> FuzzyDate:
    """Read a date written in the data; raise DateError saying what was expected.

    `value` is EDTF text (or a bare year, which YAML reads as a number); `qualifier`
    one of early, mid, late (with a month) or as-early-as (with a single date). Every
    date this returns has words, bounds, order and precision; everything else raises
    DateError (what `kb.dates.reading` reads and refuses, and why). With a `table` (one
    validation's, see `DateTable`), a date read before is handed back as it was.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # YAML reads a bare year as a number
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"{EXPECTED[0].upper()}{EXPECTED[1:]} (as text)")
    text = value.strip()
    kept = table.get((text, qualifier)) if table is not None else None
    if kept is not None:
        return kept
    reading = read(text)  # raises on bad text
    date = (FuzzyDate(text) if qualifier is None
            else FuzzyDate(text, _check_qualifier(text, reading, qualifier)))
    date.__dict__["reading"] = reading  # read just now: what `FuzzyDate.reading` keeps
    if table is not None:
        table[(text, qualifier)] = date
    return date


_QUALIFIERS: dict[str, Qualifier] = {name: name for name in typing.get_args(Qualifier)}


def _check_qualifier(text: str, reading: Reading, qualifier: str) -> Qualifier:
    """The qualifier, if it is one and fits the date (as `reading` reads it); else
    raises DateError."""
    checked = _QUALIFIERS.get(qualifier)
    if checked is None:
        raise DateError(f"unknown qualifier '{qualifier}'; expected one of "
                        f"early, mid, late, as-early-as")
    if checked in PARTS_OF_MONTH:
        # A flag would read "late about October": the part of a month says it already.
        match = PLAIN.match(text)
        # A season, quarter or half (2024-21, 2024-33, 2024-40) is written like a month
        # but is none: its days are not those of a month's first, middle or last ten.
        if not match or not match["m"] or match["d"] or match["flag"] \
                or not 1 <= int(match["m"]) <= 12:
            what = _not_a_month(text, match)
            raise DateError(f"qualifier '{qualifier}' needs a month, like 2023-10, with no "
                            f"~, ? or % (found '{text}'{what})")
    elif reading.shape != "single":  # 'as-early-as'
        raise DateError(f"qualifier 'as-early-as' needs a single date (found '{text}')")
    return checked


def _not_a_month(text: str, match: re.Match[str] | None) -> str:
    """', spring 2024, a part of the year, not a month' where a season, quarter or half
    stands where the month goes; '' otherwise."""
    if not (match and match["m"] and not match["d"] and int(match["m"]) > 12):
        return ""
    try:
        words = _reading_words(read(text))
    except DateError:
        return ""  # a code no season has: read() says so without the qualifier
    return f", {words}, a part of the year, not a month"
