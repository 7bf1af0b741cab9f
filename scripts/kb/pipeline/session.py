"""A series of builds of one project, and everything they keep from one to the next.

Whoever runs builds one after another owns a `Session` and passes it to each
(`kb.pipeline.build.build(..., session=...)`): the live preview (the MkDocs hook makes one when
`mkdocs serve` starts), or a test. It is the one place where the pipeline keeps
anything between builds, so a new session starts from nothing:

- load's last reading of each file (`kb.pipeline.load.FileMemo`);
- validate's checks of each file on its own, with every id it names, and what the
  checks across files read in texts and names (`kb.pipeline.validate.CheckMemo`);
- render's entry pages, each entry's part of the downloads and index rows, escaped
  texts, the network's layout and labels, the search index's parts
  (`kb.pipeline.render.memo.RenderMemo`);
- write's texts of the pages last written, and the folder its last swap put aside
  (`kb.pipeline.write.WriteMemo`);
- for the live preview, the collector's tuning (`kb.tools.preview.FrozenHeap`).

A one-off build (`kb build`, `mkdocs build`, most tests) passes none: it keeps nothing
once it returns. Nothing in `kb` keeps state at module level (tests/test_session.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.pipeline.load import FileMemo
from kb.pipeline.render.memo import RenderMemo
from kb.pipeline.validate import CheckMemo
from kb.pipeline.write import WriteMemo
from kb.tools.preview import FrozenHeap


@dataclass(eq=False)
class Session:
    """What a series of builds of one data folder keeps from one build to the next."""

    files: FileMemo = field(default_factory=FileMemo)
    checked: CheckMemo = field(default_factory=CheckMemo)
    render: RenderMemo = field(default_factory=RenderMemo)
    written: WriteMemo = field(default_factory=WriteMemo)
    heap: FrozenHeap | None = None
    """The cycle collector's tuning between builds, for a long-running preview that
    keeps a large heap (`kb.tools.preview.FrozenHeap`); None leaves the collector alone."""
