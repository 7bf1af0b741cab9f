"""What pages know about the site itself: its name, address and history, for citations.

Given by the caller (the MkDocs hook reads them from mkdocs.yml), never looked up
here, so rendering stays free of any generator's internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb.addresses import EntryId, Href, PagePath, address
from kb.dates.words import day_words
from kb.pipeline.link import Linked
from kb.pipeline.render.citations import cited_name
from kb.pipeline.render.text import esc


@dataclass(frozen=True)
class Site:
    name: str = ""
    url: str = ""
    """The published address, ending in '/'; empty when unknown: then "Cite this page"
    leaves the address to the reader's browser (overrides/js/cite.js)."""
    changed: dict[str, dt.date] = field(default_factory=dict)
    """Data file path -> date of its last change (kb.pipeline.history)."""
    cut_off: frozenset[str] = frozenset()
    """Data files whose last change a shallow clone hides: it was on or before their
    date in `changed` (kb.pipeline.history)."""


def page_changed(linked: Linked, site: Site, entry_id: EntryId) -> dt.date | None:
    """The latest change to any data file whose content shows on this entry's page (the
    files of `linked.page_inputs`, kb.pipeline.link). None when no date is known, and when a
    shallow clone may hide a later change: a file cut off from its history changed on
    or before its date, so that date settles nothing unless a file with a known date
    changed on the same day or later."""
    known: list[dt.date] = []
    capped: list[dt.date] = []
    for entry in linked.page_inputs.get(entry_id, frozenset()):
        path = linked.kb.paths.get(entry)
        if path in site.changed:
            (capped if path in site.cut_off else known).append(site.changed[path])
    latest = max(known, default=None)
    if capped and (latest is None or max(capped) > latest):
        return None
    return latest


def page_url(site: Site, path: PagePath) -> Href:
    """Where an entry's page is published (directory URLs: 'people/x.md' -> 'people/x/'),
    under the site's address."""
    return Href(site.url + address(path))


ADDRESS_SLOT = '<span class="kb-cite-address"></span>'
"""Where overrides/js/cite.js writes the page's address when the build did not know it."""


def cite_block(linked: Linked, site: Site, entry_id: EntryId, path: PagePath) -> str:
    """A ready citation: title, site, date of last change, address. Without a known
    published address (no SITE_URL) the address is the one the reader has open, filled
    in by a script; without scripts the citation has none, rather than a wrong one."""
    if not site.name:
        return ""
    parts = [cited_name(linked, entry_id), f"in *{esc(site.name)}*"]
    changed = page_changed(linked, site, entry_id)
    if changed:
        parts.append(f"last changed {day_words(changed)}")
    if site.url:
        parts.append(f"<{page_url(site, path)}>")
        ending = "."
    else:
        ending = ADDRESS_SLOT + "."
    return ("## Cite this page\n\n"
            '<div class="kb-cite" markdown>\n\n' + ", ".join(parts) + ending + "\n\n</div>\n")
