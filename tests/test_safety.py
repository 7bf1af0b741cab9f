"""Text from data/ can never become markup: checked on the HTML MkDocs builds.

Every free-text field of the mini dataset is filled with hostile strings; the built
pages must show them as literal text, with no script, event handler, foreign link
scheme, extra heading or broken table.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kb.pipeline.load import load
from kb.pipeline.validate import validate
from tests.conftest import MINI
from tests.site import copy_project, mkdocs_build, mkdocs_config

SITE_ICON = mkdocs_config()["theme"]["favicon"]
"""The one data: address allowed: the site's icon, set in mkdocs.yml."""

HOSTILE = [
    '<script>alert("s")</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="https://evil.example">raw link</a>',
    "[js link](javascript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD4=)",
    "![image](https://evil.example/x.png)",
    "<https://auto.example>",
    '{: onclick="alert(1)" }',
    "| cell | cell |",
    "# not a heading",
    "<!-- comment -->",
    "**not bold** `not code` [^1]",
    "&lt;entity&gt;",
]
TEXT = " ".join(HOSTILE)
MULTILINE = "first line\n\n## not a heading either\n\n- not a list\n<div>block</div>"
URL = "https://example.org/a?b=1&c='x'onmouseover='alert(1)'"
SAFE_SCHEMES = ("http://", "https://", "#", "mailto:")


def poison(value, key: str = ""):
    """Every free-text value of a data file replaced by hostile text."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    free_text = {"text", "note", "context", "role", "about", "value", "author"}
    if key in free_text and isinstance(value, str):
        return f"{TEXT} {MULTILINE}" if key == "text" else TEXT
    if key == "url":
        return URL
    return value


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(project / "data")
    shutil.copytree(MINI / "data", project / "data")
    for path in (project / "data").glob("*/*.yaml"):
        data = poison(yaml.safe_load(path.read_text("utf-8")))
        if path.parent.name == "sources":
            data["url"] = URL
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    # The hand-written pages link to the real data's pages: keep only the home page.
    for page in (project / "docs").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    (project / "docs" / "index.md").write_text("# Home\n")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(re.sub(r"\nnav:.*?(?=\n\w)", "", config, flags=re.S))
    site_dir = project / "site"
    result = mkdocs_build(project, site_dir, strict=False)
    assert result.returncode == 0, result.stderr
    return site_dir


class Inspector(HTMLParser):
    """Everything on a page that could run code or change structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.data_blocks: list[str] = []  # <script type="application/ld+json">: never run
        self.handlers: list[str] = []
        self.urls: list[tuple[str, str]] = []
        self.external_links: list[dict] = []
        self.headings: list[str] = []
        self.tables: list[list[int]] = []
        self.text = ""
        self._open: str | None = None  # script or heading whose text is being read

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/ld+json":
            self._open = "data"
        elif tag == "script" or re.fullmatch(r"h[1-6]", tag):
            self._open = tag
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        for name in ("href", "xlink:href", "src", "action", "formaction", "srcset"):
            if values.get(name):
                self.urls.append((tag, values[name].strip()))
        if tag == "a" and re.match(r"https?://", values.get("href") or ""):
            self.external_links.append(values)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append("")
        if tag == "table":
            self.tables.append([])
        if tag == "tr" and self.tables:
            self.tables[-1].append(0)
        if tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1] += 1

    def handle_endtag(self, tag):
        if tag == self._open or (tag == "script" and self._open == "data"):
            self._open = None

    def handle_data(self, data):
        if self._open == "script":
            self.scripts.append(data)
            return
        if self._open == "data":
            self.data_blocks.append(data)
            return
        if self._open:
            self.headings[-1] += data
        self.text += data


def inspect(path: Path) -> Inspector:
    inspector = Inspector()
    inspector.feed(path.read_text("utf-8"))
    return inspector


def generated_pages(site: Path) -> list[Path]:
    folders = ("people", "groups", "places", "events", "sources")
    pages = [p for f in folders for p in (site / f).glob("*/index.html")]
    return [*pages, site / "quotes" / "index.html", site / "timeline" / "index.html"]


def test_hostile_text_shows_literally(site):
    page = inspect(site / "people" / "ada-example" / "index.html")
    flat = " ".join(page.text.split())
    for piece in [*HOSTILE, "## not a heading either", "- not a list", "<div>block</div>"]:
        assert piece in flat


def test_no_script_handler_or_foreign_scheme_anywhere(site):
    for path in generated_pages(site):
        page = inspect(path)
        assert not [s for s in page.scripts if "alert" in s], path
        if path.parent.parent.name in ("people", "groups", "places", "events"):
            assert len(page.data_blocks) == 1, path
        for block in page.data_blocks:  # JSON-LD: valid JSON, and nothing can close it
            assert "<" not in block and json.loads(block)["@context"] == "https://schema.org"
        assert page.handlers == [], path
        bad = [(tag, url) for tag, url in page.urls
               if re.match(r"[a-z][a-z0-9+.-]*:", url, re.I) and not url.startswith(SAFE_SCHEMES)
               and (tag, url) != ("link", SITE_ICON)]
        assert bad == [], path
        assert not [url for tag, url in page.urls if "evil.example" in url], path


def test_only_http_links_go_out_and_they_open_safely(site):
    page = inspect(site / "sources" / "daily-2024-01-07" / "index.html")
    ours = [a for a in page.external_links if a["href"].startswith("https://example.org")]
    assert ours, "the source's address is linked"
    for link in ours:
        assert "noopener" in link.get("rel", "").split()
        assert "onmouseover" not in link and link["href"].startswith(URL.split("'")[0])


def test_no_extra_heading_or_broken_table(site):
    for path in generated_pages(site):
        page = inspect(path)
        assert sum(1 for h in page.headings if h) >= 1
        assert not [h for h in page.headings if h.strip().startswith("not a heading")], path
        for table in page.tables:
            assert len(set(table)) == 1, f"{path}: rows with different cell counts {table}"


@pytest.mark.parametrize("field", ["name", "title"])
def test_angle_brackets_in_titles_are_refused_clearly(data_tree, field):
    text = ("name: <b>Ada</b>\nsummary: {text: x, cite: [report]}\n" if field == "name"
            else "title: <b>T</b>\ntype: article\n")
    folder = "people" if field == "name" else "sources"
    root = data_tree({f"{folder}/x.yaml": text})
    messages = [str(p) for p in validate(load(root / "data", root=root))[1]
                if p.severity == "error"]
    value = "<b>Ada</b>" if field == "name" else "<b>T</b>"
    assert messages == [f"data/{folder}/x.yaml:1:1: {field}: '{value}' contains < or >, which "
                        "are not allowed in names and titles (a browser would read them as HTML)"]
