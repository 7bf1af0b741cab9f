"""Long dated lists cut into pages by period: a page per year, a page per month of a
crowded year, a page per half of a crowded month.

The timeline and the quotes grow with the story. One page of thousands of entries is
slow to open on a phone, and slow to re-render in the live preview whenever a name on
it changes. While a list is short it stays one page, so that it reads and filters as
a whole; past `PAGE_LIMIT` entries it is cut, and its first page becomes a list of
the periods. A month of more than `MONTH_LIMIT` entries is cut in halves (days
1-15 and 16 to its end): the live preview converts again each page naming an entry
renamed, at about 1 ms of MkDocs' Markdown per entry listed (issue 16).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Generic, TypeVar

from kb.addresses import PagePath, href
from kb.dates.words import year_words
from kb.pipeline.render.text import page_head
from kb.text.wording import count

T = TypeVar("T")
PAGE_LIMIT = 100
"""Most entries on one page of a list, unless one month alone holds more."""
MONTH_LIMIT = PAGE_LIMIT // 2
"""Most entries on one month's page: a month of more is cut in halves."""
HALF = 15
"""The last day of a crowded month's first half; its second runs to the month's end."""
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class Period(Generic[T]):
    """One page of a list: `slug` names its file ('2024', '2024-01', 'undated'), or
    is empty when the whole list fits one page."""

    slug: str
    title: str
    items: list[T]
    also: list[T] = field(default_factory=list)
    """Items listed on another period's page whose dates reach into this one: a span
    that went on into it, a day known only to fall in a range that overlaps it."""


Span = tuple[dt.date | None, dt.date | None]


def by_period(items: list[T], day: Callable[[T], dt.date | None],
              limit: int = PAGE_LIMIT,
              span: Callable[[T], Span | None] | None = None,
              month_limit: int | None = None) -> list[Period[T]]:
    """The items, in their order, cut into periods.

    `day` is the day an item is listed at (`FuzzyDate.listed_on`, or the last day a
    source's date can mean on the Latest page; None: undated, last); `items` are in
    order of it, earliest or newest first, so that each period is one run of them and
    every item is on exactly one page. A year of more than `limit` items is cut by
    month, and a month of more than `month_limit` (`MONTH_LIMIT`) by halves (slug '2024-06-01', days
    1-15; '2024-06-16', days 16 to the end), unless all fall in one half.
    `span` gives an item's earliest and latest possible day (None on an open side, or
    for no date): an item whose span reaches past its own period is also named, in
    `also`, on each other period it overlaps, so that a reader looking there finds it.
    Open-ended dates are not: "on or after 4 January 2024" would be named on every
    later page.
    """
    if len(items) <= limit:
        return [Period("", "", items)]
    periods: list[Period[T]] = []
    for year, group in groupby(items, key=lambda item: _year(day(item))):
        in_year = list(group)
        if year is None:
            periods.append(Period("undated", "Undated", in_year))
        elif len(in_year) <= limit:
            # Four digits, as dates are written (0800): the slug names a file, and
            # the period's days are read back from it.
            periods.append(Period(f"{year:04d}", year_words(year), in_year))
        else:
            for month, in_month in groupby(in_year, key=lambda item: _month(day(item))):
                periods += _month_pages(year, month, list(in_month), day,
                                        MONTH_LIMIT if month_limit is None else month_limit)
    if span:
        _cross_list(periods, span)
    return periods


def _month_pages(year: int, month: int, items: list[T],
                 day: Callable[[T], dt.date | None], limit: int) -> list[Period[T]]:
    """One month's period, or its halves when it holds more than `limit` items and
    each half some."""
    slug, title = f"{year:04d}-{month:02d}", f"{_MONTHS[month - 1]} {year_words(year)}"
    if len(items) <= limit:
        return [Period(slug, title, items)]
    end = calendar.monthrange(year, month)[1]
    halves = []
    for first, in_half in groupby(items, key=lambda item: _day(day(item)) <= HALF):
        start, last = (1, HALF) if first else (HALF + 1, end)
        halves.append(Period(f"{slug}-{start:02d}", f"{start}–{last} {title}", list(in_half)))
    # All in one half: a page of the half would be no shorter than the month's.
    return halves if len(halves) > 1 else [Period(slug, title, items)]


def _day(day: dt.date | None) -> int:
    """The day of the month of an item in a month's run: never undated (`_month`)."""
    if day is None:
        raise ValueError("an undated item among the dated ones of a month")
    return day.day


def _year(day: dt.date | None) -> int | None:
    return day.year if day else None


def _month(day: dt.date | None) -> int:
    """The month of a day in a year's run of items: never undated, as `_year` put the
    undated in a run of their own."""
    if day is None:
        raise ValueError("an undated item among the dated ones of a year")
    return day.month


def _cross_list(periods: list[Period[T]], span: Callable[[T], Span | None]) -> None:
    ranges = [_days_of(period.slug) for period in periods]
    for own, (period, days) in enumerate(zip(periods, ranges, strict=True)):
        for item in period.items:
            known = span(item)
            if not days or not known:
                continue
            first, last = known
            if first is None or last is None or (days[0] <= first and last <= days[1]):
                continue
            for other, other_days in enumerate(ranges):
                if other != own and other_days and first <= other_days[1] \
                        and other_days[0] <= last:
                    periods[other].also.append(item)


