"""Benchmark figures a reader and an editor feel, measured in headless Chromium.

- first visit: requests and gzipped bytes to open an entity page, before any search;
  and every entity and source page of the real site (`first_visits`), whose own text
  makes the longest heavier than the synthetic pages;
- search: time from the last key typed to the first result, and what it downloaded,
  for this site's sharded index (kb-search/) and, side by side, for Pagefind over
  the same built pages;
- live preview: seconds from saving a YAML file to the reloaded page showing the
  change under `mkdocs serve`, and whether a page linking to the edited entry changed.

Used by kb.bench.pipeline; a script's figures, never a test's assertions.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import importlib.util
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kb.model import KINDS
from kb.pipeline.render.search import FOLDER as SEARCH_FOLDER
from kb.pipeline.render.search import PREFIX
from kb.text.spelling import search_key, words

CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # a test dependency, as here

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def gzipped(site: Path, url: str, base: str) -> int:
    """Bytes of a response as a server compressing with gzip -6 (as GitHub Pages
    does) would send it."""
    path = url.removeprefix(base).split("?")[0].split("#")[0]
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0


def first_visit_and_search(site: Path, page_path: str, query: str,
                           text_query: str = "") -> dict[str, float]:
    """Open `page_path` cold, then type `query` into the search box key by key; then,
    in a new page, `text_query` (words of the pages' text) the same way.

    For each query: seconds from the last key to its results, and the requests and
    gzipped kilobytes that query fetched from the first key on (the search script and
    its libraries included): what a reader's first search costs."""
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(base + page_path)
        page.wait_for_load_state("networkidle")
        visit = list(fetched)
        figures = {"visit_requests": len(visit),
                   "visit_kb": sum(gzipped(site, url, base) for url in visit) / 1024}
        figures.update(_search(page, site, base, query, fetched, ""))
        if text_query:
            page = chromium.new_page()
            fetched = []
            page.on("request", lambda request: fetched.append(request.url))
            page.goto(base + page_path)
            page.wait_for_load_state("networkidle")
            figures.update(_search(page, site, base, text_query, fetched, "text_"))
        return figures


BUDGET_KB = 70.0
"""What a first visit to an entity page may weigh, gzipped (issue 17, item 1)."""


def first_visits(site: Path, pages: list[str]) -> dict[str, Any]:
    """What a first visit to each of `pages` (site addresses: '/people/abu-taqwa/')
    costs: the requests and gzipped bytes of the first, opened cold in headless
    Chromium; the others' from the same fixed part (Material's stylesheets and script,
    assets/kb.js: the same on every page) and their own HTML, gzipped.

    Returns {"requests", "fixed_kb", "count", "median_kb", "max_kb", "max_page",
    "over": [(page, total KB, own HTML KB), ...] for those above `BUDGET_KB`, heaviest
    first}. Raises ValueError for an empty `pages`."""
    if not pages:
        raise ValueError("no pages to visit")
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(base + pages[0])
        page.wait_for_load_state("networkidle")
    fixed = sum(gzipped(site, url, base) for url in fetched[1:]) / 1024
    own = {path: gzipped(site, base + path, base) / 1024 for path in pages}
    totals = {path: fixed + kb for path, kb in own.items()}
    heaviest = max(totals, key=lambda path: totals[path])
    over = sorted(((path, totals[path], own[path]) for path in pages
                   if totals[path] > BUDGET_KB), key=lambda row: -row[1])
    return {"requests": len(fetched), "fixed_kb": fixed, "count": len(pages),
            "median_kb": statistics.median(totals.values()), "max_kb": totals[heaviest],
            "max_page": heaviest, "over": over}


def _search(page: Any, site: Path, base: str, query: str, fetched: list[str],
            prefix: str) -> dict[str, float]:
    """Type `query` key by key; time from its last key to the results of the whole
    query (search.js marks them with data-query)."""
    before = len(fetched)
    page.locator(".md-search__input").click()
    page.keyboard.type(query[:-1], delay=30)
    page.wait_for_load_state("networkidle")
    start = time.perf_counter()
    page.keyboard.type(query[-1])
    page.wait_for_function("query => document.getElementById('kb-search-results')"
                           ".dataset.query === query", arg=query, timeout=30_000)
    seconds = time.perf_counter() - start
    first = page.locator(".md-search-result__item h1").first
    searched = fetched[before:]
    return {f"{prefix}search_s": seconds, f"{prefix}search_requests": len(searched),
            f"{prefix}search_kb": sum(gzipped(site, url, base) for url in searched) / 1024,
            f"{prefix}search_results": page.locator(".md-search-result__item").count(),
            f"{prefix}search_first": first.inner_text() if first.count() else ""}


def pagefind(site: Path, query: str, text_query: str = "") -> dict[str, float] | None:
    """Index the built site with Pagefind and time one query (and `text_query`) through
    its own API, each from a page that has not loaded Pagefind yet, loading the first
    result's fragment as a result list would. None when Pagefind is missing."""
    if importlib.util.find_spec("pagefind") is None:
        return None
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                    "--root-selector", "article", "--quiet"], check=True,
                   capture_output=True)
    indexing = time.perf_counter() - start
    index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    figures = {"index_s": indexing, "index_mb": index_bytes / 2**20}
    with served(site) as base, browser() as chromium:
        for prefix, asked in (("", query), ("text_", text_query)):
            if not asked:
                continue
            page = chromium.new_page()
            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            fetched: list[str] = []
            page.on("request", lambda request, into=fetched: into.append(request.url))
            seconds = page.evaluate("""async (query) => {
                const start = performance.now();
                const pagefind = await import("/pagefind/pagefind.js");
                const search = await pagefind.search(query);
                if (search.results.length) await search.results[0].data();
                return (performance.now() - start) / 1000;
            }""", asked)
            figures.update({f"{prefix}search_s": seconds,
                            f"{prefix}search_requests": len(fetched),
                            f"{prefix}search_kb": sum(gzipped(site, url, base)
                                                      for url in fetched) / 1024})
    return figures


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


