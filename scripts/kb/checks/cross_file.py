"""Checks beyond the schema: what files valid one by one can still get wrong together.

Each check is a function from the valid entries (and their raw records, for line
numbers) to problems; `run` calls them all. Errors stop the build; warnings point
at loose ends an editor should look at but that publish no falsehood. What the checks
read in texts may be kept from one run to the next (`Readings`, for the live preview).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Container, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from kb.addresses import EntryId
from kb.checks.claims import ARTICLES, Claim, Gazetteer, claims, prose_word_spans, prose_words
from kb.checks.evidence import Evidence
from kb.checks.partial import read_field
from kb.dates.date import FuzzyDate
from kb.model import (
    ENTITY_LINK,
    RELATION_TYPES,
    SPOKEN_TYPES,
    Alias,
    Chapter,
    Citation,
    Dispute,
    Entity,
    Entry,
    Event,
    KnowledgeBase,
    Quote,
    Source,
    Statement,
)
from kb.pipeline.load import Path_, RawRecord
from kb.problems import Problem, did_you_mean
from kb.text.spelling import name_key, words
from kb.text.titles import slug_mismatch
from kb.text.wording import series, with_article
from kb.tools.schema import schema_comment

Records = Mapping[EntryId, RawRecord]
Check = Callable[[KnowledgeBase, Records], Iterator[Problem]]


class Readings:
    """What the checks read in the texts of each entry, kept from one validation to
    the next by the owner of a series of builds (through `kb.pipeline.validate.CheckMemo`):
    the live preview checks every file across files at every save, and most texts are
    as they were. Each reading is taken back only for the very same entry object, or
    the same text read against the same names."""

    def __init__(self) -> None:
        self.own_words: dict[EntryId, tuple[Any, tuple[_OwnWords, ...]]] = {}
        """Entry id -> (the entry, the texts in its own words, read into words)."""
        self.names: tuple[tuple[EntryId, tuple[str, ...]], ...] = ()
        """The names of the entries recording a disagreement, when `found` was made."""
        self.found: dict[str, set[EntryId]] = {}
        """Statement text -> the ids of those entries it names."""
        self.name_keys: dict[str, str] = {}
        """Each entity's name and alias -> its `name_key`."""
        self.name_words: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        """Each name and alias -> its words without articles, and those of them that
        are not linking words (`names_spelt_alike`)."""
        self.evidence: dict[str, tuple[Evidence, set[_Value]]] = {}
        """Statement text -> what it says, read (`Evidence`), and the numbers and days
        its claims give: read from the text alone."""


def run(kb: KnowledgeBase, records: Records, *, with_warnings: bool,
        readings: Readings | None = None) -> list[Problem]:
    """Every check's problems. Link warnings are left out while errors remain, as a
    broken file makes the entries it names look unlinked. With `readings` from the
    last run, texts read then are not read again."""
    readings = readings or Readings()
    checks: list[Check] = [dates_known_to_sources, relation_ends,
                           functools.partial(names_shared, readings=readings),
                           functools.partial(names_spelt_alike, readings=readings),
                           citations_read_rightly, spoken_sources,
                           source_dates_explained, slug_titles, disputes_named,
                           quoted_versions_linked,
                           functools.partial(disagreements_settled, readings=readings)]
    if with_warnings:
        checks += [unlinked_entities, uncited_sources, schema_lines]
    return [problem for check in checks for problem in check(kb, records)]


def _at(record: RawRecord, path: Path_, message: str, severity: str = "error") -> Problem:
    line, column = record.mark(path)
    return Problem(record.path, line, column, message, severity)


def _entities(kb: KnowledgeBase) -> Iterator[Entity]:
    return (e for e in kb.entries.values() if isinstance(e, Entry))


def _citing_entries(kb: KnowledgeBase) -> Iterator[Entity | Chapter]:
    """Entries that make statements: entities and story chapters."""
    return (e for e in kb.entries.values() if not isinstance(e, Source))


# ---------------------------------------------------------------------------- dates