def _days_of(slug: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a slug names ('2024', '0800', '2024-01', the
    halves '2024-01-01' and '2024-01-16'); None for 'undated' and for the single page
    of a short list."""
    match = SLUG.fullmatch(slug)
    if not match:
        return None
    year = int(match["year"])
    if not match["month"]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(match["month"])
    end = calendar.monthrange(year, month)[1]
    if not match["day"]:
        return dt.date(year, month, 1), dt.date(year, month, end)
    if int(match["day"]) == 1:
        return dt.date(year, month, 1), dt.date(year, month, HALF)
    return dt.date(year, month, HALF + 1), dt.date(year, month, end)


SLUG = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
"""A period's slug: a year, a year and month, or the first day of a month's half, as
`by_period` writes them."""


def cut_words(periods: list[Period[T]]) -> str:
    """How a long list is cut, as its first page says it: 'each year has its own, and a
    crowded year one per month', then `halves_words`."""
    return "each year has its own, and a crowded year one per month" + halves_words(periods)


def halves_words(periods: list[Period[T]]) -> str:
    """', a crowded month one per half' when a month of `periods` is cut in halves, else
    '' (lists no longer than the real data's say nothing new)."""
    halves = any((match := SLUG.fullmatch(p.slug)) and match["day"] for p in periods)
    return ", a crowded month one per half" if halves else ""


def listed_under(periods: list[Period[T]], item: T) -> Period[T]:
    """The period whose page lists `item`."""
    return next(period for period in periods if item in period.items)


def period_pages(base: PagePath, title: str, intro: str, noun: str, periods: list[Period[T]],
                 page: Callable[[list[Period[T]], int], str]) -> dict[PagePath, str]:
    """{path: Markdown}: `page` for each period and, when there are several, an overview
    at `base` that lists them (`noun` names one of what they hold: 'event')."""
    pages = {period_path(base, period): page(periods, n) for n, period in enumerate(periods)}
    if len(periods) > 1:
        total = count(sum(len(period.items) for period in periods), noun)
        overview = f"{intro} There are {total}, too many for one page: {cut_words(periods)}."
        pages[base] = page_head(title, overview) + "\n" + period_list(base, periods, noun)
    return pages


def outline(periods: list[Period[T]]) -> tuple[tuple[str, str], ...]:
    """(slug, title) of each period: what a period's page shows of the others (its
    links to the previous and next, where an item of `also` is listed), for the live
    preview's memo of list pages (`kb.pipeline.render.memo.ListMemo`)."""
    return tuple((period.slug, period.title) for period in periods)


def period_path(base: PagePath, period: Period[T]) -> PagePath:
    """'timeline.md' for the whole list, 'timeline/2024-01.md' for one period of it."""
    return PagePath(f"{base.removesuffix('.md')}/{period.slug}.md") if period.slug else base


def period_list(base: PagePath, periods: list[Period[T]], noun: str,
                path: Callable[[Period[T]], PagePath] | None = None) -> str:
    """The periods as Markdown, one line per year, its months on the same line; each
    links to its page, `path(period)` (by default `period_path(base, period)`)."""
    where = path or functools.partial(period_path, base)
    lines = []
    for year, group in groupby(periods, key=lambda p: p.slug[:4]):
        parts = list(group)
        if len(parts) == 1 and "-" not in parts[0].slug:
            part = parts[0]
            lines.append(f"- [{part.title}]({href(base, where(part))}): "
                         f"{count(len(part.items), noun)}")
            continue
        # 'June', or a half's '1–15 June': the title without the year the line names,
        # kept on one line (a word joiner after the dash: a line broke at '1–').
        months = ", ".join(f"[{_unbroken(p.title.removesuffix(' ' + year_words(int(year))))}]"
                           f"({href(base, where(p))}) ({len(p.items)})" for p in parts)
        total = sum(len(p.items) for p in parts)
        lines.append(f"- {year_words(int(year))}: {months}; {count(total, noun)} in all")
    return "\n".join(lines) + "\n"


def _unbroken(title: str) -> str:
    """`title` with no line break after its dash or before its month ('1–15 June')."""
    return title.replace("–", "–\u2060").replace(" ", "\u00a0")


def period_links(base: PagePath, periods: list[Period[T]], index: int,
                 path: Callable[[Period[T]], PagePath] | None = None, *,
                 label: str = "All periods", region: str = "Periods") -> str:
    """Links to the previous period, all periods and the next one, for a period's page;
    `path` as for `period_list`; `label` names the link to `base`, `region` the
    navigation (a long index's sections: 'All people', 'People')."""
    where = path or functools.partial(period_path, base)
    here = where(periods[index])
    links = []
    if index > 0:
        before = periods[index - 1]
        links.append(f"[← {before.title}]({href(here, where(before))})")
    links.append(f"[{label}]({href(here, base)})")
    if index + 1 < len(periods):
        after = periods[index + 1]
        links.append(f"[{after.title} →]({href(here, where(after))})")
    return (f'<nav class="kb-periods" aria-label="{region}" markdown>\n\n'
            + " · ".join(links) + "\n\n</nav>\n")

