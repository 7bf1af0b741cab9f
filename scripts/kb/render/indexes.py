"""One index page per kind: every entry of that kind with its summary."""

from __future__ import annotations

from kb.addresses import EntryId, PagePath, href
from kb.link import Linked
from kb.model import KINDS, Event, Source
from kb.render.citations import titled_link
from kb.render.text import (
    disputed_link,
    esc,
    index_path,
    link_to,
    newest_first,
    page_head,
    page_path,
    prose,
)


def kind_index(linked: Linked, kind: str) -> tuple[PagePath, str]:
    """(path, Markdown) of the index of one kind, introduced by its `Kind.intro`.
    Raises KeyError for an unknown kind."""
    path = index_path(kind)
    ids = [i for i, k in linked.kb.kinds.items() if k == kind]
    header = page_head(KINDS[kind].plural, KINDS[kind].intro) + "\n"
    if not ids:
        return path, header + "None yet.\n"
    if kind == "source":
        return path, header + _sources_table(linked, ids, path)
    if kind == "event":
        events = [linked.entry(i, Event) for i in linked.timeline]
        rows = [f"| {event.date.words()} | {link_to(linked, event.id, path)} | "
                f"{prose(linked, event.summary.text, path)}"
                f"{disputed_link(linked, event.summary, path)} |" for event in events]
        return path, header + "| Date | Event | Summary |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    ids.sort(key=lambda i: linked.entry(i).name.casefold())
    rows = [f"| {link_to(linked, i, path)} | {_type(linked, i)} | "
            f"{prose(linked, linked.entity(i).summary.text, path)}"
                f"{disputed_link(linked, linked.entity(i).summary, path)} |" for i in ids]
    return path, header + "| Name | Type | Summary |\n|---|---|---|\n" + "\n".join(rows) + "\n"


def _type(linked: Linked, entry_id: EntryId) -> str:
    entry = linked.entry(entry_id)
    kind_type = getattr(entry, "type", None)
    return esc(kind_type) if kind_type and not isinstance(entry, Event) else ""


def _sources_table(linked: Linked, ids: list[EntryId], path: PagePath) -> str:
    rows = []
    for source_id in sorted(ids, key=lambda i: newest_first(linked, i)):
        source = linked.entry(source_id, Source)
        outlet = esc(linked.entry(source.outlet).name) if source.outlet else ""
        date = source.date.words() if source.date else "not given"
        title = titled_link(source, href(path, page_path("source", source_id)))
        count = len(linked.backing.get(source_id, [])) + len(linked.relayed.get(source_id, []))
        rows.append(f"| {date} | {outlet} | {title} | {source.type} | {count} |")
    return ("| Date | Outlet | Title | Type | Statements |\n|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n")
