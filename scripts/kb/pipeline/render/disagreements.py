"""The disagreements index: every point where sources differ, on one page."""

from __future__ import annotations

from kb.addresses import EntryId, PagePath, href
from kb.model import ENTITY_KINDS, KINDS
from kb.pipeline.link import Linked
from kb.pipeline.render.citations import Footnotes, dispute_table
from kb.pipeline.render.text import (
    asof_form,
    dispute_anchors,
    esc,
    link_to,
    page_head,
    page_path,
)
from kb.text.wording import count

PATH = PagePath("disagreements.md")
_INTRO = ("Every point on which the sources disagree, grouped by the page it concerns. Each "
          "version is listed with the sources that give it and their publication dates; the "
          "site prefers none. Where a later report corrects an earlier one, both stay.")


def disagreements_page(linked: Linked) -> tuple[PagePath, str]:
    """(path, Markdown) of the index of disagreements."""
    notes = Footnotes(linked, PATH)
    disputed = _disputed(linked)
    points = sum(len(linked.entity(i).disputes) for i in disputed)
    parts = [page_head("Disagreements between sources", _INTRO), asof_form(linked, "versions"),
             f"{count(points, 'point')} on {count(len(disputed), 'page')}.\n"
             if points else "None yet.\n"]
    for entry_id in disputed:
        entity = linked.entity(entry_id)
        kind = linked.kind(entry_id)
        target = page_path(kind, entry_id)
        parts.append(f"## {esc(entity.name)}\n")
        parts.append(f'<span class="kb-kind">{KINDS[kind].label}</span> · '
                     f"{link_to(linked, entry_id, PATH)}\n")
        for dispute, anchor in zip(entity.disputes, dispute_anchors(entity), strict=True):
            section = PagePath(f"{target}#{anchor}")
            parts.append(f"### [{esc(dispute.about)}]({href(PATH, section)})\n")
            parts.append(dispute_table(dispute, notes))
    parts.append(notes.section())
    return PATH, "\n".join(p for p in parts if p)


def _disputed(linked: Linked) -> list[EntryId]:
    """Entries with disagreements: events in time order, then others by kind
    (`Kind.order`) and name."""
    events = [i for i in linked.timeline if linked.entity(i).disputes]
    others = sorted(
        (i for i, k in linked.kb.kinds.items()
         if k in ENTITY_KINDS and k != "event" and linked.entity(i).disputes),
        key=lambda i: (KINDS[linked.kind(i)].order, linked.entry(i).name.casefold()),
    )
    return events + others
