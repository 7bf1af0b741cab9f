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
- a time of day is never kept: the site shows days;
- nothing written is lost: every number and word must be a part of the reading (its
  year, month, day, day of the week or time of day). Two dates (`4-7 January 2024`,
  `2024-01-04 - 2024-01-07`, `4 and 5 January 2024`) get the forms that keep both,
  with what each means; text of which part is not understood (`2023.10`) gets that
  part named, and no suggestion. One date and a word making it one end of a range
  (`4 January 2024 or earlier`, `by 4 January 2024`, `since 2019`) gets one day of the
  open range (`"[..2024-01-04]"`, `"[2019..]"`), never a second date made up to close
  it; `before`/`after` move it by one day, month or year, as written. dateutil reads
  leniently (`2024-01-04 - 2024-01-07` as 4 January 2024 at 20:24), hence the count.
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
    open_end = _one_end(text)
    if open_end is not None:
        return open_end
    several = _several(text)
    if several is not None:
        return several
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
    read = [(reading, _left_over(text, reading)) for reading in _readings(text)]
    readings = [reading for reading, left in read if left is not None and not left]
    if not readings:
        # No reading uses all that was written: name what is left over, where a date
        # with a year was found around it; else say nothing the refusal does not.
        left = next((left for reading, left in read if left and reading["year"]), None)
        if not left:
            return None
        return (f"Part of it was not understood as part of one date: "
                f"{', '.join(repr(part) for part in left)}; write the date year first, as "
                f"the source gives it (see 'Dates' in the editing guide).", "")
    first = readings[0]
    if first["year"] is None:
        if first["month"] is None:
            return ("A day of the week or a time of day is not a date: work the date out "
                    "from the source's own date (see 'Dates' in the editing guide).", "")
        return ("It gives no year: write the year the source means, year first "
                f"(YYYY-{first['month']:02d}{_day(first)}).", "")
    if f"{first['year']:04d}" not in re.findall(r"\d{4}", _compact(text)):
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


# ---------------------------------------------------------------------------- what is used

