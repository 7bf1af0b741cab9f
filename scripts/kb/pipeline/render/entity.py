"""One page per person, group, place and event."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator

from kb.addresses import EntryId, PagePath, href
from kb.dates.date import FuzzyDate
from kb.model import KINDS, RELATION_TYPES, Alias, Citation, Entity, Event, Fact, Relation, Source
from kb.pipeline.link import Linked, statements
from kb.pipeline.render.anchors import EntryAnchors, anchor_tag, entry_anchors
from kb.pipeline.render.citations import Footnotes, dispute_table, source_link
from kb.pipeline.render.disagreements import PATH as DISAGREEMENTS_PATH
from kb.pipeline.render.graph import ego_network
from kb.pipeline.render.quotes import quote_about
from kb.pipeline.render.site import Site, cite_block
from kb.pipeline.render.table import table
from kb.pipeline.render.text import (
    asof_form,
    dispute_anchors,
    disputed_link,
    esc,
    front_matter,
    in_language,
    kind_line,
    language_name,
    link_to,
    literal,
    newest_first,
    opens_with_date,
    page_path,
    plain,
    prose,
    reported_marker,
)
from kb.text.wording import opening


def entity_page(linked: Linked, entry_id: EntryId, site: Site) -> tuple[PagePath, str]:
    """(path, Markdown) of one entity's page."""
    entity = linked.entity(entry_id)
    kind = linked.kind(entry_id)
    path = page_path(kind, entry_id)
    notes = Footnotes(linked, path)
    anchors = entry_anchors(linked, entity)
    sections = [
        _header(linked, entity, kind, path, notes, anchors),
        asof_form(linked),
        _names(linked, entity, notes, path, anchors),
        _participants(linked, entity, notes, path),
        _facts(linked, entity, notes, path, anchors),
        _connections(linked, entity, notes, path),
        _events(linked, entity, path),
        ego_network(linked, entry_id, path),
        _quotes(linked, entity, notes, path),
        _disputes(entity, notes, path, anchors),
        _published(linked, entity, path),
        _what_links_here(linked, entity, path),
        cite_block(linked, site, entry_id, path),
        notes.section(),
    ]
    body = "\n".join(section for section in sections if section)
    front = front_matter(entity.name, description=plain(linked, entity.summary.text),
                         json_ld=json_ld(linked, entity, kind))
    return path, front + body


def json_ld(linked: Linked, entity: Entity, kind: str) -> str:
    """schema.org JSON-LD for search engines and scrapers, of the kind's type
    (`Kind.schema_org`), with every <, > and & escaped so that no text can close the
    element. It goes in the page's head (see overrides/main.html): in the body, the
    theme's instant navigation would run it as code."""
    data: dict[str, object] = {"@context": "https://schema.org",
                               "@type": KINDS[kind].schema_org,
                  "name": entity.name,
                  "description": plain(linked, entity.summary.text)}
    if entity.aliases:
        data["alternateName"] = alternate_names(entity)
    if entity.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
    if isinstance(entity, Event):
        data.update(_schema_org_dates(entity.date))
        if entity.places:
            data["location"] = [{"@type": KINDS["place"].schema_org,
                                 "name": linked.entry(p).name}
                                for p in entity.places]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def alternate_names(entity: Entity) -> list[str | dict[str, str]]:
    """schema.org alternateName: each alias, one in another language as a JSON-LD value
    object with its tag ({"@value": "أبو تقوى", "@language": "ar"}), and the Latin
    transliteration a source gives of it, each name once."""
    names: dict[str, str | dict[str, str]] = {}
    for alias in entity.aliases:
        names.setdefault(alias.name, {"@value": alias.name, "@language": alias.lang}
                         if alias.lang else alias.name)
        if alias.transliteration and alias.transliteration != entity.name:
            names.setdefault(alias.transliteration, alias.transliteration)
    return list(names.values())


_ISO = r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-[0-9]{2})?)?"
"""A year, month or day in ISO 8601: not EDTF's seasons (2001-21), which share its form."""


