"""`make test` never skips silently (issue 15, item 10): the browser tests find a
browser or the session fails saying what to install; only KB_SKIP_BROWSER=1 leaves
them out, and the summary counts them. Each case runs pytest in a subprocess, on a
machine made to look as wanted through its environment."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.needs import browser_path, find_browser, find_node, node_path

CONFTEST = """\
import tests.needs

pytest_plugins = ["tests.needs", "tests.browser"]
# A browser installed outside the PATH on this machine is not to be found.
tests.needs.BROWSER_PATHS = ()
"""
BROWSER_TEST = """\
import pytest

pytestmark = pytest.mark.browser


def test_a_page_opens(page):
    page.set_content("<p>opened</p>")
    assert page.inner_text("p") == "opened"


def test_another_page_opens(page):
    page.set_content("<p>opened</p>")
    assert page.inner_text("p") == "opened"
"""
INI = """\
[pytest]
markers =
    browser: drives a browser
    sources: reads the source material
    node: runs Node.js
"""


def machine(tmp_path: Path, commands: dict[str, str] | None = None) -> tuple[Path, dict]:
    """A test folder and an environment with only `commands` (name -> target) on the
    PATH, and no download of Playwright's own."""
    tests = tmp_path / "suite"
    tests.mkdir()
    (tests / "conftest.py").write_text(CONFTEST)
    (tests / "test_page.py").write_text(BROWSER_TEST)
    (tests / "pytest.ini").write_text(INI)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, target in (commands or {}).items():
        (bin_dir / name).symlink_to(target)
    env = {"PATH": str(bin_dir), "PYTHONPATH": str(ROOT), "HOME": os.environ.get("HOME", "/"),
           "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "playwright-downloads")}
    return tests, env


def run(tests: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(tests)], cwd=tests, env=env, capture_output=True, text=True,
                          timeout=300)


def test_without_a_browser_the_session_fails_saying_what_to_install(tmp_path):
    result = run(*machine(tmp_path))
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert ("ERROR: 2 browser tests cannot run: no Chromium or Chrome found: install "
            "Debian's (apt-get install -y chromium) or Google Chrome, or Playwright's own "
            "where it can download (.venv/bin/playwright install chromium), or name one "
            "with KB_CHROMIUM=/path/to/chrome. To leave them out on purpose, set "
            "KB_SKIP_BROWSER=1") in result.stderr


def test_kb_skip_browser_leaves_them_out_and_the_summary_says_how_many(tmp_path):
    tests, env = machine(tmp_path)
    result = run(tests, {**env, "KB_SKIP_BROWSER": "1"})
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED  # all were left out
    assert "2 browser tests left out: KB_SKIP_BROWSER=1 is set; unset it to run them" in \
        result.stdout
    assert "2 deselected" in result.stdout


@pytest.mark.parametrize("value", ["0", "no", "false", "False", "off", ""])
def test_kb_skip_browser_set_to_no_leaves_nothing_out(tmp_path, value):
    # Trial of issue 15: KB_SKIP_BROWSER=no left them out, saying "KB_SKIP_BROWSER=1 is set".
    tests, env = machine(tmp_path)
    result = run(tests, {**env, "KB_SKIP_BROWSER": value})
    assert result.returncode == pytest.ExitCode.USAGE_ERROR  # they ran: no browser here
    assert "2 browser tests cannot run: no Chromium or Chrome found" in result.stderr
    assert "left out" not in result.stdout


@pytest.mark.parametrize("value", ["yes", "true", "ON"])
def test_kb_skip_browser_set_to_yes_leaves_them_out_saying_the_value(tmp_path, value):
    tests, env = machine(tmp_path)
    result = run(tests, {**env, "KB_SKIP_BROWSER": value})
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED
    assert (f"2 browser tests left out: KB_SKIP_BROWSER={value} is set; unset it to run "
            "them") in result.stdout


def test_kb_skip_browser_neither_yes_nor_no_stops_the_session(tmp_path):
    tests, env = machine(tmp_path)
    result = run(tests, {**env, "KB_SKIP_BROWSER": "maybe"})
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert ("KB_SKIP_BROWSER='maybe' is neither yes nor no: set the variable to 1 to leave "
            "those tests out, or to 0 (or unset it) to run them") in result.stderr


