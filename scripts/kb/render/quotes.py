"""Every quote in the knowledge base, in the order it was said."""

from __future__ import annotations

import datetime as dt

from kb.link import Linked, QuoteUse, quote_date
from kb.render.periods import PAGE_LIMIT, Period, by_period, period_links, period_pages, period_path
from kb.render.text import Footnotes, link_to, page_head, quote_line

PATH = "quotes.md"
_INTRO = ("Every quote the sources report, verbatim, with who said it, when, and where it was "
          "reported, in the order it was said (undated quotes by the date they were reported).")


def quotes_pages(linked: Linked, limit: int = PAGE_LIMIT) -> dict[str, str]:
    """{path: Markdown} of the quotes: one page, or a list of periods and a page each."""
    periods = by_period(linked.quotes, lambda use: _when(linked, use), limit)
    return period_pages(PATH, "Quotes", _INTRO, "quotes", periods,
                        lambda periods, n: _period_page(linked, periods, n))


def _when(linked: Linked, use: QuoteUse) -> dt.date | None:
    """The first day of the date the quotes are ordered by."""
    when = quote_date(linked.kb, use)
    return when.bounds[0] if when else None


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
    parts.append(notes.section())
    return "\n".join(parts)
