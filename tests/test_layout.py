"""The layout shows the parts (issue 16, item 6): a newcomer finds the five stages in
one folder, in order, and the README's picture of the package is the package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

KB = ROOT / "scripts" / "kb"
STAGES = ["load", "validate", "link", "render", "write"]


def _module(name: str) -> Path:
    folder = KB / "pipeline" / name
    return folder / "__init__.py" if folder.is_dir() else folder.with_suffix(".py")


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def test_each_stage_is_a_module_of_the_pipeline_folder_that_says_its_place():
    said = [_docstring(_module(stage)).split(":")[0] for stage in STAGES]
    assert said == [f"Stage {n}, {stage}" for n, stage in enumerate(STAGES, 1)]


def test_the_pipeline_folder_lists_the_stages_in_the_order_they_run():
    text = _docstring(KB / "pipeline" / "__init__.py")
    named = re.findall(r"^\d\. `(\w+)/?`", text, re.M)
    assert named == STAGES


def _readme_tree() -> dict[str, list[str]]:
    """The README's picture of scripts/kb/: each top entry with the entries under it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\nscripts/kb/\n", 1)[1].split("```", 1)[0]
    tree: dict[str, list[str]] = {}
    for line in block.splitlines():
        top = re.match(r"^[├└]── (\S+)", line)
        under = re.match(r"^│   [├└]── (\S+)", line)
        if top:
            tree[top.group(1)] = []
            last = top.group(1)
        elif under:
            tree[last].append(under.group(1))
    return tree


def _entries(folder: Path) -> set[str]:
    """Modules and packages in `folder`: a folder left with only Python's bytecode (a
    module moved away, its __pycache__ kept by git's ignore rules) is no package."""
    return {p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
            if p.name != "__init__.py" and (p.suffix == ".py" if p.is_file()
                                            else (p / "__init__.py").is_file())}


def test_the_readme_draws_the_package_as_it_is():
    tree = _readme_tree()
    # Every folder of kb is drawn, and every module drawn exists where it is drawn.
    folders = {e for e in _entries(KB) if e.endswith("/")}
    assert folders <= set(tree), f"folders the README does not draw: {folders - set(tree)}"
    for top, under in tree.items():
        assert (KB / top).exists(), f"the README draws scripts/kb/{top}, which is not there"
        for name in under:
            assert (KB / top / name).exists(), f"scripts/kb/{top}{name} is not there"
    # Modules at the top are few, and each is drawn: the rest lives in a folder.
    modules = {e for e in _entries(KB) if not e.endswith("/")}
    drawn = set(tree)
    assert modules <= drawn, f"modules at kb's top the README does not draw: {modules - drawn}"


def test_every_pipeline_stage_is_drawn_under_pipeline_in_order():
    drawn = [name.removesuffix(".py").removesuffix("/")
             for name in _readme_tree()["pipeline/"]]
    assert [d for d in drawn if d in STAGES] == STAGES
