"""How sources are named and quotes shown: titles, footnotes, short citations, quotes.

The rules, wherever a source is named:

- A headline is quoted once, its own quotation marks nested (`kb.text.titles.quoted`); a
  page without a headline is labelled with the words of its address and marked so; an
  untitled source is our description, in brackets.
- Remarks, an interview or a statement given to an outlet (a source with a `speaker`)
  are named by who gave them: 'Jennifer Kavanagh, remarks to Vox'. Read in another
  source, the citation says where: '…, in Vox, “Behind Iraq’s call…”, 7 January 2024'.
- An outlet is never named twice for one source: not "Vox citing Vox" (an outlet
  relaying its own earlier report reads 'citing its own …'), and not "Reuters,
  [Reuters report on …]" (a description that opens with the outlet's name stands
  alone).
- A quote shows where its statement shows, once per page, with who said it, when, in
  what setting, and the footnote of the source that reports it.
"""

from __future__ import annotations

from kb.addresses import EntryId, Href, PagePath, href
from kb.model import SPOKEN_TYPES, Citation, Dispute, Quote, Source
from kb.pipeline.link import Linked, quote_order
from kb.pipeline.render.anchors import anchor_tag
from kb.pipeline.render.table import table
from kb.pipeline.render.text import (
    MARKER_SEPARATOR,
    esc,
    in_language,
    isolate_plain,
    link_to,
    page_path,
    quoted_text,
    reported_marker,
)
from kb.text import writing
from kb.text.titles import NO_HEADLINE, slug_label
from kb.text.wording import series


def source_title(source: Source) -> str:
    """A source's title as Markdown, as readers should read it: a headline in one pair of
    quotes, a label from its web address, or our description in brackets."""
    if source.title_kind == "headline":
        return quoted_text(source.title, source.lang)
    if source.title_kind == "url slug":
        return in_language(slug_label(source.title), source.lang)
    return f"\\[{esc(source.title)}\\]"


def title_mark(source: Source) -> str:
    """What follows a source's title wherever it is shown: for a label made from a web
    address, the mark saying it is not a headline; else nothing."""
    return f" ({NO_HEADLINE})" if source.title_kind == "url slug" else ""


def titled_link(source: Source, target: Href) -> str:
    """The title linking to `target`, followed by its mark if any."""
    return f"[{source_title(source)}]({target}){title_mark(source)}"


def source_heading(source: Source) -> str:
    """A source's title as plain text for its page's title and the search index: the
    headline as printed, the address's words with their mark, or the description."""
    if source.title_kind == "url slug":
        return f"{slug_label(source.title)} ({NO_HEADLINE})"
    return source.title


def source_page_title(source: Source) -> str:
    """A source's page title (its front matter: Material's header, the browser's tab,
    link previews), plain text: `source_heading`, with the words of a web address
    isolated (`isolate_plain`) from the mark the site puts after them. The words may be
    Arabic, and a title in two directions is otherwise ordered by its first letter: the
    header showed 'عاجل … (no headline; words of its web address)' as an Arabic line,
    the site's mark on the left of the Arabic with its bracket turned. Isolated, the
    title reads in the page's direction, as the page's heading and description do.
    Words in one direction with the mark need no isolating, and are left as they are."""
    if source.title_kind != "url slug":
        return source.title
    label = slug_label(source.title)
    if any(writing.right_to_left(char) for char in label):
        label = isolate_plain(label)
    return f"{label} ({NO_HEADLINE})"


def cited_name(linked: Linked, entry_id: EntryId) -> str:
    """How a page is named in a ready-made citation of it: an entry's name or a
    headline in quotes, any other source title as it reads in footnotes."""
    entry = linked.entry(entry_id)
    if isinstance(entry, Source) and entry.title_kind != "headline":
        return source_title(entry) + title_mark(entry)
    return quoted_text(entry.name)


def source_link(linked: Linked, source_id: EntryId, from_page: PagePath) -> str:
    """A link to a source's page labelled as its citations name it."""
    source = linked.entry(source_id, Source)
    target = href(from_page, page_path("source", source_id))
    if source.speaker:
        return f"[{_spoken(linked, source, source.speaker)}]({target})"
    return titled_link(source, target)


def _spoken(linked: Linked, source: Source, speaker: EntryId) -> str:
    """'Jennifer Kavanagh, remarks to Vox' (Markdown): `source` given to its outlet by
    `speaker` (its `speaker`)."""
    name = esc(linked.entry(speaker).name)
    return f"{name}, {SPOKEN_TYPES[source.type]} {_outlet_name(linked, source)}"


