"""The timeline: every dated event in order, at its own precision, with its sources."""

from __future__ import annotations

from itertools import groupby

from kb.link import Linked
from kb.render.text import Footnotes, esc, href, link_to, page_head, page_path

PATH = "timeline.md"
_INTRO = ("Every dated event, earliest first. Each date is as precise as its sources: a day, a "
          "month, part of a month or a year. Events known only to a month or a year sort at "
          "the start of that period.")


def timeline_page(linked: Linked) -> tuple[str, str]:
    """(path, Markdown) of the timeline."""
    notes = Footnotes(linked, PATH)
    parts = [page_head("Timeline", _INTRO)]
    by_year = groupby(linked.timeline, key=lambda i: linked.entry(i).date.bounds[0].year)
    for year, ids in by_year:
        parts.append(f"## {year}\n")
        parts.extend(_entry(linked, event_id, notes) for event_id in ids)
    parts.append(notes.section())
    return PATH, "\n".join(parts)


def _entry(linked: Linked, event_id: str, notes: Footnotes) -> str:
    event = linked.entry(event_id)
    involved = [p.entity for p in event.participants] + list(event.places)
    who = ", ".join(link_to(linked, i, PATH) for i in dict.fromkeys(involved))
    lines = [
        f"### {event.date.words()}: {esc(event.name)} {{ #{event_id} }}\n",
        f'<span class="kb-precision">{event.date.precision}</span> · {esc(event.type)} · '
        f"[Event page]({href(PATH, page_path('event', event_id))})\n",
        f"{esc(event.summary.text)}{notes.refs(event.summary.cite)}\n",
    ]
    if who:
        lines.append(f"Involves: {who}\n")
    return "\n".join(lines)
