"""What the live preview needs beyond a build: the last good pages, under a banner
listing every problem, while data/ has errors, so an editor never faces a blank or
frozen page; and the tuning of Python's cycle collector for a process that keeps a
large heap from one build to the next (`FrozenHeap`, held by its `kb.pipeline.session.Session`).

Generator-neutral: any site generator's serve mode can use these.
"""

from __future__ import annotations

import gc
import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.pipeline.write import MARKER
from kb.problems import Problem, errors
from kb.text.wording import count

BANNER_CLASS = "kb-problems"


def last_good_pages(out_dir: Path) -> list[str]:
    """The pages and files of the last successful build, still on disk (a failed build
    never touches them), as paths relative to `out_dir`."""
    if not out_dir.is_dir():
        return []
    return sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*")
                  if p.is_file() and p != out_dir / MARKER)


def banner_html(problems: list[Problem]) -> str:
    """An alert listing every problem, as text: messages quote the editor's data."""
    title = (f"data/ has {count(len(errors(problems)), 'error')}: this preview shows the "
             "last version that built. Fix the files and save; the page reloads by itself.")
    items = "".join(
        f"<li><code>{html.escape(p.where)}</code> {html.escape(p.message)}</li>"
        for p in sorted(problems) if p.severity == "error")
    return (f'<div class="admonition failure {BANNER_CLASS}" role="alert">'
            f'<p class="admonition-title">{html.escape(title)}</p><ul>{items}</ul></div>')


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
