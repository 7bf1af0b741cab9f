"""What render keeps from one build to the next, for the owner of a series of builds.

The live preview links and renders the whole knowledge base again at every save, and
most of what it renders comes out exactly as before. A `RenderMemo`, held by the
preview's `kb.pipeline.session.Session` and passed to `kb.pipeline.render.render`, keeps:

- each entry page, with what it was made of: its last text is reused when the entries
  of its `page_inputs` (kb.pipeline.link, the one map of what each page shows) are the same
  objects (or equal ones) of the same kinds, the date it cites as its last change is
  the same, the values its kind of page shows that no entry holds (`shared`: the range
  of entity pages' "as reported by" date picker) are equal, and so is every other
  setting of the site. Unchanged files yield the very same objects (load and validate
  hand them back), so most comparisons stop at identity;
- the escaped texts and links pages repeat (`kb.pipeline.render.text.TextMemo`);
- the whole network's layout and the placing of its labels
  (`kb.pipeline.render.graph.layout`, `kb.pipeline.render.graph.Labels`);
- the search index's units of every page, and the keys and spellings of its words
  (`kb.pipeline.render.search.SearchMemo`);
- each page of the timeline, the quotes and Latest, cut by period (`ListMemo`), reused
  while the entries it lists show the same on their own pages (their `Inputs`, as for
  an entry's part below), and the list's periods and the range of its date picker are
  the same;
- each entry's part of the site-wide files (`PartMemo`: its records in the downloads,
  a source's entry in the Atom feed, its row in its kind's index, kept per index page
  since its links are relative to the page), reused when the entries of its
  `page_inputs` are the same, as for its page: what an entry's part shows is a part of
  what its page shows.

Reuse is only as safe as the map is complete: tests/test_page_inputs.py renders every
page of the real data while noting what it reads, and checks that the map and `shared`
miss nothing. A one-off build passes no memo: it renders everything and keeps nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

from kb.addresses import EntryId, PagePath
from kb.model import AnyEntry
from kb.pipeline.link import Linked
from kb.pipeline.render.graph import Labels, Layouts
from kb.pipeline.render.search import SearchMemo
from kb.pipeline.render.site import Site, page_changed
from kb.pipeline.render.text import TextMemo

EntryPage = Callable[[Linked, EntryId, Site], tuple[PagePath, str]]
"""An entry page's emitter: (linked, entry id, site) -> (path, text)."""


@dataclass(frozen=True)
class _Page:
    inputs: dict[EntryId, tuple[AnyEntry | None, str | None]]
    """Each entry the page shows: (the entry, its kind)."""
    changed: dt.date | None
    shared: tuple[object, ...]
    path: PagePath
    text: str


def site_settings(site: Site) -> Site:
    """The site without its dates of change (`Site.changed`, `Site.cut_off`): what
    every page may show alike. The dates are compared page by page instead, through
    `page_changed`, as only the files a page shows date it."""
    return replace(site, changed={}, cut_off=frozenset())


Inputs = dict[EntryId, tuple[AnyEntry | None, str | None]]
"""What an entry page shows, as `PageMemo` compares it: each entry of its `page_inputs`
(kb.pipeline.link), with its kind."""


class PageMemo:
    """The entry pages of the last build, each with what it was made of."""

    def __init__(self) -> None:
        self._pages: dict[EntryId, _Page] = {}
        self._site: Site | None = None
        self.reused = 0
        """Entry pages the last build took from the memo."""
        self.inputs: dict[EntryId, Inputs] = {}
        """What each entry page of this build shows, for the parts of site-wide files
        made per entry (`PartMemo`)."""

    @property
    def pages(self) -> int:
        """Entry pages held."""
        return len(self._pages)

    def start(self, site: Site, entry_ids: Iterable[EntryId]) -> None:
        """Begin a build: a site whose settings differ in anything but its dates of
        change (a new name or address, any field `Site` gains) touches every page;
        entries that are gone are forgotten."""
        settings = site_settings(site)
        if settings != self._site:
            self._pages.clear()
            self._site = settings
        wanted = set(entry_ids)
        for gone in [key for key in self._pages if key not in wanted]:
            del self._pages[gone]
        self.reused = 0
        self.inputs = {}

    def page(self, linked: Linked, entry_id: EntryId, site: Site, emit: EntryPage,
             shared: tuple[str, ...] = ()) -> tuple[PagePath, str]:
        """(path, Markdown) of an entry's page: the last text if nothing it shows has
        changed, else rendered now by `emit`. `shared` names the attributes of `linked`
        that the page shows besides its entries ('reporting_span')."""
        entries, kinds = linked.kb.entries, linked.kb.kinds
        inputs = {i: (entries.get(i), kinds.get(i)) for i in linked.page_inputs[entry_id]}
        self.inputs[entry_id] = inputs
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


