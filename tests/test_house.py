"""The house stays tidy (issue 16, item 6): no dead code, and no comment, docstring or
guide that sends a reader to a file that is not there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import vulture

from tests.conftest import ROOT

# Names that a framework calls or sets by name, so that no code of ours uses them:
# vulture cannot know them. Each with the framework that wants it.
CALLED_BY_NAME = {
    "on_*": "MkDocs hook events (scripts/mkdocs_hook.py)",
    "pytest_*": "pytest hooks (tests/needs.py)",
    "pytestmark": "pytest's marks for a whole module",
    "handle_*": "html.parser.HTMLParser callbacks",
    "log_message": "http.server's request log, silenced",
    "model_config": "pydantic's settings of a model",
    "ignore_aliases": "PyYAML's dumper hook",
    "load_bytecode": "jinja2.BytecodeCache",
    "dump_bytecode": "jinja2.BytecodeCache",
    "bytecode_cache": "jinja2.Environment's cache, set by the hook",
    "is_modified": "MkDocs' File.is_modified, set by the hook",
    "traceback": "the third argument of a context manager's __exit__",
    "loader": "the first argument of a PyYAML constructor",
}
VALIDATORS = ["@field_validator", "@model_validator"]
"""pydantic calls these on every model of the data."""

NAMING_FILES = ["mkdocs.yml", "Makefile", "pyproject.toml", "README.md", ".ci/run",
                ".github/workflows/*.yml", "docs/*.md", "overrides/**/*.*", "scripts/**/*.py",
                "tests/*.py"]
"""Where comments, docstrings and guides name the project's own files. The data and
the tests' data trees (fixtures, golden pages) name files of their own examples, and
so does this file, to show what the test finds."""
FOLDERS = ("overrides", "scripts", "docs", "tests", "schema", "kb", ".ci", ".github")
_NAMED = re.compile(rf"(?<![\w/.~-])((?:{'|'.join(re.escape(f) for f in FOLDERS)})"
                    r"/[\w./*-]*[\w*])")


def dead_code(paths: list[Path], root: Path = ROOT) -> list[str]:
    """What vulture finds unused in `paths` (read as one program), as
    `path:line: message` with paths relative to `root`, names called by a framework
    aside."""
    finder = vulture.Vulture(ignore_names=list(CALLED_BY_NAME), ignore_decorators=VALIDATORS)
    finder.scavenge([str(p) for p in paths], exclude=["*/vendor/*", "*/golden/*"])
    fields = shape_fields([file for p in paths for file in sorted(p.rglob("*.py"))
                           if "vendor" not in file.parts])
    return [f"{Path(item.filename).relative_to(root)}:{item.first_lineno}: {item.message}"
            for item in finder.get_unused_code(min_confidence=60)
            if (Path(item.filename).resolve(), item.first_lineno) not in fields]


SHAPES = {"TypedDict", "BaseModel", "NamedTuple"}
"""Classes whose annotated names are keys read by name (a JSON row, a YAML field), which
vulture cannot see being used: `row["quote_said"]`, pydantic filling a field."""


def shape_fields(files: list[Path]) -> set[tuple[Path, int]]:
    """(file, line) of each field declared in a class that derives, directly or through
    classes of the same files, from one of `SHAPES`."""
    classes: dict[str, tuple[list[str], Path, ast.ClassDef]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
                classes[node.name] = (bases, path, node)

    def is_shape(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name in SHAPES:
            return True
        if name not in classes or name in seen:
            return False
        return any(is_shape(base, seen | {name}) for base in classes[name][0])

    return {(path.resolve(), stmt.lineno)
            for name, (_, path, node) in classes.items() if is_shape(name)
            for stmt in node.body if isinstance(stmt, ast.AnnAssign)}


def test_no_code_is_left_that_nothing_uses():
    # A function the tests use counts as used: it is there for them (a check's helper).
    assert dead_code([ROOT / "scripts", ROOT / "tests"]) == []


def test_dead_code_is_found(tmp_path: Path):
    # The case of issue 16: an exception class nothing raised, and a helper nothing called.
    (tmp_path / "problems.py").write_text(
        'class ProblemsFound(Exception):\n    """Raised nowhere."""\n\n\n'
        "def entity_ids(kb):\n    return list(kb)\n\n\n"
        "def on_config(config):\n    return config\n", encoding="utf-8")
    assert dead_code([tmp_path], tmp_path) == ["problems.py:1: unused class 'ProblemsFound'",
                                               "problems.py:5: unused function 'entity_ids'"]


def named_files(text: str) -> list[tuple[int, str]]:
    """(line, path) for each path of the project that `text` names: a word that starts
    with one of its folders (`kb/...` for `scripts/kb/...`); web addresses aside."""
    return [(text.count("\n", 0, match.start()) + 1, match[1])
            for match in _NAMED.finditer(text)]


def exists(named: str) -> bool:
    path = "scripts/" + named if named.startswith("kb/") else named
    return any(ROOT.glob(path)) if "*" in path else (ROOT / path).exists()


def test_every_file_a_comment_or_guide_names_exists():
    # The case of issue 16: mkdocs.yml said the search box was answered by
    # docs/assets/search.js, which does not exist (it is overrides/js/search.js).
    files = sorted({p for pattern in NAMING_FILES for p in ROOT.glob(pattern)
                    if p.is_file() and p != Path(__file__)})
    assert len(files) > 100
    missing = [f"{path.relative_to(ROOT)}:{line} names {named}, which does not exist"
               for path in files
               for line, named in named_files(path.read_text(encoding="utf-8"))
               if not exists(named)]
    assert missing == []


def test_a_named_file_is_found_in_a_comment_and_checked():
    text = ("# answered by docs/assets/search.js from the index\n"
            "x = 1  # see kb/pipeline/render/memo.py, overrides/js/*.js and scripts/kb/none.py.\n"
            "# not a path: https://example.org/kb/people/ada/ or data/people/x.yaml\n")
    assert named_files(text) == [(1, "docs/assets/search.js"), (2, "kb/pipeline/render/memo.py"),
                                 (2, "overrides/js/*.js"), (2, "scripts/kb/none.py")]
    assert [exists(named) for _, named in named_files(text)] == [False, True, True, False]


PLURAL = "a plural (use kb.text.wording)"
SERIES = "a list in words (use kb.text.wording.series)"
SUGGESTION = "a did-you-mean (use kb.problems.did_you_mean)"
HELPERS = {"scripts/kb/text/wording.py", "scripts/kb/problems.py"}


def hand_written(source: str) -> list[tuple[int, str]]:
    """(line, what) for each helper `source` writes again by hand, as its copies did
    (issue 16, item 6: the plural four times, did-you-mean twice): an 's' or 'es'
    chosen by a condition or cut off, '(s)' in a text, a list joined up to its last
    item, difflib's close matches."""
    return sorted((node.lineno, what) for node in ast.walk(ast.parse(source))
                  if (what := _copy_of(node)))


