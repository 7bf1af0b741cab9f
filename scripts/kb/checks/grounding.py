"""The grounding check: each name, number and date a statement states is in a source it cites.

Readers rely on every statement tracing to a source that says it. This check holds the
data to that, mechanically: for every statement, alias, relation, dispute version, quote
attribution, event date and story sentence it lists the claims (`kb.checks.claims`) and looks
each up in the text of the sources cited for it (`kb.checks.material`). What no cited source
says is a problem at the line that states it. A claim the check cannot see in the text
although the source supports it (a paraphrase the matcher misses) goes in the reviewed
allow-list, `data/grounding.yaml`, with the reason; an allowance nothing needs any more
is reported too, so that the list stays short.

It needs the source material, which lives beside the project, not in it: `kb ground`
reads `../shared/sources/` and says so when it is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kb.addresses import EntryId
from kb.checks.claims import ARTICLES, Claim, Gazetteer, claims, date_claims, prose_words
from kb.checks.evidence import Evidence, verbatim_text
from kb.checks.material import Document, own_documents, read_material, source_texts
from kb.crash import reading
from kb.model import (
    ENTITY_KINDS,
    GROUNDING_FILE,
    Allowance,
    Allowances,
    AnyEntry,
    Chapter,
    Citation,
    Entity,
    Entry,
    Event,
    KnowledgeBase,
    Source,
    Statement,
    free_text_paths,
)
from kb.pipeline.load import Path_, RawRecord, load, parse_yaml
from kb.pipeline.validate import located, validate
from kb.problems import Problem, did_you_mean, errors, relative

DEFAULT_MATERIAL = "../shared/sources"
"""Where the source material sits, relative to the project: beside it, not in it."""
_NAMED_KINDS = frozenset({"person", "group", "place"})
Reader = Callable[[str], list[Claim]]
"""Kinds whose name is a source's name for them (an event's name is our headline)."""


@dataclass(frozen=True)
class Assertion:
    """Something the site states, where it sits and the citations that must back it."""

    path: Path_
    claims: tuple[Claim, ...]
    cite: tuple[Citation, ...]
    whole_names: tuple[str, ...] = ()
    """Names that must appear whole, in order (an alias, a person's name), not only
    word by word."""
    verbatim: str = ""
    """Words that must appear in a source's text exactly: a quote, or a name in another
    script (an alias with `lang`), which no spelling rule of Latin letters can match."""
    verbatim_kind: str = "quote"
    """What the verbatim words are, for the message: 'quote' or 'name'."""


def ground_project(root: Path, material: Path) -> list[Problem]:
    """The grounding check of a project: `root/data` against the texts in `material`.

    Data with errors is reported as `kb validate` reports it (the check needs valid
    data). Raises FileNotFoundError when `material` is absent.
    """
    documents = read_material(material)
    loaded = load(root / "data", root=root)
    kb, problems = validate(loaded)
    if errors(problems):
        return errors(problems)
    records = {record.id: record for record in loaded.records}
    path = root / "data" / GROUNDING_FILE
    allowed, record, found = read_allowances(path, root)
    doubtful = allowances_in_doubt(path, root) if found else set()
    if doubtful is None:  # one broken file, one report: not one per exception it holds
        return [*found, Problem(relative(path, root), 0, 0, (
            "no claim was checked: the grounding check needs this file's reviewed "
            "exceptions, and would report each of them as an error until it can be read"),
            severity="warning")]
    return found + ground(kb, records, documents, allowed, record, doubtful)


def ground(kb: KnowledgeBase, records: dict[EntryId, RawRecord], documents: list[Document],
           allowances: Allowed | None = None,
           allowances_record: RawRecord | None = None,
           doubtful: set[tuple[str, str]] | None = None) -> list[Problem]:
    """Every claim in the data that no source it cites states, as located problems.

    `records` gives line numbers; `documents` is the material (`read_material`);
    `allowances` the reviewed exceptions, whose own problems (no longer needed,
    unknown entry) are located in `allowances_record`; `doubtful` the (entry, claim)
    pairs of exceptions written with a mistake, reported there: not reported again
    at the claim.
    """
    texts = source_texts(kb, documents)
    # A text is dated by the source it belongs to, also when it stands for a source it
    # relays: 'Thursday' in Vox's article is the Thursday before Vox's date.
    dated_by = {id(d): kb.entry(i, Source).date
                for i, d in own_documents(kb, documents).items()}
    indexed = {id(d): Evidence(d.text, dated_by.get(id(d))) for d in documents}
    evidence = {source_id: [indexed[id(d)] for d in found]
                for source_id, found in texts.items()}
    allowances = allowances or []
    allowed = {(a.entry, a.claim) for _, a in allowances}
    used: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    names = gazetteer(kb, [d.text for d in documents])

    def read(text: str) -> list[Claim]:
        return claims(text, names)

    for entry_id, entry in kb.entries.items():
        record = records[entry_id]
        if isinstance(entry, Source) and not evidence.get(entry_id):
            line, column = record.mark(("title",))
            problems.append(Problem(record.path, line, column, (
                "no text of this source in the source material (no block or article with "
                "its address or headline), nor of a source that relays or cites it; "
                "nothing citing it can be checked")))
            continue
        with reading(record.path):  # a fault names the file
            for assertion in assertions(kb, entry_id, entry, read):
                for claim, message in _unsupported(kb, assertion, evidence):
                    if (entry_id, claim.shown) in allowed:
                        used.add((entry_id, claim.shown))
                        continue
                    if doubtful and (entry_id, claim.shown) in doubtful:
                        continue
                    line, column = record.mark(assertion.path)
                    problems.append(Problem(record.path, line, column, message))
    problems += _stale(allowances, used, kb, allowances_record)
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))  # in text order


def _unsupported(kb: KnowledgeBase, assertion: Assertion,
                 evidence: dict[EntryId, list[Evidence]]) -> Iterator[tuple[Claim, str]]:
    texts: list[Evidence] = []
    names: list[str] = []
    for citation in assertion.cite:
        texts += evidence.get(citation.source, [])
        names.append(citation.source)
    if not texts:
        return  # reported once, at the source
    cited = _listing(names)
    if assertion.verbatim and not all(any(fragment in text.verbatim for text in texts)
                                      for fragment in _fragments(assertion.verbatim)):
        shown = assertion.verbatim if len(assertion.verbatim) < 60 else \
            assertion.verbatim[:57] + "…"
        if assertion.verbatim_kind == "quote":
            advice = "a quote is copied from its source, its cuts marked [...]"
        else:
            advice = ("a name in another script is copied from its source letter for "
                      "letter, as printed")
        yield (Claim(assertion.verbatim_kind, shown, ()), f"the {assertion.verbatim_kind} "
               f"'{shown}' is not word for word in the text of {cited}; {advice}")
    for name in assertion.whole_names:
        if not any(text.has_name(name, exact=True) for text in texts):
            yield (Claim("name", name, ()), f"the name '{name}' is not in the text of "
                   f"{cited}; {_FIX}")
    for claim in assertion.claims:
        if claim.kind == "link":
            if _link_supported(kb, claim.key[0], texts):
                continue
            shown = kb.entries[claim.key[0]].name if claim.key[0] in kb.entries else claim.shown
            yield claim, (f"{claim.shown} ('{shown}') is named by none of its names in "
                          f"{cited}; {_FIX}")
        elif not any(text.says(claim) for text in texts):
            yield claim, f"the {claim.kind} '{claim.shown}' is not in the text of {cited}; {_FIX}"


_FIX = ("cite a source that says it, write what the source says, or add it to "
        f"data/{GROUNDING_FILE} with the reason")


def _fragments(quote: str) -> list[str]:
    """A quote's parts between its cuts ('[...]'), each as `verbatim_text` reads it; a
    bracketed insertion such as '[Abu Taqwa]' is part of the words as printed."""
    return [verbatim_text(part) for part in quote.split("[...]") if part.strip()]


def _listing(source_ids: list[str]) -> str:
    unique = list(dict.fromkeys(source_ids))
    if len(unique) == 1:
        return f"the source it cites ({unique[0]})"
    return f"any source it cites ({', '.join(unique)})"


def gazetteer(kb: KnowledgeBase, texts: list[str]) -> Gazetteer:
    """Names and aliases of every person, group and place, to find in statements; the
    lower-case words of `texts` (the material) are common words, not names, when they
    open a sentence."""
    return Gazetteer(((entry_id, _names(kb.entity(entry_id)))
                      for entry_id, kind in kb.kinds.items() if kind in _NAMED_KINDS), texts)


def _names(entry: Entity) -> list[str]:
    """An entry's names as sources give them: its name, its aliases, and the Latin
    transliterations sources give of aliases in another script."""
    return [entry.name, *(name for alias in entry.aliases
                          for name in (alias.name, alias.transliteration) if name)]


_LINKING_WORDS = frozenset({"of", "the", "for", "to", "and", "in", "on", "us"})


def _link_supported(kb: KnowledgeBase, entry_id: EntryId, texts: list[Evidence]) -> bool:
    """Whether a source names an entry: by one of its names or aliases; a person also by
    surname ('Soleimani' for Qasem Soleimani); a group or place also by the words of a
    descriptive name ('the Iraqi government' for Government of Iraq) or its initials
    ('PMF')."""
    entry = kb.entries.get(entry_id)
    kind = kb.kinds.get(entry_id)
    if not isinstance(entry, Entry) or kind not in _NAMED_KINDS:
        return True  # an event's name is a headline of ours; a missing id is validate's
    names = _names(entry)
    for text in texts:
        if any(text.has_name(name, exact=True) for name in names):
            return True
        if kind == "person":
            surnames = {prose_words(name)[-1] for name in names if prose_words(name)}
            if any(len(s) >= 4 and text.has_name(s, exact=True) for s in surnames):
                return True
            continue
        for name in names:
            content = [w for w in prose_words(name)
                       if w not in _LINKING_WORDS and w not in ARTICLES]
            initials = "".join(w[0] for w in content)
            if content and all(text.has_word(w) for w in content):
                return True
            if len(initials) >= 3 and initials in text.keys:
                return True
    return False


# ---------------------------------------------------------------------------- assertions


def assertions(kb: KnowledgeBase, entry_id: EntryId, entry: AnyEntry,
               read: Reader) -> Iterator[Assertion]:
    """Everything an entry states, each with the citations that must back it; `read`
    lists a text's claims."""
    kind = kb.kinds[entry_id]
    if isinstance(entry, Source):
        yield from _source_assertions(read, entry)
        return
    if isinstance(entry, Chapter):
        for index, sentence in enumerate(entry.sentences):
            yield from _statement(read, ("sentences", index), sentence)
        return
    if kind not in ENTITY_KINDS:
        return
    every_citation = tuple(_all_citations(entry))
    if kind in _NAMED_KINDS:
        yield Assertion(("name",), (), every_citation, (entry.name,))
    else:
        yield Assertion(("name",), tuple(read(entry.name)), every_citation)
    yield from _statement(read, ("summary",), entry.summary)
    for index, fact in enumerate(entry.facts):
        yield from _statement(read, ("facts", index), fact)
    for index, alias in enumerate(entry.aliases):
        path: Path_ = ("aliases", index)
        if alias.lang:
            # In its own script, exactly as the source prints it; its transliteration
            # is the source's too, so the same source must give it.
            yield Assertion((*path, "name"), (), tuple(alias.cite), verbatim=alias.name,
                            verbatim_kind="name")
            if alias.transliteration:
                yield Assertion((*path, "transliteration"), (), tuple(alias.cite),
                                (alias.transliteration,))
        else:
            yield Assertion((*path, "name"), (), tuple(alias.cite), (alias.name,))
        if alias.note:
            yield Assertion((*path, "note"), tuple(read(alias.note)), tuple(alias.cite))
        yield from _citation_assertions(read, path, alias.cite)
    for index, relation in enumerate(entry.relations):
        path = ("relations", index)
        found = [Claim("link", f"[[{relation.target}]]", (relation.target,))]
        found += read(relation.role or "")
        found += date_claims(relation.since) + date_claims(relation.until)
        yield Assertion(path, tuple(found), tuple(relation.cite))
        yield from _citation_assertions(read, path, relation.cite)
    for d, dispute in enumerate(entry.disputes):
        for v, version in enumerate(dispute.versions):
            path = ("disputes", d, "versions", v)
            yield Assertion((*path, "value"), tuple(read(version.value)), tuple(version.cite))
            if version.note:
                yield Assertion((*path, "note"), tuple(read(version.note)),
                                tuple(version.cite))
            yield from _citation_assertions(read, path, version.cite)
    if isinstance(entry, Event):
        summary = tuple(entry.summary.cite)
        yield Assertion(("date",), tuple(date_claims(entry.date)), summary)
        for index, place in enumerate(entry.places):
            yield Assertion(("places", index), (Claim("link", f"[[{place}]]", (place,)),),
                            summary)
        for index, participant in enumerate(entry.participants):
            path = ("participants", index)
            found = [Claim("link", f"[[{participant.entity}]]", (participant.entity,))]
            found += read(participant.role or "")
            yield Assertion(path, tuple(found), tuple(participant.cite) or summary)
            yield from _citation_assertions(read, path, participant.cite)


def _statement(read: Reader, path: Path_, statement: Statement) -> Iterator[Assertion]:
    found = read(statement.text) + date_claims(getattr(statement, "date", None))  # a fact's
    yield Assertion((*path, "text"), tuple(found), tuple(statement.cite))
    yield from _citation_assertions(read, (*path, "cite"), statement.cite)


def _citation_assertions(read: Reader, path: Path_,
                         citations: list[Citation]) -> Iterator[Assertion]:
    """A quote's speaker, date and setting, and a citation's note, against the one
    source that reports them."""
    for index, citation in enumerate(citations):
        here = (*path, index) if path[-1] == "cite" else (*path, "cite", index)
        if citation.quote:
            quote = citation.quote
            found = [Claim("link", f"[[{speaker}]]", (speaker,)) for speaker in quote.speaker]
            found += date_claims(quote.said) + read(quote.context or "")
            yield Assertion((*here, "quote"), tuple(found), (citation,))
            yield Assertion((*here, "quote", "text"), (), (citation,), verbatim=quote.text)
        if citation.note:
            yield Assertion((*here, "note"), tuple(read(citation.note)), (citation,))


def _source_assertions(read: Reader, source: Source) -> Iterator[Assertion]:
    itself = (Citation(source=source.id),)
    if source.author:
        yield Assertion(("author",), (), itself, (source.author,))
    if source.date:
        yield Assertion(("date",), tuple(date_claims(source.date)), itself)
    if source.note:
        yield Assertion(("note",), tuple(read(source.note)), itself)


def _all_citations(entry: Entity) -> Iterator[Citation]:
    yield from entry.summary.cite
    for group in (entry.facts, entry.aliases, entry.relations):
        for item in group:
            yield from item.cite
    for dispute in entry.disputes:
        for version in dispute.versions:
            yield from version.cite
    for participant in getattr(entry, "participants", []):
        yield from participant.cite


# ---------------------------------------------------------------------------- allow-list


Allowed = list[tuple[int, Allowance]]
"""The allow-list's sound entries, each with its place in the file's list."""


def read_allowances(path: Path, root: Path) -> tuple[Allowed, RawRecord | None, list[Problem]]:
    """The reviewed allow-list's sound entries and the problems of the others; ([], None,
    []) when there is no list. One faulty entry does not void the rest: they stay
    allowed, and it is reported at its line like any data file's error."""
    shown = relative(path, root)
    if not path.exists():
        return [], None, []
    data, marks, problems = parse_yaml(path.read_text(encoding="utf-8"), shown,
                                       free_text=free_text_paths(Allowances))
    if problems:
        return [], None, problems
    record = RawRecord(shown, "grounding", EntryId(path.stem), data, marks)
    try:
        return list(enumerate(Allowances.model_validate(data).allowed)), record, []
    except ValidationError as error:
        errors_found = error.errors()
    found = [located(record, Allowances, item) for item in errors_found]
    in_entry = [item for item in errors_found
                if item["loc"][:1] == ("allowed",) and len(item["loc"]) > 2]
    if len(in_entry) < len(errors_found):
        return [], record, found  # the file's own shape is wrong: nothing can be read
    faulty = {item["loc"][1] for item in in_entry}
    sound = [(index, Allowance.model_validate(entry))
             for index, entry in enumerate(data["allowed"]) if index not in faulty]
    return sound, record, found


def allowances_in_doubt(path: Path, root: Path) -> set[tuple[str, str]] | None:
    """The (entry, claim) pairs written in exceptions of the allow-list that
    `read_allowances` could not take as sound (a reason too short, a field misspelt),
    whose claims must not be reported a second time; None when the file as a whole
    cannot be read (a YAML error, no `allowed:` list), when any claim may be one of
    its exceptions. Raises nothing."""
    if not path.exists():
        return set()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    data, _, problems = parse_yaml(text, relative(path, root),
                                   free_text=free_text_paths(Allowances))
    if problems or not isinstance(data, dict) or not isinstance(data.get("allowed"), list):
        return None
    return {(item["entry"].strip(), item["claim"].strip()) for item in data["allowed"]
            if isinstance(item, dict) and isinstance(item.get("entry"), str)
            and isinstance(item.get("claim"), str)}


def _stale(allowed: Allowed, used: set[tuple[str, str]], kb: KnowledgeBase,
           record: RawRecord | None) -> list[Problem]:
    """Allowances that name no entry, or that no claim needs any more."""
    if record is None:
        return []
    problems = []
    for index, allowance in allowed:
        if allowance.entry not in kb.entries:
            line, column = record.mark(("allowed", index, "entry"))
            problems.append(Problem(record.path, line, column, f"no entry '{allowance.entry}'"
                                    f" in data/.{did_you_mean(allowance.entry, kb.entries)}"))
        elif (allowance.entry, allowance.claim) not in used:
            line, column = record.mark(("allowed", index, "claim"))
            problems.append(Problem(record.path, line, column, f"'{allowance.claim}' on "
                                    f"'{allowance.entry}' is no longer needed: the sources "
                                    "now back it, or the data no longer says it; remove it"))
    return problems
