"""Rendered Markdown, checked against golden files in tests/golden/.

Run with KB_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change,
then review the diff.
"""

import os
from html import escape
from pathlib import Path

import markdown
import pytest
import yaml

from kb.link import link
from kb.load import load
from kb.render import render
from kb.render.text import esc
from kb.validate import validate
from tests.conftest import MINI, ROOT

GOLDEN = Path(__file__).parent / "golden" / "mini"
GOLDEN_PAGES = [
    "people/ada-example.md",
    "groups/river-party.md",
    "events/vote.md",
    "sources/daily-2024-01-07.md",
    "timeline.md",
    "quotes.md",
    "people/index.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    kb, problems = validate(load(MINI / "data", root=MINI))
    assert problems == []
    return render(link(kb))


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden_file(pages, page):
    golden = GOLDEN / page
    if os.environ.get("KB_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_entry_has_a_page_and_every_kind_an_index(pages):
    assert len([p for p in pages if p.startswith("people/")]) == 3  # 2 people + index
    for folder in ("people", "groups", "places", "events", "sources"):
        assert f"{folder}/index.md" in pages


def test_entity_pages_carry_names_for_search(pages):
    front = pages["people/ada-example.md"].split("---")[1]
    assert '"Ada Ekzample"' in front and '"Ada Example"' in front


@pytest.fixture(scope="module")
def site_markdown():
    """Python-Markdown configured with the site's own extensions from mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            configs[name] = item[name]
    return markdown.Markdown(extensions=names, extension_configs=configs)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "*bold* _it_ `code` **strong**",
    "[x](javascript:alert(1))",
    "![x](data:text/html,hi)",
    "a | b | c",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "> not a quote",
    "=== not a heading",
    "price $5 ^ 2 ~ 3 = x",
    "{: #id .class }",
    "[^1] not a footnote",
    "back\\slash",
    "&amp; stays literal",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_data_text_renders_as_the_literal_text(site_markdown, text):
    html = site_markdown.reset().convert(esc(text))
    assert html == f"<p>{escape(text, quote=False)}</p>"


def test_line_breaks_in_data_text_cannot_start_new_blocks():
    assert esc("two\n\n# paragraphs") == r"two \# paragraphs"
