"""A draft's page in the live preview: where the finished page will be, marked as a
draft, with what is left to fill in (kb.model.Draft). Only the preview has drafts."""

from __future__ import annotations

import html

from kb.addresses import PagePath
from kb.model import KINDS, PLACEHOLDER, Draft
from kb.pipeline.render.text import esc, front_matter, page_path
from kb.text.wording import count

DRAFT_CLASS = "kb-draft"


def draft_page(draft: Draft) -> tuple[PagePath, str]:
    """(path, Markdown) of a draft: at the path its finished page will have, the name
    written so far and a banner listing every problem in the file, as text."""
    title = f"Draft: {left_to_do(draft)}"
    items = "".join(f"<li><code>{html.escape(p.where)}</code> {html.escape(p.message)}</li>"
                    for p in draft.problems)
    what = "Fill in what is listed below" if len(draft.problems) == draft.placeholders \
        else "Fill in and fix what is listed below"
    banner = (f'<div class="admonition warning {DRAFT_CLASS}" role="status">'
              f'<p class="admonition-title">{html.escape(title)}</p>'
              f"<p>This page is a draft: <code>{html.escape(draft.path)}</code> still holds "
              f"the {PLACEHOLDER} placeholders that <code>kb new</code> wrote. Only this "
              "preview shows it, and no other page lists or links it yet. "
              f"{what} and save: the page then joins the site. Until then "
              "<code>kb validate</code>, <code>make build</code> and the checks of a pull "
              f"request refuse the file.</p><ul>{items}</ul></div>")
    label = KINDS[draft.kind].label
    body = (f"# {esc(draft.name)}\n\n<span class=\"kb-kind\">{label}</span> · draft\n\n"
            f"{banner}\n")
    return page_path(draft.kind, draft.id), front_matter(draft.name) + body


def left_to_do(draft: Draft) -> str:
    """'1 thing left to fill in', or '1 thing left to fill in and 2 problems to fix'
    when the file has mistakes besides its placeholders."""
    todo = draft.placeholders
    others = len(draft.problems) - todo
    text = f"{count(todo, 'thing')} left to fill in"
    if others:
        text += f" and {count(others, 'problem')} to fix"
    return text
