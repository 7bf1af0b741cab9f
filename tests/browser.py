"""A headless Chromium-based browser, driven by Playwright: shared fixtures for browser
tests.

Registered for every test module by conftest (`pytest_plugins`). Which browser runs
is found by tests.needs (Debian's Chromium, Google Chrome, Playwright's own, or the
one KB_CHROMIUM names); without one the session fails saying what to install, unless
KB_SKIP_BROWSER=1 leaves the browser tests out. Playwright never downloads a browser
here.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

from tests.conftest import ROOT
from tests.needs import browser_path
from tests.site import mkdocs_build


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=browser_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


Opener = Callable[..., "Page"]
"""`open_page(width, scheme="light", *, js=True, height=None, **options) -> Page`."""


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Opener]:
    """open_page(width, scheme='light', *, js=True, height=None, **options) -> a new page
    in a browser window of its own, `width` px wide and `height` high (when not given, a
    phone's 844 below 600 px wide, else 900), in colour scheme `scheme` ('light',
    'dark'), with JavaScript on or off; `options` go to Playwright's
    `Browser.new_context` (is_mobile, has_touch). For the tests that look at a page at
    several widths (390 and 1366 px); every window is closed when the test ends,
    whether it passed or not."""
    contexts = []

    def make(width: int, scheme: str = "light", *, js: bool = True,
             height: int | None = None, **options: Any) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height or (844 if width < 600 else 900)},
            color_scheme=scheme, java_script_enabled=js, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A page with JavaScript off: what a reader without scripts (or a crawler) sees."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@contextmanager
def serving(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None,
            ) -> Iterator[tuple[http.server.ThreadingHTTPServer, str]]:
    """A built site served on a free local port: (server, 'http://127.0.0.1:port'),
    started on entry, shut down on exit."""
    handler_class = functools.partial(handler or _QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The real site, built once per module and served on a free local port."""
    site = tmp_path_factory.mktemp("browser-site")
    with serving(site) as (_, address):
        # Built for the address it is served from, as on GitHub Pages: canonical links,
        # Open Graph addresses and the 404 page are absolute.
        result = mkdocs_build(ROOT, site, env={"SITE_URL": address + "/"})
        assert result.returncode == 0, result.stderr
        yield address


PROJECT = "/iraq-kb/"
"""Where a GitHub Pages project site lives: under the repository's name."""


@pytest.fixture(scope="module")
def project_url(tmp_path_factory) -> Iterator[str]:
    """The real site built as plain `make build` makes it (no SITE_URL), served under a
    project path as GitHub Pages serves a repository's site: its 404.html, with status
    404, for every missing address."""
    site = tmp_path_factory.mktemp("project-site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    with serving(site, _ProjectHandler) as (_, address):
        yield address + PROJECT


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _ProjectHandler(_QuietHandler):
    """The site under PROJECT only; anything else, or missing, gets its 404 page."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PROJECT):
            return super().translate_path("/no-such-file")
        return super().translate_path("/" + path.removeprefix(PROJECT))

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def type_search(page: Page, site_url: str, query: str) -> Locator:
    """Type `query` key by key into the search box of the home page, as a reader does;
    the first result, once shown."""
    page.goto(site_url + "/")
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=40)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    return first
