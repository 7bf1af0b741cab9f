"""The search index: every page's names, split into small files a browser loads on demand.

Material's own index holds every page's full text in one file that each first visit
downloads (27 MB at 10,000 pages). This one holds what readers look entries up by:
titles, every alias a source gives, and a spelling skeleton of each word
(`spelling.skeleton`), so that "Suleimani" finds "Soleimani". It is cut into shards
by the first three letters of each word: a query loads the one or two shards of its
longest word, a few kilobytes, and nothing is loaded before the reader searches.
Words of one or two letters ('al', 'US') are not keys, or their shards would hold
nearly every page; they still narrow a query with a longer word in it.
overrides/js/search.js answers in Material's search box.

Shard `kb-search/words/<abc>.json` (and `sounds/<abc>.json` for skeletons):
    {"w": {word: [page number, ...]}, "p": {page number: [url, title, kind, [alias, ...]]}}
A page's number is its own in each shard (the pages of a shard are numbered in site
order): a page added or removed changes only the shards of its own words, so that the
live preview rewrites a few shards rather than nearly all. search.js tells the pages of
two shards apart by their urls.
`kb-search/folding.json`: the folding rules (`kb.spelling.FOLDING`) and `PREFIX`, which
search.js reads before it folds a query, so that a query and the index fold alike.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from kb.link import Linked
from kb.model import KINDS
from kb.render.text import page_path
from kb.spelling import FOLDING, skeleton, words
from kb.titles import NO_HEADLINE

FOLDER = "kb-search"
PREFIX = 3
"""Letters of a word that name its shard: a query needs a word this long to be answered.
overrides/js/search.js reads it from folding.json."""
RULES = f"{FOLDER}/folding.json"
_TITLE = re.compile(r'^title: (".*")$', re.MULTILINE)


SearchKeys = dict[tuple[str, ...], list[tuple[str, str]]]
"""The keys of names looked at before (`_keys`), by the names: the live preview's
session keeps them from one build to the next (kb.render.memo)."""
_MAX_KEPT = 100_000


def search_index(linked: Linked, pages: dict[str, str],
                 memo: SearchKeys | None = None) -> dict[str, str]:
    """Shard files (path -> JSON) for every Markdown page of `pages` that has a title,
    and the folding rules beside them; with a `memo`, the keys of names seen before are
    taken from it."""
    memo = {} if memo is None else memo
    if len(memo) > _MAX_KEPT:
        memo.clear()
    shards: dict[str, dict] = defaultdict(lambda: {"w": defaultdict(list), "p": {}})
    by_path = {page_path(kind, entry_id): entry_id
               for entry_id, kind in linked.kb.kinds.items() if KINDS[kind].indexed}
    numbers: dict[str, dict[str, int]] = defaultdict(dict)  # shard -> page path -> number
    for path, text in pages.items():
        title = _title(text) if path.endswith(".md") else None
        if title is None:
            continue
        entry_id = by_path.get(path)
        kind = linked.kind(entry_id) if entry_id else "page"
        aliases = _aliases(linked, entry_id) if entry_id else []
        label = KINDS[kind].label if entry_id else "Page"
        record = [_url(path), title, label, aliases]
        # The mark after a label made from a web address is shown, not searched for.
        names = (title.removesuffix(f" ({NO_HEADLINE})"), *aliases)
        keys = memo.get(names)
        if keys is None:
            keys = memo[names] = _keys(names)
        for folder, key in keys:
            name = f"{FOLDER}/{folder}/{key[:PREFIX]}.json"
            shard, numbered = shards[name], numbers[name]
            number = numbered.setdefault(path, len(numbered))
            shard["w"][key].append(number)  # keys are unique per page: never twice
            shard["p"][number] = record
    files = {path: json.dumps(shard, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
             for path, shard in sorted(shards.items())}
    return {RULES: folding_rules(), **files}


def folding_rules() -> str:
    """kb-search/folding.json: how search.js folds a query, from the one table
    (`kb.spelling.FOLDING`) that folds the index, and the length of a shard's name."""
    return json.dumps({**FOLDING, "prefix": PREFIX}, ensure_ascii=False, sort_keys=True)


def _keys(names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(shard folder, key) for every word of the names, and its spelling skeleton."""
    keys: dict[tuple[str, str], None] = {}
    for name in names:
        for word in words(name):
            if len(word) < PREFIX:
                continue
            keys[("words", word)] = None
            sound = skeleton(word)
            if len(sound) >= PREFIX:
                keys[("sounds", sound)] = None
    return list(keys)


def _aliases(linked: Linked, entry_id: str) -> list[str]:
    entry = linked.entry(entry_id)
    names = [alias.name for alias in getattr(entry, "aliases", [])]
    return [name for name in dict.fromkeys(names) if name != entry.name]


def _title(text: str) -> str | None:
    match = _TITLE.search(text[: text.find("\n---", 3) + 1]) if text.startswith("---") else None
    return json.loads(match.group(1)) if match else None


def _url(path: str) -> str:
    """A page's directory URL relative to the site root: people/x.md -> people/x/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
