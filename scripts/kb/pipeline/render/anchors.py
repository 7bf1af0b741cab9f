"""Stable anchors on statements: where on its page each summary, name, fact, version
of a disagreement and story sentence stands, so that a search result (or a reader's
link) can lead to it.

An anchor is made from the statement's section and its first words ('fact-the-
pentagon-confirmed-his-identity-as'), not from its position: adding, removing or
reordering other statements leaves it as it was. Only editing the statement's opening
words changes it. Both the pages (`kb.pipeline.render.entity`,
`kb.pipeline.render.story`) and the search index (`kb.pipeline.render.search`) take
anchors from here, so that they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.model import Chapter, Entity
from kb.pipeline.link import Linked
from kb.pipeline.render.text import anchor, kept, plain
from kb.text.spelling import words

WORDS = 6
"""Words of a statement that its anchor keeps: enough to tell statements apart, short
enough to read in an address."""


@dataclass(frozen=True)
class EntryAnchors:
    """The anchors of one entity page's statements, in page order."""

    summary: str
    aliases: tuple[str, ...]
    facts: tuple[str, ...]
    versions: tuple[tuple[str, ...], ...]
    """Per disagreement, one per version."""


def entry_anchors(linked: Linked, entity: Entity) -> EntryAnchors:
    """Anchors for an entity page: unique on the page (a repeated opening gets -2, -3),
    and never one of the page's heading ids, which have no such prefixes."""
    taken: set[str] = set()
    return EntryAnchors(
        summary=anchor("summary", taken),
        # A name in another script is anchored by the transliteration its source gives
        # ('name-ar-abu-taqwa'): an address keeps Latin letters only.
        aliases=tuple(_made(f"name {alias.lang}" if alias.lang else "name",
                            alias.transliteration or alias.name, taken)
                      for alias in entity.aliases),
        facts=tuple(_made("fact", plain(linked, fact.text), taken) for fact in entity.facts),
        versions=tuple(tuple(_made("version", version.value, taken)
                             for version in dispute.versions)
                       for dispute in entity.disputes))


def chapter_anchors(linked: Linked, chapter: Chapter, taken: set[str]) -> tuple[str, ...]:
    """One anchor per sentence of a story chapter; `taken` holds the story page's ids so
    far, and is extended."""
    return tuple(_made(chapter.id, plain(linked, s.text), taken) for s in chapter.sentences)


def _made(section: str, text: str, taken: set[str]) -> str:
    return anchor(f"{section} {_opening(text)}", taken)


@kept(maxsize=1 << 16)  # pages and the search index ask for the same statements
def _opening(text: str) -> str:
    return " ".join(words(text)[:WORDS])


def anchor_tag(name: str) -> str:
    """The empty element a statement's anchor is: it marks the place without changing
    what readers see (overrides/css/kb.css keeps it below the sticky header)."""
    return f'<span class="kb-anchor" id="{name}"></span>'
