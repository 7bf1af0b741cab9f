"""A date in a reader's words: '4 January 2024', '4–7 January 2024' (a span), 'between
1 and 4 January 2024' (one day of them), 'the 1990s (year not known)'.

A year before 1000 is followed by 'CE' ('spring 99 CE', '31 December 9 – 1 January 10
CE'): bare, '99' reads as 1999 and '← 9' as a page number (retrial of issue 15). The
same words head timeline pages and index sections (`year_words`).

Words say no more than the text: what is not known is said to be not known, what is
approximate or uncertain is said so (the whole date, 'about 2020'; one part, '11 June
2004 (year uncertain)'), and one day of a range is never worded as a span.
"""

from __future__ import annotations

import calendar
import datetime as dt

from kb.dates.reading import PARTS_OF_YEAR, UNKNOWN, Item, Point, Reading, known
from kb.text.wording import series

_MONTHS = tuple(calendar.month_name)
"""Month names, read once: `calendar.month_name` formats a date at every lookup."""


def day_words(day: dt.date) -> str:
    """A calendar day as the site writes one: '29 November 2026' (a day the site
    records itself, such as when a page last changed, rather than an EDTF date)."""
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def words(reading: Reading) -> str:
    """The words of a whole reading (a qualifier such as 'late' is added by the caller)."""
    if reading.shape == "interval":
        return _interval_words(reading.items[0])
    if reading.shape == "single":
        return point_words(known(reading.items[0].first))
    if len(reading.items) == 1:
        return _one_of_range(reading.items[0])
    return _listed(reading.items, "or" if reading.shape == "set" else "and")


# ---------------------------------------------------------------------------- points


def point_words(point: Point) -> str:
    """'4 January 2024', 'about 2020', '2020 (uncertain)', 'spring 2001', 'the 1990s
    (year not known)', 'January 1999 (day not known)', '11 June 2004 (year uncertain)',
    '1900–1999 (estimated 1950)'."""
    notes = _unknown_notes(point)
    qualified = point.qualified[:point.written]
    if qualified[0] and all(q == qualified[0] for q in qualified):  # the date as a whole
        about = "about " if "~" in qualified[0] else ""
        return _with_notes(about + _core(point), notes + (["uncertain"] if "?" in
                                                          qualified[0] else []))
    return _with_notes(_core(point), notes + _part_notes(qualified))


def _core(point: Point) -> str:
    """The known parts, in the order a reader says them."""
    year = _year(point)
    known_year = "X" not in point.year and not point.significant
    if point.month is None:
        if point.day is not None:  # a known day in a month not known
            return f"the {_ordinal(point.day)} of a month in {year}"
        return year
    if point.month > 12:
        template = PARTS_OF_YEAR[point.month][0]
        return template.format(year if known_year else f"in {year}")
    month = _MONTHS[point.month]
    day = f"{point.day} " if point.day is not None else ""
    return f"{day}{month} {year}" if known_year else f"{day}{month} in {year}"


def year_words(year: int) -> str:
    """'2024'; '99 CE' for a year before 1000, which bare reads as a short form of a
    later one or a number (see the module's docstring)."""
    return str(year) if year >= 1000 else f"{year} CE"


def _year(point: Point) -> str:
    """'2004', 'the 1990s' (one unknown digit), '1900–1999' (more); 'CE' after a year
    before 1000 ('the 90s CE')."""
    unknown = point.year.count("X") or (4 - point.significant if point.significant else 0)
    if not unknown:
        return year_words(int(point.year))
    first = int(point.year.replace("X", "0")) // 10 ** unknown * 10 ** unknown
    last = first + 10 ** unknown - 1
    era = "" if first >= 1000 else " CE"
    if unknown == 1:
        return f"the {first}s{era}"
    return f"{first}–{last}{era}"


def _unknown_notes(point: Point) -> list[str]:
    if point.significant:
        return [f"estimated {year_words(int(point.year))}"]
    unknown = [name for name, missing in (
        ("year", "X" in point.year),
        ("month", point.month_unknown and point.day is None),  # else '… of a month in'
        ("day", point.day_unknown)) if missing]
    return [f"{series(unknown)} not known"] if unknown else []