_MONTH_WORDS = {
    **{name.casefold(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_WEEKDAY_WORDS = frozenset(
    [name.casefold() for name in (*calendar.day_name, *calendar.day_abbr)]
    + ["tues", "weds", "thur", "thurs"])
_FILLERS = frozenset(["of", "the", "on", "at", "in", "st", "nd", "rd", "th", "gmt", "utc"])
"""Words around a date that say nothing of it: '5th of January', 'at 20:11 GMT'."""
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?", re.I)


def _compact(text: str) -> str:
    """'20240105' as '2024 01 05': a day written without separators."""
    match = re.fullmatch(r"\s*(\d{4})(\d{2})(\d{2})\s*", text)
    return " ".join(match.groups()) if match else text


def _left_over(text: str, reading: _Reading) -> list[str] | None:
    """What of `text` the reading does not use: numbers and words that are not its
    year, month, day, day of the week or time of day. An empty list when it uses all;
    None when a part it has is not written as such (a year of two digits counts as
    written: the message then asks for all four)."""
    rest = _TIME_OF_DAY.sub(" ", _compact(text)) if reading["time"] else _compact(text)
    numbers = re.findall(r"\d+", rest)
    words = [word.casefold() for word in re.findall(r"[^\W\d_]+", rest)]
    left = [word for word in words if word not in _MONTH_WORDS
            and word not in _WEEKDAY_WORDS and word not in _FILLERS]
    named = {_MONTH_WORDS[word] for word in words if word in _MONTH_WORDS}
    if reading["year"] is not None and not (
            _take(numbers, reading["year"], (4,))
            or _take(numbers, reading["year"] % 100, (2,))):
        return None
    if named:
        if named != {reading["month"]}:
            return None
    elif reading["month"] is not None and not _take(numbers, reading["month"], (1, 2)):
        return None
    if reading["day"] is not None and not _take(numbers, reading["day"], (1, 2)):
        return None
    return numbers + left


def _take(numbers: list[str], value: int, widths: tuple[int, ...]) -> bool:
    """Remove the first of `numbers` that is `value` written with one of `widths` digits."""
    for index, number in enumerate(numbers):
        if len(number) in widths and int(number) == value:
            del numbers[index]
            return True
    return False


# ---------------------------------------------------------------------------- two dates

_JOINS = (
    re.compile(r"\s+(?:-|--|–|—)\s+|\s*(?:--|–|—)\s*"),
    re.compile(r"\s+(?:to|until|till|through|thru)\s+", re.I),
    re.compile(r"\s+(?:and|&)\s+", re.I),
    re.compile(r"\s+or\s+", re.I),
)
"""What joins two dates in words: a dash, 'to', 'and', 'or' (in that order in `_JOINS`,
which `_several` reads as a span, each of them and one of them)."""
_DIGITS_JOINED = re.compile(r"(?<=\d)\s*[-–—]\s*(?=\d)")
"""'4-7' in '4-7 January 2024': with a month in words, a hyphen between numbers joins
two days (without one, it is how '12-11-2023' is written)."""
_OPENING = re.compile(r"^\s*(?:from|between)\s+", re.I)
_SEVERAL_EXAMPLE = ("2024-01-04/2024-01-07 if it lasted from the first day to the last, "
                    "\"[2024-01-04..2024-01-07]\" if it happened once between them, unknown "
                    "when, \"{2024-01-04, 2024-01-07}\" if it happened on each")


def _several(text: str) -> str | None:
    """What to write for text that names two dates or more (a span in words, a pair of
    days), or None when it names at most one. With both dates read in full, the forms
    that keep both of them, each with what it means; else the forms, by example."""
    opening = _OPENING.match(text)
    body = text[opening.end():] if opening else text
    months = any(word.casefold() in _MONTH_WORDS for word in re.findall(r"[^\W\d_]+", body))
    join = next(((index, pattern) for index, pattern in enumerate(_JOINS)
                 if pattern.search(body)), None)
    if join is None and months and _DIGITS_JOINED.search(body):
        join = (0, _DIGITS_JOINED)
    years = re.findall(r"(?<!\d)\d{4}(?!\d)", _compact(body))
    if join is None and len(years) < 2:
        return None
    pair = _pair(body, join[1]) if join else None
    if pair is None or join is None:
        return (f"It seems to name more than one date; write each year first, and join "
                f"them as the source means, such as {_SEVERAL_EXAMPLE} (see 'Dates' in "
                f"the editing guide).")
    first, last = pair
    span = f"{first}/{last} if it lasted from the one to the other"
    between = f"\"[{first}..{last}]\" if it happened once between them, unknown when"
    if opening and opening[0].strip().casefold() == "between":
        options = [between, span]  # 'between 1 and 4 January': one day of them, first
    else:
        options = [[span, between], [span, between],
                   [f"\"{{{first}, {last}}}\" if it happened on each of them", span],
                   [f"\"[{first}, {last}]\" if it happened on one of them, unknown which"],
                   ][join[0]]
    return (f"It names two dates, {_words_of(first)} and {_words_of(last)}; write "
            f"{', or '.join(options)} (see 'Dates' in the editing guide).")


def _pair(body: str, join: re.Pattern[str]) -> tuple[str, str] | None:
    """The two dates `join` separates, as EDTF, each part the one leaves out taken
    from the other ('4-7 January 2024': 2024-01-04 and 2024-01-07); None unless both
    read in full, alike in precision, the earlier first."""
    sides = join.split(body)
    if len(sides) != 2:
        return None
    one, other = (_one_reading(side) for side in sides)
    if one is None or other is None:
        return None
    # Each side takes the year and month the other gives and it leaves out.
    first: _Reading = {**one, "year": _either(one["year"], other["year"]),
                       "month": _either(one["month"], other["month"])}
    last: _Reading = {**other, "year": _either(other["year"], one["year"]),
                      "month": _either(other["month"], one["month"])}
    shape = [tuple(reading[part] is None for part in ("year", "month", "day"))
             for reading in (first, last)]
    if shape[0] != shape[1] or first["year"] is None or (first["day"] and not first["month"]):
        return None
    try:
        texts = (_edtf(first), _edtf(last))
        days = [dt.date(r["year"] or 1, r["month"] or 1, r["day"] or 1)
                for r in (first, last)]
    except ValueError:  # not on the calendar
        return None
    return texts if days[0] < days[1] else None


def _either(part: int | None, other: int | None) -> int | None:
    return part if part is not None else other


def _one_reading(text: str) -> _Reading | None:
    """The one reading of `text` that uses all of it, with no time of day; None if
    there is none, or more than one."""
    found = {(r["year"], r["month"], r["day"]) for r in _readings(text)
             if r["time"] is None and _left_over(text, r) == []}
    if len(found) != 1:
        return None
    year, month, day = found.pop()
    return {"year": year, "month": month, "day": day, "time": None}


def _words_of(edtf: str) -> str:
    parts = [int(part) for part in edtf.split("-")]
    return _words({"year": parts[0], "month": parts[1] if len(parts) > 1 else None,
                   "day": parts[2] if len(parts) > 2 else None, "time": None})


# ---------------------------------------------------------------------------- one end

_ON_OR_BEFORE = re.compile(
    r"^(?:(?:by|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|in\s+or\s+before"
    r"|not\s+after|up\s+to)\s+(?P<a>.+)|(?P<b>.+?)\s+(?:or\s+(?:earlier|before)|at\s+the\s+latest"
    r"|or\s+sooner))$", re.I)
_BEFORE = re.compile(r"^(?:before|prior\s+to|earlier\s+than)\s+(?P<a>.+)$", re.I)
_ON_OR_AFTER = re.compile(
    r"^(?:(?:no\s+earlier\s+than|not\s+earlier\s+than|on\s+or\s+after|in\s+or\s+after"
    r"|not\s+before)\s+(?P<a>.+)|(?P<b>.+?)\s+(?:or\s+(?:later|after)|at\s+the\s+earliest))$",
    re.I)
_AFTER = re.compile(r"^(?:after|later\s+than)\s+(?P<a>.+)$", re.I)
_ONWARDS = re.compile(
    r"^(?:since\s+(?P<a>.+)|from\s+(?P<b>.+?)\s+(?:on|onwards?)|(?P<c>.+?)\s+onwards?)$", re.I)
"""Words that make one date one end of a range: the day (or month, or year) is known
only to be no later, or no earlier, than it. `_BEFORE` and `_AFTER` leave the date out."""


def _one_end(text: str) -> str | None:
    """What to write for one date named as one end of a range ('4 January 2024 or
    earlier': "[..2024-01-04]", one day of the open range), or None when `text` is not
    so worded or its date does not read as one. Never a second date: none was written."""
    for pattern, after, step in ((_ON_OR_BEFORE, False, 0), (_BEFORE, False, -1),
                                 (_ON_OR_AFTER, True, 0), (_AFTER, True, 1),
                                 (_ONWARDS, True, 0)):
        match = pattern.match(text.strip())
        if match is None:
            continue
        written = next(part for part in match.groups() if part)
        reading = _one_reading(written)
        if reading is None or reading["year"] is None or (reading["day"] and not
                                                          reading["month"]):
            return None
        try:
            edtf = _edtf(_moved(reading, step))
        except (ValueError, OverflowError):  # off the calendar
            return None
        words = f"{'after' if after else 'before'} {_words(reading)}" if step else \
            f"{'on or after' if after else 'on or before'} {_words(reading)}"
        one = f"[{edtf}..]" if after else f"[..{edtf}]"
        also = (f", or {edtf}/.. (lasting from {_words_of(edtf)} on, with no end yet)"
                if pattern is _ONWARDS else "")
        unit = "day" if reading["day"] else "month" if reading["month"] else "year"
        return (f"Did you mean \"{one}\" (one {unit}, {words}, unknown which){also}? "
                "See 'Dates' in the editing guide.")
    return None


def _moved(reading: _Reading, step: int) -> _Reading:
    """`reading` one of its own units (day, month or year) later (`step` 1) or earlier
    (-1): the first that is after, or the last that is before, what was written."""
    year, month, day = reading["year"], reading["month"], reading["day"]
    assert year is not None
    if not step:
        return reading
    if day and month:
        moved = dt.date(year, month, day) + dt.timedelta(days=step)
        return {**reading, "year": moved.year, "month": moved.month, "day": moved.day}
    if month:
        index = year * 12 + month - 1 + step
        return {**reading, "year": index // 12, "month": index % 12 + 1}
    if not 1 <= year + step <= 9999:
        raise ValueError("year off the calendar")
    return {**reading, "year": year + step}
