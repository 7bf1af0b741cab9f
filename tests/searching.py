"""Reading the search index (kb.pipeline.render.search) as search.js does, for tests."""

from __future__ import annotations

import json

from kb.pipeline.render.search import FOLDER, PER_PAGE, PREFIX
from kb.text.spelling import search_key, words


def shard(files: dict[str, str], folder: str, key: str) -> dict:
    """One shard of the index, or {} when there is none."""
    path = f"{FOLDER}/{folder}/{key[:PREFIX]}.json"
    return json.loads(files[path]) if path in files else {}


def page_of(files: dict[str, str], doc: int | str) -> dict:
    """What a result shows of the page holding document `doc`: {u, t, k, d}."""
    return json.loads(files[f"{FOLDER}/pages/{int(doc) // PER_PAGE}.json"])


def unit_of(files: dict[str, str], doc: int | str) -> list[str]:
    """[anchor, text] of document `doc`."""
    return page_of(files, doc)["d"][int(doc) % PER_PAGE]


def found(files: dict[str, str], word: str) -> list[tuple[str, str]]:
    """(page title, text of the document) for every document holding the key of `word`
    (folded first: 'Asa’ib' is 'asaib')."""
    key = search_key(words(word)[0])
    postings = shard(files, "words", key).get("t", {}).get(key, {})
    return [(page_of(files, doc)["t"], unit_of(files, doc)[1]) for doc in postings]
