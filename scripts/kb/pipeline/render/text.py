"""Markdown building blocks shared by every page: escaping, links, dates, headings.

How sources are named, footnotes and quotes are in `kb.pipeline.render.citations`.

Pages repeat the same few texts many times (a name at every link to its entry, a
source's title in every footnote citing it, the way from one folder to another), so
`esc`, `quoted_text` and `href` work each out once per `TextMemo`: render makes the
memo it is given current for the extent of the build (`remembered`), as
`decimal.localcontext` does, rather than pass it to each of the hundred places that
escape a text. Outside a render they work it out every time; nothing is kept here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Any, ParamSpec, TypeVar

from kb import addresses
from kb.addresses import EntryId, LinkMemo, PagePath, href
from kb.checks.claims import claims
from kb.dates.date import FuzzyDate
from kb.model import ENTITY_LINK, KINDS, Alias, Citation, Entity, Source, Statement
from kb.pipeline.link import Cited, Linked, QuoteUse
from kb.text import writing
from kb.text.titles import nest_quotes

# Characters Python-Markdown (with this site's extensions) lets a backslash escape;
# escaping any other would leave the backslash visible.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner, inside Persian words
_LETTER = re.compile(r"[^\W\d_]")
_PAIRED = {"Ps", "Pe", "Pi", "Pf"}  # brackets and quotation marks open or close a phrase
P = ParamSpec("P")
R = TypeVar("R")


class TextMemo:
    """The escaped texts and relative links of one build, or of a series of builds
    (the live preview keeps one in its `kb.pipeline.session.Session`), each worked out once.
    Bounded: the least recently used go first, so a long preview session stays small."""

    def __init__(self) -> None:
        self.esc = lru_cache(maxsize=1 << 16)(_esc)  # a name, at every link to its entry
        self.quoted_text = lru_cache(maxsize=1 << 14)(_quoted_text)  # a title, per footnote
        self.links = LinkMemo()  # pages of a folder link alike (`kb.addresses.href`)
        self.kept: dict[Callable[..., Any], Callable[..., Any]] = {}
        """Other render functions of text, each with its own bounded memo (`kept`)."""


_current: ContextVar[TextMemo | None] = ContextVar("kb.pipeline.render.text.current", default=None)
"""The memo of the render in progress; None outside one. Set only by `remembered`."""


@contextmanager
def remembered(memo: TextMemo) -> Iterator[TextMemo]:
    """Within the block, `esc`, `quoted_text` and `href` keep what they work out in
    `memo` (`kb.addresses.href` in `memo.links`); afterwards, as before the block."""
    token = _current.set(memo)
    try:
        with addresses.remembered(memo.links):
            yield memo
    finally:
        _current.reset(token)


def kept(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a pure function of hashable positional arguments so that, within a render
    (`remembered`), what it returns is kept in the render's `TextMemo`, the
    `maxsize` least recently used at most; outside one, it works it out every time.
    For the few texts pages and the search index ask for many times
    (kb.pipeline.render.anchors); the function itself keeps nothing."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            memo = _current.get()
            if memo is None or kwargs:  # kept by positional arguments only
                return function(*args, **kwargs)
            cached = memo.kept.get(function)
            if cached is None:
                cached = memo.kept[function] = lru_cache(maxsize=maxsize)(function)
            result: R = cached(*args)
            return result

        return call

    return decorate


def esc(text: str) -> str:
    """Data text as literal Markdown, isolated: no markup, no HTML, no line structure,
    and its own direction (see `isolate`)."""
    memo = _current.get()
    return memo.esc(text) if memo is not None else _esc(text)


def _esc(text: str) -> str:
    return isolate(rtl_runs(literal(text)))


def rtl_runs(markdown: str) -> str:
    """Each run of right-to-left letters inside text that also holds letters of another
    script, in its own `<bdi dir="rtl">`: 'Ali Abu Sajjad (علي أبو سجاد)' keeps its
    parentheses in place and the Arabic name reads right to left, whatever surrounds it
    (UAX #9 would otherwise let the run's neighbours take its direction). The run's
    language is not said: its script does not tell Arabic from Persian or Kurdish, and a
    tag the data does not give would be a guess. Text in one script is left as it is.
    Which characters are right to left is Unicode's bidi class (`_rtl_spans`). Digits,
    spaces and punctuation between two right-to-left runs belong to them, unless a
    bracket or quotation mark is among them: 'العربية/الحدث', 'شفق نيوز - بغداد' and
    'الخميس 04 كانون' are one run each, read right to left as Unicode reads them in an
    Arabic paragraph (UAX #9, rules W2 and N1), where isolating each word apart showed
    their parts in English order; 'Ali (علي) and (أبو)' keeps two, each inside its
    own brackets. Digits and punctuation before the first run or after the last stay
    outside: they may belong to the English around as much as to the Arabic."""
    runs = _rtl_spans(markdown)
    if not runs:
        return markdown
    outside = [markdown[end:start] for (_, end), (start, _) in
               zip([(0, 0), *runs], [*runs, (len(markdown), 0)], strict=True)]
    if not _LETTER.search("".join(outside)):
        return markdown
    out = [outside[0]]
    for (start, end), after in zip(runs, outside[1:], strict=True):
        out += [f'<bdi dir="rtl">{markdown[start:end]}</bdi>', after]
    return "".join(out)


def _rtl_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of `text`: characters written right to left
    (`kb.text.writing.right_to_left`) and the marks set on them (the vowel signs of
    N'Ko, Samaritan), with the spaces and joiners between them."""
    if text.isascii():
        return []
    spans: list[tuple[int, int]] = []
    start = end = -1
    for index, char in enumerate(text):
        if writing.right_to_left(char) or (end == index and unicodedata.combining(char)):
            if start < 0:
                start = index
            end = index + 1
        elif start >= 0 and not (char.isspace() or char in _JOINERS):
            spans.append((start, end))
            start = -1
    if start >= 0:
        spans.append((start, end))
    return _joined(text, spans)


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with each two joined whose gap holds no letter, bracket or quotation
    mark (`rtl_runs`)."""
    joined = spans[:1]
    for start, end in spans[1:]:
        gap = text[joined[-1][1]:start]
        if _LETTER.search(gap) or any(unicodedata.category(c) in _PAIRED or c in "\"'`"
                                      for c in gap):
            joined.append((start, end))
        else:
            joined[-1] = (joined[-1][0], end)
    return joined


def literal(text: str) -> str:
    """Text as literal Markdown, not isolated: for the site's own words (a page's
    heading, a relation's label), which read in the page's direction."""
    return _line_start(_literal(" ".join(str(text).split())))


def _literal(flat: str) -> str:
    """Text on one line as literal Markdown: HTML and markup characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _line_start(escaped: str) -> str:
    """A list marker at the start escaped, so that the text stays one paragraph."""
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if len(m[2]) == 1 else
                           f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", escaped)


def isolate(markdown: str) -> str:
    """Markdown of one piece of data text inside <bdi>: its direction is found from its
    own first strong letter and it cannot reorder the text around it (Unicode's
    bidirectional algorithm, UAX #9, isolates; HTML's bdi element). An Arabic quote
    ending in a full stop keeps the stop at its end, at the left, instead of beside its
    first word; an English name in an Arabic sentence keeps its own order. Every piece
    of data text is isolated, whatever its script: none can be assumed to match the
    text around it. Empty text stays empty."""
    return f"<bdi>{markdown}</bdi>" if markdown else ""


def in_language(text: str, lang: str | None) -> str:
    """Data text as `esc` makes it, marked as written in `lang` (a BCP 47 tag, checked
    by the model) and in that language's direction: `<bdi lang="ar" dir="rtl">`. A
    screen reader then reads it in its language, and a full stop at the end of an
    Arabic quote sits at its left end whatever text surrounds it. Without a tag, `esc`."""
    if not lang or not text:
        return esc(text)
    return f'<bdi lang="{attr(lang)}" dir="{writing.direction(lang)}">{literal(text)}</bdi>'


def isolate_plain(text: str) -> str:
    """Data text isolated where no element can hold it (a form's option, an SVG label):
    between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, the plain
    text form of `isolate`. Data text never holds either (`kb.text.characters`)."""
    return f"\u2068{text}\u2069" if text else ""


def unisolated(text: str) -> str:
    """`text` without the isolation `isolate_plain` gave it, for a place that isolates
    it in its own way (search.js, in a `<bdi>`); any other text as it is."""
    if text.startswith("\u2068") and text.endswith("\u2069"):
        return text[1:-1]
    return text


@kept(maxsize=1 << 8)  # a name per language: reading the registry takes a while
def language_name(tag: str) -> str:
    """The English name of a tag's language (`kb.text.writing.language_name`), read from the
    registry once per render, or per live preview's session (its `TextMemo`)."""
    return writing.language_name(tag)


def quoted_text(text: str, lang: str | None = None) -> str:
    """Data text in one pair of curly double quotes, its own quotes nested (as
    `kb.text.titles.quoted`), the quotation marks outside its isolation: they belong to
    the English sentence around it. Words in another language (`lang`, a BCP 47 tag)
    are marked up in it (`in_language`) and followed by its name: '“…” (Arabic)'."""
    if lang:
        return f"“{in_language(nest_quotes(text), lang)}” ({language_name(lang)})"
    memo = _current.get()
    return memo.quoted_text(text) if memo is not None else _quoted_text(text)


def _quoted_text(text: str) -> str:
    return f"“{esc(nest_quotes(text))}”"


def attr(text: str) -> str:
    """Text safe inside a double-quoted HTML attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


STORY_PATH = PagePath("story.md")


def page_path(kind: str, entry_id: EntryId) -> PagePath:
    """Where an entry's page lives in the generated tree, 'people/abu-taqwa.md' (a story
    chapter's is a section of the story page, 'story.md#01-strike'). Raises KeyError
    for an unknown kind."""
    if not KINDS[kind].indexed:
        return PagePath(f"{STORY_PATH}#{entry_id}")
    return PagePath(f"{KINDS[kind].folder}/{entry_id}.md")


def index_path(kind: str) -> PagePath:
    """Where a kind's index page lives, 'people/index.md'. Raises KeyError for an
    unknown kind."""
    return PagePath(f"{KINDS[kind].folder}/index.md")


def kind_line(kind: str, from_page: PagePath) -> str:
    """What kind of entry a page is about, and a link to all of that kind: 'Person ·
    All people' (Markdown), on the page `from_page`. Raises KeyError for an unknown
    kind."""
    return (f'<span class="kb-kind">{KINDS[kind].label}</span> · '
            f"[All {KINDS[kind].plural.lower()}]({href(from_page, index_path(kind))})")


def link_to(linked: Linked, entry_id: EntryId, from_page: PagePath) -> str:
    """A Markdown link to an entry's page, labelled with its name."""
    target = page_path(linked.kind(entry_id), entry_id)
    return f"[{esc(linked.entry(entry_id).name)}]({href(from_page, target)})"


def newest_first(linked: Linked, source_id: EntryId) -> tuple[bool, tuple[int, ...]]:
    """Sort key for sources: newest first, undated last; the reverse of
    `FuzzyDate.order`, so that a source whose day is not known ('January 2024') is
    listed at the last day it can have been published, below the sources of that day,
    as the Latest page lists it, never above its whole period as though newest."""
    date = linked.entry(source_id, Source).date
    if date is None:
        return (True, ())
    listed, rank, tie, high = date.order
    return (False, (-listed.toordinal(), -rank, -tie, -high.toordinal()))


PLACEMENTS = {
    "events": ("it can have happened", "it may have come before some of the events "
                                         "listed above it"),
    "quotes": ("the words can have been said", "they may have been said before some of "
                                               "the quotes listed above them"),
    "sources": ("it can have been published", "it may have been published before some of "
                                              "the sources listed below it"),
}
"""For `placement_note`, by what a list holds: the last day of what, and what its place
does not mean."""


def placement_note(date: FuzzyDate | None, listed: str = "events") -> str:
    """'' or, for a date listed at the last day it can mean because its day is not
    known (`FuzzyDate.placed_at_end`: a month, a season, a year, one day of a range),
    the sentence that says so beside it: its place in the list is not an order.
    `listed` names what the list holds, a key of `PLACEMENTS`. The rule comes from
    issue 18's trial: "second half of 2023" listed before 7 October 2023 read as
    though it came before the war."""
    if date is None or not date.placed_at_end:
        return ""
    last_day, caveat = PLACEMENTS[listed]
    if date.start_unknown:
        return (f"Day it began not known: listed at the last day it can have begun, so "
                f"{caveat}.")
    return f"Day not known: listed at the last day {last_day}, so {caveat}."


def _link_words(linked: Linked, match: re.Match[str]) -> str:
    """What an [[id]] or [[id|words]] link shows: the words, else the entry's name."""
    return (match[2] or "").strip() or linked.entry(EntryId(match[1].strip())).name


def prose(linked: Linked, text: str, from_page: PagePath) -> str:
    """Statement text as Markdown, isolated as `esc` isolates: literal, except [[id]]
    and [[id|words]] become links. The text between links is escaped piece by piece:
    no marker stands in for a link, so no text can be mistaken for one."""
    flat = " ".join(text.split())
    parts: list[str] = []
    end = 0
    for match in ENTITY_LINK.finditer(flat):
        entry_id = EntryId(match[1].strip())
        target = page_path(linked.kind(entry_id), entry_id)
        parts += [_literal(flat[end:match.start()]),
                  f"[{esc(_link_words(linked, match))}]({href(from_page, target)})"]
        end = match.end()
    parts.append(_literal(flat[end:]))
    return isolate(_line_start(rtl_runs("".join(parts))))


def plain(linked: Linked, text: str) -> str:
    """Statement text without link markup, for titles and search: [[id|words]] -> words."""
    return ENTITY_LINK.sub(lambda match: _link_words(linked, match), text)


_DATE_OPENERS = ("on", "in", "by", "since", "from", "until", "during", "as of",
                 "as early as", "as recently as", "as late as")
"""Words that may come before a date at the start of a statement ('On 4 January 2024 …',
'As recently as August 2023, …')."""
_OPENING_DATE = re.compile(
    rf"^(?:(?:{'|'.join(_DATE_OPENERS)}) )?"
    rf"(?:(?:{'|'.join(day.lower() for day in calendar.day_name)}),? )?(?P<date>.*)$")


def _date_text(text: str) -> str:
    """Text compared for dates: one case, single spaces, every dash a hyphen."""
    return re.sub(r"\s*[-‐‑‒–—]\s*", "-", " ".join(text.split()).casefold())


def opens_with_date(text: str, date: FuzzyDate) -> bool:
    """Whether a statement's plain text starts with its own date, perhaps after 'On',
    'In', 'By' (and the like) and a day of the week: 'On Thursday 4 January 2024 the
    group said…' for 4 January 2024. Such a statement is not prefixed with the date
    again. The date may be written as this site prints it, or otherwise ('On January 5,
    2024', 'On 5 January', 'From 4 to 7 January 2024') when every day it names lies
    within the date: the reader sees the date where the sentence begins."""
    rest = _OPENING_DATE.match(_date_text(text))
    if not rest:
        return False
    words = _date_text(date.words())
    if re.match(rf"{re.escape(words)}(?![\w])", rest["date"]):
        return True
    opening = rest["date"][:40].title()  # the date patterns read capitalised months
    spans = [_claimed_days(claim.key, date) for claim in claims(opening)
             if claim.kind == "date" and claim.key[1] is not None
             and opening.find(claim.shown) <= 12]  # '4 to 7 January': two claims
    first, last = date.earliest, date.latest
    return bool(spans) and first is not None and last is not None and all(
        span is not None and first <= span[0] and span[1] <= last for span in spans)


def _claimed_days(key: tuple[int | None, int, int | None],
                  date: FuzzyDate) -> tuple[dt.date, dt.date] | None:
    """The days a (year, month, day) claim covers, its year taken from `date` when the
    text leaves it out; None for a day not on the calendar."""
    year, month, day = key
    year = year or (date.earliest or date.latest or dt.date.min).year
    try:
        if day:
            return dt.date(year, month, day), dt.date(year, month, day)
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def external(url: str, label: str) -> str:
    """A link out; only http(s) addresses pass the model, and they open safely."""
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    safe = safe.replace("<", "%3C").replace(">", "%3E").replace('"', "%22")
    return f'[{esc(label)}]({safe}){{: rel="noopener" }}'


MARKER_SEPARATOR = '<sup class="kb-sep">,</sup>'


def reported_by(linked: Linked, citations: list[Citation]) -> str:
    """The day by which a statement had surely been reported: the earliest of its
    sources' publication dates, each taken at its latest possible day ('' if none of
    its sources has one). A source published "between 4 and 7 January" counts from
    7 January; one published "on or after 4 January" has no such day, like an
    undated one."""
    days = [source.date.latest for c in citations
            if (source := linked.entry(c.source, Source)).date and source.date.latest]
    return min(days).isoformat() if days else ""


def reported_marker(linked: Linked, citations: list[Citation]) -> str:
    """An empty element saying when the statement around it was first reported; the
    'as reported by' view (overrides/js/asof.js) hides what came later."""
    return f'<span class="kb-reported" data-reported="{reported_by(linked, citations)}"></span>'


def anchor(text: str, taken: set[str]) -> str:
    """A heading id made from text, unique among `taken` (which it extends): its letters
    and digits in lower case, of any script ('Full name' -> 'full-name', an Arabic
    'about' keeps its Arabic letters rather than becoming 'section'), runs of anything
    else as one hyphen. As mkdocs.yml's toc slugify makes the ids of other headings."""
    base = re.sub(r"[\W_]+", "-", text.casefold()).strip("-") or "section"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def dispute_anchors(entity: Entity) -> list[str]:
    """The heading id of each of an entity's disagreements, in order."""
    taken: set[str] = set()
    return [anchor(f"disagreement {dispute.about}", taken) for dispute in entity.disputes]


def disputed_link(linked: Linked, statement: Statement | Alias | Cited | QuoteUse,
                  from_page: PagePath) -> str:
    """' (sources differ: see the 4 versions)' after a statement, a name or a quote that
    gives one source's version of a recorded disagreement (its `disputed`), linking the
    table of all of them; '' otherwise.
    The rule it keeps: where sources disagree, every page that touches the point shows
    the versions or leads to them."""
    ref = statement.disputed
    if ref is None:
        return ""
    owner = linked.entity(ref.entry)
    anchors = dict(zip((d.about for d in owner.disputes), dispute_anchors(owner), strict=True))
    versions = next(len(d.versions) for d in owner.disputes if d.about == ref.about)
    target = PagePath(f"{page_path(linked.kind(ref.entry), ref.entry)}#{anchors[ref.about]}")
    return (f' <span class="kb-disputed">(sources differ: [see the {versions} versions]'
            f"({href(from_page, target)}))</span>")


ASOF_HINT = "Pick a day to see only what sources had reported by then."
"""What 'as reported by' does, in one line above its date picker."""


def asof_form(linked: Linked, noun: str = "statements") -> str:
    """The 'as reported by' date picker, with a line saying what it does, hidden until
    overrides/js/asof.js shows it (without scripts it would do nothing); `noun` names
    what it counts ('statements', 'events')."""
    first, last = linked.reporting_span
    limits = f' min="{first}" max="{last}"' if first else ""
    return (
        f'<form class="kb-asof" data-noun="{noun}" hidden '
        'aria-label="Show what had been reported by a date">\n'
        f'<span class="kb-asof-hint" id="kb-asof-hint">{ASOF_HINT}</span>\n'
        f'<label>As reported by <input type="date" name="asof"{limits} '
        'aria-describedby="kb-asof-hint"></label>\n'
        '<button type="reset">Everything</button>\n'
        '<output aria-live="polite"></output>\n'
        "</form>\n"
    )


def front_matter(title: str, description: str | None = None,
                 json_ld: str | None = None) -> str:
    """YAML front matter; quoting by json keeps any title safe as a YAML string.

    The description feeds <meta name="description"> and link previews; the theme puts
    it into an attribute unescaped, so it is escaped for one here. Every generated page
    stays out of Material's own search index: kb.pipeline.render.search indexes them instead.
    """
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(attr(description), ensure_ascii=False)}")
    if json_ld:
        lines.append(f"json_ld: {json.dumps(json_ld, ensure_ascii=False)}")
    lines += ["search:", "  exclude: true", "---"]
    return "\n".join(lines) + "\n\n"


def page_head(title: str, intro: str) -> str:
    """Front matter, the h1 and an introduction: how every list page opens."""
    return front_matter(title) + f"# {literal(title)}\n\n{intro}\n"
