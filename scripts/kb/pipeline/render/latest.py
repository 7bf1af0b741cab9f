"""The "Latest" page: every source by publication date, newest first, with what it added.

What a source added to the knowledge base is read from the data, never written by
hand: the entries it is the first source of (no source published earlier cites them),
the statements that cite it (read in it, or relayed from it by another source), and
the disagreements in which a version cites it. `kb.pipeline.render.feed` gives the same as an
Atom feed, so that readers can follow what is new: there every source is dated by the
day it was added to the knowledge base (its `added`).

Dates: a source is placed at the last day its date can mean, the day by which it had
surely been published (as the "as reported by" view counts it, `kb.pipeline.render.text.
reported_by`): "January 2024" at 31 January, "between 1 and 4 January" at 4 January,
below the sources dated that day, and says that its day is not known, so that its place
is not read as an order it has not (`kb.dates.date.FuzzyDate.order`). A source whose date
has no such day (none given, or "on or after" a day) is listed last, under its own
heading that says so; the feed lists it like any other.

Past `PAGE_LIMIT` sources the list is cut by period as the timeline is
(`kb.pipeline.render.periods`): the newest period on the Latest page, each earlier one
on its own page (`latest_pages`); a month of more than `MONTH_LIMIT` sources in halves.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from kb.addresses import EntryId, PagePath, href
from kb.dates.words import day_words
from kb.model import DATE_BASES, ENTITY_KINDS, Source
from kb.pipeline.link import Cited, Linked, statements
from kb.pipeline.render.citations import source_label
from kb.pipeline.render.memo import RenderMemo, list_page, shown_by
from kb.pipeline.render.periods import (
    PAGE_LIMIT,
    Period,
    by_period,
    halves_words,
    outline,
    period_links,
    period_list,
    period_path,
)
from kb.pipeline.render.text import (
    dispute_anchors,
    esc,
    link_to,
    literal,
    newest_first,
    page_head,
    page_path,
    placement_note,
)
from kb.text.wording import count, opening

PATH = PagePath("latest.md")
TITLE = "Latest"
FEED = PagePath("feed.xml")
"""Where `kb.pipeline.render.feed` writes the same list as an Atom feed."""
MONTH_LIMIT = 20
"""Most sources on one month's page of Latest, a month of more cut in halves
(`kb.pipeline.render.periods.by_period`): a source's section names every entry its
statements are on, about 2.5 ms of MkDocs' Markdown at 1,000 entries against 1 ms for
a quote, and the live preview converts again each month naming an entry renamed
(issue 16: 28 sources a month, 0.07-0.09 CPU s a page)."""


@dataclass(frozen=True)
class Addition:
    """One source and what it added to the knowledge base."""

    source: EntryId
    day: dt.date | None
    """The last day its publication date can mean; None when there is none."""
    entries: tuple[EntryId, ...]
    """Ids of the entities it is the first source of, in name order."""
    statements: tuple[Cited, ...]
    """Statements that cite it as the source read."""
    relayed: tuple[Cited, ...]
    """Statements read in another source that relays it (`citing`)."""
    disagreements: tuple[tuple[EntryId, str], ...]
    """(entry id, what it is about) of each disagreement a version of which cites it."""


def additions(linked: Linked) -> list[Addition]:
    """What every source added, newest first: by the last day its date can mean, a
    source whose day is not known below those of that day (`_order`), then by id;
    sources without such a day last, by id."""
    firsts = _first_sources(linked)
    disputes = _disagreements(linked)
    found = []
    for source_id in linked.kb.kinds:
        if linked.kind(source_id) != "source":
            continue
        date = linked.entry(source_id, Source).date
        found.append(Addition(
            source_id, date.latest if date else None,
            tuple(sorted(firsts.get(source_id, ()),
                         key=lambda i: (linked.entry(i).name.casefold(), i))),
            tuple(linked.backing.get(source_id, [])), tuple(linked.relayed.get(source_id, [])),
            tuple(disputes.get(source_id, ()))))
    return sorted(found, key=lambda a: _order(linked, a))


def _order(linked: Linked, addition: Addition) -> tuple[int, tuple[int, ...], str]:
    """Newest first as every list of sources (`kb.pipeline.render.text.newest_first`, the
    reverse of `FuzzyDate.order`); without a last possible day, last, by id."""
    if addition.day is None:
        return (1, (), addition.source)
    return (0, newest_first(linked, addition.source)[1], addition.source)


def _first_sources(linked: Linked) -> dict[EntryId, set[EntryId]]:
    """{source id: ids of the entities it is a first source of}: among the sources an
    entity's statements cite (as read), those whose date ends earliest. An entity
    citing an undated source may have been reported first there: it is nobody's new
    entry, rather than a wrong one's."""
    firsts: dict[EntryId, set[EntryId]] = {}
    for entry_id, kind in linked.kb.kinds.items():
        if kind not in ENTITY_KINDS:
            continue
        days: dict[EntryId, dt.date | None] = {}
        for cited in statements(linked.entity(entry_id)):
            date = linked.entry(cited.citation.source, Source).date
            days[cited.citation.source] = date.latest if date else None
        if not days or None in days.values():
            continue
        first = min(day for day in days.values() if day is not None)
        for source_id, day in days.items():
            if day == first:
                firsts.setdefault(source_id, set()).add(entry_id)
    return firsts