ADDED = """\
name: Added Person {n}
summary:
  text: A person the benchmark adds, then removes.
  cite: [source-0]
relations:
  - type: affiliated_with
    target: {group}
    cite: [source-0]
"""
"""A person the benchmark adds to the people's folder of data/ (then removes): its name
shows on the page of the group it is affiliated with."""
EDITED = "Edited"
"""The word each edit of a fact or a name adds."""


def entry_address(kind: str, entry_id: str) -> str:
    """The site address of an entry's page, from its kind's folder (`kb.model.KINDS`):
    ('group', 'group-3') -> '/groups/group-3/'."""
    return f"/{KINDS[kind].folder}/{entry_id}/"


def added_file(project: Path, n: int) -> Path:
    """The `n`th file the benchmark adds: a person, in the folder of that kind."""
    return project / "data" / KINDS["person"].folder / f"bench-added-{n}.yaml"


def indexed_key(word: str) -> str:
    """The key the search index files `word` under, folded as the index folds it
    (`kb.pipeline.render.search`): 'Edited' -> 'edited'."""
    return search_key(words(word)[0])


def shard_address(word: str) -> str:
    """The address of the search index's shard holding `word`."""
    return f"/{SEARCH_FOLDER}/words/{indexed_key(word)[:PREFIX]}.json"