def _schema_org_dates(date: FuzzyDate) -> dict[str, str]:
    """startDate and endDate, ISO 8601 no more precise than the data ('2014',
    '2023-10'), and only what is known: a span gives its ends (an open one, the end
    that is known). A date that is one unknown day ('between 1 and 4 January', 'late
    October', 'as early as 2019') is not a span: it gives as startDate the day, month
    or year that holds every day it can mean ('2024-01'), and no endDate; an
    approximate or uncertain one (2020~), or one with no such day, gives none."""
    start, end = date.edtf.partition("/")[::2]
    if date.shape == "interval" and all(re.fullmatch(_ISO + "|(?:\\.\\.)?", p)
                                        for p in (start, end)):
        return {**({"startDate": start} if start[:1].isdigit() else {}),
                **({"endDate": end} if end[:1].isdigit() else {})}
    if date.shape == "single" and date.qualifier is None:
        return {"startDate": date.edtf} if re.fullmatch(_ISO, date.edtf) else {}
    if date.earliest is None or date.latest is None or re.search("[~?%]", date.edtf):
        return {}
    first, last = date.earliest.isoformat(), date.latest.isoformat()
    # The longest of day, month, year both ends share: 1-4 January 2024 -> '2024-01'.
    shared = next((length for length in (10, 7, 4) if first[:length] == last[:length]), 0)
    return {"startDate": first[:shared]} if shared else {}


def _header(linked: Linked, entity: Entity, kind: str, path: PagePath,
            notes: Footnotes, anchors: EntryAnchors) -> str:
    details = [kind_line(kind, path)]
    if isinstance(entity, Event):
        details.append(f"**Date:** {entity.date.words()}")
        if entity.places:
            details.append("**Place:** " + ", ".join(link_to(linked, p, path)
                                                     for p in entity.places))
    kind_type = getattr(entity, "type", None)
    if kind_type:
        details.append(f"**Type:** {esc(kind_type)}")
    summary = (f"{anchor_tag(anchors.summary)}{prose(linked, entity.summary.text, path)}"
               f"{notes.refs(entity.summary.cite)}"
               f"{disputed_link(linked, entity.summary, path)}")
    quotes = notes.quotes(entity.summary.cite)
    summary += f"\n\n{quotes}" if quotes else ""
    names = _other_scripts(linked, entity, notes, path)
    return (f"# {esc(entity.name)}\n\n{names + chr(10) if names else ''}"
            + "  \n".join(details) + f"\n\n{summary}\n")


def _other_scripts(linked: Linked, entity: Entity, notes: Footnotes, path: PagePath) -> str:
    """Under the heading, the names sources give in another language's script, beside
    the Latin name: 'Arabic: أبو تقوى السعيدي (Abu Taqwa al-Saeedi)[^1]', each in its
    language and direction, with the transliteration the same source gives and its
    citation; '' when there are none. One item per name, so that the "as reported by"
    view hides each with its own source. A name that is one version of a disagreement
    links the versions here too: a reader who stops at the heading still learns that
    sources differ on it."""
    items = []
    for alias in entity.aliases:
        if alias.lang:
            latin = f" ({esc(alias.transliteration)})" if alias.transliteration else ""
            items.append(f"<li markdown>**{literal(language_name(alias.lang))}:** "
                         f"{in_language(alias.name, alias.lang)}{latin}"
                         f"{notes.refs(alias.cite)}{disputed_link(linked, alias, path)}</li>")
    if not items:
        return ""
    return '<ul class="kb-other-names" markdown>\n' + "\n".join(items) + "\n</ul>\n"


def _alias(alias: Alias) -> str:
    """An alias as Markdown: in its language and direction, if it has one, followed by
    the language and its Latin transliteration. Who transliterated is not claimed: the
    source material gives it in brackets after the name, and an Arabic-only page
    prints none itself (dossier-2's header)."""
    if not alias.lang:
        return esc(alias.name)
    language = language_name(alias.lang)
    latin = (f"; in Latin letters, {esc(alias.transliteration)}"
             if alias.transliteration else "")
    return f"{in_language(alias.name, alias.lang)} ({literal(language)}{latin})"