def _copy_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.IfExp):
        branches = (node.body, node.orelse)
        return PLURAL if any(_is(b, "s") or _is(b, "es") for b in branches) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return PLURAL if re.search(r"(?<!http)\(s\)", node.value) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        if node.func.attr == "removesuffix" and _is(node.args[0], "s"):
            return PLURAL
        first = node.args[0]
        if node.func.attr == "join" and isinstance(first, ast.Subscript) \
                and ast.unparse(first.slice) == ":-1":
            return SERIES
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
    return SUGGESTION if name == "get_close_matches" else None


def _is(node: ast.AST, text: str) -> bool:
    return isinstance(node, ast.Constant) and node.value == text


def test_counts_lists_and_suggestions_are_written_by_their_helpers_only():
    copies = [f"{path.relative_to(ROOT)}:{line}: {what}"
              for path in sorted((ROOT / "scripts").rglob("*.py"))
              if path.relative_to(ROOT).as_posix() not in HELPERS
              for line, what in hand_written(path.read_text(encoding="utf-8"))]
    assert copies == []


def test_a_hand_written_copy_is_found():
    # The copies issue 16 found, as they were written, one a line.
    copies = (ROOT / "tests" / "fixtures" / "copies.py.txt").read_text(encoding="utf-8")
    assert hand_written(copies) == [(2, PLURAL), (3, PLURAL), (4, PLURAL), (5, PLURAL),
                                    (6, PLURAL), (7, PLURAL), (8, SERIES), (9, SERIES),
                                    (10, SERIES), (11, SUGGESTION)]
    # What is none of them: a call with an 's', an http(s) address, a join of a list.
    assert hand_written("n = len(s)\nx = 'an http(s) address'\ny = ', '.join(a[1:])\n") == []


def test_fields_of_a_shape_are_not_dead(tmp_path: Path):
    # A TypedDict's keys are read as strings (row["said"]) and a model's fields are
    # filled by name: vulture sees neither; a plain class's unused attribute stays found.
    (tmp_path / "shapes.py").write_text(
        "from typing import TypedDict\n\n\n"
        "class Row(TypedDict):\n    said: str\n\n\n"
        "class Later(Row):\n    also: int\n\n\n"
        "class Plain:\n    spare: int = 0\n\n\n"
        "print(Row, Later, Plain)\n", encoding="utf-8")
    assert dead_code([tmp_path], tmp_path) == ["shapes.py:13: unused variable 'spare'"]