def live_preview(project: Path, entry: str, group: str) -> dict[str, float]:
    """Seconds from a save in data/ to the reloaded page showing it, under `make
    serve`'s command, for four edits, each the median of three saves: a fact's wording
    in data/<entry>.yaml (the entry's page and the pages of its sources change), its
    name (every page linking to it changes too), a file added (a person affiliated
    with `group`, shown on the group's page) and that file removed; and whether a page
    linking to the entry (the group's) shows the new name (backlinks re-rendered)."""
    port = _free_port()
    log = project / "serve.log"
    with log.open("w") as output:  # a file, not a pipe: a full pipe would stall serve
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload",
             "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}"
    linking_page = entry_address("group", group)
    try:
        _wait_for(base + "/", server, log, seconds=600)
        data = project / "data" / f"{entry}.yaml"
        with browser() as chromium:
            page = chromium.new_page()
            page.goto(base + "/" + entry + "/")  # live reload long-polls: never idle
            time.sleep(2)  # let the first build's file watching settle
            fact = _median_of_saves(page, log, lambda: _edit(data, r"^  text: (.+)$"),
                                    "article")
            # The search index is written in the same build as the page: once the page
            # shows the new word, search finds it.
            with urllib.request.urlopen(base + shard_address(EDITED)) as response:
                indexed = f'"{indexed_key(EDITED)}"' in response.read().decode("utf-8")
            name = _median_of_saves(page, log, lambda: _edit(data, r"^name: (.+)$"), "h1")
            with urllib.request.urlopen(base + linking_page) as response:
                backlink = name["shown"] in response.read().decode("utf-8")
            page.goto(base + linking_page)
            time.sleep(2)
            added = iter(range(3))
            add = _median_of_saves(page, log, lambda: _add(project, next(added), group),
                                   "article")
            removed = iter(range(3))
            remove = _median_of_saves(page, log, lambda: _remove(project, next(removed)),
                                      "article", gone=True)
        figures: dict[str, float] = {"backlink_updated": float(backlink),
                                    "index_updated": float(indexed)}
        for edit, timed in (("fact", fact), ("name", name), ("add", add),
                            ("remove", remove)):
            timed.pop("shown")
            figures.update({f"preview_{edit}_{key}": value for key, value in timed.items()})
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


def _median_of_saves(page: Any, log: Path, save: Callable[[], str], shown_in: str,
                     saves: int = 3, *, gone: bool = False) -> dict[str, Any]:
    """Medians over `saves` saves made by `save`, which returns the text it puts on the
    page (or, with `gone`, takes off it): seconds until the page's `shown_in` shows it
    ('s', or no longer shows it), and where the time went; 'shown' is the text of the
    last save."""
    samples = []
    for _ in range(saves):
        saved = time.perf_counter()
        shown = save()
        located = page.locator(shown_in, has_text=shown).first
        located.wait_for(state="detached" if gone else "visible", timeout=120_000)
        samples.append({"s": time.perf_counter() - saved, **_last_build(log)})
        time.sleep(2)  # one save at a time, as an editor makes them
    result: dict[str, Any] = {key: statistics.median(sample[key] for sample in samples)
                              for key in samples[0]}
    return {**result, "shown": shown}


def _last_build(log: Path) -> dict[str, float]:
    """Where the last rebuild's time went, from the serve log: the kb pipeline (the
    hook logs it), and the whole MkDocs build around it."""
    text = log.read_text("utf-8")
    pipeline = re.findall(r"files changed \(pipeline ([\d.]+) s\)", text)
    built = re.findall(r"Documentation built in ([\d.]+) seconds", text)
    changed = re.findall(r"kb: (\d+) of \d+ generated files changed", text)
    return {"pipeline_s": float(pipeline[-1]) if pipeline else float("nan"),
            "build_s": float(built[-1]) if built else float("nan"),
            "changed": float(changed[-1]) if changed else float("nan")}


def _edit(data: Path, line: str) -> str:
    """Append ' Edited' (`EDITED`) to the first line of `data` matching `line`; the new
    text."""
    text = data.read_text("utf-8")
    match = re.search(line, text, re.MULTILINE)
    assert match, line
    new = f"{match.group(1)} {EDITED}"
    data.write_text(text[:match.start(1)] + new + text[match.end(1):], "utf-8")
    return new


def _add(project: Path, n: int, group: str) -> str:
    added_file(project, n).write_text(ADDED.format(n=n, group=group), "utf-8")
    return f"Added Person {n}"


def _remove(project: Path, n: int) -> str:
    added_file(project, n).unlink()
    return f"Added Person {n}"


def _wait_for(url: str, server: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped: {log.read_text()[-2000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5):
            return
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f} s")
