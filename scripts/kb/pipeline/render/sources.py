"""One page per source: what it is, and every statement the site takes from it."""

from __future__ import annotations

from itertools import groupby

from kb.addresses import EntryId, PagePath
from kb.model import DATE_BASES, Source
from kb.pipeline.link import Cited, Linked
from kb.pipeline.render.citations import (
    source_heading,
    source_link,
    source_page_title,
    source_title,
    speakers,
    title_mark,
)
from kb.pipeline.render.site import Site, cite_block
from kb.pipeline.render.table import details_table
from kb.pipeline.render.text import (
    disputed_link,
    esc,
    external,
    front_matter,
    in_language,
    kind_line,
    link_to,
    page_path,
    prose,
    quoted_text,
)
from kb.text.titles import slug_label

_SECTIONS = {
    "summary": "summary", "name": "name", "fact": "fact", "relation": "connection",
    "disagreement": "disagreement", "participant": "participant", "story": "story overview",
}


def source_page(linked: Linked, source_id: EntryId, site: Site) -> tuple[PagePath, str]:
    """(path, Markdown) of one source's page."""
    source = linked.entry(source_id, Source)
    path = page_path("source", source_id)
    outlet = linked.entry(source.outlet).name + ", " if source.outlet else ""
    date = source.date.words() if source.date else "date not given"
    heading = source_heading(source)
    if source.title_kind == "url slug":  # the heading has its mark in parentheses already
        description = (f"Source without a headline, labelled with the words of its web "
                       f"address: {slug_label(source.title)} ({outlet}{date}), and what "
                       "this site takes from it.")
    else:
        description = f"Source: {heading} ({outlet}{date}) and what this site takes from it."
    parts = [front_matter(source_page_title(source), description=description),
             f"# {_heading(source)}\n",
             kind_line("source", path) + "\n",
             _untitled(source), _details(linked, source, path)]
    parts.append(_statements("Statements this source backs",
                             linked.backing.get(source_id, []), linked, path))
    parts.append(_statements("Statements relayed from this source by another",
                             linked.relayed.get(source_id, []), linked, path))
    parts.append(cite_block(linked, site, source_id, path))
    return path, "\n".join(p for p in parts if p)


def _untitled(source: Source) -> str:
    """For a page without a headline, what its label is (the rule: kb.text.titles)."""
    if source.title_kind != "url slug":
        return ""
    return ("*No headline: our copy of this page shows none. The label above is made of "
            "the words of its web address, not a title the outlet gave it.*\n")


def _details(linked: Linked, source: Source, path: PagePath) -> str:
    rows = [("Title", source_title(source) + title_mark(source))]
    if source.speaker:
        rows.append(("Speaker", link_to(linked, source.speaker, path)))
    if source.outlet:
        rows.append(("Given to" if source.speaker else "Outlet",
                     link_to(linked, source.outlet, path)))
    if source.author:
        rows.append(("Author", esc(source.author)))
    date = source.date.words() if source.date else "not given in the source material"
    if source.date and source.date_basis:
        date += f" ({DATE_BASES[source.date_basis]})"
    rows.append(("Date", date))
    rows.append(("Type", source.type))
    rows.append(("Address", external(source.url, source.url) if source.url
                 else "none given in the source material"))
    if source.relays:
        rows.append(("Relays", ", ".join(source_link(linked, i, path) for i in source.relays)))
    if source.note:
        rows.append(("Note", esc(source.note)))
    return details_table(rows)


def _statements(title: str, cited: list[Cited], linked: Linked, path: PagePath) -> str:
    """The statements a source backs (or relays), by entry, each statement once with
    every quote and relay of its citations of this source: a fact cited twice (two
    quotes, or read here and relayed from another) is one line (issue 18's trial: S35's
    and S38's pages showed one fact twice)."""
    if not cited:
        return ""
    lines = [f"## {title}\n"]
    for entry_id, group in groupby(cited, key=lambda c: c.entry):
        lines.append(f"### {link_to(linked, entry_id, path)}\n")
        statements: dict[tuple[str, str], list[Cited]] = {}
        for item in group:  # in page order, each statement where it first comes
            statements.setdefault((item.section, item.text), []).append(item)
        for items in statements.values():
            lines.append(_line(items, linked, path))
        lines.append("")
    return "\n".join(lines)


def _citing(item: Cited) -> EntryId | None:
    """The source a citation relays, if another than the one it reads."""
    citation = item.citation
    return citation.citing if citation.citing and citation.citing != citation.source else None


def _line(items: list[Cited], linked: Linked, path: PagePath) -> str:
    """One statement, with where it was read (directly, citing another source, or both)
    and every quote its citations carry; several quotes each on a line of their own."""
    item = items[0]
    label = _SECTIONS[item.section]
    text = prose(linked, item.text, path)
    if item.section == "relation":
        relation_type, target = item.text.split(" ", 1)
        text = f"{relation_type.replace('_', ' ')} {link_to(linked, EntryId(target), path)}"
    elif item.section == "participant":
        text = link_to(linked, EntryId(item.text), path)
    elif item.lang:  # a name in another script, in its language and direction
        latin = f" ({esc(item.transliteration)})" if item.transliteration else ""
        text = f"{in_language(item.text, item.lang)}{latin}"
    line = f"- *{label}:* {text}{disputed_link(linked, item, path)}"
    citings = list(dict.fromkeys(c for i in items if (c := _citing(i))))
    direct = any(_citing(i) is None for i in items)
    if citings:
        relayed = " and ".join(source_link(linked, c, path) for c in citings)
        line += f" ({'directly, and ' if direct else ''}citing {relayed})"
    quoted = [i for i in items if i.citation.quote]
    # Which relay a quote comes through, where the statement has more than one way in.
    own = len(citings) + direct > 1
    quotes = [_quote(i, linked, path, own) for i in quoted]
    if len(quotes) == 1:
        return f"{line} — {quotes[0]}"
    return line + "".join(f"\n    - {quote}" for quote in quotes)


def _quote(item: Cited, linked: Linked, path: PagePath, own_relay: bool) -> str:
    quote = item.citation.quote
    assert quote is not None  # only quoted citations are passed
    said = f", {quote.said.words()}" if quote.said else ""
    context = f" ({esc(quote.context)})" if quote.context else ""
    citing = _citing(item)
    via = f", citing {source_link(linked, citing, path)}" if own_relay and citing else ""
    return (f"quotes {speakers(linked, quote, path)}{said}{context}{via}: "
            f"{quoted_text(quote.text, quote.lang)}")


def _heading(source: Source) -> str:
    """The page's heading: the title as a citation shows it for a label made from a web
    address (the mark follows it: `_untitled`), else the title as printed, in its
    language."""
    if source.title_kind == "url slug":
        return source_title(source)
    return in_language(source_heading(source), source.lang)
