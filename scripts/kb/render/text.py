"""Markdown building blocks shared by every page: escaping, links, dates, footnotes."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

from kb.link import Linked
from kb.model import ENTITY_LINK, KINDS, Citation, Source

# Characters Python-Markdown (with this site's extensions) lets a backslash escape;
# escaping any other would leave the backslash visible.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")


@lru_cache(maxsize=1 << 16)  # names are escaped again at every link to their entry
def esc(text: str) -> str:
    """Data text as literal Markdown: no markup, no HTML, no line structure."""
    flat = " ".join(str(text).split())
    escaped = html.escape(flat, quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if len(m[2]) == 1 else
                           f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", escaped)


def attr(text: str) -> str:
    """Text safe inside a double-quoted HTML attribute."""
    return html.escape(" ".join(str(text).split()), quote=True)


STORY_PATH = "story.md"


def page_path(kind: str, entry_id: str) -> str:
    """Where an entry's page lives in the generated tree (a story chapter's is a
    section of the story page)."""
    if not KINDS[kind].indexed:
        return f"{STORY_PATH}#{entry_id}"
    return f"{KINDS[kind].folder}/{entry_id}.md"


def index_path(kind: str) -> str:
    return f"{KINDS[kind].folder}/index.md"


def href(from_page: str, to_page: str) -> str:
    """Relative link from one generated page to another (MkDocs checks these)."""
    page, hash_, fragment = to_page.partition("#")
    if page == from_page and hash_:
        return f"#{fragment}"
    return _relative(page, from_page.rpartition("/")[0]) + hash_ + fragment


@lru_cache(maxsize=1 << 17)  # pages of one folder link to the same pages, many times
def _relative(page: str, from_dir: str) -> str:
    """posixpath.relpath for two normalised paths inside the generated tree, by string
    work alone: relpath asks the file system for the current folder on every call,
    which was a fifth of render at 10,000 entries."""
    if not from_dir:
        return page
    here, there = from_dir.split("/"), page.split("/")
    common = 0
    while (common < len(here) and common < len(there) - 1
           and here[common] == there[common]):
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def link_to(linked: Linked, entry_id: str, from_page: str) -> str:
    """A Markdown link to an entry's page, labelled with its name."""
    target = page_path(linked.kind(entry_id), entry_id)
    return f"[{esc(linked.entry(entry_id).name)}]({href(from_page, target)})"


def newest_first(linked: Linked, source_id: str) -> tuple:
    """Sort key for sources: newest first, undated last."""
    date = linked.entry(source_id).date
    return (date is None, tuple(-d.toordinal() for d in date.bounds) if date else ())


def _link_words(linked: Linked, match: re.Match[str]) -> str:
    """What an [[id]] or [[id|words]] link shows: the words, else the entry's name."""
    return (match[2] or "").strip() or linked.entry(match[1].strip()).name


def prose(linked: Linked, text: str, from_page: str) -> str:
    """Statement text as Markdown: literal, except [[id]] and [[id|words]] become links."""
    links: list[str] = []

    def hold(match: re.Match[str]) -> str:
        entry_id = match[1].strip()
        target = page_path(linked.kind(entry_id), entry_id)
        links.append(f"[{esc(_link_words(linked, match))}]({href(from_page, target)})")
        return f"\0{len(links) - 1}\0"  # survives esc(), which escapes the rest

    escaped = esc(ENTITY_LINK.sub(hold, text))
    return re.sub("\0([0-9]+)\0", lambda m: links[int(m[1])], escaped)


def plain(linked: Linked, text: str) -> str:
    """Statement text without link markup, for titles and search: [[id|words]] -> words."""
    return ENTITY_LINK.sub(lambda match: _link_words(linked, match), text)


def external(url: str, label: str) -> str:
    """A link out; only http(s) addresses pass the model, and they open safely."""
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    safe = safe.replace("<", "%3C").replace(">", "%3E").replace('"', "%22")
    return f'[{esc(label)}]({safe}){{: rel="noopener" }}'


def source_title(source: Source) -> str:
    """A source's title as readers should read it: a headline in quotes, else bracketed."""
    if source.title_kind == "headline":
        return f"“{esc(source.title)}”"
    if source.title_kind == "url slug":
        return f"\\[untitled; URL slug: {esc(source.title)}\\]"
    return f"\\[{esc(source.title)}\\]"


def source_label(linked: Linked, source_id: str, from_page: str) -> str:
    """'Vox, “Title”, 7 January 2024', the title linking to the source's page."""
    source = linked.entry(source_id)
    target = href(from_page, page_path("source", source_id))
    parts = []
    if source.outlet:
        parts.append(esc(linked.entry(source.outlet).name))
    parts.append(f"[{source_title(source)}]({target})")
    parts.append(source.date.words() if source.date else "date not given")
    return ", ".join(parts)


MARKER_SEPARATOR = '<sup class="kb-sep">,</sup>'


