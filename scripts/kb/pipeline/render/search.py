"""The search index: every name, alias, title and sentence of the site, cut into small
files that a browser loads only for the words a reader types.

What is searched (one "unit" each, with the place on its page it leads to, from
`kb.pipeline.render.anchors`): an entry's name (with its type: "military base"), each alias, its
summary, facts, the quotes on its statements and its disagreements' versions; a
source's title; the story's chapter titles and sentences; other pages' titles. Each
unit is ranked by its field: names and aliases, then titles, then text (`FIELDS`).
A statement is indexed once, on the page that records it, not on every page showing it.

Words are folded as everywhere on the site (`kb.text.spelling.words`) and keyed by
`kb.text.spelling.search_key` (British and American endings, transliterated vowel pairs);
words under three letters and `STOPWORDS` are left out. Word forms (withdraw,
withdrawal) are made one in the browser, by a stemmer, over the words of the shards a
query loads: the pipeline needs none. overrides/js/search.js answers in Material's
search box, with MiniSearch over these shards (overrides/js/vendor/).

Files, under `kb-search/`:
- `words/<abc>.json`, by the first three letters of each key:
  `{"t": {key: {doc: count}}, "d": {doc: [field, kind, length, name?]}}`: MiniSearch's
  postings, and what ranking needs of each document (its field, the kind of its page,
  its length in keys, and for a name or title its text). A document's number is its
  page's number × `PER_PAGE` + its place on the page, so that an edit to one page
  changes only the shards of the words it adds or removes. A page's number comes from
  its path alone (`page_numbers`), not from its place among the others: a page added
  or removed changes only its own fragment and the shards of its words, not the
  number of every page after it.
- `sounds/<abc>.json`: `{skeleton: [key, ...]}`, the keys sharing a spelling skeleton
  (`kb.text.spelling.skeleton`), so that "Suleimani" finds "Soleimani" and "Hizballah"
  "Hezbollah", in names and in text.
- `near/<ab>.json`: `{k: [abc, ...]}`, for a typo in the first three letters of a word
  of six or more: the shards holding keys that one deleted letter among their first
  four turns into `k` (a query computes the same of its word; see search.js).
- `pages/<n>.json`, by the page's number: `{"u": url, "t": title, "m": mark?, "k": kind,
  "d": [[anchor, text], ...]}`, what a result shows: fetched for the results shown only. `m` is the
  mark after a source's label made from its web address (`kb.text.titles.NO_HEADLINE`),
  kept apart from the title so that it is not read in the title's direction.
- `folding.json`: the folding rules (`kb.text.spelling.FOLDING`), `PREFIX`, `STOPWORDS` and
  the index's figures (documents, average lengths), read before a query is folded.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial

from kb.addresses import EntryId, PagePath, address
from kb.model import KINDS, Chapter, Citation, Entity, Event, Source
from kb.pipeline.link import Linked
from kb.pipeline.render.anchors import chapter_anchors, entry_anchors
from kb.pipeline.render.citations import source_heading
from kb.pipeline.render.text import (
    STORY_PATH,
    dispute_anchors,
    page_path,
    plain,
    unisolated,
)
from kb.text.spelling import FOLDING, search_key, skeleton, words
from kb.text.titles import NO_HEADLINE

FOLDER = "kb-search"
PREFIX = 3
"""Letters of a key that name its shard: a query word needs this many to be looked up.
overrides/js/search.js reads it from folding.json."""
RULES = PagePath(f"{FOLDER}/folding.json")
PER_PAGE = 1000
"""Documents a page may have: a document's number is page × PER_PAGE + place."""
PAGE_NUMBERS = 1 << 20
"""How many numbers pages are given from (`page_numbers`): enough that two paths
rarely share one (about one pair among 1,500 pages, a hundred among 15,000), few
enough that a document's number stays ten digits long in the shards."""
FIELDS = ("name", "title", "text")
"""The fields a document's words are in, in rank order: names and aliases of entries,
titles (of sources, chapters and other pages), then text."""
NAME, TITLE, TEXT = range(3)
PAGE_KIND = "Page"
"""The label of a page that shows no one entry: the home page, an index, the timeline."""
PAGE_RANK = 0.2
"""What such a page adds to a match's score: below people, groups, places and events
of the same name, above sources (kb.model.KINDS)."""
NEAR = 6
"""Keys this long or longer can be found with a typo in their first letters (`near`)."""
STOPWORDS = frozenset({
    "about", "after", "also", "and", "any", "are", "been", "before", "but", "can", "could",
    "did", "does", "for", "from", "had", "has", "have", "her", "hers", "him", "his", "its",
    "not", "now", "our", "out", "over", "said", "she", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "too", "under",
    "was", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your"
})
"""Words of three letters or more that are in too many sentences to find anything:
left out of the index and of queries (a quoted phrase still checks them, in the text)."""
_TITLE = re.compile(r'^title: (".*")$', re.MULTILINE)
@dataclass(frozen=True)
class Unit:
    """One searchable piece of a page."""

    field: int
    """NAME, TITLE or TEXT."""
    text: str
    """What a result shows."""
    anchor: str = ""
    """Where on the page it stands ('' for the top)."""
    extra: str = ""
    """Words found but not shown: an entry's type."""