def _outlet_name(linked: Linked, source: Source) -> str:
    return esc(linked.entry(source.outlet).name) if source.outlet else ""


def _names_its_outlet(linked: Linked, source: Source) -> bool:
    """Whether a description already opens with the outlet's name or an alias of it
    ('Reuters report on …'): naming the outlet before it would say it twice."""
    if source.title_kind != "description" or not source.outlet:
        return False
    outlet = linked.entity(source.outlet)
    title = source.title.casefold()
    return any(title.startswith(name.casefold())
               for name in [outlet.name, *(alias.name for alias in outlet.aliases)])


def _date(source: Source) -> str:
    return source.date.words() if source.date else "date not given"


def source_label(linked: Linked, source_id: EntryId, from_page: PagePath, *,
                 outlet: bool = True, dated: bool = True) -> str:
    """'Vox, “Title”, 7 January 2024', the title linking to the source's page; remarks
    as 'Jennifer Kavanagh, remarks to Vox, 4–7 January 2024'. `outlet=False` leaves out
    the outlet where the citation has named it already; `dated=False`, the date."""
    source = linked.entry(source_id, Source)
    target = href(from_page, page_path("source", source_id))
    if source.speaker:
        parts = [esc(linked.entry(source.speaker).name)]
        phrase = f"{SPOKEN_TYPES[source.type]} {_outlet_name(linked, source)}"
        if source.title_kind == "description":  # the phrase describes it already
            parts.append(f"[{phrase}]({target})")
        else:
            parts += [phrase, titled_link(source, target)]
    else:
        if outlet and source.outlet and not _names_its_outlet(linked, source):
            parts = [_outlet_name(linked, source)]
        else:
            parts = []
        parts.append(titled_link(source, target))
    if dated:
        parts.append(_date(source))
    return ", ".join(parts)