def reported_by(linked: Linked, citations: list[Citation]) -> str:
    """The day by which a statement had surely been reported: the earliest of its
    sources' publication dates, each taken at its latest possible day ('' if none of
    its sources has one). A source published "between 4 and 7 January" counts from
    7 January; one published "on or after 4 January" has no such day, like an
    undated one."""
    days = [source.date.latest for c in citations
            if (source := linked.entry(c.source)).date and source.date.latest]
    return min(days).isoformat() if days else ""


def reported_marker(linked: Linked, citations: list[Citation]) -> str:
    """An empty element saying when the statement around it was first reported; the
    'as reported by' view (overrides/js/asof.js) hides what came later."""
    return f'<span class="kb-reported" data-reported="{reported_by(linked, citations)}"></span>'


class Footnotes:
    """Numbered citations for one page; the same citation keeps one number."""

    def __init__(self, linked: Linked, page: str) -> None:
        self._linked = linked
        self._page = page
        self._numbers: dict[tuple, int] = {}
        self._texts: list[str] = []

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
        earlier one.
        """
        return "; ".join(f"{self._short(c, dated)}[^{self._number(c)}]"
                         for c in citations) + reported_marker(self._linked, citations)

    def _short(self, citation: Citation, dated: bool = False) -> str:
        text = self._outlet(citation.source)
        if dated:
            date = self._linked.entry(citation.source).date
            text += f", {date.words()}," if date else ", date not given,"
        if citation.citing:
            return f"{text} citing {self._relayed(citation)}"
        return text.rstrip(",")

    def _relayed(self, citation: Citation) -> str:
        # "Vox citing Vox" says nothing: name what an outlet relays of its own by title.
        relayed = self._linked.entry(citation.citing)
        if relayed.outlet and relayed.outlet == self._linked.entry(citation.source).outlet:
            return esc(relayed.title)
        return self._outlet(citation.citing)

    def _outlet(self, source_id: str) -> str:
        source = self._linked.entry(source_id)
        name = self._linked.entry(source.outlet).name if source.outlet else source.title
        return esc(name)

    def _number(self, citation: Citation) -> int:
        key = (citation.source, citation.citing, citation.note)
        if key not in self._numbers:
            self._numbers[key] = len(self._texts) + 1
            self._texts.append(self._describe(citation))
        return self._numbers[key]

    def _describe(self, citation: Citation) -> str:
        text = source_label(self._linked, citation.source, self._page)
        if citation.citing:
            text += ", citing " + source_label(self._linked, citation.citing, self._page)
        if citation.note:
            text += f" ({esc(citation.note)})"
        return text + "."

    def section(self) -> str:
        """The 'Sources' section: every footnote definition, in number order."""
        if not self._texts:
            return ""
        lines = [f"[^{n}]: {text}" for n, text in enumerate(self._texts, start=1)]
        return "## Sources\n\n" + "\n".join(lines) + "\n"


def quote_line(linked: Linked, quote: Any, citation: Citation, notes: Footnotes,
               page: str) -> str:
    """“Words” — Speaker, when and where said; reported by …[^n]."""
    said = f", {quote.said.words()}" if quote.said else ""
    context = f" ({esc(quote.context)})" if quote.context else ""
    speaker = link_to(linked, quote.speaker, page)
    return f"“{esc(quote.text)}” — {speaker}{said}{context}{notes.refs([citation])}"


def anchor(text: str, taken: set[str]) -> str:
    """A heading id made from text, unique among `taken` (which it extends)."""
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def dispute_anchors(entity: Any) -> list[str]:
    """The heading id of each of an entity's disagreements, in order."""
    taken: set[str] = set()
    return [anchor(f"disagreement {dispute.about}", taken) for dispute in entity.disputes]


def dispute_table(dispute: Any, notes: Footnotes) -> str:
    """One disagreement as a table: each version, who gives it and when, and any note."""
    rows = ["| Version | Given by | Note |", "|---|---|---|"]
    for version in dispute.versions:
        note = esc(version.note) if version.note else ""
        rows.append(f"| {esc(version.value)} | {notes.named(version.cite, dated=True)} "
                    f"| {note} |")
    return "\n".join(rows) + "\n"


def asof_form(linked: Linked, noun: str = "statements") -> str:
    """The 'as reported by' date picker, hidden until overrides/js/asof.js shows it;
    `noun` names what it counts ('statements', 'events')."""
    first, last = linked.reporting_span
    limits = f' min="{first}" max="{last}"' if first else ""
    return (
        f'<form class="kb-asof" data-noun="{noun}" hidden '
        'aria-label="Show what had been reported by a date">\n'
        f'<label>As reported by <input type="date" name="asof"{limits}></label>\n'
        '<button type="reset">Everything</button>\n'
        '<output aria-live="polite"></output>\n'
        "</form>\n"
    )


def front_matter(title: str, description: str | None = None,
                 json_ld: str | None = None) -> str:
    """YAML front matter; quoting by json keeps any title safe as a YAML string.

    The description feeds <meta name="description"> and link previews; the theme puts
    it into an attribute unescaped, so it is escaped for one here. Every generated page
    stays out of Material's own search index: kb.render.search indexes them instead.
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
    return front_matter(title) + f"# {esc(title)}\n\n{intro}\n"
