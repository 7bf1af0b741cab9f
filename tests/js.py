"""This site's own scripts as the browser gets them: which files ship and in what order,
and what each defines on `window`, reads from it, or leaks into it. Read with
tree-sitter's JavaScript grammar (tree-sitter and tree-sitter-javascript, pinned in
requirements.txt), so that these checks need no Node.js; tests/test_scripts.py also
has Node.js check the syntax where it is installed.

A script here is a classic script: every one shares the page's global scope, so a name
declared at its top level, or assigned without a declaration outside strict mode, is a
global that another script can take by accident. Hence the rules: each file is an ES
module or wraps its code in functions (an IIFE, or functions it assigns to `window`),
each function at its top runs in strict mode, and each file declares, in a line
`// Globals defined: a, b` (or `none`), the names it puts on `window`.
"""

from __future__ import annotations

import importlib.util
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

from tests.conftest import ROOT

OVERRIDES = ROOT / "overrides"
SCRIPTS = OVERRIDES / "js"
BUNDLE = OVERRIDES / "assets" / "kb.js"
"""The static template that joins the scripts every page may use into one file."""
HOOK = ROOT / "scripts" / "mkdocs_hook.py"
OURS = "kb"
"""The prefix of the globals this site's scripts define for each other."""

_DECLARED = re.compile(r"^// Globals defined: (.+?)\.?$", re.M)
_INCLUDE = re.compile(r'{%-?\s*include\s+"js/([\w.-]+\.js)"')
_FUNCTIONS = ("function_expression", "function_declaration", "arrow_function",
              "generator_function", "generator_function_declaration", "method_definition")
_GLOBAL_OBJECTS = ("window", "globalThis")


@cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_javascript.language()))


@dataclass(frozen=True)
class Script:
    """One script file, parsed."""

    name: str
    """Its file name under overrides/js/: 'page.js'."""
    text: str
    root: Node

    @classmethod
    def read(cls, path: Path) -> Script:
        return cls.parse(path.name, path.read_text(encoding="utf-8"))

    @classmethod
    def parse(cls, name: str, text: str) -> Script:
        return cls(name, text, _parser().parse(text.encode("utf-8")).root_node)


def scripts() -> list[Script]:
    """Every script of overrides/js/, by name."""
    return [Script.read(path) for path in sorted(SCRIPTS.glob("*.js"))]


def is_module(script: Script) -> bool:
    """Whether it is an ES module (it imports or exports at its top level)."""
    return any(node.type in ("import_statement", "export_statement")
               for node in script.root.named_children)


def syntax_errors(script: Script) -> list[str]:
    """'line:column: ...' for each place the grammar could not read."""
    return [f"{_at(node)}: {'missing ' + node.type if node.is_missing else 'cannot read'} "
            f"{_text(node)[:40]!r}" for node in _walk(script.root)
            if node.is_error or node.is_missing]


def declared(script: Script) -> set[str] | None:
    """The names its `// Globals defined:` line declares; None without one."""
    match = _DECLARED.search(script.text)
    if not match:
        return None
    return set() if match[1] == "none" else {name.strip() for name in match[1].split(",")}


def defined(script: Script) -> dict[str, str]:
    """Each global it assigns (`window.name = ...`), with where, first place first;
    a computed name (`window[x] = ...`) as '[...]', which no declaration can name."""
    found: dict[str, str] = {}
    for node in _walk(script.root):
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            name = _global_name(node.child_by_field_name("left"))
            if name:
                found.setdefault(name, _at(node))
    return found


def read(script: Script) -> dict[str, str]:
    """Each global of this site's (`window.kb...`) that it reads, with where."""
    found: dict[str, str] = {}
    for node in _walk(script.root):
        name = _global_name(node)
        parent = node.parent
        assigned = parent is not None and parent.type.endswith("assignment_expression") \
            and parent.child_by_field_name("left") == node
        if name and name.startswith(OURS) and not assigned:
            found.setdefault(name, _at(node))
    return found


def top_level_faults(script: Script) -> list[str]:
    """What its top level holds besides comments, calls and `window.name = ...`: each
    such declaration would be a global shared with every other script. An ES module
    (import or export) has a scope of its own, and no such fault."""
    statements = [node for node in script.root.named_children if node.type != "comment"]
    if any(node.type in ("import_statement", "export_statement") for node in statements):
        return []
    faults = []
    for node in statements:
        expression = node.named_children[0] if node.type == "expression_statement" else None
        if expression is not None and expression.type == "call_expression":
            continue
        if expression is not None and expression.type == "assignment_expression" and \
                _global_name(expression.child_by_field_name("left")):
            continue
        if _is_directive(node):
            continue
        faults.append(f"{_at(node)}: {node.type.replace('_', ' ')} at the top level "
                      f"({_text(node).splitlines()[0][:50]}); wrap it in a function")
    return faults


def sloppy_functions(script: Script) -> list[str]:
    """The outermost functions whose body does not begin with "use strict": outside
    strict mode, assigning a name never declared makes it a global silently."""
    return [f"{_at(node)}: a function without \"use strict\""
            for node in _outermost_functions(script.root) if not _is_strict(node)]


def undeclared_assignments(script: Script) -> list[str]:
    """Names assigned but declared nowhere in the file (by var, let, const, function,
    a parameter or a catch): each would be a global, or an error in strict mode. The
    file is read as one scope: a name declared anywhere in it counts as declared."""
    declared_names = {_text(node) for node in _declared_identifiers(script.root)}
    faults = []
    for node in _walk(script.root):
        target = None
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            target = node.child_by_field_name("left")
        elif node.type == "update_expression":
            target = node.child_by_field_name("argument")
        if target is not None and target.type == "identifier" and \
                _text(target) not in declared_names:
            faults.append(f"{_at(target)}: '{_text(target)}' is assigned but never declared")
    return faults


