"""Entry pages rendered again only when something they read has changed: the live preview.

At every save the preview links and renders the whole knowledge base again, and most
entry pages come out exactly as before. While a page renders, each read it makes of
the linked knowledge base (an entry, a kind, one key of an index, a whole list) is
noted with the value read; at the next build the page's text is reused if every one of
those reads gives the same value again. Unchanged files yield the very same objects
(load and validate hand them back), so most comparisons stop at identity.

Reads are noted, not declared, so a page cannot depend on something the memo does not
know about: whatever it reaches through `linked` is watched. A one-off build renders
everything and keeps no memo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kb.link import Linked

_MISSING = object()
_WHOLE = object()
"""The key of a read that took a whole index or list, not one of its keys."""
_SITE_CHANGED = "site.changed"
Read = tuple[str, Any]
EntryPage = Callable[[Any, str, Any], tuple[str, str]]

# Where each watched index is found: the entries, their kinds and files, and the
# reverse indexes of kb.link; the dates of change are the site's.
_LINK_INDEXES = ("incoming", "events_of", "quotes_by", "backing", "relayed", "published",
                 "mentions", "edges_of")
_INDEXES: dict[str, Callable[[Linked], Any]] = {
    **{f"kb.{name}": (lambda linked, name=name: getattr(linked.kb, name))
       for name in ("entries", "kinds", "paths")},
    **{name: (lambda linked, name=name: getattr(linked, name)) for name in _LINK_INDEXES},
}


@dataclass(frozen=True)
class _Page:
    reads: dict[Read, Any]
    path: str
    text: str


class PageMemo:
    """The entry pages of the last build, each with what it read."""

    def __init__(self) -> None:
        self._pages: dict[str, _Page] = {}
        self._site: Any = _MISSING
        self.reused = 0
        """Entry pages the last build took from the memo."""

    @property
    def pages(self) -> int:
        """Entry pages held."""
        return len(self._pages)

    def start(self, site: Any, entry_ids: Iterator[str] | list[str]) -> None:
        """Begin a build: a new site name or address touches every page (the dates of
        change are watched like the rest); entries that are gone are forgotten."""
        if (site.name, site.url) != self._site:
            self._pages.clear()
            self._site = (site.name, site.url)
        wanted = set(entry_ids)
        for gone in [key for key in self._pages if key not in wanted]:
            del self._pages[gone]
        self.reused = 0

    def page(self, linked: Linked, entry_id: str, site: Any,
             emit: EntryPage) -> tuple[str, str]:
        """(path, Markdown) of an entry's page: the last text if nothing it read has
        changed, else rendered now, watching what it reads."""
        known = self._pages.get(entry_id)
        if known is not None and _unchanged(linked, site, known.reads):
            self.reused += 1
            return known.path, known.text
        reads: dict[Read, Any] = {}
        path, text = emit(_Watched(linked, reads), entry_id, _WatchedSite(site, reads))
        self._pages[entry_id] = _Page(reads, path, text)
        return path, text


def _unchanged(linked: Linked, site: Any, reads: dict[Read, Any]) -> bool:
    for (name, key), before in reads.items():
        if name in _INDEXES or name == _SITE_CHANGED:
            index = site.changed if name == _SITE_CHANGED else _INDEXES[name](linked)
            now = index if key is _WHOLE else index.get(key, _MISSING)
        else:
            now = getattr(linked, name)
        if now is not before and now != before:
            return False
    return True


class _Index:
    """One index (a dict) of the linked knowledge base, noting each key read."""

    def __init__(self, name: str, data: dict, reads: dict[Read, Any]) -> None:
        self._name, self._data, self._reads = name, data, reads

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._data.get(key, _MISSING)
        self._reads[(self._name, key)] = value
        return default if value is _MISSING else value

    def __getitem__(self, key: Any) -> Any:
        value = self._data.get(key, _MISSING)
        self._reads[(self._name, key)] = value
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: Any) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __getattr__(self, name: str) -> Any:  # items(), values(), len(): the whole index
        self._reads[(self._name, _WHOLE)] = self._data
        return getattr(self._data, name)

    def __iter__(self) -> Iterator[Any]:
        self._reads[(self._name, _WHOLE)] = self._data
        return iter(self._data)

    def __len__(self) -> int:
        self._reads[(self._name, _WHOLE)] = self._data
        return len(self._data)


class _WatchedKnowledgeBase:
    def __init__(self, linked: Linked, reads: dict[Read, Any]) -> None:
        self._linked, self._reads = linked, reads
        self.entries = _Index("kb.entries", linked.kb.entries, reads)
        self.kinds = _Index("kb.kinds", linked.kb.kinds, reads)
        self.paths = _Index("kb.paths", linked.kb.paths, reads)

    def __getattr__(self, name: str) -> Any:  # anything else (of_kind, ...): all of it
        self._reads[("kb", _WHOLE)] = self._linked.kb
        return getattr(self._linked.kb, name)


class _WatchedSite:
    """The site as one page sees it: its name and address (a change to either starts
    the memo afresh), and the dates of change, each read noted."""

    def __init__(self, site: Any, reads: dict[Read, Any]) -> None:
        self.name, self.url = site.name, site.url
        self.changed = _Index(_SITE_CHANGED, site.changed, reads)


class _Watched:
    """A Linked as one page sees it: the same answers, each read noted in `reads`."""

    def __init__(self, linked: Linked, reads: dict[Read, Any]) -> None:
        self._linked, self._reads = linked, reads
        self.kb = _WatchedKnowledgeBase(linked, reads)
        for name in _LINK_INDEXES:
            setattr(self, name, _Index(name, getattr(linked, name), reads))

    def entry(self, entry_id: str) -> Any:
        return self.kb.entries[entry_id]

    def kind(self, entry_id: str) -> str:
        return self.kb.kinds[entry_id]

    def __getattr__(self, name: str) -> Any:  # timeline, quotes, edges, reporting_span, ...
        value = getattr(self._linked, name)
        self._reads[(name, _WHOLE)] = value
        return value