def _disagreements(linked: Linked) -> dict[EntryId, list[tuple[EntryId, str]]]:
    """{source id: (entry id, about) of each disagreement with a version citing it}."""
    found: dict[EntryId, list[tuple[EntryId, str]]] = {}
    for entry_id, kind in linked.kb.kinds.items():
        if kind not in ENTITY_KINDS:
            continue
        for dispute in linked.entity(entry_id).disputes:
            cited = {s for version in dispute.versions for c in version.cite
                     for s in (c.source, c.citing) if s}
            for source_id in sorted(cited):
                found.setdefault(source_id, []).append((entry_id, dispute.about))
    return found


def disagreement_target(linked: Linked, entry_id: EntryId, about: str) -> str:
    """The page and anchor of an entry's disagreement: 'people/x.md#disagreement-…'."""
    entry = linked.entity(entry_id)
    anchors = dict(zip((d.about for d in entry.disputes), dispute_anchors(entry),
                       strict=True))
    return f"{page_path(linked.kind(entry_id), entry_id)}#{anchors[about]}"


def on_entries(linked: Linked, cited: tuple[Cited, ...]) -> list[tuple[EntryId, int]]:
    """(entry id, how many) of the entries statements are on, by name."""
    return sorted(Counter(item.entry for item in cited).items(),
                  key=lambda pair: (linked.entry(pair[0]).name.casefold(), pair[0]))


# ---------------------------------------------------------------------------- the page


def latest_pages(linked: Linked, limit: int = PAGE_LIMIT,
                 listed: list[Addition] | None = None,
                 memo: RenderMemo | None = None) -> dict[PagePath, str]:
    """{path: Markdown} of the Latest page: while there are at most `limit` sources, one
    page listing them all; past that, cut by the periods of `kb.pipeline.render.periods`
    (a year, a month of a crowded year or a half of a crowded month, `MONTH_LIMIT`, by
    the day each is listed at; the undated
    last), with the newest period in full on the Latest page itself, under links to the
    earlier periods, and each earlier period on a page of its own ('latest/2024-01.md').
    A period's page so changes only when a source listed in it, or what it added,
    changes: the live preview re-renders a few short pages after a rename, not all of
    them (issue 16, item 2). `listed` is `additions(linked)` when the caller has it
    already (render gives the feed the same list), else read here. With a `memo` (the
    live preview's), a period's page is made again only when what a source listed
    there added changes, or what the source's own page shows (where the same
    statements, entries and disagreements are named), or the periods do
    (`kb.pipeline.render.memo.list_page`)."""
    listed = additions(linked) if listed is None else listed
    periods = by_period(listed, lambda addition: addition.day, limit,
                        month_limit=MONTH_LIMIT)
    # The newest period's page counts the sources of every period.
    parts = tuple((*part, len(period.items)) for part, period
                  in zip(outline(periods), periods, strict=True))

    def page(n: int) -> str:
        items = tuple(periods[n].items)
        return list_page(memo, _period_path(periods, n),
                         lambda memo: (parts, n, items,
                                       shown_by(memo, [a.source for a in items])),
                         lambda: _period_page(linked, periods, n))

    return {_period_path(periods, n): page(n) for n in range(len(periods))}


def _period_path(periods: list[Period[Addition]], index: int) -> PagePath:
    """'latest.md' for the newest period (or the whole list), 'latest/2024-01.md' for an
    earlier one."""
    return PATH if index == 0 else period_path(PATH, periods[index])


