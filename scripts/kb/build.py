"""The pipeline in one place: load -> validate -> link -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb.link import link
from kb.load import load
from kb.problems import Problem, errors
from kb.render import Pages, render
from kb.validate import validate
from kb.write import write


@dataclass
class BuildResult:
    """What a build made, and what it found wrong."""

    pages: Pages = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def build(data_dir: Path, out_dir: Path | None = None, *, root: Path | None = None) -> BuildResult:
    """Run every stage; write pages to `out_dir` only when the data has no errors."""
    loaded = load(data_dir, root=root)
    kb, problems = validate(loaded)
    if errors(problems):
        return BuildResult({}, problems)
    pages = render(link(kb))
    if out_dir is not None:
        write(pages, out_dir)
    return BuildResult(pages, problems)
