"""One index page per kind: every entry of that kind with its summary."""

from __future__ import annotations

from kb.link import Linked
from kb.model import KINDS, Event
from kb.render.citations import titled_link
from kb.render.table import table
from kb.render.text import (
    disputed_link,
    esc,
    index_path,
    link_to,
    newest_first,
    page_head,
    prose,
)

_INTROS = {
    "person": "Everyone named in the reporting this site draws on.",
    "group": "Armed groups, governments and their bodies, military commands, political "
             "blocs, think tanks and news outlets.",
    "place": "Countries, cities, sites and bodies of water.",
    "event": "Everything dated, earliest first. The [timeline](../timeline.md) shows the "
             "same events with their sources.",
    "source": "Every publication the site cites, newest first, with what each one backs.",
}


def kind_index(linked: Linked, kind: str) -> tuple[str, str]:
    """(path, Markdown) of the index of one kind."""
    path = index_path(kind)
    ids = [i for i, k in linked.kb.kinds.items() if k == kind]
    header = page_head(KINDS[kind].plural, _INTROS[kind]) + "\n"
    if not ids:
        return path, header + "None yet.\n"
    if kind == "source":
        return path, header + _sources_table(linked, ids, path)
    if kind == "event":
        ids = [i for i in linked.timeline]
        rows = [(linked.entry(i).date.words(), link_to(linked, i, path),
                 f"{prose(linked, linked.entry(i).summary.text, path)}"
                 f"{disputed_link(linked, linked.entry(i).summary, path)}") for i in ids]
        return path, header + table(("Date", "Event", "Summary"), rows)
    ids.sort(key=lambda i: linked.entry(i).name.casefold())
    rows = [(link_to(linked, i, path), _type(linked, i),
             f"{prose(linked, linked.entry(i).summary.text, path)}"
             f"{disputed_link(linked, linked.entry(i).summary, path)}") for i in ids]
    return path, header + table(("Name", "Type", "Summary"), rows)


def _type(linked: Linked, entry_id: str) -> str:
    entry = linked.entry(entry_id)
    return esc(entry.type) if hasattr(entry, "type") and not isinstance(entry, Event) else ""


def _sources_table(linked: Linked, ids: list[str], path: str) -> str:
    rows = []
    for source_id in sorted(ids, key=lambda i: newest_first(linked, i)):
        source = linked.entry(source_id)
        outlet = esc(linked.entry(source.outlet).name) if source.outlet else ""
        date = source.date.words() if source.date else "not given"
        title = titled_link(source, f"{source_id}.md")
        count = len(linked.backing.get(source_id, [])) + len(linked.relayed.get(source_id, []))
        rows.append((date, outlet, title, source.type, str(count)))
    return table(("Date", "Outlet", "Title", "Type", "Statements"), rows)
