"""Three kinds of string kept apart: what names an entry, where a page is, how a page
reaches another.

- `EntryId`: an entry's id, its file name without `.yaml` ('abu-taqwa'); what the data
  refers to it by (kb.model `Ref`) and what every index of the pipeline is keyed by.
- `PagePath`: a file of the generated tree, relative to its root ('people/abu-taqwa.md',
  'kb-search/words/abu.json'); a page path may name a section ('story.md#01-strike').
- `Href`: a link as a page prints it: a Markdown link relative to the page it is on
  ('../groups/kataib-hezbollah.md'), which MkDocs checks and rewrites, or a published
  address ('people/abu-taqwa/'), which nothing rewrites.

A link is only ever made from two page paths, here: `href` for Markdown links, `address`
for published addresses (raw HTML, the downloads, the search index, citations).
Nothing here reads the data or the disk, and nothing is kept here: pages of one folder
link to the same pages many times, so a render keeps the ways from one folder to
another in a `LinkMemo` its owner passes in (`remembered`; kb.pipeline.render.text.TextMemo).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import NewType

EntryId = NewType("EntryId", str)
PagePath = NewType("PagePath", str)
Href = NewType("Href", str)


class LinkMemo:
    """The relative ways from one folder to a page that `href` worked out, for one
    build or a series of builds (the live preview's `kb.pipeline.session.Session`). Bounded: the
    least recently used go first."""

    def __init__(self) -> None:
        self.relative = lru_cache(maxsize=1 << 17)(_relative)


_current: ContextVar[LinkMemo | None] = ContextVar("kb.addresses.current", default=None)
"""The memo of the render in progress; None outside one. Set only by `remembered`."""


@contextmanager
def remembered(memo: LinkMemo) -> Iterator[LinkMemo]:
    """Within the block, `href` keeps the ways it works out in `memo`; afterwards, as
    before the block (as `decimal.localcontext` does)."""
    token = _current.set(memo)
    try:
        yield memo
    finally:
        _current.reset(token)


def href(from_page: PagePath, to_page: PagePath) -> Href:
    """The Markdown link from one generated page to another (or to a section of one,
    'story.md#01-strike'), relative, as MkDocs checks and rewrites it: from
    'people/x.md', 'groups/y.md' is '../groups/y.md' and 'people/z.md' is 'z.md'; a
    section of the page itself is '#section'. Raises nothing."""
    page, hash_, fragment = to_page.partition("#")
    if page == from_page and hash_:
        return Href(f"#{fragment}")
    memo = _current.get()
    relative = memo.relative if memo is not None else _relative
    return Href(relative(page, from_page.rpartition("/")[0]) + hash_ + fragment)


def address(page: PagePath, from_page: PagePath | None = None) -> Href:
    """Where MkDocs publishes a page (directory URLs, `use_directory_urls: true`,
    which kb.generator requires): 'people/x.md' at 'people/x/', 'people/index.md' at
    'people/', 'index.md' at the root (''). Relative to the site's root, or, given
    `from_page`, to that page's own published address (from 'people/x.md', which is
    published at 'people/x/', 'groups/y.md' is '../../groups/y/'): for links that no
    generator rewrites (raw HTML, SVG). Raises nothing."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        published = stem.removesuffix("index")
    else:
        published = stem + "/"
    if from_page is None:
        return Href(published)
    depth = address(from_page).count("/")
    return Href("../" * depth + published)


def _relative(page: str, from_dir: str) -> str:
    """posixpath.relpath for two normalised paths inside the generated tree, by string
    work alone: relpath asks the file system for the current folder on every call,
    which was a fifth of render at 10,000 entries."""
    if not from_dir:
        return page
    here, there = from_dir.split("/"), page.split("/")
    common = 0
    while (common < len(here) and common < len(there) - 1
           and here[common] == there[common]):
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])