def _period_page(linked: Linked, periods: list[Period[Addition]], index: int) -> str:
    period = periods[index]
    path = _period_path(periods, index)
    feed = href(path, FEED)
    intro = ("Every source of this knowledge base by publication date, newest first, with "
             "what it added: the entries it is the first source of, the statements that "
             "cite it, and the disagreements it takes part in. Subscribe to the same list "
             f"in a feed reader: [feed.xml]({feed}) (Atom), where every source, dated or "
             "not, is dated by the day it was added to the knowledge base, so that one "
             "added now reaches subscribers as new whatever its publication date. A source "
             "whose day of publication is not known (dated only to a month, a year or a "
             "range of days) is placed at the last day its date allows, below the sources "
             "of that day, and may have been published before some listed below it.")
    title = TITLE if index == 0 else f"{TITLE}: {period.title}"
    pages = {p.slug: _period_path(periods, n) for n, p in enumerate(periods)}
    parts = [page_head(title, intro)]
    if len(periods) > 1 and index == 0:
        total = count(sum(len(p.items) for p in periods), "source")
        parts.append(f"There are {total}, too many for one page: this one lists those of "
                     f"{_of(period)}, and each earlier year has a page of its own, a crowded "
                     f"year one per month{halves_words(periods)}.\n\n"
                     + period_list(PATH, periods, "source",
                                   lambda p: pages[p.slug]))
    elif len(periods) > 1:
        parts.append(period_links(PATH, periods, index,
                                  lambda p: pages[p.slug]))
    dated = [a for a in period.items if a.day is not None]
    undated = [a for a in period.items if a.day is None]
    parts += [_section(linked, addition, path) for addition in dated]
    if undated:
        parts.append("## Sources without a known date\n\nThe source material gives no "
                     "publication date for these, or none with a last possible day: they "
                     "cannot be placed among the dated sources, and are listed here by id. "
                     "The feed has them too, dated by the day each was added.\n")
        parts += [_section(linked, addition, path, level=3) for addition in undated]
    if not period.items:
        parts.append("No sources yet.\n")
    return "\n".join(parts)


def _of(period: Period[Addition]) -> str:
    """'2024', 'March 2024'; the sources without a known date for the undated period."""
    return "the sources without a known date" if period.slug == "undated" else period.title


def _section(linked: Linked, addition: Addition, path: PagePath, level: int = 2) -> str:
    source = linked.entry(addition.source, Source)
    when = opening(source.date.words()) if source.date else "Date not given"
    # The outlet (or who spoke) beside the date tells the headings of one day apart.
    by = source.outlet or source.speaker
    heading = f"{'#' * level} {literal(when)}" + (
        f" · {esc(linked.entry(by).name)}" if by else "")
    label = source_label(linked, addition.source, path, outlet=False, dated=False)
    notes = []
    basis = date_basis(source)
    if basis:
        notes.append(f"Date {basis}.")
    placement = placement_note(source.date, "sources")
    if placement:
        notes.append(placement)
    if source.added:
        notes.append(f"Added to the knowledge base on {day_words(source.added)}.")
    label += "".join(f"  \n*{literal(note)}*" for note in notes)
    items = added_items(linked, addition, lambda entry_id: link_to(linked, entry_id, path),
                        lambda target, words: f"[{words}]({href(path, PagePath(target))})", esc)
    body = "\n".join(f"- {item}" for item in items) or "- Nothing cited yet."
    return f"{heading}\n\n{label}\n\n{body}\n"


def date_basis(source: Source) -> str:
    """How the date is known, where the page does not print it: 'taken from the page's
    address' (kb.model.DATE_BASES); '' for a printed date or none. The Latest page and
    the feed say it beside the date, as the source's page does: "where the block is
    unsure, the site says so" (issue 18)."""
    if source.date is None or source.date_basis in (None, "printed"):
        return ""
    return DATE_BASES[source.date_basis]


def when_lines(source: Source) -> list[str]:
    """Plain sentences on when a source was published, how that is known, or that it is
    not, and when it was added to the knowledge base: the head of its feed entry."""
    if source.date is None:
        published = "Publication date not known: the source material gives none."
    else:
        basis = date_basis(source)
        published = (f"Published: {source.date.words()}"
                     + (f" (date {basis})" if basis else "") + ".")
    added = (f"Added to the knowledge base on {day_words(source.added)}." if source.added
             else "The day it was added to the knowledge base is not recorded.")
    return [published, added]


def added_items(linked: Linked, addition: Addition, entry_link: Callable[[EntryId], str],
                link: Callable[[str, str], str], text: Callable[[str], str]) -> list[str]:
    """What a source added, as lines of the given markup: `entry_link(id)` links an
    entry by its name, `link(target page, words)` links a page, `text(words)` escapes data
    text. Shared by the page (Markdown) and the feed (HTML)."""
    items = []
    if addition.entries:
        items.append(f"First source of {count(len(addition.entries), 'entry', 'entries')}: "
                     + ", ".join(entry_link(i) for i in addition.entries))
    for cited, one, many in ((addition.statements, "cites it", "cite it"),
                             (addition.relayed, "read in a source that relays it",
                              "read in sources that relay it")):
        if cited:
            number = len(cited)
            on = ", ".join(entry_link(i) + (f" ({n})" if n > 1 else "")
                           for i, n in on_entries(linked, cited))
            items.append(f"{count(number, 'statement')} "
                         f"{many if number > 1 else one}, on {on}")
    if addition.disagreements:
        items.append("Disagreements: " + ", ".join(
            f"{link(disagreement_target(linked, entry_id, about), text(about))} "
            f"({entry_link(entry_id)})" for entry_id, about in addition.disagreements))
    return items
