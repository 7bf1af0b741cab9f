"""Every quote in the knowledge base, in the order it was said."""

from __future__ import annotations

from kb.link import Linked
from kb.render.text import Footnotes, link_to, page_head, quote_line

PATH = "quotes.md"
_INTRO = ("Every quote the sources report, verbatim, with who said it, when, and where it was "
          "reported, in the order it was said (undated quotes by the date they were reported).")


def quotes_page(linked: Linked) -> tuple[str, str]:
    """(path, Markdown) of the quotes page."""
    notes = Footnotes(linked, PATH)
    parts = [page_head("Quotes", _INTRO)]
    for use in linked.quotes:
        quote = quote_line(linked, use.quote, use.citation, notes, PATH)
        parts.append(f"> {quote}  \n> *About:* {link_to(linked, use.entry, PATH)}\n")
    if not linked.quotes:
        parts.append("None yet.\n")
    parts.append(notes.section())
    return PATH, "\n".join(parts)
