"""The site's own JavaScript (overrides/js/, joined into assets/kb.js) is checked like
its Python (issue 16, item 8): it parses, and the scripts, which share one global scope
in the browser, share no name by accident (tests/js.py says how it reads them).

No linter from the npm registry: ESLint (about 75 packages) found nothing in these
files but three unused `catch` bindings; what it would guard, names leaking between
scripts, is checked here, and Node.js checks the syntax where it is installed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.js import (
    SCRIPTS,
    Script,
    bundle_text,
    declared,
    defined,
    is_module,
    read,
    scripts,
    shipped,
    sloppy_functions,
    syntax_errors,
    theme_templates,
    top_level_faults,
    undeclared_assignments,
)
from tests.needs import node_path

ALL = scripts()
NAMES = [script.name for script in ALL]


def test_the_scripts_are_found():
    assert {"page.js", "search.js", "timeline.js", "root.js"} <= set(NAMES)


@pytest.mark.parametrize("script", ALL, ids=NAMES)
def test_each_script_parses(script: Script):
    assert syntax_errors(script) == []


@pytest.mark.parametrize("script", ALL, ids=NAMES)
def test_each_script_keeps_its_names_to_itself(script: Script):
    assert top_level_faults(script) == []
    assert sloppy_functions(script) == []
    assert undeclared_assignments(script) == []


@pytest.mark.parametrize("script", ALL, ids=NAMES)
def test_each_script_declares_the_globals_it_defines(script: Script):
    assert declared(script) is not None, f"{script.name} has no '// Globals defined:' line"
    assert set(defined(script)) == declared(script)


def test_no_global_is_defined_by_two_scripts():
    owners: dict[str, list[str]] = {}
    for script in ALL:
        for name in defined(script):
            owners.setdefault(name, []).append(script.name)
    assert {name: files for name, files in owners.items() if len(files) > 1} == {}
    assert set(owners) == {"kbOnPage", "kbKeepInAddress", "kbFilterForm", "kbLoad",
                           "kbSyncContents", "kbSpelling"}


def test_every_script_is_shipped_and_what_it_reads_has_run_before_it():
    ships = shipped(ALL)
    assert ships.bundle[0] == "page.js"
    assert ships.later == ["network.js", "notfound.js", "search.js", "timeline.js"]
    # The spelling folds, one module both search.js and network.js import (issue 17).
    assert ships.modules == ["spelling.js"]
    assert all(is_module(script) for script in ALL if script.name in ships.modules)
    assert ships.before == ["root.js", "preview.js"]  # the 404 page's; the live preview's
    assert sorted(ships.all()) == sorted(NAMES)  # a script nothing loads is dead code
    owner = {name: script.name for script in ALL for name in defined(script)}
    unmet = [f"{script.name}:{where}: reads window.{name}, which "
             + (f"{owner[name]} defines after it runs" if name in owner else "nothing defines")
             for script in ALL for name, where in read(script).items()
             if owner.get(name) not in ships.runs_before(script.name)]
    assert unmet == []


# What each check finds, on small scripts written to break its rule.

def test_the_checks_find_what_they_look_for():
    def check(text: str) -> list[str]:
        script = Script.parse("x.js", text)
        return (syntax_errors(script) + top_level_faults(script) + sloppy_functions(script)
                + undeclared_assignments(script))

    assert check('(function () {\n  "use strict";\n  var a = 1;\n  a += 1;\n})();\n') == []
    assert check("(function () {\n  'use strict';\n  var a = ;\n})();\n") == [
        "3:9: cannot read '='"]
    assert check('var shared = 1;\nlet other = 2;\nfunction helper() { "use strict"; }\n') == [
        "1:1: variable declaration at the top level (var shared = 1;); wrap it in a function",
        "2:1: lexical declaration at the top level (let other = 2;); wrap it in a function",
        '3:1: function declaration at the top level (function helper() { "use strict"; })'
        "; wrap it in a function"]
    assert check("(function () {\n  count = 0;\n})();\n") == [
        '1:2: a function without "use strict"', "2:3: 'count' is assigned but never declared"]
    assert check('window.kbOnPage(function () {\n  "use strict";\n  total++;\n});\n') == [
        "3:3: 'total' is assigned but never declared"]
    # An ES module has a scope of its own.
    assert check('import { a } from "./a.js";\nexport const b = a;\n') == []


def test_the_globals_a_script_defines_and_reads_are_found():
    script = Script.parse("x.js", '// Globals defined: kbOne.\n(function () {\n  "use strict";'
                          "\n  window.kbOne = 1;\n  globalThis.kbTwo = window.kbThree;\n"
                          "  window[name] = 2;\n  window.document$.subscribe(f);\n})();\n")
    assert declared(script) == {"kbOne"}
    assert defined(script) == {"kbOne": "4:3", "kbTwo": "5:3", "[...]": "6:3"}
    assert read(script) == {"kbThree": "5:22"}
    assert declared(Script.parse("y.js", "// Globals defined: none.\n")) == set()
    assert declared(Script.parse("z.js", "// No line.\n")) is None


# Node.js reads each script as the browser's engine does, early errors included (what
# strict mode refuses, a name declared twice, a broken regular expression).

@pytest.mark.node
@pytest.mark.parametrize("name", NAMES)
def test_node_accepts_each_script(name: str, tmp_path: Path):
    path = SCRIPTS / name
    if is_module(Script.read(path)):  # Node reads a .js file as CommonJS, .mjs as a module
        path = tmp_path / f"{path.stem}.mjs"
        path.write_text((SCRIPTS / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([node_path(), "--check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.node
@pytest.mark.parametrize("minified", [False, True], ids=["readable", "minified"])
def test_node_accepts_the_scripts_joined_as_every_page_gets_them(minified: bool,
                                                                 tmp_path: Path):
    # Readable, as overrides/js/ has them; minified, as the site serves them (the MkDocs
    # hook's filter): removing a line break can join two statements into one that no
    # longer parses, and this is where that would show.
    joined = tmp_path / "kb.js"
    joined.write_text(bundle_text(minified=minified), encoding="utf-8")
    text = joined.read_text(encoding="utf-8")
    assert ("window.kbOnPage=function" if minified else "window.kbOnPage = function") in text
    result = subprocess.run([node_path(), "--check", str(joined)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.node
@pytest.mark.parametrize("name", shipped(ALL).before)
def test_node_accepts_each_script_a_template_writes_into_a_page_minified(name: str,
                                                                        tmp_path: Path):
    # root.js (the 404 page's) and preview.js (the live preview's) are written into
    # pages through the hook's minifying filter, as the bundle is.
    minified = tmp_path / name
    minified.write_text(theme_templates(minified=True).from_string(
        "{% set text %}{% include 'js/" + name + "' %}{% endset %}{{ text | minify_js }}"
    ).render(), encoding="utf-8")
    assert "\n  " not in minified.read_text(encoding="utf-8")  # minified indeed
    result = subprocess.run([node_path(), "--check", str(minified)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.node
@pytest.mark.parametrize("text", [
    '(function () {\n  "use strict";\n  with (Math) { max(1, 2); }\n})();\n',
    "(function () {\n  let a = 1;\n  let a = 2;\n})();\n",
    '(function () {\n  "use strict";\n  var group = /(/;\n})();\n',
])
def test_node_finds_what_the_grammar_lets_through(text: str, tmp_path: Path):
    script = tmp_path / "x.js"
    script.write_text(text, encoding="utf-8")
    assert syntax_errors(Script.read(script)) == []  # tree-sitter's grammar accepts it
    result = subprocess.run([node_path(), "--check", str(script)], capture_output=True, text=True)
    assert result.returncode == 1 and "SyntaxError" in result.stderr


@pytest.mark.browser
def test_in_the_browser_the_scripts_add_to_window_only_what_they_declare(browser, base_url):
    # The network page loads network.js; going to the search box loads search.js. The
    # same page with assets/kb.js refused (and so nothing it loads) shows what is the
    # browser's and Material's own.
    def globals_on_the_network_page(ours: bool) -> set[str]:
        context = browser.new_context()
        page = context.new_page()
        if not ours:
            page.route("**/assets/kb.js", lambda route: route.abort())
        page.goto(base_url + "/network/")
        page.locator(".md-search__input").focus()
        if ours:
            page.wait_for_function("window.kbSpelling && document.querySelector("
                                   "'form.kb-network-controls').dataset.ready")
        names = set(page.evaluate("Object.getOwnPropertyNames(window)"))
        context.close()
        return names

    added = globals_on_the_network_page(True) - globals_on_the_network_page(False)
    assert added == set().union(*(declared(script) or set() for script in ALL))
