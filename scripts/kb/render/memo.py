"""Entry pages rendered again only when something they show has changed: the live preview.

At every save the preview links and renders the whole knowledge base again, and most
entry pages come out exactly as before. A page's last text is reused when what it is
made of is unchanged: the entries of its `page_inputs` (kb.link, the one map of what
each page shows), each the same object (or an equal one) of the same kind; the date it
cites as its last change; and the values its kind of page shows that no entry holds
(`shared`: the range of entity pages' "as reported by" date picker). Unchanged files
yield the very same objects (load and validate hand them back), so most comparisons
stop at identity. A new site name or address starts the memo afresh.

Reuse is only as safe as the map is complete: `page_reads` renders a page through a
view that notes every entry and every value of the linked knowledge base it reads, and
the test suite checks with it that the map and `shared` miss none, on every page of the
real data. A one-off build renders everything and keeps no memo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from kb.addresses import EntryId, PagePath
from kb.link import Linked
from kb.model import AnyEntry
from kb.render.site import page_changed

EntryPage = Callable[[Any, EntryId, Any], tuple[PagePath, str]]
"""An entry page's emitter: (linked, or a view of it; entry id; site) -> (path, text)."""
_MISSING = object()


@dataclass(frozen=True)
class _Page:
    inputs: dict[EntryId, tuple[AnyEntry | None, str | None]]
    """Each entry the page shows: (the entry, its kind)."""
    changed: dt.date | None
    shared: tuple[object, ...]
    path: PagePath
    text: str


class PageMemo:
    """The entry pages of the last build, each with what it was made of."""

    def __init__(self) -> None:
        self._pages: dict[EntryId, _Page] = {}
        self._site: Any = _MISSING
        self.reused = 0
        """Entry pages the last build took from the memo."""

    @property
    def pages(self) -> int:
        """Entry pages held."""
        return len(self._pages)

    def start(self, site: Any, entry_ids: Iterable[EntryId]) -> None:
        """Begin a build: a new site name or address touches every page; entries that
        are gone are forgotten."""
        if (site.name, site.url) != self._site:
            self._pages.clear()
            self._site = (site.name, site.url)
        wanted = set(entry_ids)
        for gone in [key for key in self._pages if key not in wanted]:
            del self._pages[gone]
        self.reused = 0

    def page(self, linked: Linked, entry_id: EntryId, site: Any, emit: EntryPage,
             shared: tuple[str, ...] = ()) -> tuple[PagePath, str]:
        """(path, Markdown) of an entry's page: the last text if nothing it shows has
        changed, else rendered now by `emit`. `shared` names the attributes of `linked`
        that the page shows besides its entries ('reporting_span')."""
        entries, kinds = linked.kb.entries, linked.kb.kinds
        inputs = {i: (entries.get(i), kinds.get(i)) for i in linked.page_inputs[entry_id]}
        changed = page_changed(linked, site, entry_id)
        values = tuple(getattr(linked, name) for name in shared)
        known = self._pages.get(entry_id)
        if (known is not None and known.changed == changed and known.shared == values
                and known.inputs == inputs):
            self.reused += 1
            return known.path, known.text
        path, text = emit(linked, entry_id, site)
        self._pages[entry_id] = _Page(inputs, changed, values, path, text)
        return path, text


@dataclass(frozen=True)
class Reads:
    """What rendering one page read."""

    entries: set[EntryId]
    """Ids of the entries whose content or kind it read (all of them, if it walked
    every entry)."""
    attributes: set[str]
    """Attributes of the linked knowledge base it read, besides `kb`: reverse indexes
    (read by key) and values of the whole ('reporting_span', 'timeline')."""


def page_reads(linked: Linked, entry_id: EntryId, site: Any, emit: EntryPage) -> Reads:
    """Render one page through a view that notes what it reads: the check that
    `linked.page_inputs` and the memo's `shared` values miss nothing a page shows."""
    reads = Reads(set(), set())
    kb = replace(linked.kb, entries=_Noting(linked.kb.entries, reads.entries),
                 kinds=_Noting(linked.kb.kinds, reads.entries))
    emit(_NotingLinked(linked, kb, reads.attributes), entry_id, site)
    return reads


class _NotingLinked:
    """A Linked whose `kb` notes the entries read, noting every other attribute read."""

    def __init__(self, linked: Linked, kb: Any, attributes: set[str]) -> None:
        self._linked, self.kb, self._attributes = linked, kb, attributes

    # Linked's own accessors, which read `self.kb`: the noting one.
    entry = Linked.entry
    entity = Linked.entity
    kind = Linked.kind

    def __getattr__(self, name: str) -> Any:
        self._attributes.add(name)
        return getattr(self._linked, name)


class _Noting(dict[Any, Any]):
    """A dict that notes each key read, and every key when read whole."""

    def __init__(self, data: dict[Any, Any], reads: set[Any]) -> None:
        super().__init__(data)
        self._reads = reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add(key)
        return super().__contains__(key)

    def _whole(self) -> None:
        self._reads.update(super().keys())

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return super().__iter__()

    def keys(self) -> Any:
        self._whole()
        return super().keys()

    def values(self) -> Any:
        self._whole()
        return super().values()

    def items(self) -> Any:
        self._whole()
        return super().items()
