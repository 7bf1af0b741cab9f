"""What the generated pages need from the site generator that publishes them.

The pipeline writes Markdown for a generator (MkDocs today; Zensical reads the same
`mkdocs.yml`) and relies on some of its settings: page addresses that are folders,
the Markdown extensions its syntax uses, folders that do not overlap. A setting the
pages cannot follow is refused before anything is built, saying why (issue 15, item
9): never a site that builds and then sends readers to addresses that do not exist.

The generator's own names for these settings stay in its adapter (the MkDocs hook
reads `mkdocs.yml` into `GeneratorSettings`); the rules are here, in the pipeline's
terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from kb.pipeline.write import MARKER, made_by_pipeline

MARKDOWN_EXTENSIONS: dict[str, str] = {
    "footnotes": "every citation is a footnote ([^1])",
    "tables": "a | in data text is written \\|, which only the tables extension reads as |",
    "attr_list": "headings carry the ids that links point to ({ #id }), and links to "
                 "other sites rel=\"noopener\"",
    "md_in_html": "the timeline's entries, the periods, the tables and 'Cite this page' "
                  "are Markdown inside HTML blocks (markdown attribute)",
}
"""The Python-Markdown extensions the generated pages are written for, and why: without
one, its syntax shows as text on the pages."""

BUNDLES: dict[str, frozenset[str]] = {
    "extra": frozenset({"abbr", "attr_list", "def_list", "fenced_code", "footnotes",
                        "md_in_html", "tables"}),
    "pymdownx.extra": frozenset({"abbr", "attr_list", "def_list", "footnotes",
                                 "md_in_html", "tables", "pymdownx.betterem",
                                 "pymdownx.superfences"}),
}
"""Extensions that load others (Python-Markdown's `extra`, PyMdown's `extra`), by the
names they load: a configuration listing `extra` has footnotes."""

DIRECTORY_URLS_REASON = (
    "the pipeline publishes each page at a folder address (people/abu-taqwa/), and the "
    "search index, the network drawing, the downloads and 'Cite this page' link to "
    "those addresses; with addresses ending in .html they would lead nowhere")


@dataclass(frozen=True)
class GeneratorSettings:
    """The generator's settings that the pipeline depends on, in its own terms."""

    root: Path
    """The project folder, holding data/."""
    pages_dirs: tuple[Path, ...]
    """Where the pipeline writes generated pages (generated/, generated.serve/)."""
    site_dir: Path
    """Where the generator writes the site; it empties the folder before a build."""
    docs_dir: Path
    """The hand-written pages."""
    directory_urls: bool = True
    """Whether a page `people/x.md` is published at `people/x/` (True) or at
    `people/x.html`."""
    markdown_extensions: frozenset[str] = frozenset(MARKDOWN_EXTENSIONS)
    """The Python-Markdown extensions the generator loads, by name as configured
    ('footnotes', 'markdown.extensions.footnotes', 'extra', ...)."""


def refusals(settings: GeneratorSettings) -> list[str]:
    """Why the pages cannot be published with these settings: one sentence per
    setting, naming it, what it must be and why; empty when all is well.

    The rules: directory addresses (`DIRECTORY_URLS_REASON`); every extension of
    `MARKDOWN_EXTENSIONS`; a site folder that does not overlap data/, the generated
    pages or the project itself (the generator empties it); a folder of hand-written
    pages that does not overlap data/ or the generated pages.
    """
    found: list[str] = []
    if not settings.directory_urls:
        found.append("use_directory_urls must be true (the default): "
                     + DIRECTORY_URLS_REASON)
    loaded = _extension_names(settings.markdown_extensions)
    for name, why in MARKDOWN_EXTENSIONS.items():
        if name not in loaded:
            found.append(f"markdown_extensions must include {name}: {why}")
    keep = {"data/": settings.root / "data",
            **{f"{_shown(p, settings.root)}/": p for p in settings.pages_dirs}}
    for folder, setting in ((settings.site_dir, "site_dir"), (settings.docs_dir, "docs_dir")):
        clash = next((what for what, other in keep.items() if overlaps(folder, other)), None)
        if setting == "site_dir" and clash is None and _contains(folder, settings.root):
            clash = "the project folder"
        if clash:
            found.append(_overlap_message(setting, folder, clash, settings.root))
    return found


def published_address(url: str) -> str:
    """The site's published address (SITE_URL, MkDocs' `site_url`) as every address
    built from it needs it: '' when none is set, else the address with no empty step in
    its path and ending in exactly one '/' ('https://x.github.io//kb//' ->
    'https://x.github.io/kb/'). Canonical links, the sitemap, Open Graph, 'Cite this
    page' and the 404 page's links (which MkDocs makes from the path alone) are its
    path joined to a page's: a doubled '/' there gives '/kb//downloads/…', an address
    some hosts serve and others do not, and never the page's own."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = re.sub("/{2,}", "/", parts.path).rstrip("/") + "/"
    return urlunsplit(parts._replace(path=path))


def output_refusal(out_dir: Path, data_dir: Path) -> str | None:
    """Why the pipeline must not write its pages to `out_dir` (`kb build --out`), or
    None. The write stage replaces the whole folder, so it must be new, empty or one
    the pipeline made (holding its `kb.pipeline.write.MARKER`), and not be or hold data/ or lie
    inside it."""
    if overlaps(out_dir, data_dir):
        return (f"{out_dir} is data/ or overlaps it; the pages would replace or mix with "
                "the data. Choose a folder outside data/")
    if out_dir.exists() and not made_by_pipeline(out_dir):
        return (f"{out_dir} holds files the pipeline did not write (no {MARKER} from kb), "
                "and writing the pages replaces the whole folder; choose a new or empty "
                "folder")
    return None


def overlaps(first: Path, second: Path) -> bool:
    """Whether two folders are the same, or one lies inside the other."""
    return _contains(first, second) or _contains(second, first)


def _contains(outer: Path, inner: Path) -> bool:
    return inner.resolve().is_relative_to(outer.resolve())


def _extension_names(configured: Iterable[str]) -> set[str]:
    names: set[str] = set()
    for name in configured:
        short = name.removeprefix("markdown.extensions.")
        names.add(short)
        names |= BUNDLES.get(short, frozenset())
    return names


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _overlap_message(setting: str, folder: Path, what: str, root: Path) -> str:
    why = ("the generator empties it before every build, which would delete "
           f"{what}" if setting == "site_dir" else
           f"{what} would be read as hand-written pages")
    return (f"{setting} '{_shown(folder, root)}' is or overlaps {what}: {why}. Choose "
            "another folder")
