"""One index page per kind: every entry of that kind with its summary.

Each index is cut into sections, so that a long one has contents to jump through, on
a phone too (overrides/partials/content.html): events and sources by year, groups and
places by type, people by the first letter of their name.
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

UNDATED = "Date not given"
"""The heading of the sources without a date, after every year."""


def kind_index(linked: Linked, kind: str,
               memo: RenderMemo | None = None) -> tuple[PagePath, str]:
    """(path, Markdown) of the index of one kind: a table per section (`_section_of`),
    each section where its first entry comes in the kind's order (events as on the
    timeline, sources newest first, others by section and name). With the live
    preview's `memo`, an entry's row is made again only when what its page shows has
    changed (`kb.pipeline.render.memo.entry_part`): a row shows a part of it."""
    path = index_path(kind)
    ids = [i for i, k in linked.kb.kinds.items() if k == kind]
    header = page_head(KINDS[kind].plural, KINDS[kind].intro)
    if not ids:
        return path, header + "\nNone yet.\n"
    columns: tuple[str, ...]
    row: Callable[[Linked, EntryId, PagePath], tuple[str, ...]]
    if kind == "source":
        ids.sort(key=lambda i: newest_first(linked, i))
        columns, row = ("Date", "Outlet", "Title", "Type", "Statements"), _source_row
    elif kind == "event":
        ids = list(linked.timeline)
        columns, row = ("Date", "Event", "Summary"), _event_row
    else:
        section = _section_of(linked, kind)
        ids.sort(key=lambda i: (section(i).casefold(), linked.entry(i).name.casefold()))
        columns, row = ("Name", "Summary"), _entry_row
    sections: dict[str, list[EntryId]] = {}
    for entry_id in ids:  # each section where its first entry is
        sections.setdefault(_section_of(linked, kind)(entry_id), []).append(entry_id)
    parts, taken = [header], set[str]()
    for heading, members in sections.items():
        parts.append(f"## {literal(heading)} {{ #{anchor(heading, taken)} }}\n")
        parts.append(table(columns, [entry_part(memo, "index-row", i,
                                                functools.partial(row, linked, i, path))
                                     for i in members]))
    return path, "\n".join(parts)


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
