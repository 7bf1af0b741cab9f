"""Every quote in the knowledge base, in the order it was said."""

from __future__ import annotations

import datetime as dt

from kb.link import Linked, QuoteUse, quote_date
from kb.render.periods import (
    PAGE_LIMIT,
    Period,
    by_period,
    listed_under,
    period_links,
    period_pages,
    period_path,
)
from kb.render.text import Footnotes, esc, href, link_to, page_head, quote_line

PATH = "quotes.md"
_INTRO = ("Every quote the sources report, verbatim, with who said it, when, and where it was "
          "reported, in the order it was said (undated quotes by the date they were reported).")


def quotes_pages(linked: Linked, limit: int = PAGE_LIMIT) -> dict[str, str]:
    """{path: Markdown} of the quotes: one page, or a list of periods and a page each."""
    periods = by_period(linked.quotes, lambda use: _when(linked, use), limit,
                        span=lambda use: _span(linked, use))
    return period_pages(PATH, "Quotes", _INTRO, "quotes", periods,
                        lambda periods, n: _period_page(linked, periods, n))


def _when(linked: Linked, use: QuoteUse) -> dt.date | None:
    """The day the quote is listed at (`FuzzyDate.listed_on` of the date the quotes
    are ordered by)."""
    when = quote_date(linked.kb, use)
    return when.listed_on if when else None


def _span(linked: Linked, use: QuoteUse) -> tuple | None:
    when = quote_date(linked.kb, use)
    return (when.earliest, when.latest) if when else None


def _period_page(linked: Linked, periods: list[Period[QuoteUse]], index: int) -> str:
    period = periods[index]
    path = period_path(PATH, period)
    notes = Footnotes(linked, path)
    title = f"Quotes: {period.title}" if period.slug else "Quotes"
    parts = [page_head(title, _INTRO)]
    if period.slug:
        parts.append(period_links(PATH, periods, index))
    for use in period.items:
        quote = quote_line(linked, use.quote, use.citation, notes, path)
        parts.append(f"> {quote}  \n> *About:* {link_to(linked, use.entry, path)}\n")
    if not period.items:
        parts.append("None yet.\n")
    if period.also:
        parts.append("## Dated partly or possibly in this period\n\nListed on another "
                     "page, where they sort, these quotes' dates reach into this period.\n")
        parts.append("\n".join(_elsewhere(linked, periods, use, path) for use in period.also)
                     + "\n")
    parts.append(notes.section())
    return "\n".join(parts)


def _elsewhere(linked: Linked, periods: list[Period[QuoteUse]], use: QuoteUse,
               path: str) -> str:
    """A pointer to a quote listed on another period's page: who, when, the first words."""
    when = quote_date(linked.kb, use)
    listed = listed_under(periods, use)
    words = use.quote.text.split()
    opening = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return (f"- {link_to(linked, use.quote.speaker, path)}, {when.words() if when else ''}: "
            f"“{esc(opening)}”, listed under "
            f"[{listed.title}]({href(path, period_path(PATH, listed))})")
