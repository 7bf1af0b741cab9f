"""Checks beyond the schema: what files valid one by one can still get wrong together.

Each check is a function from the valid entries (and their raw records, for line
numbers) to problems; `run` calls them all. Errors stop the build; warnings point
at loose ends an editor should look at but that publish no falsehood.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from kb.dates import FuzzyDate
from kb.load import Path_, RawRecord
from kb.model import ENTITY_KINDS, SPOKEN_TYPES, Chapter, Citation, Entity, Event, KnowledgeBase
from kb.problems import Problem
from kb.refs import citations, references
from kb.schema import schema_comment
from kb.spelling import name_key
from kb.titles import slug_mismatch

Records = Mapping[str, RawRecord]
Check = Callable[[KnowledgeBase, Records], Iterator[Problem]]


def run(kb: KnowledgeBase, records: Records, *, with_warnings: bool) -> list[Problem]:
    """Every check's problems. Link warnings are left out while errors remain, as a
    broken file makes the entries it names look unlinked."""
    checks: list[Check] = [dates_known_to_sources, names_shared, citations_read_rightly,
                           spoken_sources, slug_titles]
    if with_warnings:
        checks += [unlinked_entities, uncited_sources, schema_lines]
    return [problem for check in checks for problem in check(kb, records)]


def _at(record: RawRecord, path: Path_, message: str, severity: str = "error") -> Problem:
    line, column = record.mark(path)
    return Problem(record.path, line, column, message, severity)


def _entities(kb: KnowledgeBase) -> Iterator[Entity]:
    return (e for i, e in kb.entries.items() if kb.kinds[i] in ENTITY_KINDS)


def _citing_entries(kb: KnowledgeBase) -> Iterator[Entity | Chapter]:
    """Entries that make statements: entities and story chapters."""
    return (e for i, e in kb.entries.items() if kb.kinds[i] != "source")


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
        for path, citation in citations(entry):
            if citation.quote is None:
                continue
            problem = _too_late(kb, citation.quote.said, citation, "quote date")
            if problem:
                yield _at(record, (*path, "quote", "said"), problem)


def _too_late(kb: KnowledgeBase, when: FuzzyDate | None, citation: Citation,
              what: str) -> str | None:
    source = kb.entries.get(citation.source)  # absent while its file has errors
    published = source.date if source else None
    if when is None or published is None or when.bounds[0] <= published.bounds[1]:
        return None
    return (f"{what} {when.words()} is after source '{citation.source}' was published "
            f"({published.words()}); a source cannot report what had not happened yet. "
            "Check the date, or cite a later source")


# ---------------------------------------------------------------------------- sources


def citations_read_rightly(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A citation whose `citing` is its own `source` would read "Vox citing Vox"."""
    for entry in _citing_entries(kb):
        for path, citation in citations(entry):
            if citation.citing is not None and citation.citing == citation.source:
                yield _at(records[entry.id], (*path, "citing"), f"citing: '{citation.citing}' "
                          "is the source itself; 'citing' names another source that this "
                          "one relays. Remove it, or name the source relayed")


def spoken_sources(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """Remarks, an interview or a statement given to an outlet say who gave them and to
    which outlet, so that citations can read 'Jennifer Kavanagh, remarks to Vox'."""
    kinds = ", ".join(f"'{kind}'" for kind in SPOKEN_TYPES)
    for source in kb.of_kind("source"):
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


def slug_titles(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A title taken from a web address must be that address's words: the site shows
    it as such, and a word the address lacks would be invented."""
    for source in kb.of_kind("source"):
        if source.title_kind == "url slug":
            problem = slug_mismatch(source.title, source.url)
            if problem:
                yield _at(records[source.id], ("title",), problem)


# ---------------------------------------------------------------------------- names


def names_shared(kb: KnowledgeBase, records: Records) -> Iterator[Problem]:
    """A name or alias given to two entities: search could not tell them apart, and it
    is most often one entity entered twice."""
    owner: dict[str, tuple[str, str]] = {}
    for entry in sorted(_entities(kb), key=lambda e: records[e.id].path):
        for path, name in _names(entry):
            key = name_key(name)
            if not key:
                continue
            if key in owner and owner[key][0] != entry.id:
                other_id, other_name = owner[key]
                yield _at(records[entry.id], path, f"'{name}' is also a name of "
                          f"'{other_id}' ({records[other_id].path}, as '{other_name}'); "
                          "if they are the same, merge the files, else tell them apart")
            owner.setdefault(key, (entry.id, name))


def _names(entry: Entity) -> Iterator[tuple[Path_, str]]:
    yield ("name",), entry.name
    for index, alias in enumerate(entry.aliases):
        yield ("aliases", index, "name"), alias.name


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
    for source in kb.of_kind("source"):
        if source.id not in cited:
            yield _at(records[source.id], ("title",), "no statement cites this source; "
                      "cite it or remove the file", "warning")


def _reference_ends(kb: KnowledgeBase) -> tuple[set[str], set[str]]:
    """Entities with a link to or from another entry's page (pages show both ends), and
    sources something cites."""
    linked: set[str] = set()
    cited: set[str] = set()
    for entry_id, entry in kb.entries.items():
        for _, ref, allowed, _ in references(entry):
            if ref == entry_id:
                continue
            if "source" in allowed:
                cited.add(ref)
                continue
            linked.add(ref)
            if kb.kinds[entry_id] != "source":
                linked.add(entry_id)
    return linked, cited
