"""What the live preview needs beyond a build: the last good pages, under a banner
listing every problem, while data/ has errors, so an editor never faces a blank or
frozen page; and the tuning of Python's cycle collector for a process that keeps a
large heap from one build to the next (`FrozenHeap`, held by its `kb.pipeline.session.Session`).

The banner is not written into the pages: each page of the preview carries, from its
first build on, a small script (overrides/js/preview.js) that reads one file,
`PROBLEMS_FILE`, which the preview rewrites after every build (`write_problems`), and
shows the banner when it lists problems. A save that breaks data/ or fixes it so
changes that file alone, and no page is built again for it (issue 16, item 2: every
page rebuilt twice, 10-18 s on the real data, before).

Generator-neutral: any site generator's serve mode can use these.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from kb.pipeline.write import MARKER
from kb.problems import Problem, errors
from kb.text.wording import count

PROBLEMS_FILE = "kb-preview/problems.json"
"""Where in the preview's site the last build's problems are, as `problems_report`
gives them: read by the script every page of the preview carries."""


def last_good_pages(out_dir: Path) -> list[str]:
    """The pages and files of the last successful build, still on disk (a failed build
    never touches them), as paths relative to `out_dir`."""
    if not out_dir.is_dir():
        return []
    return sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*")
                  if p.is_file() and p != out_dir / MARKER)


class Listed(TypedDict):
    """One problem of the banner: where ('data/people/x.yaml:3:5') and what."""

    where: str
    message: str


class Report(TypedDict):
    """What the banner shows: its title, and one item per error; no items, no banner."""

    title: str
    problems: list[Listed]


def problems_report(problems: list[Problem]) -> Report:
    """The banner's content for the problems of a build: errors only, sorted by file and
    line (warnings do not alarm the editor), with a title that counts them; an empty
    title and no items when there is no error. Plain text throughout: the messages
    quote the editor's data, and the script shows them as text."""
    listed = sorted(errors(problems))
    if not listed:
        return {"title": "", "problems": []}
    title = (f"data/ has {count(len(listed), 'error')}: this preview shows the last "
             "version that built. Fix the files and save; the page reloads by itself.")
    return {"title": title,
            "problems": [{"where": p.where, "message": p.message} for p in listed]}


def write_problems(site_dir: Path, problems: list[Problem]) -> Path:
    """Write `problems_report(problems)` as JSON to `PROBLEMS_FILE` under `site_dir`
    (UTF-8), unless the file holds it already; the file's path. Raises OSError if it
    cannot be written."""
    path = site_dir / PROBLEMS_FILE
    text = json.dumps(problems_report(problems), ensure_ascii=False, indent=1) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


COLLECT_EVERY = 10
"""Builds between two full collections: a build leaves a dozen objects in garbage
cycles, and a full collection walks the whole heap (0.1 s of every save in a
`mkdocs serve` of 1,000 entries)."""


class FrozenHeap:
    """The live preview's tuning of the cycle collector, around each of its builds.

    What a preview build leaves alive (the session's memos: every entry, every page)
    lives until the next save and beyond. After each build it is frozen (`gc.freeze`),
    so that the generator's own collections during the rest of its build, and between
    saves, skip it; before the next build it is unfrozen, so that what that build
    frees can be collected. Every `collect_every` builds garbage cycles are collected
    first, so that a long preview session does not keep them. A one-off build has no
    use for this and leaves the collector as it found it (`kb.pipeline.build.paused_collection`).
    """

    def __init__(self, collect_every: int = COLLECT_EVERY) -> None:
        self.collect_every = collect_every
        self.builds = 0
        """Builds run so far."""

    @contextmanager
    def around_build(self) -> Iterator[None]:
        """Unfreeze before the build; afterwards collect (every `collect_every`
        builds), then freeze what survives."""
        gc.unfreeze()
        try:
            yield
        finally:
            self.builds += 1
            if self.builds % self.collect_every == 0:
                gc.collect()
            gc.freeze()
