"""Stage 3, link: resolve every reference once and build the reverse indexes.

After this pass, rendering never looks anything up by scanning: a group's members,
a person's events and quotes, a source's statements are all lists made here, in one
walk over the data (linear in its size).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, overload

from kb.addresses import EntryId
from kb.crash import reading
from kb.dates.date import FuzzyDate
from kb.model import (
    ENTITY_KINDS,
    ENTITY_LINK,
    RELATION_TYPES,
    AnyEntry,
    Chapter,
    Citation,
    DisputeRef,
    E,
    Entity,
    Event,
    KnowledgeBase,
    Quote,
    Relation,
    Source,
)

Section = Literal["summary", "name", "fact", "relation", "disagreement", "participant",
                  "story"]
"""The kinds of statement, by where they sit on an entry (`statements` yields them)."""


@dataclass(frozen=True)
class Cited:
    """One statement in the data and one of its citations: what a source backs."""

    entry: EntryId
    """Id of the entry the statement is on."""
    section: Section
    """Where on that entry: 'summary', 'fact', 'name', 'relation', 'disagreement',
    'story'..."""
    text: str
    citation: Citation
    date: FuzzyDate | None = None
    """When the statement held: a fact's own date, or an event's for its summary."""
    disputed: DisputeRef | None = None
    """The disagreement the statement gives one version of, which every page showing
    it links: a summary, fact, story sentence or name's `disputed`, or, for a version
    in a disagreement, that disagreement."""
    lang: str | None = None
    """The language of `text` when it is a name in another script (an alias's `lang`)."""
    transliteration: str | None = None
    """That name in Latin letters, as the source gives it (an alias's)."""


@dataclass(frozen=True)
class QuoteUse:
    """A quote as reported: the words, the citation that reports them, and where."""

    quote: Quote
    citation: Citation
    entry: EntryId
    statement: str
    section: Section = "fact"
    """Which statement of the entry it supports, as in `Cited.section`."""
    disputed: DisputeRef | None = None
    """The disagreement the statement it supports belongs to (`Cited.disputed`): every
    list of quotes links it beside the quote."""


@dataclass(frozen=True)
class Incoming:
    """A relation seen from its target: `subject` --relation--> this entry."""

    subject: EntryId
    relation: Relation


@dataclass(frozen=True)
class Involvement:
    """An event an entry takes part in or happens at."""

    event: EntryId
    role: str | None


@dataclass(frozen=True)
class Mention:
    """A page that names an entry, and the parts of that page where it does."""

    entry: EntryId
    sections: tuple[str, ...]


# Where on a page a reference sits, by the field it is under: the words readers see.
_SECTION_OF_FIELD = {
    "summary": "summary", "aliases": "names", "facts": "key facts",
    "relations": "connections", "disputes": "disagreements",
    "participants": "who was involved", "places": "places", "sentences": "story",
}


@dataclass(frozen=True)
class Edge:
    """A link between two entities, for the network: a relation, or an event's
    participant or place."""

    source: EntryId
    target: EntryId
    type: str
    """A relation type ('member_of'), or 'participant' / 'place' for events."""
    label: str
    cite: tuple[Citation, ...] = field(default=(), compare=False)
    """What reports the link: the relation's citations; a participant's own, else, like
    an event's places, the event summary's. Their sources' dates say since when the
    link was known (the network "as reported by" a day)."""


EDGE_LABELS = {**{name: t.label for name, t in RELATION_TYPES.items()},
               "participant": "took part in", "place": "took place in"}


@dataclass
class Linked:
    """The knowledge base with every reverse link resolved."""

    kb: KnowledgeBase
    incoming: dict[EntryId, list[Incoming]] = field(
        default_factory=lambda: defaultdict(list))
    events_of: dict[EntryId, list[Involvement]] = field(
        default_factory=lambda: defaultdict(list))
    quotes_by: dict[EntryId, list[QuoteUse]] = field(default_factory=lambda: defaultdict(list))
    backing: dict[EntryId, list[Cited]] = field(default_factory=lambda: defaultdict(list))
    """Source id -> statements that cite it directly."""
    relayed: dict[EntryId, list[Cited]] = field(default_factory=lambda: defaultdict(list))
    """Source id -> statements that cite it through another source ('citing')."""
    published: dict[EntryId, list[EntryId]] = field(default_factory=lambda: defaultdict(list))
    """Outlet id -> ids of the sources it published."""
    mentions: dict[EntryId, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    """Entry id -> the other pages that name it (what links here), in id order."""
    edges: list[Edge] = field(default_factory=list)
    """Every link between entities, in entry order."""
    edges_of: dict[EntryId, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    """Entity id -> the links at either end of which it stands."""
    quotes: list[QuoteUse] = field(default_factory=list)
    timeline: list[EntryId] = field(default_factory=list)
    """Event ids, earliest first, in the order of their dates' `FuzzyDate.order`."""
    reporting_span: tuple[str, str] = ("", "")
    """First and last day by which a source had surely been published (ISO: each
    source's latest possible day), for date pickers."""
    chapters: list[EntryId] = field(default_factory=list)
    """Story chapter ids, in story order (their file names sort that way)."""
    page_inputs: dict[EntryId, frozenset[EntryId]] = field(default_factory=dict)
    """Entry id -> ids of the entries whose content its page shows (see `page_inputs`),
    for every entry with a page of its own: entities and sources."""

    @overload
    def entry(self, entry_id: EntryId) -> AnyEntry: ...
    @overload
    def entry(self, entry_id: EntryId, model: type[E]) -> E: ...

    def entry(self, entry_id: EntryId, model: type[E] | None = None) -> AnyEntry | E:
        """`KnowledgeBase.entry`: the entry with this id, typed as `model` if given."""
        return self.kb.entry(entry_id) if model is None else self.kb.entry(entry_id, model)

    def entity(self, entry_id: EntryId) -> Entity:
        """`KnowledgeBase.entity`: the person, group, place or event with this id."""
        return self.kb.entity(entry_id)

    def kind(self, entry_id: EntryId) -> str:
        """The kind name of an entry ('person', 'source'...). Raises KeyError for an
        unknown id."""
        return self.kb.kinds[entry_id]


def link(kb: KnowledgeBase) -> Linked:
    """Build every reverse index in one pass over the entries."""
    linked = Linked(kb)
    for entry_id, entry in kb.entries.items():
        with reading(kb.paths.get(entry_id, "data/")):  # a fault names the file
            _link_entry(linked, entry)
    # FuzzyDate.order: an event whose day is not known (a month, a year, one day of a
    # range) sorts at the last day it can have been, ahead of events dated that day,
    # never as if known on its first.
    linked.timeline = [event.id for event in sorted(
        kb.of_kind(Event), key=lambda event: (*event.date.order, event.name))]
    linked.chapters.sort()
    days = sorted(source.date.latest.isoformat() for source in kb.of_kind(Source)
                  if source.date and source.date.latest)
    linked.reporting_span = (days[0], days[-1]) if days else ("", "")
    linked.quotes.sort(key=_quote_order(kb))
    for uses in linked.quotes_by.values():
        uses.sort(key=_quote_order(kb))
    linked.page_inputs = page_inputs(linked)
    return linked


def _link_entry(linked: Linked, entry: Entity | Source | Chapter) -> None:
    if isinstance(entry, Source):
        _link_source(linked, entry)
        return
    _link_mentions(linked, entry)
    if isinstance(entry, Chapter):
        linked.chapters.append(entry.id)
    else:
        _link_relations(linked, entry)
    if isinstance(entry, Event):
        _link_event(linked, entry)
    for cited in statements(entry):
        _link_citation(linked, cited)


def _link_source(linked: Linked, source: Source) -> None:
    if source.outlet:
        linked.published[source.outlet].append(source.id)


def _link_mentions(linked: Linked, entry: Entity | Chapter) -> None:
    """Record this entry on the page of every other entry it names (not its sources:
    source pages list what cites them)."""
    sections: dict[EntryId, dict[str, None]] = defaultdict(dict)
    for path, ref, allowed, _ in linked.kb.references[entry.id]:
        if "source" in allowed or ref == entry.id:
            continue
        section = "quotes" if "quote" in path else _SECTION_OF_FIELD.get(str(path[0]), "page")
        sections[ref][section] = None
    for named, named_in in sections.items():
        linked.mentions[named].append(Mention(entry.id, tuple(named_in)))


def _link_relations(linked: Linked, entry: Entity) -> None:
    for relation in entry.relations:
        linked.incoming[relation.target].append(Incoming(entry.id, relation))
        _add_edge(linked, Edge(entry.id, relation.target, relation.type,
                               EDGE_LABELS[relation.type], tuple(relation.cite)))


def _link_event(linked: Linked, event: Event) -> None:
    for participant in event.participants:
        linked.events_of[participant.entity].append(Involvement(event.id, participant.role))
        _add_edge(linked, Edge(participant.entity, event.id, "participant",
                               participant.role or EDGE_LABELS["participant"],
                               tuple(participant.cite or event.summary.cite)))
    for place in event.places:
        linked.events_of[place].append(Involvement(event.id, "place"))
        _add_edge(linked, Edge(event.id, place, "place", EDGE_LABELS["place"],
                               tuple(event.summary.cite)))


def _add_edge(linked: Linked, edge: Edge) -> None:
    linked.edges.append(edge)
    linked.edges_of[edge.source].append(edge)
    if edge.target != edge.source:
        linked.edges_of[edge.target].append(edge)


def _link_citation(linked: Linked, cited: Cited) -> None:
    citation = cited.citation
    linked.backing[citation.source].append(cited)
    if citation.citing:
        linked.relayed[citation.citing].append(cited)
    if citation.quote:
        use = QuoteUse(citation.quote, citation, cited.entry, cited.text, cited.section,
                       cited.disputed)
        linked.quotes.append(use)
        for speaker in citation.quote.speaker:  # words said jointly show on each page
            linked.quotes_by[speaker].append(use)


def statements(entry: Entity | Chapter) -> Iterator[Cited]:
    """Every cited statement on an entry, each citation once, in page order."""
    if isinstance(entry, Chapter):
        for sentence in entry.sentences:
            for citation in sentence.cite:
                yield Cited(entry.id, "story", sentence.text, citation,
                            disputed=sentence.disputed)
        return
    summary_date = entry.date if isinstance(entry, Event) else None
    for citation in entry.summary.cite:
        yield Cited(entry.id, "summary", entry.summary.text, citation, summary_date,
                    entry.summary.disputed)
    for alias in entry.aliases:
        for citation in alias.cite:
            yield Cited(entry.id, "name", alias.name, citation, disputed=alias.disputed,
                        lang=alias.lang, transliteration=alias.transliteration)
    for fact in entry.facts:
        for citation in fact.cite:
            yield Cited(entry.id, "fact", fact.text, citation, fact.date, fact.disputed)
    for relation in entry.relations:
        for citation in relation.cite:
            yield Cited(entry.id, "relation", f"{relation.type} {relation.target}", citation)
    for dispute in entry.disputes:
        # A version belongs to its own disagreement: shown away from its table (a source's
        # page, a list of quotes), it links the others.
        own = DisputeRef(entry=entry.id, about=dispute.about)
        for version in dispute.versions:
            for citation in version.cite:
                yield Cited(entry.id, "disagreement", f"{dispute.about}: {version.value}",
                            citation, disputed=own)
    if isinstance(entry, Event):
        for participant in entry.participants:
            for citation in participant.cite:
                yield Cited(entry.id, "participant", participant.entity, citation)


ENTRY_INDEXES = ("incoming", "events_of", "quotes_by", "backing", "relayed", "published",
                 "mentions", "edges_of", "page_inputs")
"""The indexes of `Linked` keyed by entry: a page reads its own key, and every entry in
what it finds there is in its `page_inputs`."""


def page_inputs(linked: Linked) -> dict[EntryId, frozenset[EntryId]]:
    """What each entry page depends on: {entry id: ids of the entries whose content the
    page shows}, for every entity and source, its own id included.

    The one answer to "which data files make this page": "Cite this page" dates a
    page by the latest change to any of them, and the live preview renders a page
    again only when one of them (or the set) has changed. It follows what the page
    emitters of kb.pipeline.render print, section by section: every id the entry's own file
    names (links, places, participants, relation targets, quote speakers, cited
    sources) with each cited source's outlet (footnotes name it); the other side of
    every relation, with the sources whose dates mark when it was reported; each event
    it is in, with every source the event cites (the same marks); both ends of every
    link in its network drawing; the quotes it spoke, with where they are reported;
    the sources it published; the pages that name it (what links here). A source's
    page shows its outlet, what it republishes, and each statement citing it with
    everything that statement names. tests/test_page_inputs.py renders every page
    through a view that notes each entry read, and checks that none is missing here.

    Linear in the size of the data: what an event's page cites is gathered once.
    """
    kb = linked.kb
    event_sources: dict[EntryId, set[EntryId]] = {}
    inputs: dict[EntryId, frozenset[EntryId]] = {}
    for entry_id, kind in kb.kinds.items():
        if kind == "source":
            inputs[entry_id] = _source_page_inputs(linked, kb.entry(entry_id, Source))
        elif kind in ENTITY_KINDS:
            inputs[entry_id] = _entity_page_inputs(linked, entry_id, event_sources)
    return inputs


def _entity_page_inputs(linked: Linked, entry_id: EntryId,
                        event_sources: dict[EntryId, set[EntryId]]) -> frozenset[EntryId]:
    kb = linked.kb
    shown = {entry_id}
    # Every id its own file names, and the outlet of each source it cites (a footnote
    # reads "Outlet, “Title”, date").
    for _, ref, allowed, _ in kb.references[entry_id]:
        shown.add(ref)
        if "source" in allowed:
            shown |= _source_names(kb.entry(ref, Source))
    for incoming in linked.incoming.get(entry_id, ()):
        shown.add(incoming.subject)
        shown.update(citation.source for citation in incoming.relation.cite)
    for involvement in linked.events_of.get(entry_id, ()):
        event = involvement.event
        if event not in event_sources:
            event_sources[event] = {cited.citation.source
                                    for cited in statements(kb.entry(event, Event))}
        shown.add(event)
        shown |= event_sources[event]
    for edge in linked.edges_of.get(entry_id, ()):
        shown.add(edge.source)
        shown.add(edge.target)
    for use in linked.quotes_by.get(entry_id, ()):
        shown.add(use.entry)
        if use.disputed:  # its 'sources differ' link counts the versions there
            shown.add(use.disputed.entry)
        shown.update(use.quote.speaker)  # words said jointly name every speaker
        for source_id in (use.citation.source, use.citation.citing):
            if source_id:
                shown |= _source_names(kb.entry(source_id, Source))
    for published in linked.published.get(entry_id, ()):
        shown |= _source_names(kb.entry(published, Source))
    shown.update(mention.entry for mention in linked.mentions.get(entry_id, ()))
    return frozenset(shown)


def _source_names(source: Source) -> set[EntryId]:
    """What a citation of a source prints: its title and date, its outlet's name, and
    for remarks given to an outlet the speaker's ('Jennifer Kavanagh, remarks to Vox')."""
    return {source.id} | {i for i in (source.outlet, source.speaker) if i}


def _source_page_inputs(linked: Linked, source: Source) -> frozenset[EntryId]:
    shown = _source_names(source)
    shown.update(source.relays)
    for index in (linked.backing, linked.relayed):
        for cited in index.get(source.id, ()):
            shown.add(cited.entry)
            shown.update(statement_names(cited))
            if cited.disputed:  # its 'sources differ' link counts the other's versions
                shown.add(cited.disputed.entry)
            if cited.citation.quote:
                shown.update(cited.citation.quote.speaker)
            if cited.citation.citing:
                shown |= _source_names(linked.kb.entry(cited.citation.citing, Source))
    return frozenset(shown)


def statement_names(cited: Cited) -> Iterator[EntryId]:
    """The entries a cited statement names as a source's page prints it: a relation's
    target, a participant, or the [[id]] links of its text."""
    if cited.section == "relation":
        yield EntryId(cited.text.split(" ", 1)[1])
    elif cited.section == "participant":
        yield EntryId(cited.text)
    elif "[[" in cited.text:  # most statements link nothing: skip the pattern
        yield from (EntryId(match[1].strip()) for match in ENTITY_LINK.finditer(cited.text))


def _quote_order(kb: KnowledgeBase) -> Callable[[QuoteUse], QuoteKey]:
    """Sort key of quotes: by when they were said; those said at the same time by when
    the source that reports them was published; undated ones (no `said`) last, and
    among them, too, by publication. The sort is stable, so ties keep the order of the
    data (file, then statement, then citation), which follows the sources. Never by
    speaker or wording: an alphabetical order would read as a sequence of events."""

    def key(use: QuoteUse) -> QuoteKey:
        return quote_order(kb, use.citation)

    return key


DateKey = tuple[bool, tuple[()] | tuple[dt.date, int, int, dt.date]]
"""A date's place in a sort: missing or not, then `FuzzyDate.order`."""
QuoteKey = tuple[bool, tuple[()] | tuple[dt.date, int, int, dt.date],
                 bool, tuple[()] | tuple[dt.date, int, int, dt.date]]
"""A quote's place in a sort (`quote_order`): when said, then when reported."""


def quote_order(kb: KnowledgeBase, citation: Citation) -> QuoteKey:
    """The sort key of a citation's quote (see `_quote_order`): when said, then when
    the source reporting it was published, undated last."""
    published = kb.entry(citation.source, Source).date
    said = citation.quote.said if citation.quote else None
    return (*_earliest_first(said), *_earliest_first(published))


def _earliest_first(date: FuzzyDate | None) -> DateKey:
    """A sort key: dates in the order of `FuzzyDate.order`, a missing date after every
    date."""
    return (True, ()) if date is None else (False, date.order)


def quote_date(use: QuoteUse) -> FuzzyDate | None:
    """When a quote was said; None when the data does not say. Its source's date is
    when it was reported, which orders quotes said at one time but does not date them."""
    return use.quote.said