T = TypeVar("T")


class PartMemo:
    """Each entry's part of the files made for the whole site (the downloads), kept
    with what it was made of: `part` reuses it while that compares equal."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, EntryId], tuple[object, object]] = {}
        self.reused = 0
        """Parts the last build took from the memo."""

    def start(self, entry_ids: Iterable[EntryId]) -> None:
        """Begin a build: the parts of entries that are gone are forgotten."""
        wanted = set(entry_ids)
        for gone in [key for key in self._parts if key[1] not in wanted]:
            del self._parts[gone]
        self.reused = 0

    def part(self, name: str, entry_id: EntryId, inputs: object,
             make: Callable[[], T]) -> T:
        """The part `name` of an entry: the last one if `inputs` (what it is made of:
        its page's `Inputs`, or the entry itself when it shows nothing else) equals
        the last build's, else `make()`, kept with `inputs`."""
        known = self._parts.get((name, entry_id))
        if known is not None and known[0] == inputs:
            self.reused += 1
            return cast(T, known[1])  # stored by this method, made by `make`
        value = make()
        self._parts[(name, entry_id)] = (inputs, value)
        return value


def entry_part(memo: RenderMemo | None, name: str, entry_id: EntryId,
               make: Callable[[], T], inputs: object = None) -> T:
    """`make()`, or the last build's part `name` of an entry (`PartMemo`) if what it
    was made of is the same: `inputs`, else what the entry's page shows (its `Inputs`).
    Without a memo, or for an entry with no page (a story chapter), `make()`."""
    shown = inputs if inputs is not None else (
        memo.pages.inputs.get(entry_id) if memo is not None else None)
    if memo is None or shown is None:
        return make()
    return memo.parts.part(name, entry_id, shown, make)


class ListMemo:
    """The pages of long lists cut by period (the timeline, the quotes, Latest), each kept
    with what it showed: `page` reuses its text while that compares equal. The live
    preview so makes again, at a save, only the periods listing an entry that changed,
    not every period of every list (0.06 CPU s a save at 1,000 entries)."""

    def __init__(self) -> None:
        self._pages: dict[PagePath, tuple[object, str]] = {}
        self._made: set[PagePath] = set()
        self.reused = 0
        """Pages the last build took from the memo."""

    def start(self) -> None:
        """Begin a build: pages the last build did not make (a period gone) are
        forgotten."""
        for gone in [path for path in self._pages if path not in self._made]:
            del self._pages[gone]
        self._made = set()
        self.reused = 0

    def page(self, path: PagePath, shown: object, make: Callable[[], str]) -> str:
        """The text at `path`: the last one if `shown` (everything the page shows, as
        its emitter lists it) equals the last build's, else `make()`, kept with it."""
        self._made.add(path)
        known = self._pages.get(path)
        if known is not None and known[0] == shown:
            self.reused += 1
            return known[1]
        text = make()
        self._pages[path] = (shown, text)
        return text


def list_page(memo: RenderMemo | None, path: PagePath,
              shown: Callable[[RenderMemo], object], make: Callable[[], str]) -> str:
    """`make()`, or, with a memo, the last build's text at `path` if `shown(memo)`
    equals what it showed then (`ListMemo`). Without a memo `shown` is not called: a
    one-off build pays nothing for it."""
    return make() if memo is None else memo.lists.page(path, shown(memo), make)


def shown_by(memo: RenderMemo, entry_ids: Iterable[EntryId]) -> tuple[object, ...]:
    """What the pages of `entry_ids` show in this build, each as its page's `Inputs`
    (None for an entry with no page of its own): a list entry made from an entry shows
    a part of what the entry's page shows, as an index row does (`entry_part`)."""
    inputs = memo.pages.inputs
    return tuple((entry_id, inputs.get(entry_id)) for entry_id in entry_ids)


@dataclass(eq=False)
class RenderMemo:
    """Everything render keeps for the next build (see the module's docstring)."""

    pages: PageMemo = field(default_factory=PageMemo)
    texts: TextMemo = field(default_factory=TextMemo)
    layouts: Layouts = field(default_factory=dict)
    labels: Labels = field(default_factory=Labels)
    search: SearchMemo = field(default_factory=SearchMemo)
    parts: PartMemo = field(default_factory=PartMemo)
    lists: ListMemo = field(default_factory=ListMemo)