def test_kb_chromium_naming_nothing_fails(tmp_path):
    tests, env = machine(tmp_path)
    result = run(tests, {**env, "KB_CHROMIUM": str(tmp_path / "no-such-chrome")})
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert (f"2 browser tests cannot run: KB_CHROMIUM={tmp_path / 'no-such-chrome'} names "
            "no file; point it at a Chromium or Chrome executable, or unset it") in \
        result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("command", ["google-chrome", "chromium-browser"])
def test_a_browser_under_another_name_on_the_path_is_found(command, tmp_path):
    result = run(*machine(tmp_path, {command: browser_path()}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    assert f"browser tests ran with {tmp_path / 'bin' / command} ({command} on the PATH)" in \
        result.stdout


@pytest.mark.browser
def test_playwrights_own_browser_is_found_when_nothing_else_is(tmp_path):
    tests, env = machine(tmp_path)
    where = subprocess.run(
        [sys.executable, "-c", "from playwright.sync_api import sync_playwright\n"
         "with sync_playwright() as p: print(p.chromium.executable_path)"],
        env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(env["PLAYWRIGHT_BROWSERS_PATH"])
    Path(where).parent.mkdir(parents=True)
    Path(where).symlink_to(browser_path())  # as if downloaded
    result = run(tests, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"browser tests ran with {where} (Playwright's own download)" in result.stdout


def test_the_finder_looks_in_order(tmp_path):
    chrome = tmp_path / "chrome"
    chrome.write_text("")
    elsewhere = str(tmp_path / "bin")
    assert find_browser({"KB_CHROMIUM": str(chrome), "PATH": "/usr/bin"}, (),
                        lambda: None).how == "KB_CHROMIUM"
    assert find_browser({"PATH": elsewhere}, ("/nowhere", str(chrome)),
                        lambda: None).path == str(chrome)
    assert find_browser({"PATH": elsewhere}, (), lambda: "/own/chrome").path == "/own/chrome"
    assert find_browser({"PATH": elsewhere}, (), lambda: None).path is None


def test_without_the_source_material_its_tests_fail_or_are_left_out_on_purpose(tmp_path):
    tests, env = machine(tmp_path)
    (tests / "test_page.py").unlink()
    (tests / "test_material.py").write_text(textwrap.dedent("""\
        import pytest
        import tests.needs

        pytestmark = pytest.mark.sources


        def test_reads_it():
            assert tests.needs.SOURCE_MATERIAL.is_dir()
        """))
    (tests / "conftest.py").write_text(CONFTEST + textwrap.dedent(f"""\
        from pathlib import Path

        tests.needs.SOURCE_MATERIAL = Path({str(tmp_path / 'no-material')!r})
        """))
    result = run(tests, env)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert (f"1 test against the source material cannot run: the source material is not "
            f"at {tmp_path / 'no-material'}") in result.stderr
    left_out = run(tests, {**env, "KB_SKIP_SOURCES": "1"})
    assert "1 test against the source material left out: KB_SKIP_SOURCES=1 is set" in \
        left_out.stdout


NODE_TEST = """\
import subprocess

import pytest

from tests.needs import node_path

pytestmark = pytest.mark.node


def test_node_runs():
    assert subprocess.run([node_path(), "--check", __file__.replace(".py", ".js")]).returncode == 0
"""


def node_machine(tmp_path: Path, commands: dict[str, str] | None = None) -> tuple[Path, dict]:
    tests, env = machine(tmp_path, commands)
    (tests / "test_page.py").unlink()
    (tests / "test_node.py").write_text(NODE_TEST)
    (tests / "test_node.js").write_text("var a = 1;\n")
    return tests, env


def test_without_node_the_script_checks_fail_saying_what_to_install(tmp_path):
    tests, env = node_machine(tmp_path)
    result = run(tests, env)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert ("ERROR: 1 script check with Node.js cannot run: no Node.js found: install it "
            "(on Debian or Ubuntu, apt-get install -y nodejs). To leave them out on "
            "purpose, set KB_SKIP_NODE=1") in result.stderr
    left_out = run(tests, {**env, "KB_SKIP_NODE": "1"})
    assert "1 script check with Node.js left out: KB_SKIP_NODE=1 is set; unset it to run " \
        "them" in left_out.stdout


@pytest.mark.node
@pytest.mark.parametrize("command", ["node", "nodejs"])
def test_node_is_found_under_either_name(command, tmp_path):
    result = run(*node_machine(tmp_path, {command: node_path()}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"script checks with Node.js ran with {tmp_path / 'bin' / command} ({command} on " \
        "the PATH)" in result.stdout
    assert find_node({"PATH": str(tmp_path / "nowhere")}).path is None
