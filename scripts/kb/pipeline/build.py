"""The pipeline in one place: load -> validate -> link -> render -> write."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb.addresses import PagePath
from kb.model import Draft
from kb.pipeline.history import last_changed
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import Pages, render
from kb.pipeline.render.site import Site
from kb.pipeline.session import Session
from kb.pipeline.validate import validate
from kb.pipeline.write import write
from kb.problems import Problem, errors


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the pipeline runs, then leave it as it was:
    the pipeline builds hundreds of thousands of objects that live until the end, and
    each collection walks them all again (a fifth of the pipeline at 10,000 entries).
    Reference counting still frees everything that is not in a cycle; the cycles a
    build leaves are collected by the collector's next run after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class BuildResult:
    """What a build made, and what it found wrong."""

    pages: Pages = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    changed: list[PagePath] = field(default_factory=list)
    """Pages whose text is new or differs from what `out_dir` held."""
    notes: list[str] = field(default_factory=list)
    """What whoever runs the build should know that is not a problem in the data: a
    shallow clone's history too short to date every page (kb.pipeline.history)."""
    drafts: list[Draft] = field(default_factory=list)
    """Files set aside as drafts, each shown on a page of its own (the preview only)."""

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def build(data_dir: Path, out_dir: Path | None = None, *, root: Path | None = None,
          site: Site | None = None, session: Session | None = None,
          drafts: bool = False) -> BuildResult:
    """Run every stage; write pages to `out_dir` only when the data has no errors.

    `site` names the site and its address for citations; the dates of last change
    are read here from the repository's history (a shallow clone's missing history
    leaves pages it may misdate undated, and a note in the result). `session`, kept
    by whoever runs one build after another (the live preview), holds what each stage
    may reuse from the last build: files not read again, records not checked again,
    entry pages not rendered again (kb.pipeline.session). Without one, the build starts from
    nothing and keeps nothing. `drafts`, for the live preview only, sets aside files
    `kb new` made whose placeholders are not all filled in (kb.pipeline.validate.set_aside):
    the rest of the site builds, and each draft gets a page marked as such. Every
    other build refuses them.
    """
    root = root or data_dir.parent
    heap = session.heap if session is not None else None
    with paused_collection(), heap.around_build() if heap is not None else nullcontext():
        return _build(data_dir, out_dir, root, site, session, drafts)


def _build(data_dir: Path, out_dir: Path | None, root: Path, site: Site | None,
           session: Session | None, drafts: bool) -> BuildResult:
    loaded = load(data_dir, root=root, memo=session.files if session else None)
    kb, problems = validate(loaded, drafts=drafts,
                            memo=session.checked if session else None)
    if errors(problems):
        return BuildResult({}, problems)
    history = last_changed(data_dir, root)
    site = replace(site or Site(), changed=history.changed, cut_off=history.cut_off)
    pages = render(link(kb), site, session.render if session else None)
    changed = (write(pages, out_dir, session.written if session else None)
               if out_dir is not None else list(pages))
    return BuildResult(pages, problems, changed, history.notes, list(kb.drafts.values()))