class Footnotes:
    """Numbered citations for one page; the same citation keeps one number, and each
    quote is shown once."""

    def __init__(self, linked: Linked, page: PagePath) -> None:
        self._linked = linked
        self._page = page
        self._numbers: dict[tuple[EntryId, EntryId | None, str | None], int] = {}
        self._texts: list[str] = []
        self._quoted: set[tuple[tuple[EntryId, ...], str, EntryId, EntryId | None]] = set()

    def refs(self, citations: list[Citation]) -> str:
        """Footnote markers for citations, e.g. '[^1]<sup>,</sup>[^3]'.

        Adjacent markers get a comma between them: "¹³" would read as note 13.
        """
        numbers = sorted({self._number(c) for c in citations})
        return MARKER_SEPARATOR.join(f"[^{n}]" for n in numbers) + reported_marker(
            self._linked, citations)

    def named(self, citations: list[Citation], *, dated: bool = False) -> str:
        """Short source names with their markers: 'Vox citing Reuters[^2]; DOD[^3]'.

        `dated` adds the date of the source read ('Shafaq News, 4 January 2024[^3]'), so
        that a reader sees which version came first when a later report corrects an
        earlier one. Without it, a name the list gives more than once gets its date all
        the same: four "Shafaq News" in a row would tell a reader nothing of which is
        which.
        """
        shorts = [self._short(c, dated) for c in citations]
        if not dated:
            repeated = {short for short in shorts if shorts.count(short) > 1}
            shorts = [self._short(c, True) if short in repeated else short
                      for c, short in zip(citations, shorts, strict=True)]
        return "; ".join(f"{short}[^{self._number(c)}]"
                         for c, short in zip(citations, shorts, strict=True)) \
            + reported_marker(self._linked, citations)

    def _short(self, citation: Citation, dated: bool = False) -> str:
        read = self._linked.entry(citation.source, Source)
        date = f", {_date(read)}" if dated else ""
        if not citation.citing:
            return self._name(read) + date
        relayed = self._linked.entry(citation.citing, Source)
        if relayed.speaker:  # 'Jennifer Kavanagh, remarks to Vox[, in Devdiscourse]'
            where = "" if read.outlet == relayed.outlet else f", in {self._name(read)}"
            return f"{_spoken(self._linked, relayed, relayed.speaker)}{where}{date}"
        text = self._name(read) + (f"{date}," if dated else "")
        if relayed.outlet and relayed.outlet == read.outlet:
            return f"{text} citing its own {source_title(relayed)}{title_mark(relayed)}"
        return f"{text} citing {self._name(relayed)}"

    def _name(self, source: Source) -> str:
        """A source in a word or two: its outlet, or who spoke to it; its title when it
        has no outlet."""
        if source.speaker:
            return _spoken(self._linked, source, source.speaker)
        if source.outlet:
            return _outlet_name(self._linked, source)
        return source_title(source) + title_mark(source)

    def _number(self, citation: Citation) -> int:
        key = (citation.source, citation.citing, citation.note)
        if key not in self._numbers:
            self._numbers[key] = len(self._texts) + 1
            self._texts.append(self._describe(citation))
        return self._numbers[key]

    def _describe(self, citation: Citation) -> str:
        linked, page = self._linked, self._page
        if not citation.citing:
            text = source_label(linked, citation.source, page)
        elif (relayed := linked.entry(citation.citing, Source)).speaker:
            # Remarks first, then where they were read: '…, in Vox, “Behind…”, 7 January'.
            spoken = source_label(linked, citation.citing, page, dated=False)
            text = f"{spoken}, in {source_label(linked, citation.source, page)}"
        else:
            read = linked.entry(citation.source, Source)
            own = relayed.outlet is not None and relayed.outlet == read.outlet
            cited = source_label(linked, citation.citing, page, outlet=not own)
            text = (source_label(linked, citation.source, page)
                    + (", citing its own " if own else ", citing ") + cited)
        if citation.note:
            text += f" ({esc(citation.note)})"
        return text + "."

    def quotes(self, citations: list[Citation], *, about: str = "",
               indent: str = "") -> str:
        """The quotes these citations carry, each as a block quote (`indent` puts them
        inside a list item), with `about` (Markdown) under each, e.g. the row of a
        table it supports; '' when none is left to show. A quote already shown on this
        page is not shown again."""
        blocks = []
        # Several quotes backing one statement run in the order said, as lists do.
        quoted = sorted((c for c in citations if c.quote),
                        key=lambda c: quote_order(self._linked.kb, c))
        for citation in quoted:
            quote = citation.quote
            assert quote is not None  # filtered above
            key = (tuple(quote.speaker), quote.text, citation.source, citation.citing)
            if key in self._quoted:
                continue
            self._quoted.add(key)
            block = f"{indent}> {quote_line(self._linked, quote, citation, self, self._page)}"
            if about:
                block += f"  \n{indent}> {about}"
            blocks.append(block)
        return "\n\n".join(blocks)

    def section(self) -> str:
        """The 'Sources' section: every footnote definition, in number order."""
        if not self._texts:
            return ""
        lines = [f"[^{n}]: {text}" for n, text in enumerate(self._texts, start=1)]
        return "## Sources\n\n" + "\n".join(lines) + "\n"


def quote_line(linked: Linked, quote: Quote, citation: Citation, notes: Footnotes,
               page: PagePath) -> str:
    """“Words” — Speaker, when said (where)[^n]: the words in one pair of quotes, any
    quotation inside them nested."""
    said = f", {quote.said.words()}" if quote.said else ""
    context = f" ({esc(quote.context)})" if quote.context else ""
    speaker = speakers(linked, quote, page)
    words = quoted_text(quote.text, quote.lang)
    return f"{words} — {speaker}{said}{context}{notes.refs([citation])}"


def speakers(linked: Linked, quote: Quote, page: PagePath) -> str:
    """Who said a quote, linked: 'A', or 'A and B' for words said jointly."""
    return series([link_to(linked, speaker, page) for speaker in quote.speaker])


def dispute_table(dispute: Dispute, notes: Footnotes, anchors: tuple[str, ...] = ()) -> str:
    """One disagreement as a table: each version, who gives it and when, and any note;
    below it, the quotes the versions rest on. `anchors` (kb.pipeline.render.anchors), one per
    version, mark the rows on the page that records the disagreement."""
    rows = [((anchor_tag(anchors[n]) if anchors else "") + esc(version.value),
             notes.named(version.cite, dated=True),
             esc(version.note) if version.note else "")
            for n, version in enumerate(dispute.versions)]
    quotes = [notes.quotes(version.cite, about=f"*For the version:* {esc(version.value)}")
              for version in dispute.versions]
    return (table(("Version", "Given by", "Note"), rows)
            + "".join(f"\n{q}\n" for q in quotes if q))
