"""The source material the data was written from, matched to the sources in `data/`.

The material is a folder kept beside the project (`../shared/sources/`): articles as
plain text (`*.txt`, headline on the first line) and dossiers (`*.md`) of blocks, one
per source, each opening with `## S01 · Outlet · date · title` and a `URL:` line. A
source in `data/` is matched to its block by address, else to an article or block by
headline. A source with no text of its own (a Reuters report that Devdiscourse relays,
remarks made to Vox) is read through the sources that relay or cite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kb.addresses import EntryId
from kb.checks.refs import citations
from kb.crash import reading
from kb.model import KnowledgeBase, Source
from kb.text.spelling import name_key

_BLOCK = re.compile(r"^## (?P<label>S\d+) · (?P<header>.*)$", re.MULTILINE)
_URL = re.compile(r"^URL: (\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """One source's text in the material: an article, or a dossier block."""

    label: str
    """Where it is: 'dossier.md S05', or the article's file name."""
    headline: str
    url: str | None
    text: str


def read_material(folder: Path) -> list[Document]:
    """Every article and dossier block in `folder`, in file order.

    Raises FileNotFoundError when the folder is absent (the caller says what was
    skipped). Sections of a dossier that are not blocks (its heading, the closing
    list of disagreements) are not documents.
    """
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    documents: list[Document] = []
    for path in sorted(folder.iterdir()):
        with reading(str(path)):  # a fault, such as a file not in UTF-8, names the file
            if path.suffix == ".txt":
                text = path.read_text(encoding="utf-8")
                headline = next((line.strip() for line in text.splitlines() if line.strip()),
                                "")
                documents.append(Document(path.name, headline, None, text))
            elif path.suffix == ".md" and path.name.lower() != "readme.md":
                documents += _blocks(path)
    return documents


def _blocks(path: Path) -> Iterable[Document]:
    text = path.read_text(encoding="utf-8")
    starts = list(_BLOCK.finditer(text))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        block = text[match.start():end]
        block = re.split(r"^## (?!S\d+ ·)", block, flags=re.MULTILINE)[0]  # closing sections
        url = _URL.search(block)
        headline = match["header"].split(" · ")[-1].strip()
        yield Document(f"{path.name} {match['label']}", headline, url[1] if url else None,
                       block)


def _address_key(url: str) -> str:
    """Addresses compared without scheme, 'www.', fragment or trailing slash."""
    url = re.sub(r"^https?://(www\.)?", "", url.split("#", 1)[0]).rstrip("/")
    return url.casefold()


def own_documents(kb: KnowledgeBase, documents: list[Document]) -> dict[EntryId, Document]:
    """{source id: its own document}, matched by address, else by headline."""
    by_url = {_address_key(d.url): d for d in documents if d.url}
    by_headline = {name_key(d.headline): d for d in documents if d.headline}
    own: dict[EntryId, Document] = {}
    for source in kb.of_kind(Source):
        document = (by_url.get(_address_key(source.url)) if source.url else None) \
            or by_headline.get(name_key(source.title))
        if document is not None:
            own[source.id] = document
    return own


def source_texts(kb: KnowledgeBase,
                 documents: list[Document]) -> dict[EntryId, list[Document]]:
    """{source id: the documents whose text stands for it}.

    A source's own document (`own_documents`); else the documents of the sources that
    relay it (`relays`) or read it for a statement (`citing`). A source found nowhere
    maps to an empty list.
    """
    own = own_documents(kb, documents)
    readers: dict[EntryId, set[EntryId]] = {}
    for source in kb.of_kind(Source):
        for relayed in source.relays:
            readers.setdefault(relayed, set()).add(source.id)
    for entry in kb.entries.values():
        for _, citation in citations(entry):
            if citation.citing:
                readers.setdefault(citation.citing, set()).add(citation.source)
    texts: dict[EntryId, list[Document]] = {}
    for source in kb.of_kind(Source):
        if source.id in own:
            texts[source.id] = [own[source.id]]
            continue
        found = [own[reader] for reader in sorted(readers.get(source.id, ())) if reader in own]
        texts[source.id] = list(dict.fromkeys(found))
    return texts


def unmatched(kb: KnowledgeBase, documents: list[Document]) -> list[Document]:
    """Documents that no source in `data/` stands for, in material order."""
    matched = {id(d) for d in own_documents(kb, documents).values()}
    return [d for d in documents if id(d) not in matched]