@dataclass(frozen=True)
class Shipped:
    """How the scripts reach a page."""

    before: list[str]
    """Written into a page by a template: the 404 page's root.js, before the bundle, and
    the live preview's preview.js (`mkdocs serve` only), after it. Neither may read what
    another script defines (`runs_before` gives them none)."""
    bundle: list[str]
    """Joined, in this order, into assets/kb.js, on every page."""
    later: list[str]
    """Loaded by `window.kbLoad` once the bundle has run, when a page needs them."""
    modules: list[str]
    """ES modules the scripts `import()` (spelling.js): a scope of their own, so they
    read and define no global, and run whenever imported."""

    def runs_before(self, name: str) -> list[str]:
        """The scripts that have run when `name` starts."""
        if name in self.bundle:
            return self.before + self.bundle[:self.bundle.index(name)]
        if name in self.later:
            return self.before + self.bundle
        return []

    def all(self) -> list[str]:
        return self.before + self.bundle + self.later + self.modules


def shipped(all_scripts: list[Script]) -> Shipped:
    """Where each script is loaded from: the bundle's includes, other templates'
    includes, the names scripts pass to `window.kbLoad`, and the modules they import
    (`import(new URL("spelling.js", here).href)`: the file names written in the call)."""
    bundle = _INCLUDE.findall(BUNDLE.read_text(encoding="utf-8"))
    before = [name for template in sorted(OVERRIDES.rglob("*.html"))
              for name in _INCLUDE.findall(template.read_text(encoding="utf-8"))]
    later = sorted({_text(argument).strip("\"'") for script in all_scripts
                    for node in _walk(script.root) if node.type == "call_expression"
                    and _global_name(node.child_by_field_name("function")) == "kbLoad"
                    for argument in node.child_by_field_name("arguments").named_children
                    if argument.type == "string"})
    modules = sorted({_text(string).strip("\"'") for script in all_scripts
                      for node in _walk(script.root) if node.type == "call_expression"
                      and node.child_by_field_name("function").type == "import"
                      for string in _walk(node.child_by_field_name("arguments"))
                      if string.type == "string" and _text(string)[1:-1].endswith(".js")})
    return Shipped(before, bundle, later, modules)


def bundle_text(*, minified: bool = False) -> str:
    """assets/kb.js as MkDocs renders it: the scripts it includes, joined; readable,
    as they are in overrides/js/, unless `minified`: then as the site serves it, through
    the template filters the MkDocs hook adds (`add_minifiers`)."""
    environment = theme_templates(minified=minified)
    return environment.get_template("assets/kb.js").render()


def theme_templates(*, minified: bool) -> jinja2.Environment:
    """The overrides' templates, with the MkDocs hook's minifying filters (`minified`)
    or without them, as a build without the hook renders them."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES))
    return hook().add_minifiers(environment) if minified else environment


@cache
def hook() -> types.ModuleType:
    """scripts/mkdocs_hook.py, loaded from its file as MkDocs loads it."""
    spec = importlib.util.spec_from_file_location("kb_hook_for_scripts", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- the tree


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8")


def _at(node: Node) -> str:
    return f"{node.start_point.row + 1}:{node.start_point.column + 1}"


def _global_name(node: Node | None) -> str | None:
    """'kbLoad' for `window.kbLoad` (or `globalThis.kbLoad`); '[...]' for `window[x]`."""
    if node is None or node.type not in ("member_expression", "subscript_expression"):
        return None
    owner = node.child_by_field_name("object")
    if owner is None or owner.type != "identifier" or _text(owner) not in _GLOBAL_OBJECTS:
        return None
    if node.type == "subscript_expression":
        return "[...]"
    return _text(node.child_by_field_name("property"))


def _is_directive(node: Node) -> bool:
    return node.type == "expression_statement" and bool(node.named_children) and \
        node.named_children[0].type == "string" and \
        _text(node.named_children[0])[1:-1] == "use strict"


def _is_strict(function: Node) -> bool:
    body = function.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return False
    statements = [node for node in body.named_children if node.type != "comment"]
    return bool(statements) and _is_directive(statements[0])


def _outermost_functions(node: Node) -> Iterator[Node]:
    for child in node.children:
        if child.type in _FUNCTIONS:
            yield child
        else:
            yield from _outermost_functions(child)


def _declared_identifiers(root: Node) -> Iterator[Node]:
    for node in _walk(root):
        if node.type == "variable_declarator" or node.type.startswith(("function", "generator")):
            name = node.child_by_field_name("name")
            if name is not None:
                yield from _identifiers(name)
        elif node.type == "formal_parameters":
            yield from _identifiers(node)
        elif node.type == "arrow_function":
            parameter = node.child_by_field_name("parameter")
            if parameter is not None:
                yield parameter
        elif node.type == "catch_clause":
            parameter = node.child_by_field_name("parameter")
            if parameter is not None:
                yield from _identifiers(parameter)


def _identifiers(pattern: Node) -> Iterator[Node]:
    """The names a declaration's pattern binds (destructuring included); defaults'
    values are not names it binds, but reading them as such only declares more."""
    for node in _walk(pattern):
        if node.type in ("identifier", "shorthand_property_identifier_pattern"):
            yield node