def _names(linked: Linked, entity: Entity, notes: Footnotes, path: PagePath,
           anchors: EntryAnchors) -> str:
    if not entity.aliases:
        return ""
    lines = [f"- **{esc(entity.name)}** (name used on this site)"]
    for alias, name in zip(entity.aliases, anchors.aliases, strict=True):
        note = f" — {esc(alias.note)}" if alias.note else ""
        lines.append(_with_quotes(
            f"- {anchor_tag(name)}{_alias(alias)}{note}{notes.refs(alias.cite)}"
            f"{disputed_link(linked, alias, path)}",
            alias.cite, notes))
    # A quote's block quote inside an item needs blank lines around it (Markdown's lazy
    # continuation would otherwise swallow the next item); a list without quotes stays tight.
    joiner = "\n\n" if any("\n" in line for line in lines) else "\n"
    return "## Names\n\n" + joiner.join(lines) + "\n"


def _with_quotes(item: str, citations: list[Citation], notes: Footnotes) -> str:
    """A list item followed by the quotes its citations carry, inside the item."""
    quotes = notes.quotes(citations, indent="    ")
    return f"{item}\n\n{quotes}" if quotes else item


def _participants(linked: Linked, entity: Entity, notes: Footnotes, path: PagePath) -> str:
    if not isinstance(entity, Event) or not entity.participants:
        return ""
    rows, quotes = [], []
    for participant in entity.participants:
        role = esc(participant.role) if participant.role else ""
        sources = notes.named(participant.cite) if participant.cite else "as in the summary"
        who = link_to(linked, participant.entity, path)
        rows.append((who, role, sources))
        quotes.append(notes.quotes(participant.cite, about=f"*For:* {who}"
                                   + (f" ({role})" if role else "")))
    return "## Who was involved\n\n" + table(("Who", "Role", "Sources"), rows) \
        + _after_table(quotes)


def _after_table(quotes: list[str]) -> str:
    """The quotes of a table's rows, below it: a block quote cannot sit in a cell."""
    return "".join(f"\n{quote}\n" for quote in quotes if quote)


def _facts(linked: Linked, entity: Entity, notes: Footnotes, path: PagePath,
           anchors: EntryAnchors) -> str:
    if not entity.facts:
        return ""
    # Blank lines between items: a quote's blockquote would otherwise swallow the
    # next item (Markdown's lazy continuation).
    lines = [_statement(linked, fact, notes, path, name)
             for fact, name in zip(entity.facts, anchors.facts, strict=True)]
    return "## Key facts\n\n" + "\n\n".join(lines) + "\n"


def _statement(linked: Linked, statement: Fact, notes: Footnotes, path: PagePath,
               anchor_name: str) -> str:
    date = statement.date
    # The date leads each dated fact, unless the fact's own words already open with it.
    when = (f"**{opening(date.words())}:** " if date and not
            opens_with_date(plain(linked, statement.text), date) else "")
    line = (f"- {anchor_tag(anchor_name)}{when}{prose(linked, statement.text, path)}"
            f"{notes.refs(statement.cite)}"
            f"{disputed_link(linked, statement, path)}")
    return _with_quotes(line, statement.cite, notes)


def _connections(linked: Linked, entity: Entity, notes: Footnotes, path: PagePath) -> str:
    rows = list(_outgoing(linked, entity, notes, path)) + list(_incoming(linked, entity, path))
    if not rows:
        return ""
    # Quotes of this entry's own relations; an incoming relation's stay on its page,
    # where its sources are.
    quotes = [notes.quotes(relation.cite, about=f"*For:* {RELATION_TYPES[relation.type].label} "
                           f"{link_to(linked, relation.target, path)}")
              for relation in entity.relations]
    return "## Connections\n\n" + table(("Relation", "With", "Role", "Since", "Sources"),
                                         rows) + _after_table(quotes)


def _outgoing(linked: Linked, entity: Entity, notes: Footnotes,
              path: PagePath) -> Iterator[tuple[str, ...]]:
    for relation in entity.relations:
        yield _row(RELATION_TYPES[relation.type].label, link_to(linked, relation.target, path),
                   relation, notes.named(relation.cite))


def _incoming(linked: Linked, entity: Entity, path: PagePath) -> Iterator[tuple[str, ...]]:
    for incoming in linked.incoming.get(entity.id, []):
        relation = incoming.relation
        sources = (f"on {link_to(linked, incoming.subject, path)}'s page"
                   + reported_marker(linked, relation.cite))
        yield _row(RELATION_TYPES[relation.type].inverse,
                   link_to(linked, incoming.subject, path), relation, sources)


