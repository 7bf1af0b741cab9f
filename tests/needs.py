"""Tests that need something outside the repository run, or the session fails saying
what to install; they are left out only when a variable says so, and the summary
counts them (issue 15, item 10: a fresh clone's `make test` once passed with 47
browser tests skipped).

Three such needs: a Chromium-based browser (`browser` tests: Debian's Chromium, Google
Chrome, or Playwright's own), the source material the data was written from
(`sources` tests: ../shared/sources beside the project), and Node.js (`node` tests:
its own syntax check of the site's scripts). Registered by conftest (`pytest_plugins`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb.text.wording import count
from tests.conftest import ROOT

BROWSER_COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                    "google-chrome-beta", "chrome")
"""Names a Chromium-based browser has on the PATH: Debian's and Ubuntu's Chromium,
Google Chrome's packages."""
BROWSER_PATHS = (
    "/opt/google/chrome/chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
)
"""Where Google Chrome and Chromium install themselves outside the PATH."""
NODE_COMMANDS = ("node", "nodejs")
SOURCE_MATERIAL = ROOT.parent / "shared" / "sources"
"""The source material the data was written from, beside the project (kb ground's
default)."""


@dataclass(frozen=True)
class Found:
    """What a need found: a path and how it was found, or None and what to do."""

    path: str | None
    how: str


def find_browser(environ: Mapping[str, str] | None = None,
                 paths: tuple[str, ...] | None = None,
                 playwright: Callable[[], str | None] | None = None) -> Found:
    """A Chromium-based browser for the browser tests, in this order: the one
    `KB_CHROMIUM` names (which must exist); one of `BROWSER_COMMANDS` on the PATH of
    `environ`; one of `paths`; Playwright's own download. Playwright is never asked
    to download one: where it cannot (no internet), that would hang or fail late.
    `environ`, `paths` and `playwright` default to this process's environment,
    `BROWSER_PATHS` and asking Playwright."""
    environ = os.environ if environ is None else environ
    named = environ.get("KB_CHROMIUM")
    if named:
        if Path(named).is_file():
            return Found(named, "KB_CHROMIUM")
        return Found(None, f"KB_CHROMIUM={named} names no file; point it at a Chromium "
                           "or Chrome executable, or unset it")
    for command in BROWSER_COMMANDS:
        found = shutil.which(command, path=environ.get("PATH", os.defpath))
        if found:
            return Found(found, f"{command} on the PATH")
    for path in BROWSER_PATHS if paths is None else paths:
        if Path(path).is_file():
            return Found(path, "its usual place")
    own = (playwright or _playwright_chromium)()
    if own:
        return Found(own, "Playwright's own download")
    return Found(None, "no Chromium or Chrome found: install Debian's (apt-get install -y "
                       "chromium) or Google Chrome, or Playwright's own where it can "
                       "download (.venv/bin/playwright install chromium), or name one "
                       "with KB_CHROMIUM=/path/to/chrome")


def _playwright_chromium() -> str | None:
    """Where Playwright keeps the Chromium it downloads, if it is there."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # no driver, an unsupported system: then there is none
        return None
    return path if path and Path(path).is_file() else None


def find_node(environ: Mapping[str, str] | None = None) -> Found:
    """Node.js for the `node` tests: `node` (or Debian's older name, `nodejs`) on the
    PATH of `environ`, this process's environment by default."""
    environ = os.environ if environ is None else environ
    for command in NODE_COMMANDS:
        found = shutil.which(command, path=environ.get("PATH", os.defpath))
        if found:
            return Found(found, f"{command} on the PATH")
    return Found(None, "no Node.js found: install it (on Debian or Ubuntu, apt-get install "
                       "-y nodejs)")


def find_sources() -> Found:
    if (SOURCE_MATERIAL / "dossier.md").is_file():
        return Found(str(SOURCE_MATERIAL), "beside the project")
    return Found(None, f"the source material is not at {SOURCE_MATERIAL}: put the "
                       "shared/sources folder beside the project")


@dataclass(frozen=True)
class Need:
    marker: str
    what: tuple[str, str]
    """One test and several, in words: ('browser test', 'browser tests')."""
    skip: str
    """The variable that leaves them out."""
    find: Callable[[], Found]


NEEDS = (
    Need("browser", ("browser test", "browser tests"), "KB_SKIP_BROWSER", find_browser),
    Need("sources", ("test against the source material", "tests against the source material"),
         "KB_SKIP_SOURCES", find_sources),
    Need("node", ("script check with Node.js", "script checks with Node.js"), "KB_SKIP_NODE",
         find_node),
)
_found: dict[str, Found] = {}
_left_out: dict[str, int] = {}


def browser_path() -> str:
    """The browser the session found (for the `browser` fixture)."""
    found = _found.get("browser") or find_browser()
    if found.path is None:
        raise RuntimeError(found.how)
    return found.path


def node_path() -> str:
    """The Node.js the session found (for the `node` tests)."""
    found = _found.get("node") or find_node()
    if found.path is None:
        raise RuntimeError(found.how)
    return found.path


def pytest_itemcollected(item: pytest.Item) -> None:
    """A test using the `browser` fixture is a browser test, marked or not, before
    `-m` selects: `-m "not browser"` leaves it out too."""
    if "browser" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """After `-m` and `-k` have selected: every need of a selected test is met, or
    left out on purpose (deselected and counted), or the session stops here saying
    what to install."""
    missing = []
    for need in NEEDS:
        tests = [item for item in items if item.get_closest_marker(need.marker)]
        if not tests:
            continue
        if _skipped(need):
            items[:] = [item for item in items if not item.get_closest_marker(need.marker)]
            config.hook.pytest_deselected(items=tests)
            _left_out[need.marker] = len(tests)
            continue
        found = _found[need.marker] = need.find()
        if found.path is None:
            missing.append(f"{_count(len(tests), need)} cannot run: {found.how}. To leave "
                           f"them out on purpose, set {need.skip}=1")
    if missing:
        raise pytest.UsageError("\n".join(missing))


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = []
    for need in NEEDS:
        if _skipped(need):
            lines.append(f"{need.what[1]}: left out ({need.skip}={os.environ[need.skip]})")
    return lines


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for need in NEEDS:
        if need.marker in _found and _found[need.marker].path:
            found = _found[need.marker]
            terminalreporter.write_line(f"{need.what[1]} ran with {found.path} ({found.how})")
        if _left_out.get(need.marker):
            count = _left_out[need.marker]
            terminalreporter.write_line(
                f"{_count(count, need)} left out: {need.skip}={os.environ.get(need.skip)} is "
                "set; unset it to run them",
                yellow=True, bold=True)


def _skipped(need: Need) -> bool:
    try:
        return _truthy(os.environ.get(need.skip))
    except pytest.UsageError as error:
        raise pytest.UsageError(f"{need.skip}={error}") from None


def _count(number: int, need: Need) -> str:
    return count(number, *need.what)


_YES = frozenset({"1", "yes", "true", "on", "y"})
_NO = frozenset({"", "0", "no", "false", "off", "n"})


def _truthy(value: str | None) -> bool:
    """Whether a variable such as KB_SKIP_BROWSER asks to leave tests out: 1, yes, true
    or on (any case) do; unset, empty, 0, no, false or off do not (KB_SKIP_BROWSER=no
    once left them out). Anything else stops the session: a guess either way would run
    or leave out tests the person did not mean to."""
    word = (value or "").strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise pytest.UsageError(f"'{value}' is neither yes nor no: set the variable to 1 to "
                            "leave those tests out, or to 0 (or unset it) to run them")
