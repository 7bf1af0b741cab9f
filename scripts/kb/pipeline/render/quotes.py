"""Every quote in the knowledge base, in the order it was said."""

from __future__ import annotations

import datetime as dt

from kb.addresses import PagePath, href
from kb.pipeline.link import Linked, QuoteUse, quote_date
from kb.pipeline.render.citations import Footnotes, speakers
from kb.pipeline.render.memo import RenderMemo, list_page, shown_by
from kb.pipeline.render.periods import (
    PAGE_LIMIT,
    Period,
    by_period,
    listed_under,
    outline,
    period_links,
    period_pages,
    period_path,
)
from kb.pipeline.render.text import (
    asof_form,
    disputed_link,
    link_to,
    page_head,
    placement_note,
    quoted_text,
)

PATH = PagePath("quotes.md")
_INTRO = ("Every quote the sources report, verbatim, with who said it, when, and where it was "
          "reported, in the order it was said; quotes said at the same time in the order "
          "they were reported. A quote whose day is not known (said in a month, or "
          "between two days) is listed at the last day it can have been said, and says "
          "so. Quotes whose date the sources do not give come last.")


def quotes_pages(linked: Linked, limit: int = PAGE_LIMIT,
                 memo: RenderMemo | None = None) -> dict[PagePath, str]:
    """{path: Markdown} of the quotes: one page, or a list of periods and a page each.
    With a `memo` (the live preview's), a period's page is made again only when a quote
    it lists changes or the entry it is on shows something new on its page (where the
    quote shows too, with its speakers and source), or the periods or the range of the
    date picker change (`kb.pipeline.render.memo.list_page`)."""
    periods = by_period(linked.quotes, _when, limit, span=_span)
    parts = outline(periods)

    def page(periods: list[Period[QuoteUse]], n: int) -> str:
        period = periods[n]
        uses = (*period.items, *period.also)
        return list_page(memo, period_path(PATH, period),
                         lambda memo: (parts, n, linked.reporting_span, uses,
                                       shown_by(memo, [use.entry for use in uses])),
                         lambda: _period_page(linked, periods, n))

    return period_pages(PATH, "Quotes", _INTRO, "quote", periods, page)


def _when(use: QuoteUse) -> dt.date | None:
    """The day the quote is listed at (`FuzzyDate.listed_on` of when it was said); None
    puts it with the undated."""
    when = quote_date(use)
    return when.listed_on if when else None


def _span(use: QuoteUse) -> tuple[dt.date | None, dt.date | None] | None:
    when = quote_date(use)
    return (when.earliest, when.latest) if when else None


def _period_page(linked: Linked, periods: list[Period[QuoteUse]], index: int) -> str:
    period = periods[index]
    path = period_path(PATH, period)
    notes = Footnotes(linked, path)
    title = f"Quotes: {period.title}" if period.slug else "Quotes"
    parts = [page_head(title, _INTRO), asof_form(linked, "quotes")]
    if period.slug:
        parts.append(period_links(PATH, periods, index))
    undated = False
    for use in period.items:
        if use.quote.said is None and not undated and period.slug != "undated":
            undated = True  # after every dated quote, under a heading of their own
            parts.append("## Date not given\n")
        quote = notes.quotes([use.citation], about=quote_about(linked, use, path))
        if quote:  # the same words from the same report, on two statements: shown once
            # One element per quote (its footnote marker says when it was reported):
            # "as reported by" (asof.js) hides each quote on its own. Without it,
            # Markdown joins the quotes into one block, shown or hidden as one.
            parts.append(f'<div class="kb-quote" markdown>\n\n{quote}\n\n</div>\n')
    if not period.items:
        parts.append("None yet.\n")
    if period.also:
        parts.append("## Dated partly or possibly in this period\n\nListed on another "
                     "page, where they sort, these quotes' dates reach into this period.\n")
        parts.append("\n".join(_elsewhere(linked, periods, use, path) for use in period.also)
                     + "\n")
    parts.append(notes.section())
    return "\n".join(parts)


def quote_about(linked: Linked, use: QuoteUse, path: PagePath) -> str:
    """The line under a quote in a list of quotes (this page, a speaker's page): the
    entry it is about, the disagreement it belongs to (issue 18: al-Sudani's two
    versions of his 7 March 2026 words showed on his page without it), and, where the
    day it was said is not known, that its place in the list is not an order
    (`placement_note`)."""
    about = f"*About:* {link_to(linked, use.entry, path)}{disputed_link(linked, use, path)}"
    placement = placement_note(quote_date(use), "quotes")
    return about + (f"  \n> *{placement}*" if placement else "")


def _elsewhere(linked: Linked, periods: list[Period[QuoteUse]], use: QuoteUse,
               path: PagePath) -> str:
    """A pointer to a quote listed on another period's page: who, when, the first words."""
    when = quote_date(use)
    listed = listed_under(periods, use)
    words = use.quote.text.split()
    opening = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return (f"- {speakers(linked, use.quote, path)}, {when.words() if when else ''}: "
            f"{quoted_text(opening, use.quote.lang)}, listed under "
            f"[{listed.title}]({href(path, period_path(PATH, listed))})")
