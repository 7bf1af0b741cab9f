"""Rendered Markdown, checked against golden files in tests/golden/.

Run with KB_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change,
then review the diff.
"""

import os
from pathlib import Path

import pytest

from kb.link import link
from kb.load import load
from kb.render import render
from kb.render.text import esc
from kb.validate import validate
from tests.conftest import MINI

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("a | b", r"a \| b"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("two\n\nparagraphs", "two paragraphs"),
    ],
)
def test_data_text_cannot_become_markup(text, expected):
    assert esc(text) == expected