class SearchMemo:
    """What the index keeps from one build to the next, for the owner of a series of
    builds (the live preview's `kb.pipeline.render.memo.RenderMemo`): the live preview indexes
    every page again on each save, and most pages and words are as they were. A
    one-off build makes one for itself and drops it."""

    def __init__(self) -> None:
        self.pages: dict[PagePath, tuple[tuple[str, int], list[Unit], str]] = {}
        """Each page's units and what a result shows of it, by path, with the page's
        Markdown and number they were made for: a page whose Markdown is unchanged
        holds the same units (everything they are made of is on the page)."""
        # Bounded, the least recently used first out: unchanged texts are keyed again
        # on every save, and the same words are in many documents.
        self.keys = lru_cache(maxsize=1 << 16)(_keys)
        self.spellings = lru_cache(maxsize=1 << 17)(_spellings)
        self.shards: dict[PagePath, tuple[object, str]] = {}
        """Each shard's JSON, by path, with what it was written from: a shard whose
        words, documents and spellings are equal to the last build's is not written
        again (writing the shards was most of the index's time in the preview)."""

    def shard(self, path: PagePath, content: object, make: Callable[[], str]) -> str:
        """The JSON of the shard at `path`: the last one if `content` (what `make`
        writes, in any order) equals the last build's, else `make()`."""
        known = self.shards.get(path)
        if known is not None and known[0] == content:
            return known[1]
        text = make()
        self.shards[path] = (content, text)
        return text


def search_index(linked: Linked, pages: dict[PagePath, str],
                 memo: SearchMemo | None = None) -> dict[PagePath, str]:
    """The index files ({path: JSON}) for every Markdown page of `pages` that has a
    title, and the folding rules beside them. With a `memo` of the last build's index,
    the pages and words indexed then are not worked out again; the result is the same."""
    memo = memo if memo is not None else SearchMemo()
    kept_pages = memo.pages
    entries = {page_path(kind, entry_id): entry_id
               for entry_id, kind in linked.kb.kinds.items() if KINDS[kind].indexed}
    postings: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    documents: dict[int, list[int | str]] = {}
    files: dict[PagePath, str] = {}
    lengths: list[list[int]] = [[] for _ in FIELDS]
    # Read at each call, not at import: a kind is declared once, in kb.model.KINDS.
    kind_labels = (*(kind.label for kind in KINDS.values() if kind.indexed), PAGE_KIND)
    titles = {path: title for path, text in pages.items()
              if path.endswith(".md") and (title := _title(text)) is not None}
    numbers = page_numbers(titles)
    for path, title in titles.items():
        text, number = pages[path], numbers[path]
        entry_id = entries.get(path)
        label = KINDS[linked.kind(entry_id)].label if entry_id else PAGE_KIND
        kind = kind_labels.index(label)
        kept = kept_pages.get(path)
        if kept and kept[0] == (text, number):  # the page is as it was: so are its units
            units, fragment = kept[1], kept[2]
        else:
            units = page_units(linked, entry_id, path, title)[:PER_PAGE]
            # The mark after a label made from a web address is the site's English, not
            # the title's: search.js shows it outside the title's isolation (the page's
            # title isolates the label in plain text: source_page_title).
            shown = title.removesuffix(f" ({NO_HEADLINE})")
            shown = unisolated(shown) if shown != title else shown
            fragment = _json({"u": address(path), "t": shown,
                              **({"m": NO_HEADLINE} if shown != title else {}),
                              "k": label, "d": [[unit.anchor, unit.text] for unit in units]})
            kept_pages[path] = ((text, number), units, fragment)
        for place, unit in enumerate(units):
            doc = number * PER_PAGE + place
            keys, length = memo.keys(unit.text, unit.extra)
            lengths[unit.field].append(length)
            documents[doc] = ([unit.field, kind, length] if unit.field == TEXT
                              else [unit.field, kind, length, unit.text])
            for key, count in keys.items():
                postings[key[:PREFIX]][key][doc] = count  # a key is once in `keys`
        files[PagePath(f"{FOLDER}/pages/{number}.json")] = fragment
    for gone in set(kept_pages) - set(pages):
        del kept_pages[gone]
    sounds: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    near: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for terms in postings.values():
        for key in terms:
            sound, variants = memo.spellings(key)
            if sound:
                sounds[sound[:PREFIX]][sound].add(key)
            for variant in variants:
                near[variant[:2]][variant].add(key[:PREFIX])
    for prefix, terms in postings.items():
        held = {doc: documents[doc] for counts in terms.values() for doc in counts}
        path = PagePath(f"{FOLDER}/words/{prefix}.json")
        files[path] = memo.shard(path, (terms, held), partial(_words_shard, terms, held))
    for folder, shards in (("sounds", sounds), ("near", near)):
        for prefix, spelt in shards.items():
            path = PagePath(f"{FOLDER}/{folder}/{prefix}.json")
            files[path] = memo.shard(path, spelt, partial(_spellings_shard, spelt))
    for gone in set(memo.shards) - set(files):
        del memo.shards[gone]
    figures: dict[str, object] = {
        "documents": len(documents), "per_page": PER_PAGE, "fields": FIELDS,
        "kinds": kind_labels, "near": NEAR,
        "lengths": [round(sum(f) / len(f), 2) if f else 1 for f in lengths]}
    return {RULES: folding_rules(figures), **dict(sorted(files.items()))}


