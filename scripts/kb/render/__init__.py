"""Stage 4, render: the linked knowledge base -> Markdown pages, as {path: text}.

Each page module is an emitter with one job; this function lists them. Nothing is
written here: `write` is the only stage that touches the disk.
"""

from __future__ import annotations

from kb.link import Linked
from kb.model import ENTITY_KINDS, KINDS
from kb.render.entity import entity_page
from kb.render.indexes import kind_index
from kb.render.quotes import quotes_page
from kb.render.sources import source_page
from kb.render.timeline import timeline_page

Pages = dict[str, str]


def render(linked: Linked) -> Pages:
    """Every generated page, keyed by its path under the generated folder."""
    pages: Pages = {}
    for entry_id, kind in linked.kb.kinds.items():
        emit = entity_page if kind in ENTITY_KINDS else source_page
        path, text = emit(linked, entry_id)
        pages[path] = text
    for kind in KINDS:
        path, text = kind_index(linked, kind)
        pages[path] = text
    for emit_page in (timeline_page, quotes_page):
        path, text = emit_page(linked)
        pages[path] = text
    return dict(sorted(pages.items()))