def _row(label: str, other: str, relation: Relation, sources: str) -> tuple[str, ...]:
    role = esc(relation.role) if relation.role else ""
    since = relation.since.words() if relation.since else ""
    if relation.until:
        since = f"{since} – {relation.until.words()}"
    return label.capitalize(), other, role, since, sources


def _events(linked: Linked, entity: Entity, path: PagePath) -> str:
    involvements = linked.events_of.get(entity.id, [])
    if not involvements:
        return ""
    roles: dict[EntryId, list[str]] = defaultdict(list)
    for involvement in involvements:
        if involvement.role:
            roles[involvement.event].append(involvement.role)
        else:
            roles.setdefault(involvement.event, [])
    ordered = sorted(roles, key=lambda i: linked.entry(i, Event).date.order)
    lines = []
    for event_id in ordered:
        event = linked.entry(event_id, Event)
        role = f" ({', '.join(esc(r) for r in roles[event_id])})" if roles[event_id] else ""
        # An event was known once any source on its page had reported it.
        reported = reported_marker(linked, [c.citation for c in statements(event)])
        placed = " (day not known: listed at its last possible day)" \
            if event.date.placed_at_end else ""
        lines.append(f"- **{opening(event.date.words())}**{placed} — "
                     f"{link_to(linked, event_id, path)}{role}{reported}")
    return "## Events\n\n" + "\n".join(lines) + "\n"


def _quotes(linked: Linked, entity: Entity, notes: Footnotes, path: PagePath) -> str:
    """What this entry said on other pages, in the order it was said (kb.pipeline.link sorts
    them); its quotes on this page's own statements are shown with them instead."""
    uses = [u for u in linked.quotes_by.get(entity.id, []) if u.entry != entity.id]
    blocks = [notes.quotes([use.citation], about=quote_about(linked, use, path))
              for use in uses]
    blocks = [block for block in blocks if block]
    if not blocks:
        return ""
    return "## Quotes\n\n" + "\n\n".join(blocks) + "\n"


def _published(linked: Linked, entity: Entity, path: PagePath) -> str:
    sources = linked.published.get(entity.id, [])
    if not sources:
        return ""
    lines = []
    for source_id in sorted(sources, key=lambda i: (newest_first(linked, i), i)):
        source = linked.entry(source_id, Source)
        date = source.date.words() if source.date else "date not given"
        reported = reported_marker(linked, [Citation(source=source_id)])
        lines.append(f"- {source_link(linked, source_id, path)}, {date}{reported}")
    return "## Sources it published\n\n" + "\n".join(lines) + "\n"


def _what_links_here(linked: Linked, entity: Entity, path: PagePath) -> str:
    """Every other page that names this entry, and where on it (Wikipedia's
    'What links here'), computed from the data; by kind (`Kind.order`), then name."""
    mentions = sorted(linked.mentions.get(entity.id, []), key=lambda m: (
        KINDS[linked.kind(m.entry)].order, linked.entry(m.entry).name.casefold()))
    if not mentions:
        return ""
    lines = []
    for mention in mentions:
        kind = KINDS[linked.kind(mention.entry)].label.lower()
        where = ", ".join(mention.sections)
        lines.append(f"- {link_to(linked, mention.entry, path)} ({kind}) — in {where}")
    return "## What links here\n\n" + "\n".join(lines) + "\n"


def _disputes(entity: Entity, notes: Footnotes, path: PagePath, anchors: EntryAnchors) -> str:
    if not entity.disputes:
        return ""
    parts = ["## Disagreements between sources\n",
             "Each version with the sources that give it, and their dates; none is "
             f"preferred. All disagreements: [index]({href(path, DISAGREEMENTS_PATH)}).\n"]
    for dispute, anchor, versions in zip(entity.disputes, dispute_anchors(entity),
                                         anchors.versions, strict=True):
        parts.append(f"### {esc(dispute.about)} {{ #{anchor} }}\n")
        parts.append(dispute_table(dispute, notes, versions))
    return "\n".join(parts)