def _words_shard(terms: dict[str, dict[int, int]],
                 documents: dict[int, list[int | str]]) -> str:
    """A shard of words: each key's documents with its count in each, and what the
    index holds of each document, sorted."""
    return _json({"t": {key: dict(sorted(counts.items())) for key, counts in sorted(terms.items())},
                  "d": dict(sorted(documents.items()))})


def _spellings_shard(spelt: dict[str, set[str]]) -> str:
    """A shard of spellings: each skeleton or near spelling with the keys it stands for."""
    return _json({key: sorted(found) for key, found in sorted(spelt.items())})


def page_numbers(paths: Iterable[PagePath]) -> dict[PagePath, int]:
    """{path: number} for the pages of the index, each number below `PAGE_NUMBERS`: the
    first 32 bits of the BLAKE2b hash of the path (the same in every process and on
    every machine), modulo `PAGE_NUMBERS`. Paths sharing a number are taken in sorted
    order, and each after the first gets the next free number, wrapping round: the
    numbers depend only on the set of paths, so two builds of the same pages agree, and
    a page added or removed moves no other page's number unless it shares one.
    Raises ValueError for more pages than numbers."""
    ordered = sorted(set(paths))
    if len(ordered) > PAGE_NUMBERS:
        raise ValueError(f"{len(ordered)} pages to index, more than the {PAGE_NUMBERS} "
                         "numbers kb.pipeline.render.search.PAGE_NUMBERS gives them")
    numbers: dict[PagePath, int] = {}
    taken: set[int] = set()
    for path in ordered:
        number = _hashed(path)
        while number in taken:
            number = (number + 1) % PAGE_NUMBERS
        taken.add(number)
        numbers[path] = number
    return numbers


