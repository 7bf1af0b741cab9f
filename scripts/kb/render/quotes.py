"""Every quote in the knowledge base, in the order it was said."""

from __future__ import annotations

from kb.link import Linked
from kb.render.text import Footnotes, front_matter, link_to, quote_line

PATH = "quotes.md"


def quotes_page(linked: Linked) -> tuple[str, str]:
    """(path, Markdown) of the quotes page."""
    notes = Footnotes(linked, PATH)
    parts = [front_matter("Quotes"), "# Quotes\n",
             "Every quote the sources report, verbatim, with who said it, when, and where "
             "it was reported, in the order it was said (undated quotes by the date they "
             "were reported).\n"]
    for use in linked.quotes:
        quote = quote_line(linked, use.quote, use.citation, notes, PATH)
        parts.append(f"> {quote}  \n> *About:* {link_to(linked, use.entry, PATH)}\n")
    if not linked.quotes:
        parts.append("None yet.\n")
    parts.append(notes.section())
    return PATH, "\n".join(parts)
