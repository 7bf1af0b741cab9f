"""What a date written in other words probably means: "did you mean 2025-11-26?".

Editors copy dates as sources print them: `26/11/2025`, `Nov 26 2025`, `26 November
2025`, `November 2025`, `late October 2023`. The written-out forms are read by
`dateutil`'s parser, not by hand; this module only decides what can be suggested
truthfully:

- a reading is suggested only when it is the one reading: where day and month could
  swap (`03/04/2024`), both are given and the editor chooses;
- a year written with two digits gets no suggestion (which century is a guess), a date
  without a year neither (which year is the editor's to work out);
- a day of the week that does not match the date is pointed out, not corrected;
- a time of day is never kept: the site shows days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TypedDict

from dateutil import parser as dateutil_parser

_PARTS_OF_MONTH = re.compile(r"^(?P<part>early|mid|late)[\s-]+(?P<rest>.+)$", re.I)
_ABOUT = re.compile(r"^(?:about|around|circa|c\.|ca\.)\s*(?P<rest>.+)$", re.I)
_YEAR_FIRST = re.compile(r"^\s*(?:\d{4}(?!\d)|\d{8}$)")
_DEFAULTS = (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))
"""Two defaults that differ in every part: a part that differs between the two readings
was not written."""


def hint(text: str) -> str:
    """'Did you mean 2025-11-26?', or what is missing or ambiguous, as sentences to
    follow the refusal of `text`; '' when the text reads as no date at all."""
    part = _PARTS_OF_MONTH.match(text)
    if part:
        month = _suggestion(part["rest"])
        if month and re.fullmatch(r"\d{4}-\d{2}", month[0]):
            return (f"Did you mean {{edtf: {month[0]}, qualifier: {part['part'].lower()}}}?"
                    f"{month[1]}")
    about = _ABOUT.match(text)
    if about:
        single = _suggestion(about["rest"])
        if single and re.fullmatch(r"\d{4}(?:-\d{2})?", single[0]):
            return f"Did you mean {single[0]}~ (about {about['rest'].strip()})?{single[1]}"
    found = _suggestion(text)
    if found is None:
        return ""
    suggestion, note = found
    return suggestion if not note and not re.match(r"\d", suggestion) \
        else f"Did you mean {suggestion}?{note}"


def _suggestion(text: str) -> tuple[str, str] | None:
    """(EDTF, a note to add) for text dateutil reads as one date; (a sentence saying
    what is missing or ambiguous, '') where there is no one reading; None where it
    reads none."""
    readings = _readings(text)
    if not readings:
        return None
    first = readings[0]
    if first["year"] is None:
        if first["month"] is None:
            return ("A day of the week or a time of day is not a date: work the date out "
                    "from the source's own date (see 'Dates' in the editing guide).", "")
        return ("It gives no year: write the year the source means, year first "
                f"(YYYY-{first['month']:02d}{_day(first)}).", "")
    if f"{first['year']:04d}" not in text:
        return (f"Write the year in full: a year of two digits may be {first['year']} or "
                f"another century.", "")
    distinct = {(r["year"], r["month"], r["day"]) for r in readings}
    if len(distinct) > 1:
        options = " or ".join(f"{_edtf(r)} ({_words(r)})" for r in readings)
        return (f"Day and month could be either way round: {options}; write the one the "
                f"source means, year first.", "")
    return _edtf(first), _weekday_note(text, first) + _time_note(first)


_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)


class _Reading(TypedDict):
    """One way dateutil reads a text: each part None where the text does not give it."""

    year: int | None
    month: int | None
    day: int | None
    time: dt.time | None


def _readings(text: str) -> list[_Reading]:
    """What dateutil reads, month first and day first (year first for text that starts
    with a year: nobody writes year, day, month); only the parts written."""
    # (day first, year first)
    options = [(False, True)] if _YEAR_FIRST.match(text) else [(False, False), (True, False)]
    readings: list[_Reading] = []
    for dayfirst, yearfirst in options:
        try:
            low, high = (dateutil_parser.parse(text, default=default, dayfirst=dayfirst,
                                               yearfirst=yearfirst)
                         for default in _DEFAULTS)
        except (ValueError, OverflowError, TypeError):  # its ParserError is a ValueError
            continue
        readings.append({
            "year": low.year if low.year == high.year else None,
            "month": low.month if low.month == high.month else None,
            "day": low.day if low.day == high.day else None,
            "time": low.time() if low.time() == high.time() and low.time() != dt.time() else
            None,
        })
    return readings


def _edtf(reading: _Reading) -> str:
    text = f"{reading['year']:04d}"
    if reading["month"]:
        text += f"-{reading['month']:02d}"
        if reading["day"]:
            text += f"-{reading['day']:02d}"
    return text


def _words(reading: _Reading) -> str:
    month = calendar.month_name[reading["month"]] if reading["month"] else ""
    return " ".join(str(part) for part in (reading["day"], month, reading["year"]) if part)


def _day(reading: _Reading) -> str:
    return f"-{reading['day']:02d}" if reading["day"] else ""


def _weekday_note(text: str, reading: _Reading) -> str:
    """dateutil passes over a day of the week that does not fit the date; say so."""
    named = _WEEKDAY.search(text)
    year, month, day_of_month = reading["year"], reading["month"], reading["day"]
    if not (named and year and month and day_of_month):
        return ""
    day = dt.date(year, month, day_of_month)
    weekday = calendar.day_name[day.weekday()]
    written = next(name for name in calendar.day_name
                   if name[:3].casefold() == named[1].casefold())
    if weekday == written:
        return ""
    return (f" {_words(reading)} was a {weekday}, not a {written}: check which the source "
            f"means.")


def _time_note(reading: _Reading) -> str:
    time = reading["time"]
    if time is None:
        return ""
    return (f" The site shows dates to the day: if the time "
            f"({time.strftime('%H:%M')}) matters, give it in words in a note.")
