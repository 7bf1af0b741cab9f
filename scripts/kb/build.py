"""The pipeline in one place: load -> validate -> link -> render -> write."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb.addresses import PagePath
from kb.history import last_changed
from kb.link import link
from kb.load import load
from kb.model import Draft
from kb.problems import Problem, errors
from kb.render import Pages, render
from kb.render.memo import PageMemo
from kb.render.site import Site
from kb.validate import validate
from kb.write import write

COLLECT_EVERY = 10
"""Builds between two full collections: a build leaves a dozen objects in garbage
cycles, and a full collection walks the whole heap (0.1 s of every save in a
`mkdocs serve` of 1,000 entries)."""
_builds = 0


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the pipeline runs: it builds hundreds of
    thousands of objects that live until the end, and each collection walks them all
    again (a fifth of the pipeline at 10,000 entries). Reference counting still frees
    everything that is not in a cycle.

    Afterwards what survives (the caches the live preview reuses) is frozen: the
    generator's own collections, during the rest of its build, then skip it. Every
    `COLLECT_EVERY` builds garbage cycles are collected first, so that a long preview
    session does not keep them."""
    global _builds
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        _builds += 1
        if _builds % COLLECT_EVERY == 0:
            gc.collect()
        gc.freeze()
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
    shallow clone's history too short to date every page (kb.history)."""
    drafts: list[Draft] = field(default_factory=list)
    """Files set aside as drafts, each shown on a page of its own (the preview only)."""

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def build(data_dir: Path, out_dir: Path | None = None, *, root: Path | None = None,
          site: Site | None = None, memo: PageMemo | None = None,
          drafts: bool = False) -> BuildResult:
    """Run every stage; write pages to `out_dir` only when the data has no errors.

    `site` names the site and its address for citations; the dates of last change
    are read here from the repository's history (a shallow clone's missing history
    leaves pages it may misdate undated, and a note in the result). `memo`, kept from
    one build to the next (the live preview), reuses entry pages whose inputs have not
    changed. `drafts`, for the live preview only, sets aside files `kb new` made whose
    placeholders are not all filled in (kb.validate.set_aside): the rest of the site
    builds, and each draft gets a page marked as such. Every other build refuses them.
    """
    root = root or data_dir.parent
    with without_cycle_collection():
        return _build(data_dir, out_dir, root, site, memo, drafts)


def _build(data_dir: Path, out_dir: Path | None, root: Path, site: Site | None,
           memo: PageMemo | None, drafts: bool) -> BuildResult:
    loaded = load(data_dir, root=root)
    kb, problems = validate(loaded, drafts=drafts)
    if errors(problems):
        return BuildResult({}, problems)
    history = last_changed(data_dir, root)
    site = replace(site or Site(), changed=history.changed, cut_off=history.cut_off)
    pages = render(link(kb), site, memo)
    changed = write(pages, out_dir) if out_dir is not None else list(pages)
    return BuildResult(pages, problems, changed, history.notes, list(kb.drafts.values()))
