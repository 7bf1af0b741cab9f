"""One index per kind: every entry of that kind with its summary.

Each index is cut into sections, so that a long one has contents to jump through, on
a phone too (overrides/partials/content.html): events and sources by year, groups and
places by type, people by the first letter of their name. Past `INDEX_LIMIT` entries
each section is a page of its own ('people/index/b.md'; events and sources by the
periods of `kb.pipeline.render.periods`, a crowded year by month), under an index
page that lists them: one page of thousands of rows is slow to open on a phone, and
the live preview's MkDocs converted all of it again at every save that touched one
row (issue 16, item 2).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from kb.addresses import EntryId, PagePath, href
from kb.dates.words import year_words
from kb.model import KINDS, Event, Group, Place, Source
from kb.pipeline.link import Linked
from kb.pipeline.render.citations import titled_link
from kb.pipeline.render.memo import RenderMemo, entry_part
from kb.pipeline.render.periods import (
    Period,
    by_period,
    cut_words,
    period_links,
    period_list,
    period_path,
)
from kb.pipeline.render.table import table
from kb.pipeline.render.text import (
    anchor,
    disputed_link,
    esc,
    index_path,
    link_to,
    literal,
    newest_first,
    page_head,
    page_path,
    prose,
)
from kb.text.wording import count

UNDATED = "Date not given"
"""The heading of the sources without a date, after every year."""
INDEX_LIMIT = 200
"""Most entries on one index page. An index row is a line or two, so an index holds
more than a period of the timeline (`PAGE_LIMIT`); the real data's largest index (105
groups) stays one page."""


def kind_index(linked: Linked, kind: str, memo: RenderMemo | None = None,
               limit: int | None = None) -> dict[PagePath, str]:
    """{path: Markdown} of the index of one kind. Up to `limit` entries (by default
    `INDEX_LIMIT`, read at each call, so that a test can lower it): one page, a
    table per section (`_section_of`), each section where its first entry comes in the
    kind's order (events as on the timeline, sources newest first, others by section
    and name). Past `limit`: a page per section ('people/index/b.md'; for events and
    sources a page per year, or per month of a crowded year, as `by_period` cuts them),
    and the index page lists them with how many each holds. With the live preview's
    `memo`, an entry's row is made again only when what its page shows has changed
    (`kb.pipeline.render.memo.entry_part`): a row shows a part of it."""
    path = index_path(kind)
    header = page_head(KINDS[kind].plural, KINDS[kind].intro)
    ids = _ordered(linked, kind)
    if not ids:
        return {path: header + "\nNone yet.\n"}
    limit = INDEX_LIMIT if limit is None else limit
    if len(ids) <= limit:
        return {path: header + "\n" + _tables(linked, kind, ids, path, memo)}
    cut = _cut(linked, kind, ids, limit)
    noun, many = KINDS[kind].label.lower(), KINDS[kind].plural.lower()
    total = count(len(ids), noun, many)
    pages = {path: header + f"\nThere are {total}, too many for one page: "
             f"{_cut_by(kind, cut)}.\n\n" + _section_list(kind, path, cut, noun, many)}
    for n, section in enumerate(cut):
        here = period_path(path, section)
        title = f"{KINDS[kind].plural}: {section.title}"
        links = period_links(path, cut, n, label=f"All {KINDS[kind].plural.lower()}",
                             region=KINDS[kind].plural)
        # Not the kind's introduction: its links are written for the index's folder.
        intro = f"One page of the index of {many}: those listed under {literal(section.title)}."
        pages[here] = (page_head(title, intro) + "\n" + links + "\n"
                       + _tables(linked, kind, section.items, here, memo))
    return pages


def _ordered(linked: Linked, kind: str) -> list[EntryId]:
    """The entries of a kind in the order its index lists them."""
    if kind == "event":
        return list(linked.timeline)
    ids = [i for i, k in linked.kb.kinds.items() if k == kind]
    if kind == "source":
        return sorted(ids, key=lambda i: newest_first(linked, i))
    section = _section_of(linked, kind)
    return sorted(ids, key=lambda i: (section(i).casefold(),
                                      linked.entry(i).name.casefold()))


BY_PERIOD = ("event", "source")
"""The kinds whose long index is cut by period (`by_period`), not by section."""


def _cut(linked: Linked, kind: str, ids: list[EntryId], limit: int) -> list[Period[EntryId]]:
    """The pages of a long index: periods of the day each event or source is listed at
    (undated sources last), or one page per section of the other kinds."""
    if kind == "event":
        return by_period(ids, lambda i: linked.entry(i, Event).date.listed_on, limit)
    if kind == "source":
        return by_period(ids, lambda i: (date.listed_on if (date := linked.entry(
            i, Source).date) else None), limit)
    section = _section_of(linked, kind)
    sections: dict[str, list[EntryId]] = {}
    for entry_id in ids:
        sections.setdefault(section(entry_id), []).append(entry_id)
    taken = set[str]()
    # Slugs never contain '-' runs at the ends and never equal a period's ('2024'):
    # '#' (names starting with no Latin letter) is 'other'.
    return [Period(anchor(heading if heading != "#" else "other", taken), heading, members)
            for heading, members in sections.items()]


def _cut_by(kind: str, cut: list[Period[EntryId]]) -> str:
    """How a long index of this kind is cut, as its index page says it."""
    if kind in BY_PERIOD:
        return cut_words(cut)
    if kind == "person":
        return "each first letter of a name has its own"
    return "each type has its own"


def _section_list(kind: str, base: PagePath, cut: list[Period[EntryId]], noun: str,
                  many: str) -> str:
    """The pages of a long index as a Markdown list, each with how many it holds:
    periods as the timeline lists them (`period_list`), other sections one a line
    ('- [B: 12 people](index/b.md)')."""
    if kind in BY_PERIOD:
        return period_list(base, cut, noun)
    # The whole line is the link: a letter alone is too small a target on a phone.
    return "\n".join(f"- [{literal(section.title)}: {count(len(section.items), noun, many)}]"
                     f"({href(base, period_path(base, section))})" for section in cut) + "\n"


def _tables(linked: Linked, kind: str, ids: list[EntryId], path: PagePath,
            memo: RenderMemo | None) -> str:
    """A heading and a table for each section of `ids`, in their order, on page `path`."""
    columns: tuple[str, ...]
    row: Callable[[Linked, EntryId, PagePath], tuple[str, ...]]
    if kind == "source":
        columns, row = ("Date", "Outlet", "Title", "Type", "Statements"), _source_row
    elif kind == "event":
        columns, row = ("Date", "Event", "Summary"), _event_row
    else:
        columns, row = ("Name", "Summary"), _entry_row
    section = _section_of(linked, kind)
    sections: dict[str, list[EntryId]] = {}
    for entry_id in ids:  # each section where its first entry is
        sections.setdefault(section(entry_id), []).append(entry_id)
    parts, taken = [], set[str]()
    for heading, members in sections.items():
        parts.append(f"## {literal(heading)} {{ #{anchor(heading, taken)} }}\n")
        # A row's links are relative to its page: kept per page.
        parts.append(table(columns, [entry_part(memo, f"index-row {path}", i,
                                                functools.partial(row, linked, i, path))
                                     for i in members]))
    return "\n".join(parts)


def _section_of(linked: Linked, kind: str) -> Callable[[EntryId], str]:
    """The heading an entry of this kind is listed under: the year an event is listed
    at (as on the timeline) or a source was published in, a group's or a place's type,
    a person's initial."""
    if kind == "event":
        return lambda i: year_words(linked.entry(i, Event).date.listed_on.year)
    if kind == "source":
        return lambda i: (year_words(date.listed_on.year)
                          if (date := linked.entry(i, Source).date)
                          else UNDATED)
    if kind == "person":
        return lambda i: _initial(linked.entry(i).name)
    return lambda i: _typed(linked, i).type.capitalize()