def _hashed(path: str) -> int:
    digest = hashlib.blake2b(path.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % PAGE_NUMBERS


def folding_rules(figures: dict[str, object] | None = None) -> str:
    """kb-search/folding.json: how search.js folds a query, from the one table
    (`kb.text.spelling.FOLDING`) that folds the index, the length of a shard's name, the
    words left out (`STOPWORDS`), how it ranks pages by kind ({label: `Kind.search_rank`}
    of every kind with pages, and `PAGE_RANK` for the other pages) and, under "index",
    the index's own figures (documents, fields, kinds, average length of each field's
    documents) that MiniSearch scores with."""
    ranks = {kind.label: kind.search_rank for kind in KINDS.values() if kind.indexed}
    rules = {**FOLDING, "prefix": PREFIX, "stopwords": sorted(STOPWORDS),
             "ranks": {**ranks, PAGE_KIND: PAGE_RANK}}
    if figures is not None:
        rules["index"] = figures
    return json.dumps(rules, ensure_ascii=False, sort_keys=True)


def page_units(linked: Linked, entry_id: EntryId | None, path: PagePath,
               title: str) -> list[Unit]:
    """What search finds on one page, in page order; the first is the page's name or
    title."""
    if entry_id is None:
        if path == STORY_PATH:
            return [Unit(TITLE, title), *_story_units(linked)]
        return [Unit(TITLE, title)]
    entry = linked.entry(entry_id)
    if isinstance(entry, Source):
        # The mark after a label made from a web address is shown, not searched for.
        return [Unit(TITLE, source_heading(entry).removesuffix(f" ({NO_HEADLINE})"))]
    return _entity_units(linked, linked.entity(entry_id))


def _entity_units(linked: Linked, entity: Entity) -> list[Unit]:
    anchors = entry_anchors(linked, entity)
    units = [Unit(NAME, entity.name, extra=getattr(entity, "type", "") or "")]
    for alias, anchor in zip(entity.aliases, anchors.aliases, strict=True):
        # A name in another script is found by the Latin transliteration a source gives
        # of it too.
        for name in (alias.name, alias.transliteration):
            if name and name != entity.name and all(u.text != name for u in units):
                units.append(Unit(NAME, name, anchor))
        units += _quotes(alias.cite, anchor)
    units.append(Unit(TEXT, plain(linked, entity.summary.text), anchors.summary))
    units += _quotes(entity.summary.cite, anchors.summary)
    for fact, anchor in zip(entity.facts, anchors.facts, strict=True):
        units.append(Unit(TEXT, plain(linked, fact.text), anchor))
        units += _quotes(fact.cite, anchor)
    for relation in entity.relations:
        units += _quotes(relation.cite, "")
    if isinstance(entity, Event):
        for participant in entity.participants:
            units += _quotes(participant.cite, "")
    for dispute, heading, versions in zip(entity.disputes, dispute_anchors(entity),
                                          anchors.versions, strict=True):
        units.append(Unit(TEXT, dispute.about, heading))
        for version, anchor in zip(dispute.versions, versions, strict=True):
            units.append(Unit(TEXT, version.value, anchor))
            units += _quotes(version.cite, anchor)
    return units


def _story_units(linked: Linked) -> list[Unit]:
    units = []
    taken: set[str] = set(linked.chapters)  # the chapters' headings
    for chapter_id in linked.chapters:
        chapter = linked.entry(chapter_id, Chapter)
        units.append(Unit(TITLE, chapter.title, chapter_id))
        for sentence, anchor in zip(chapter.sentences,
                                    chapter_anchors(linked, chapter, taken), strict=True):
            units.append(Unit(TEXT, plain(linked, sentence.text), anchor))
            units += _quotes(sentence.cite, anchor)
    return units


def _quotes(citations: list[Citation], anchor: str) -> list[Unit]:
    """The quotes on a statement's citations, each found where the statement stands."""
    return [Unit(TEXT, f"“{c.quote.text}”", anchor) for c in citations if c.quote]


def _keys(text: str, extra: str) -> tuple[Counter[str], int]:
    """The keys of a document's words with their counts, and how many there are."""
    keys = Counter(search_key(word) for word in words(f"{text} {extra}")
                   if len(word) >= PREFIX and word not in STOPWORDS)
    return keys, sum(keys.values())


def _spellings(key: str) -> tuple[str, frozenset[str]]:
    """A key's spelling skeleton ('' when too short for a shard's name), and the
    deletions of its first letters if it is long enough to be found with a typo."""
    sound = skeleton(key)
    return (sound if len(sound) >= PREFIX else "",
            frozenset(deletions(key[:4])) if len(key) >= NEAR else frozenset())


def deletions(start: str) -> set[str]:
    """Each string made by deleting one letter of `start` (a key's first four letters):
    'unwa' -> {'nwa', 'uwa', 'una', 'unw'}. A word with one letter wrong, added or
    missing among its first three shares one of them, or its first three letters, with
    the word meant (search.js)."""
    return {start[:i] + start[i + 1:] for i in range(len(start))}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _title(text: str) -> str | None:
    match = _TITLE.search(text[: text.find("\n---", 3) + 1]) if text.startswith("---") else None
    return json.loads(match.group(1)) if match else None