def _part_notes(qualified: tuple[frozenset[str], ...]) -> list[str]:
    """'year uncertain', 'month and day approximate', 'month uncertain and approximate'."""
    if not any(qualified):
        return []
    names = ("year", "month", "day")
    notes = []
    for flags, label in ((frozenset("?"), "uncertain"), (frozenset("~"), "approximate"),
                         (frozenset("?~"), "uncertain and approximate")):
        parts = [names[i] for i, q in enumerate(qualified) if q == flags]
        if parts:
            notes.append(f"{series(parts)} {label}")
    return notes


def _with_notes(text: str, notes: list[str]) -> str:
    """Notes in one pair of brackets: 'spring 2001 (southern hemisphere; uncertain)'."""
    if not notes:
        return text
    if text.endswith(")"):
        return f"{text[:-1]}; {'; '.join(notes)})"
    return f"{text} ({'; '.join(notes)})"


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# ---------------------------------------------------------------------------- spans


def _interval_words(item: Item) -> str:
    """A span: '4–7 January 2024', 'from 4 January 2024 on', 'until 7 January 2024'."""
    first, last = item.first, item.last
    if not isinstance(first, Point):
        unknown = " (start not known)" if first == UNKNOWN else ""
        return f"until {point_words(known(last))}{unknown}"
    if not isinstance(last, Point):
        if last == UNKNOWN:
            return f"from {_with_notes(point_words(first), ['end not known'])}"
        return f"from {point_words(first)} on"
    return _span(first, last)


def _span(first: Point, last: Point) -> str:
    start, end = _shortened(first, last), point_words(last)
    # '4–7 January 2024' and '1964–2008' run together; 'about 1984 – June 2004' does not.
    shortened = start != point_words(first)
    return f"{start}–{end}" if start.isdigit() and (shortened or end.isdigit()) \
        else f"{start} – {end}"


def _shortened(first: Point, last: Point) -> str:
    """The first date in words, without the month and year it shares with the last:
    '4' before '7 January 2024', '28 January' before '2 February 2024'."""
    if not first.plain or not last.plain:
        return point_words(first)
    words, others = _units(first), _units(last)
    if len(words) != len(others):
        return " ".join(words)
    while len(words) > 1 and words[-1] == others[-1]:
        words.pop()
        others.pop()
    return " ".join(words)


def _units(point: Point) -> list[str]:
    """['4', 'January', '2024'], ['January', '2024'] or ['2024'] of a plain point."""
    return point_words(point).split(" ")


# ---------------------------------------------------------------------------- sets, lists


def _one_of_range(item: Item) -> str:
    """One of a range, never a span: 'between 1 and 4 January 2024', '2 or 3 February
    2024' (two days running), 'by 4 January 2024', 'on or after 1 January 2024'."""
    first, last = item.first, item.last
    if not isinstance(first, Point):
        return f"{'by' if _is_day(last) else 'in or before'} {point_words(known(last))}"
    if not isinstance(last, Point):
        return f"{'on or after' if _is_day(first) else 'in or after'} {point_words(first)}"
    if first is last:
        return point_words(first)
    start, end = _shortened(first, last), point_words(last)
    if _consecutive(first, last):
        return f"{start} or {end}"
    return f"between {start} and {end}"


def _listed(items: tuple[Item, ...], conjunction: str) -> str:
    """'4, 7 or 9 January 2024' (one of them), '1960 and December 1961' (all of them);
    a run reads as one of a range in a set, as a span in a list."""
    phrases = []
    for item, following in zip(items, (*items[1:], None), strict=True):
        if item.first is not item.last:
            phrases.append(_one_of_range(item) if conjunction == "or"
                           else _interval_words(item))
        elif following is not None and following.first is following.last:
            phrases.append(_shortened(known(item.first), known(following.first)))
        else:
            phrases.append(point_words(known(item.first)))
    return series(phrases, conjunction)


def _is_day(end: Point | str) -> bool:
    return isinstance(end, Point) and end.day is not None


def _consecutive(first: Point, last: Point) -> bool:
    """Whether two plain dates of one precision are next to each other: one of exactly
    two days (months, years) reads 'this or that'."""
    if not first.plain or not last.plain or first.precision != last.precision:
        return False
    if first.precision == "day":
        return (last.earliest - first.earliest).days == 1
    if first.precision == "month":
        months = (last.earliest.year - first.earliest.year) * 12 \
            + last.earliest.month - first.earliest.month
        return months == 1
    return last.earliest.year - first.earliest.year == 1

