"""What pages know about the site itself: its name, address and history, for citations.

Given by the caller (the MkDocs hook reads them from mkdocs.yml), never looked up
here, so rendering stays free of any generator's internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb.link import Linked
from kb.render.citations import cited_name
from kb.render.text import esc


@dataclass(frozen=True)
class Site:
    name: str = ""
    url: str = ""
    """The published address, ending in '/'; empty when unknown (then no URL is cited)."""
    changed: dict[str, dt.date] = field(default_factory=dict)
    """Data file path -> date of its last change."""


def page_changed(linked: Linked, site: Site, entry_id: str) -> dt.date | None:
    """The latest change to any data file whose content shows on this entry's page."""
    ids = {entry_id}
    ids |= {m.entry for m in linked.mentions.get(entry_id, [])}
    ids |= {i.subject for i in linked.incoming.get(entry_id, [])}
    ids |= {i.event for i in linked.events_of.get(entry_id, [])}
    ids |= {c.entry for c in linked.backing.get(entry_id, [])}
    ids |= {c.entry for c in linked.relayed.get(entry_id, [])}
    dates = [site.changed[path] for i in ids
             if (path := linked.kb.paths.get(i)) and path in site.changed]
    return max(dates, default=None)


def page_url(site: Site, path: str) -> str:
    """Where an entry's page is published (directory URLs: 'people/x.md' -> 'people/x/')."""
    return site.url + path.removesuffix(".md") + "/"


def cite_block(linked: Linked, site: Site, entry_id: str, path: str) -> str:
    """A ready citation: title, site, date of last change, address."""
    if not site.name:
        return ""
    parts = [cited_name(linked, entry_id), f"in *{esc(site.name)}*"]
    changed = page_changed(linked, site, entry_id)
    if changed:
        parts.append(f"last changed {changed.day} {changed:%B %Y}")
    if site.url:
        parts.append(f"<{page_url(site, path)}>")
    return ("## Cite this page\n\n"
            '<div class="kb-cite" markdown>\n\n' + ", ".join(parts) + ".\n\n</div>\n")
