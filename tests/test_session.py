"""One session owns every cache (issue 16, item 1): whatever a build keeps for the
next is held by the `kb.pipeline.session.Session` its owner passes in, and nothing in `kb`
keeps state at module level, so that a one-off build keeps nothing and the preview
behaves as a build from nothing (tests/test_memo.py)."""

from __future__ import annotations

import ast
import copy
import importlib
import pkgutil
import types
from collections import deque
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import pytest

import kb
from kb.pipeline.build import build
from kb.pipeline.session import Session
from kb.tools.cli import main
from tests.conftest import MINI

MODULES = [importlib.import_module(info.name)
           for info in pkgutil.walk_packages(kb.__path__, "kb.")]
STRUCTURE_CACHES = {
    "kb.model._is_name": "whether a field of a model class is a name",
    "kb.model.free_text_paths": "where a model class holds free text",
}
"""The only caches kept at module level: of the model's own structure, keyed by its
classes, the same for every build and every data folder; never of data, nor of a
library's reference data (the names of languages are kept by a render's
`kb.pipeline.render.text.TextMemo`)."""
CONTAINERS = (dict, list, set, deque, bytearray)
MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "pop",
                      "popitem", "remove", "discard", "clear", "sort", "reverse",
                      "appendleft", "extendleft", "popleft", "__setitem__", "__delitem__"})


def _own_globals(module: types.ModuleType) -> dict[str, Any]:
    """The module's own values: not modules, nor what it imported from elsewhere."""
    own = {}
    for name, value in vars(module).items():
        if name.startswith("__") or isinstance(value, types.ModuleType):
            continue
        defined_in = getattr(getattr(value, "__wrapped__", value), "__module__", None)
        if callable(value) and defined_in != module.__name__:
            continue  # a function or class imported from elsewhere
        own[name] = value
    return own


def test_no_module_keeps_a_cache_of_data():
    found = {f"{module.__name__}.{name}" for module in MODULES
             for name, value in _own_globals(module).items() if hasattr(value, "cache_info")}
    assert found == set(STRUCTURE_CACHES)


def _module_containers(tree: ast.Module) -> set[str]:
    """Names a module binds, at its top level, to a container it could change."""
    names = set()
    for node in tree.body:
        targets = (node.targets if isinstance(node, ast.Assign) else
                   [node.target] if isinstance(node, ast.AnnAssign) and node.value else [])
        value = getattr(node, "value", None)
        mutable = isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp |
                             ast.ListComp | ast.SetComp) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in {"dict", "list", "set", "defaultdict", "deque",
                                  "bytearray", "OrderedDict", "Counter"})
        if mutable:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _changes(tree: ast.Module, containers: set[str]) -> list[str]:
    """Where a function changes a module-level container, or rebinds a global."""
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        local = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)} | {
            n.id for n in ast.walk(function) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Store)}
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                found.append(f"line {node.lineno}: global {', '.join(node.names)}")
            target = None
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MUTATORS):
                target = node.func.value
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
                target = node.value
            if (isinstance(target, ast.Name) and target.id in containers
                    and target.id not in local):
                found.append(f"line {node.lineno}: {target.id} changed")
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_no_function_changes_what_its_module_holds(module: types.ModuleType):
    """No `global`, and no function that adds to, removes from or sets an item of a
    container the module holds: module-level containers are constants."""
    tree = ast.parse(Path(module.__file__ or "").read_text("utf-8"))
    assert _changes(tree, _module_containers(tree)) == []


def _state() -> dict[str, Any]:
    """A copy of every container and context variable every module holds."""
    state: dict[str, Any] = {}
    for module in MODULES:
        for name, value in _own_globals(module).items():
            if isinstance(value, CONTAINERS):
                state[f"{module.__name__}.{name}"] = copy.deepcopy(value)
            elif isinstance(value, ContextVar):
                state[f"{module.__name__}.{name}"] = value.get(None)
    return state


def test_builds_leave_every_module_as_they_found_it(tmp_path: Path, capsys):
    before = _state()
    build(MINI / "data", tmp_path / "once", root=MINI)
    session = Session()
    for _ in range(2):
        build(MINI / "data", tmp_path / "preview", root=MINI, session=session, drafts=True)
    assert main(["--root", str(MINI), "validate"]) == 0
    capsys.readouterr()
    after = _state()
    assert [name for name in before if after[name] != before[name]] == []


def test_the_check_sees_a_module_that_keeps_state():
    """The checks above, on a module written the way this project's caches once were."""
    tree = ast.parse(
        "from functools import cache\n"
        "_seen: dict[int, str] = {}\n"
        "_count = 0\n"
        "def remember(key, value):\n"
        "    global _count\n"
        "    _count += 1\n"
        "    _seen[key] = value\n"
        "def forget():\n"
        "    _seen.clear()\n"
        "def shadowed(_seen):\n"
        "    _seen.clear()\n")
    assert _changes(tree, _module_containers(tree)) == [
        "line 5: global _count", "line 7: _seen changed", "line 9: _seen changed"]