def _initial(name: str) -> str:
    """The letter a name is listed under, without accents ('Öztürk' under O); names
    that start with no Latin letter under '#'."""
    first = unicodedata.normalize("NFKD", name.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _typed(linked: Linked, entry_id: EntryId) -> Group | Place:
    entry = linked.entity(entry_id)
    assert isinstance(entry, (Group, Place)), entry_id  # the kinds listed by type
    return entry


def _entry_row(linked: Linked, entry_id: EntryId, path: PagePath) -> tuple[str, str]:
    entry = linked.entity(entry_id)
    summary = prose(linked, entry.summary.text, path)
    return link_to(linked, entry_id, path), summary + disputed_link(linked, entry.summary, path)


def _event_row(linked: Linked, event_id: EntryId, path: PagePath) -> tuple[str, str, str]:
    return (linked.entry(event_id, Event).date.words(), *_entry_row(linked, event_id, path))


def _source_row(linked: Linked, source_id: EntryId, path: PagePath) -> tuple[str, ...]:
    source = linked.entry(source_id, Source)
    outlet = esc(linked.entry(source.outlet).name) if source.outlet else ""
    date = source.date.words() if source.date else "not given"
    count = len(linked.backing.get(source_id, [])) + len(linked.relayed.get(source_id, []))
    title = titled_link(source, href(path, page_path("source", source_id)))
    return (date, outlet, title, source.type, str(count))
