"""The story overview: the chapters in data/story/, in order, each sentence cited."""

from __future__ import annotations

from kb.addresses import PagePath, href
from kb.model import Chapter
from kb.pipeline.link import Linked
from kb.pipeline.render.anchors import anchor_tag, chapter_anchors
from kb.pipeline.render.citations import Footnotes
from kb.pipeline.render.disagreements import PATH as DISAGREEMENTS_PATH
from kb.pipeline.render.text import STORY_PATH, asof_form, disputed_link, esc, page_head, prose

_INTRO = ("What happened, in order and in our own words. Each sentence links the people, "
          "groups, places and events it names and cites its sources; where sources disagree, "
          "the page concerned shows each version (see "
          f"[Disagreements]({href(STORY_PATH, DISAGREEMENTS_PATH)})).")


def story_page(linked: Linked) -> tuple[PagePath, str]:
    """(path, Markdown) of the story overview."""
    notes = Footnotes(linked, STORY_PATH)
    parts = [page_head("The story so far", _INTRO), asof_form(linked, "sentences")]
    if not linked.chapters:
        parts.append("No chapters yet: add them in data/story/.\n")
    taken: set[str] = set(linked.chapters)  # the chapters' headings
    for chapter_id in linked.chapters:
        chapter = linked.entry(chapter_id, Chapter)
        parts.append(f"## {esc(chapter.title)} {{ #{chapter_id} }}\n")
        anchors = chapter_anchors(linked, chapter, taken)
        # Each sentence in its own element: "as reported by" (asof.js) hides a sentence
        # reported later, not the paragraph around it.
        sentences = [f'<span class="kb-sentence">{anchor_tag(name)}'
                     f"{prose(linked, s.text, STORY_PATH)}{notes.refs(s.cite)}"
                     f"{disputed_link(linked, s, STORY_PATH)}</span>"
                     for s, name in zip(chapter.sentences, anchors, strict=True)]
        parts.append(" ".join(sentences) + "\n")
        # A sentence's quotes follow the chapter's paragraph, each with its footnote.
        quotes = [notes.quotes(s.cite) for s in chapter.sentences]
        parts.extend(f"{quote}\n" for quote in quotes if quote)
    parts.append(notes.section())
    return STORY_PATH, "\n".join(p for p in parts if p)
