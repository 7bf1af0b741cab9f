"""Stage 4, render: the linked knowledge base -> Markdown pages, as {path: text}.

Each page module is an emitter with one job; this function lists them. Nothing is
written here: `write` is the only stage that touches the disk.
"""

from __future__ import annotations

import functools

from kb.addresses import PagePath
from kb.crash import reading
from kb.model import ENTITY_KINDS, KINDS
from kb.pipeline.link import Linked
from kb.pipeline.render.disagreements import disagreements_page
from kb.pipeline.render.draft import draft_page
from kb.pipeline.render.entity import entity_page
from kb.pipeline.render.exports import exports
from kb.pipeline.render.feed import atom_feed
from kb.pipeline.render.graph import network_page
from kb.pipeline.render.indexes import kind_index
from kb.pipeline.render.latest import additions, latest_pages
from kb.pipeline.render.memo import RenderMemo
from kb.pipeline.render.quotes import quotes_pages
from kb.pipeline.render.search import search_index
from kb.pipeline.render.site import Site
from kb.pipeline.render.sources import source_page
from kb.pipeline.render.story import story_page
from kb.pipeline.render.text import TextMemo, remembered
from kb.pipeline.render.timeline import timeline_pages

Pages = dict[PagePath, str]
"""Every file of the generated tree, by its path: Markdown pages and the downloads and
search index beside them."""
ENTRY_PAGES = {**dict.fromkeys(ENTITY_KINDS, entity_page), "source": source_page}
"""Kinds with a page per entry, and who emits it (story chapters share one page)."""
SHARED = {**dict.fromkeys(ENTITY_KINDS, ("reporting_span",)), "source": ()}
"""What each kind's page shows that no one entry holds, by attribute of `Linked`: the
range of entity pages' "as reported by" date picker spans every source. Beside
`Linked.page_inputs`, what the preview's memo compares before reusing a page."""


def render(linked: Linked, site: Site | None = None, memo: RenderMemo | None = None) -> Pages:
    """Every generated page, keyed by its path under the generated folder.

    With a `memo` from the last build (the live preview's `kb.pipeline.session.Session`), entry
    pages that show nothing changed are reused, and texts and the network's layout are
    taken from it (kb.pipeline.render.memo); without one, everything is rendered afresh and
    nothing is kept."""
    site = site or Site()
    with remembered(memo.texts if memo is not None else TextMemo()):
        return _render(linked, site, memo)


def _render(linked: Linked, site: Site, memo: RenderMemo | None) -> Pages:
    pages: Pages = {}
    entries = [(i, emit) for i, kind in linked.kb.kinds.items()
               if (emit := ENTRY_PAGES.get(kind))]
    if memo is not None:
        memo.pages.start(site, [entry_id for entry_id, _ in entries])
        memo.parts.start(linked.kb.kinds)
        memo.lists.start()
    for entry_id, emit in entries:
        with reading(linked.kb.paths.get(entry_id, "data/")):  # a fault names the file
            if memo is not None:
                path, text = memo.pages.page(linked, entry_id, site, emit,
                                             SHARED[linked.kb.kinds[entry_id]])
            else:
                path, text = emit(linked, entry_id, site)
        pages[path] = text
    for kind in KINDS:
        if KINDS[kind].indexed:
            pages.update(kind_index(linked, kind, memo))  # cut when long
    network = functools.partial(network_page, layouts=memo.layouts if memo else None,
                                labels=memo.labels if memo else None)
    for emit_page in (story_page, network, disagreements_page):
        path, text = emit_page(linked)
        pages[path] = text
    # What each source added, read once for the Latest page and its feed: walking every
    # entry's statements for it took a tenth of the live preview's render, twice.
    listed = additions(linked)
    path, text = atom_feed(linked, site, listed, memo)  # Latest, for feed readers
    pages[path] = text
    for emit_pages in (timeline_pages, quotes_pages):  # cut when long
        pages.update(emit_pages(linked, memo=memo))
    pages.update(latest_pages(linked, listed=listed, memo=memo))
    pages.update(exports(linked, memo))
    pages.update(search_index(linked, pages, memo.search if memo else None))
    # After the search index: a draft (the live preview's only) is listed nowhere.
    pages.update(draft_page(draft) for draft in linked.kb.drafts.values())
    return dict(sorted(pages.items()))
