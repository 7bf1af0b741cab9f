"""The timeline: every dated event in order, at its own precision, with its sources.

Each entry carries its year, kind and the entities involved as data attributes, so
that overrides/js/timeline.js can filter the page in place; without JavaScript the
filters stay hidden and every event shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

from kb.addresses import EntryId, PagePath, href
from kb.dates.words import year_words
from kb.model import KINDS, Citation, Event, Source
from kb.pipeline.link import Linked, statements
from kb.pipeline.render.citations import Footnotes
from kb.pipeline.render.memo import RenderMemo, list_page, shown_by
from kb.pipeline.render.periods import (
    PAGE_LIMIT,
    Period,
    by_period,
    listed_under,
    outline,
    period_links,
    period_pages,
    period_path,
)
from kb.pipeline.render.text import (
    asof_form,
    attr,
    disputed_link,
    esc,
    isolate_plain,
    link_to,
    page_head,
    page_path,
    placement_note,
    prose,
    reported_marker,
)
from kb.text.wording import opening

PATH = PagePath("timeline.md")
_INTRO = ("Every dated event, earliest first. Each date is as precise as its sources: a day, a "
          "month, part of a month, a year, a span of days, or one day known only to fall "
          "between two. An event whose day is not known (known only to a month, a season, "
          "a year, or to fall between two days) is listed at the last day it can have "
          "happened, ahead of the events of that day, and says so: it may have come "
          "before some of the events listed above it. A span is listed at the day it "
          "began.")
_ELSEWHERE = ("Listed on another page, where they sort, these events' dates reach into this "
              "period: a span that went on into it, or a day known only to fall in a range "
              "that overlaps it.")
_FILTERS = ("Filter by {what}; the address keeps the filter, so a filtered view can be "
            "shared.")


def timeline_pages(linked: Linked, limit: int = PAGE_LIMIT,
                   memo: RenderMemo | None = None) -> dict[PagePath, str]:
    """{path: Markdown} of the timeline: one page, or a list of periods and a page each.
    With a `memo` (the live preview's), a period's page is made again only when an
    event it lists shows something new on its own page, or the periods or the range of
    the date picker change (`kb.pipeline.render.memo.list_page`): an event's entry here
    shows a part of what its page shows."""
    periods = by_period(linked.timeline, lambda i: linked.entry(i, Event).date.listed_on,
                        limit, span=lambda i: _span(linked.entry(i, Event)))
    parts = outline(periods)

    def page(periods: list[Period[EntryId]], n: int) -> str:
        period = periods[n]
        return list_page(memo, period_path(PATH, period),
                         lambda memo: (parts, n, linked.reporting_span,
                                       shown_by(memo, [*period.items, *period.also])),
                         lambda: _period_page(linked, periods, n))

    return period_pages(PATH, "Timeline", _INTRO, "event", periods, page)


def _period_page(linked: Linked, periods: list[Period[EntryId]], index: int) -> str:
    period = periods[index]
    path = period_path(PATH, period)
    notes = Footnotes(linked, path)
    events = [linked.entry(i, Event) for i in period.items]
    years = sorted({_year(e) for e in events})
    title = f"Timeline: {period.title}" if period.slug else "Timeline"
    parts = [page_head(title, _INTRO)]
    if period.slug:
        parts.append(period_links(PATH, periods, index))
    parts += [_filters(linked, events, years), asof_form(linked, "events")]
    for year, ids in groupby(period.items, key=lambda i: _year(linked.entry(i, Event))):
        parts.append(f"## {year_words(year)} "
                     f'{{ #year-{year} .kb-year data-year="{year}" }}\n')
        parts.extend(_entry(linked, event_id, notes, path, years) for event_id in ids)
    if period.also:
        parts.append(_elsewhere(linked, periods, index, years))
    parts.append(notes.section())
    return "\n".join(parts)


def _year(event: Event) -> int:
    """The year heading an event is listed under: the year of `FuzzyDate.listed_on`."""
    return event.date.listed_on.year


def _span(event: Event) -> tuple[dt.date | None, dt.date | None]:
    return event.date.earliest, event.date.latest


def _years(event: Event, years: list[int]) -> str:
    """The years of the page's year filter that the event's date may fall in or reach
    into, as data-years: 'between 30 December 2023 and 4 January 2024' matches 2023
    and 2024, an open end every year of the page on that side."""
    first, last = event.date.bounds
    return " ".join(str(y) for y in years if first.year <= y <= last.year)


def _elsewhere(linked: Linked, periods: list[Period[EntryId]], index: int,
               years: list[int]) -> str:
    """The events of other periods whose dates reach into this one, each a link to
    where it is listed, filtered like the entries."""
    period = periods[index]
    here = period_path(PATH, period)
    parts = [f"## Dated partly or possibly in this period {{ #elsewhere }}\n\n{_ELSEWHERE}\n"]
    for event_id in period.also:
        event = linked.entry(event_id, Event)
        listed = listed_under(periods, event_id)
        listed_at = period_path(PATH, listed)
        target, entry = href(here, listed_at), href(here, PagePath(f"{listed_at}#{event_id}"))
        reported = reported_marker(linked, [c.citation for c in statements(event)])
        parts.append(
            f'<div class="kb-also" data-kind="{attr(event.type)}" '
            f'data-entities="{" ".join(involved(event))}" data-years="{_years(event, years)}" '
            f"markdown>\n\n**{opening(event.date.words())}:** [{esc(event.name)}]({entry}), "
            f"listed under [{listed.title}]({target}){reported}\n\n</div>\n")
    return "\n".join(parts)


def involved(event: Event) -> list[EntryId]:
    """Ids of the entities an event involves, participants first, each once."""
    return list(dict.fromkeys([p.entity for p in event.participants] + list(event.places)))


def _filters(linked: Linked, events: list[Event], years: list[int]) -> str:
    """The filter form, offering what this page holds: its kinds, the entities its
    events involve, and its years if it spans more than one."""
    kinds = sorted({e.type for e in events})
    entities = sorted({i for e in events for i in involved(e)},
                      key=lambda i: linked.entry(i).name.casefold())
    entity_options = [(i, f"{isolate_plain(linked.entry(i).name)} "
                          f"({KINDS[linked.kind(i)].label.lower()})")
                      for i in entities]
    year = _select("year", "Year", "All years", [(str(y), year_words(y)) for y in years])
    what = ("year, " if len(years) > 1 else "") + "kind of event or who and where it involves"
    # Said inside the form, which shows only once its script runs: without scripts no
    # sentence tells the reader to use filters that are not there.
    return "\n".join([
        '<form class="kb-filters" hidden aria-label="Filter the timeline">',
        f'<span class="kb-filters-hint">{_FILTERS.format(what=what)}</span>',
        *([year] if len(years) > 1 else []),
        _select("kind", "Kind", "All kinds", [(k, k) for k in kinds]),
        _select("entity", "Involving", "Anyone, anywhere", entity_options),
        '<button type="reset">Show all</button>',
        '<output class="kb-count" aria-live="polite"></output>',
        "</form>",
    ]) + "\n"


def _select(name: str, label: str, everything: str,
            options: Sequence[tuple[str, str]]) -> str:
    items = [f'<option value="">{attr(everything)}</option>']
    items += [f'<option value="{attr(value)}">{attr(text)}</option>' for value, text in options]
    return f'<label>{label} <select name="{name}">{"".join(items)}</select></label>'


def _entry(linked: Linked, event_id: EntryId, notes: Footnotes, path: PagePath,
           years: list[int]) -> str:
    event = linked.entry(event_id, Event)
    ids = involved(event)
    who = ", ".join(link_to(linked, i, path) for i in ids)
    data = (f'data-year="{_year(event)}" data-kind="{attr(event.type)}" '
            f'data-entities="{" ".join(ids)}" data-years="{_years(event, years)}"')
    lines = [
        f'<div class="kb-event" {data} markdown>\n',
        f"### {opening(event.date.words())}: {esc(event.name)} {{ #{event_id} }}\n",
        f'<span class="kb-precision" title="precision of the date">{event.date.precision}'
        f"</span> · {esc(event.type)} · [Event page]({href(path, page_path('event', event_id))})\n",
        *([f"*{placement}*\n"] if (placement := placement_note(event.date)) else []),
        f"{prose(linked, event.summary.text, path)}{notes.refs(event.summary.cite)}"
        f"{disputed_link(linked, event.summary, path)}\n",
    ]
    quotes = notes.quotes(event.summary.cite)
    if quotes:
        lines.append(f"{quotes}\n")
    if who:
        lines.append(f"Involves: {who}\n")
    lines.append(f"Reported by: {notes.named(_sources(linked, event))}\n")
    lines.append("</div>\n")
    return "\n".join(lines)


def _sources(linked: Linked, event: Event) -> list[Citation]:
    """Every source the event's page cites, once each, earliest first (undated last,
    then in page order): a reader sees who reported it first."""
    seen: dict[tuple[EntryId, EntryId | None], Citation] = {}
    for cited in statements(event):
        key = (cited.citation.source, cited.citation.citing)
        seen.setdefault(key, Citation(source=cited.citation.source,
                                      citing=cited.citation.citing))

    def published(citation: Citation) -> tuple[bool, tuple[dt.date, int, int, dt.date]]:
        # As every dated list: a source whose day is not known at its last day.
        date = linked.entry(citation.source, Source).date
        return (date is None, date.order if date else (dt.date.max, 0, 0, dt.date.max))

    return sorted(seen.values(), key=published)