def dates_known_to_sources(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """An event dated, or a quote said, after a source it cites was published: the
    source could not know it, so the date or the citation is wrong."""
    for entry in _citing_entries(kb):
        record = records[entry.id]
        if isinstance(entry, Event):
            for index, citation in enumerate(entry.summary.cite):
                problem = _too_late(kb, entry.date, citation, "event date")
                if problem:
                    yield _at(record, ("date",), f"{problem} (cited at summary.cite[{index}])")
        for path, citation in kb.citations[entry.id]:
            if citation.quote is None:
                continue
            problem = _too_late(kb, citation.quote.said, citation, "quote date")
            if problem:
                yield _at(record, (*path, "quote", "said"), problem)


def _too_late(kb: KnowledgeBase, when: FuzzyDate | None, citation: Citation,
              what: str) -> str | None:
    source = kb.entries.get(citation.source)  # absent while its file has errors
    published = source.date if isinstance(source, Source) else None
    if when is None or published is None or when.bounds[0] <= published.bounds[1]:
        return None
    return (f"{what} {when.words()} is after source '{citation.source}' was published "
            f"({published.words()}); a source cannot report what had not happened yet. "
            "Check the date, or cite a later source")


# ---------------------------------------------------------------------------- relations


def relation_ends(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A relation written on an entry of a kind it does not fit ('responds_to' is
    written on an event, kb.model.RELATION_TYPES), and a response dated before what it
    answers. The target's kind is checked with every other reference (kb.checks.refs)."""
    for entry in _entities(kb):
        kind, record = kb.kinds[entry.id], records[entry.id]
        for index, relation in enumerate(entry.relations):
            rule = RELATION_TYPES[relation.type]
            if kind not in rule.subjects:
                fitting = [name for name, t in RELATION_TYPES.items() if kind in t.subjects]
                subjects = with_article(series(sorted(rule.subjects), "or"))
                yield _at(record, ("relations", index, "type"), f"relations[{index}].type: "
                          f"'{relation.type}' is written on the page of {subjects}"
                          f", and '{entry.id}' is a {kind}; write it on the other entry's "
                          f"page, or use one of {', '.join(fitting)}")
                continue
            target = kb.entries.get(relation.target)
            if rule.earlier_target and isinstance(entry, Event) and isinstance(target, Event) \
                    and target.date.bounds[0] > entry.date.bounds[1]:
                yield _at(record, ("relations", index, "target"), f"relations[{index}].target"
                          f": '{relation.target}' ({target.date.words()}) is later than this "
                          f"event ({entry.date.words()}); '{relation.type}' links an event "
                          "to one that came before it. Check both dates, or write the "
                          "relation on the later event's page")


# ---------------------------------------------------------------------------- sources


def citations_read_rightly(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A citation whose `citing` is its own `source` would read "Vox citing Vox"."""
    for entry in _citing_entries(kb):
        for path, citation in kb.citations[entry.id]:
            if citation.citing is not None and citation.citing == citation.source:
                yield _at(records[entry.id], (*path, "citing"), f"citing: '{citation.citing}' "
                          "is the source itself; 'citing' names another source that this "
                          "one relays. Remove it, or name the source relayed")


def spoken_sources(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """Remarks, an interview or a statement given to an outlet say who gave them and to
    which outlet, so that citations can read 'Jennifer Kavanagh, remarks to Vox'."""
    kinds = ", ".join(f"'{kind}'" for kind in SPOKEN_TYPES)
    for source in kb.of_kind(Source):
        record = records[source.id]
        if source.speaker is None:
            if source.type == "remarks":
                yield _at(record, ("type",), "remarks need a 'speaker': the id of the person "
                          "or group who made them")
            continue
        if source.type not in SPOKEN_TYPES:
            yield _at(record, ("speaker",), f"a speaker goes with words given to an outlet; "
                      f"expected type {kinds}, found '{source.type}'")
        if source.outlet is None:
            yield _at(record, ("speaker",), "words given by a speaker need the 'outlet' they "
                      "were given to (the group id of the paper, site or broadcaster)")


def source_dates_explained(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """`date_basis` says how a source's date is known; without a date it would tell
    readers how a date that is not there was read (kb.model.DATE_BASES)."""
    for source in kb.of_kind(Source):
        if source.date_basis is not None and source.date is None:
            yield _at(records[source.id], ("date_basis",), f"date_basis: '{source.date_basis}'"
                      " says how the source's date is known, but the source has no 'date'; "
                      "give the date, or remove date_basis if the source gives none")


def slug_titles(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A title taken from a web address must be that address's words: the site shows
    it as such, and a word the address lacks would be invented."""
    for source in kb.of_kind(Source):
        if source.title_kind == "url slug":
            problem = slug_mismatch(source.title, source.url)
            if problem:
                yield _at(records[source.id], ("title",), problem)


# ---------------------------------------------------------------------------- names


def names_shared(kb: KnowledgeBase, records: Records,
                 readings: Readings | None = None) -> Iterator[Problem]:
    """A name or alias given to two entities: search could not tell them apart, and it
    is most often one entity entered twice. With `readings` from the last run, a name
    met then is not keyed again."""
    owner: dict[str, tuple[EntryId, str]] = {}
    kept = readings.name_keys if readings is not None else {}
    keys: dict[str, str] = {}
    for entry in sorted(_entities(kb), key=lambda e: records[e.id].path):
        for path, name in _names(entry):
            key = keys[name] = kept.get(name) or name_key(name)
            if not key:
                continue
            if key in owner and owner[key][0] != entry.id:
                other_id, other_name = owner[key]
                yield _at(records[entry.id], path, f"'{name}' is also a name of "
                          f"'{other_id}' ({records[other_id].path}, as '{other_name}'); "
                          "if they are the same, merge the files, else tell them apart")
            owner.setdefault(key, (entry.id, name))
    if readings is not None:
        readings.name_keys = keys  # names gone since are forgotten


def _names(entry: Entity) -> Iterator[tuple[Path_, str]]:
    yield ("name",), entry.name
    for index, alias in enumerate(entry.aliases):
        yield ("aliases", index, "name"), alias.name


_LINKING = frozenset({"of", "for", "and", "in", "on", "to", "at", "de"})
"""Small words inside names that a writer may get wrong without anyone noticing."""


def names_spelt_alike(kb: KnowledgeBase, records: Records,
                      readings: Readings | None = None) -> Iterator[Problem]:
    """A known name written another way in our own words: 'US Institute of Peace' on one
    page, the entry named 'US Institute for Peace' on its own. Readers take two
    spellings for two bodies, and search finds one. Sources' own spellings (quotes, the
    values of a disagreement, aliases) are theirs and are not compared."""
    known: dict[tuple[str, ...], dict[EntryId, set[tuple[str, ...]]]] = {}
    readings = readings or Readings()
    kept, read = readings.name_words, {}
    for entry in _entities(kb):
        if kb.kinds[entry.id] == "event":
            continue
        for _, name in _names(entry):
            if name not in read:
                read[name] = kept.get(name) or _name_words(name)
            full, content = read[name]
            if (len(content) >= 2 and len(full) > len(content)) or len(content) >= 3:
                known.setdefault(content, {}).setdefault(entry.id, set()).add(full)
    readings.name_words = read  # names gone since are forgotten
    if not known:
        return
    longest = max(len(content) for content in known) + 3
    # A window compared starts with a word that is not a linking word, so with the
    # first word of a known name: other starts are passed over unread.
    firsts = {content[0] for content in known}
    for entry_id, path, shown, tokens in _own_words_read(kb, readings):
        for start in range(len(tokens)):
            if tokens[start][0] not in firsts:
                continue
            for end in range(start + 2, min(start + longest, len(tokens)) + 1):
                window = tuple(token[0] for token in tokens[start:end])
                if window[0] in _LINKING or window[-1] in _LINKING:
                    continue
                content = tuple(w for w in window if w not in _LINKING)
                for owner, spellings in known.get(content, {}).items():
                    if window not in spellings:
                        name = kb.entry(owner).name
                        written = shown[tokens[start][1]:tokens[end - 1][2]]
                        yield _at(records[entry_id], path, f"'{written}' is "
                                  f"written differently from '{name}' ({records[owner].path}"
                                  "); write the name as the entry does, or add this "
                                  "spelling as an alias with the source that uses it")


def _name_words(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's words without articles, and those of them that are not linking words."""
    full = tuple(w for w in prose_words(name) if w not in ARTICLES)
    return full, tuple(w for w in full if w not in _LINKING)


_OwnWords = tuple[Path_, str, list[tuple[str, int, int]]]
"""A text in an entry's own words: its path, the text as shown ([[id]] read as the
entry's name) and its words (`prose_word_spans`, articles left out)."""


def _own_words_read(kb: KnowledgeBase,
                    readings: Readings
                    ) -> Iterator[tuple[EntryId, Path_, str, list[tuple[str, int, int]]]]:
    """(entry id, path, text as shown, its words) of every text in the site's own
    words, each entry read once per `readings`."""
    kept, fresh = readings.own_words, {}
    for entry_id, entry in kb.entries.items():
        known = kept.get(entry_id)
        if known is None or known[0] is not entry:
            read = []
            for path, text in _own_words_of(entry):
                shown = ENTITY_LINK.sub(lambda m: m[2] or "", text)  # [[id]] prints a name
                words = [span for span in prose_word_spans(shown) if span[0] not in ARTICLES]
                read.append((path, shown, words))
            known = (entry, tuple(read))
        fresh[entry_id] = known
        for path, shown, words in known[1]:
            yield entry_id, path, shown, words
    readings.own_words = fresh  # entries gone since are forgotten


def own_words(kb: KnowledgeBase) -> Iterator[tuple[EntryId, Path_, str]]:
    """Every text written in the site's own words, with its entry and path: statements,
    notes, roles, quote settings, descriptive titles (not quotes, aliases or the
    values of a disagreement, which are the sources' words)."""
    for entry_id, entry in kb.entries.items():
        for path, value in _own_words_of(entry):
            yield entry_id, path, value


def _own_words_of(entry: Any) -> Iterator[tuple[Path_, str]]:
    if isinstance(entry, Source):
        if entry.title_kind == "description":
            yield ("title",), entry.title
        if entry.note:
            yield ("note",), entry.note
        return
    yield from _texts_in(entry, ())


_OWN_FIELDS = frozenset({"text", "note", "role", "context", "title"})


def _texts_in(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_in(item, (*path, index))
    elif isinstance(value, Quote):
        if value.context:
            yield (*path, "context"), value.context
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name)
            if isinstance(field, str) and name in _OWN_FIELDS:
                yield (*path, name), field
            elif not isinstance(field, str):
                yield from _texts_in(field, (*path, name))


# ---------------------------------------------------------------------------- disagreements


def _statements(entry: Entity | Chapter) -> Iterator[tuple[Path_, Statement]]:
    """The statements of an entry shown as running text, with their paths."""
    if isinstance(entry, Chapter):
        for index, sentence in enumerate(entry.sentences):
            yield ("sentences", index), sentence
        return
    yield ("summary",), entry.summary
    for index, fact in enumerate(entry.facts):
        yield ("facts", index), fact


def _texts(kb: KnowledgeBase) -> Iterator[tuple[EntryId, Path_, Statement]]:
    for entry_id, entry in kb.entries.items():
        if not isinstance(entry, Source):
            for path, statement in _statements(entry):
                yield entry_id, path, statement


def _disputed(kb: KnowledgeBase) -> Iterator[tuple[EntryId, Path_, Statement | Alias]]:
    """Everything that can name a disagreement it is a version of: statements shown as
    running text, and names (aliases)."""
    yield from _texts(kb)
    for entry_id, entry in kb.entries.items():
        if isinstance(entry, Entry):
            for index, alias in enumerate(entry.aliases):
                yield entry_id, ("aliases", index), alias


Recorded = Mapping[EntryId, list[str] | None]
"""Each entry's recorded disagreements by their `about`; None for a file the model
refused whose disagreements cannot all be read (`recorded_in`)."""


def disputes_named(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A statement's or a name's `disputed` must name a disagreement that is recorded."""
    recorded = recorded_by(kb)
    for entry_id, path, statement in _disputed(kb):
        yield from _disagreement_recorded(recorded, records[entry_id], path, statement)


def recorded_by(kb: KnowledgeBase) -> dict[EntryId, list[str] | None]:
    """{entry id: the `about` of each disagreement it records} for `kb`'s entries."""
    return {entry_id: [d.about for d in entry.disputes]
            for entry_id, entry in kb.entries.items() if isinstance(entry, Entry)}


def recorded_in(record: RawRecord, read: BaseModel | None) -> list[str] | None:
    """The `about` of each disagreement `read` (a valid entry, or what
    `kb.checks.partial` could read of a refused file) records; None unless every one
    written in the file was read with its `about`: a disagreement the model refused
    is not missing, so a name of it must not be reported as unknown (retrial of issue
    15: a stray field in abu-taqwa.yaml hid a wrong `about:` in another file)."""
    disputes = read_field(read, "disputes", list)
    written = record.data.get("disputes") if isinstance(record.data, dict) else None
    if disputes is None:
        return None
    abouts = [read_field(d, "about", str) for d in disputes]
    if (not isinstance(written, list) and written is not None) or (
            isinstance(written, list) and len(written) != len(abouts)):
        return None
    if not all(isinstance(about, str) and about for about in abouts):
        return None
    return [a for a in abouts if isinstance(a, str)]


def disputes_named_in(recorded: Recorded, record: RawRecord, part: BaseModel,
                      owners: Container[EntryId] | None = None) -> Iterator[Problem]:
    """`disputes_named` for one file, valid or refused (what `kb.checks.partial` could
    read of it: a field it could not read is None), against `recorded`: its statements
    and names, wherever they sit, that name a disagreement of one of `owners` (all,
    when None)."""
    stack: list[tuple[Any, Path_]] = [(part, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, Statement | Alias) and (
                owners is None or (value.disputed is not None
                                   and value.disputed.entry in owners)):
            yield from _disagreement_recorded(recorded, record, path, value)
        if isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
        elif isinstance(value, BaseModel):
            stack.extend((read_field(value, name, object), (*path, name))
                         for name in type(value).model_fields)


def _disagreement_recorded(recorded: Recorded, record: RawRecord, path: Path_,
                           statement: Statement | Alias) -> Iterator[Problem]:
    ref = statement.disputed
    if ref is None or not ref.entry or not ref.about:  # left out, or not readable
        return
    abouts = recorded.get(EntryId(ref.entry))
    if abouts is None:
        return  # an unknown id is reported with the other references; an unreadable one
    if ref.about not in abouts:
        listed = "; ".join(f"'{a}'" for a in abouts) or "none"
        yield _at(record, (*path, "disputed", "about"),
                  f"'{ref.entry}' records no disagreement about '{ref.about}' (it "
                  f"records: {listed}).{did_you_mean(ref.about, abouts)}")


_QUOTED = re.compile(r"“([^”]+)”")


def _quote_key(quoted: str) -> str:
    """Quoted words compared as search compares them (`kb.text.spelling.words`: without
    case, punctuation or the ellipsis a version's excerpt ends with):
    '“We are setting the date…”' -> 'we are setting the date'."""
    return " ".join(words(quoted))


def quoted_versions_linked(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A statement whose quote is one version of a recorded disagreement (the version's
    words in quotation marks, cited to the same source) names that disagreement in
    `disputed`, so that every page showing the quote links the other versions (the
    rule: where sources disagree, show each version on every page that touches the
    point; issue 18's trial found four such quotes that did not)."""
    versions: list[tuple[EntryId, Dispute, str, set[EntryId]]] = []
    for owner, entry in kb.entries.items():
        if isinstance(entry, Entry):
            for dispute in entry.disputes:
                for version in dispute.versions:
                    sources = {c.source for c in version.cite}
                    versions += [(owner, dispute, key, sources)
                                 for excerpt in _QUOTED.findall(version.value)
                                 if len(key := _quote_key(excerpt)) >= 12]
    if not versions:
        return
    for entry_id, path, statement in _texts(kb):
        for index, citation in enumerate(statement.cite):
            if citation.quote is None:
                continue
            quoted = _quote_key(citation.quote.text)
            for owner, dispute, key, sources in versions:
                linked = statement.disputed and (statement.disputed.entry,
                                                 statement.disputed.about) == (owner,
                                                                               dispute.about)
                if linked or citation.source not in sources or key not in quoted:
                    continue
                about = json.dumps(dispute.about, ensure_ascii=False)
                fix = (f"add `disputed: {{entry: {owner}, about: {about}}}` to the statement"
                       if statement.disputed is None else
                       f"it names '{statement.disputed.about}' already: give each "
                       "disagreement a statement of its own, each with its `disputed`")
                yield _at(records[entry_id], (*path, "cite", index, "quote", "text"),
                          f"this quote is a version in the disagreement '{dispute.about}' "
                          f"({records[owner].path}), cited to the same source, but the "
                          f"statement does not link it: {fix}, so that its pages link "
                          "the other versions")


def disagreements_settled(kb: KnowledgeBase, records: Records,
                          readings: Readings | None = None) -> Iterator[Problem]:
    """A statement that gives some versions of a recorded disagreement, away from the
    page that shows them all and without pointing to it, settles the point behind the
    reader's back (the rule: where sources disagree, show each version on every page
    that touches the point).

    Mechanical where it can be: a statement touches a disagreement when it is about the
    entry that records it (names it, or sits on the page of an entry taking part in that
    event and names no other event) and holds a count, a day or month, or a short name
    that some versions give and others do not. The rest is for review (docs/editing.md).
    """
    disputes: dict[EntryId, list[tuple[Dispute, list[_Version]]]] = {}
    for entry_id, entry in kb.entries.items():
        if isinstance(entry, Entry) and entry.disputes:
            disputes[entry_id] = [(d, _version_values(kb, entry_id, d)) for d in entry.disputes]
    if not disputes:
        return
    # Only the names of entries that record a disagreement are looked for: a statement
    # naming none of them (nor sitting on a page tied to one) is passed over unread.
    readings = readings or Readings()
    looked_for = tuple((i, (kb.entity(i).name, *(a.name for a in kb.entity(i).aliases)))
                       for i in disputes if kb.kinds[i] != "event")
    if looked_for != readings.names:  # texts read for other names are read again
        readings.names, readings.found = looked_for, {}
    names = Gazetteer((i, list(spellings)) for i, spellings in looked_for)
    events_of = _events_by_entry(kb)
    found: dict[str, set[EntryId]] = {}
    evidence: dict[str, tuple[Evidence, set[_Value]]] = {}
    for entry_id, path, statement in _texts(kb):
        named = {EntryId(m[1].strip()) for m in ENTITY_LINK.finditer(statement.text)}
        if not named <= kb.kinds.keys():
            # It links an entry whose file has errors (or none): what the statement is
            # about cannot be told until that file is fixed, and it is reported there.
            continue
        written = statement.text
        if written not in found:
            known = readings.found.get(written)
            found[written] = (known if known is not None
                              else {EntryId(i) for _, _, i in names.find(written)})
        named |= found[written]
        if not any(kb.kinds.get(i) == "event" for i in named):
            # On the page of an entry tied to an event, a statement naming no other
            # event is about that event too ('began leaving in August 2025').
            named |= events_of.get(entry_id, set())
        owners = [owner for owner in named & disputes.keys() if owner != entry_id]
        if not owners:
            continue
        if statement.text not in evidence:
            evidence[statement.text] = readings.evidence.get(statement.text) or (
                Evidence(statement.text),
                {value for claim in claims(statement.text) for value in _values(claim)})
        text, said = evidence[statement.text]
        for owner, dispute, values in ((o, d, v) for o in sorted(owners)
                                       for d, v in disputes[o]):
            if statement.disputed and (statement.disputed.entry,
                                       statement.disputed.about) == (owner, dispute.about):
                continue
            hits = [index for index, (numbers, names) in enumerate(values)
                    if numbers & said or any(text.has_name(name) for name in names)]
            if hits and len(hits) < len(values):
                given = "; ".join(f"'{dispute.versions[i].value}'" for i in hits)
                about = json.dumps(dispute.about, ensure_ascii=False)
                yield _at(records[entry_id], (*path, "text"),
                          f"states what only some sources say in the disagreement "
                          f"'{dispute.about}' ({records[owner].path}): {given}. Give the "
                          "versions with their sources, or add `disputed: {entry: "
                          f"{owner}, about: {about}}}` so that the page links them")
    readings.found, readings.evidence = found, evidence  # texts gone since are forgotten


def _values(claim: Claim) -> list[_Value]:
    """What a number or date claim is compared by: a number's value; a date's month
    (versions '18 August 2025' and 'mid-August 2025' both speak of August 2025), and
    its day where it has one. Bare years are too common to tell versions apart."""
    if claim.kind == "number":  # not an ordinal: 'fourth anniversary' is no count
        return [("number", claim.key)]
    if claim.kind == "date" and claim.key[1] is not None:
        year, month, day = claim.key
        return [("month", year, month)] + ([("day", year, month, day)] if day else [])
    return []


def _events_by_entry(kb: KnowledgeBase) -> dict[EntryId, set[EntryId]]:
    """{entry id: the events it takes part in or is a place of}: its page is about
    them too."""
    events: dict[EntryId, set[EntryId]] = {}
    for event in kb.of_kind(Event):
        for entry_id in [*event.places, *(p.entity for p in event.participants)]:
            events.setdefault(entry_id, set()).add(event.id)
    return events


_POINTS = {
    "number": ("number", "how many", "toll", "size", "count", "killed", "wounded",
               "dead", "casualties", "troops", "attacks"),
    "month": ("date", "when", "timing", "time", "day", "year", "month"),
    "day": ("date", "when", "timing", "time", "day"),
    "name": ("name", "spelling", "identity", "who", "called", "rank", "post", "position"),
}
"""What a disagreement is over, read from its 'about': 'Death toll' compares numbers,
'Date of the strikes' days and months, 'Full name' names. An 'about' naming none of
these compares every kind."""


_Value = tuple[object, ...]
"""A number's or date's value, as compared: ('number', 3), ('month', 2025, 8)..."""
_Version = tuple[set[_Value], list[str]]
"""What a version says on the point in dispute: its numbers and dates, and names."""


def _version_values(kb: KnowledgeBase, owner: EntryId,
                    dispute: Dispute) -> list[_Version]:
    """Per version, what it says on the point in dispute: the numbers, days and months
    it gives and, for a short value that is a name, the name. Only the kinds of value
    the dispute is about are compared (a dispute over a count compares counts, not the
    dates that set them in context); values every version gives are the subject, not
    the point; the name the site itself calls the entry by is a label, not a version (an
    alias is a source's name: a statement writing it gives that source's version)."""
    about = dispute.about.casefold()
    points = {kind for kind, cues in _POINTS.items() if any(cue in about for cue in cues)}
    points = points or set(_POINTS)
    label = name_key(kb.entry(owner).name)
    found = []
    for version in dispute.versions:
        numbers = {value for claim in claims(version.value) for value in _values(claim)
                   if value[0] in points}
        numbers |= {(kind, None, *rest) for kind, year, *rest in numbers  # 'in August'
                    if kind in ("month", "day") and year is not None}
        short = ("name" in points and len(version.value.split()) <= 5
                 and any(ch.isupper() for ch in version.value)
                 and name_key(version.value) != label)
        found.append((numbers, [version.value] if short else []))
    shared = set.intersection(*(numbers for numbers, _ in found))
    return [(numbers - shared, names) for numbers, names in found]


# ---------------------------------------------------------------------------- loose ends


def schema_lines(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A file without its schema line loses completion and checks in the editor."""
    for entry_id in kb.entries:
        record = records[entry_id]
        expected = schema_comment(record.kind)
        if record.first_line != expected:
            yield Problem(record.path, 1, 1, f"first line should be '{expected}' so that "
                          "editors check the file as you type", "warning")


def unlinked_entities(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """An entity no other page links to can only be found by search."""
    linked, _ = _reference_ends(kb)
    for entry in _entities(kb):
        if entry.id not in linked:
            yield _at(records[entry.id], ("name",), "nothing links to this entry: add a "
                      "relation, or name it as a participant, place, speaker or outlet",
                      "warning")


def uncited_sources(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A source nothing cites backs no statement on the site."""
    _, cited = _reference_ends(kb)
    for source in kb.of_kind(Source):
        if source.id not in cited:
            yield _at(records[source.id], ("title",), "no statement cites this source; "
                      "cite it or remove the file", "warning")


def _reference_ends(kb: KnowledgeBase) -> tuple[set[str], set[str]]:
    """Entities with a link to or from another entry's page (pages show both ends), and
    sources something cites."""
    linked: set[str] = set()
    cited: set[str] = set()
    for entry_id in kb.entries:
        for _, ref, allowed, _ in kb.references[entry_id]:
            if ref == entry_id:
                continue
            if "source" in allowed:
                cited.add(ref)
                continue
            linked.add(ref)
            if kb.kinds[entry_id] != "source":
                linked.add(entry_id)
    return linked, cited
