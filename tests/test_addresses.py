"""Ids, page paths and links are types of their own, and one module makes every link
(issue 16, item 3): kb.addresses, the typed accessors of the knowledge base, and the
type checker that holds the kb package to them."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from kb.addresses import EntryId, PagePath, address, href
from kb.model import Event, Person, Source
from kb.pipeline.render import render
from kb.pipeline.render.graph import url
from kb.pipeline.render.site import Site
from tests.conftest import MINI, ROOT, linked_tree

P = PagePath


@pytest.mark.parametrize(("from_page", "to_page", "expected"), [
    ("people/x.md", "people/y.md", "y.md"),
    ("people/x.md", "groups/y.md", "../groups/y.md"),
    ("people/x.md", "people/index.md", "index.md"),
    ("people/x.md", "disagreements.md", "../disagreements.md"),
    ("story.md", "disagreements.md", "disagreements.md"),
    ("network.md", "people/x.md", "people/x.md"),
    ("timeline/2024-01.md", "timeline.md", "../timeline.md"),
    ("story.md", "story.md#01-strike", "#01-strike"),
    ("people/x.md", "story.md#01-strike", "../story.md#01-strike"),
])
def test_a_markdown_link_is_relative_to_the_page_it_is_on(from_page, to_page, expected):
    assert href(P(from_page), P(to_page)) == expected


@pytest.mark.parametrize(("page", "from_page", "expected"), [
    ("people/x.md", None, "people/x/"),
    ("people/index.md", None, "people/"),
    ("index.md", None, ""),
    ("sources/vox.md", None, "sources/vox/"),
    ("groups/y.md", "people/x.md", "../../groups/y/"),
    ("groups/y.md", "network.md", "../groups/y/"),
    # An index page is published at its folder: one level up reaches the root.
    ("groups/y.md", "people/index.md", "../groups/y/"),
    ("groups/y.md", "index.md", "groups/y/"),
])
def test_a_published_address_follows_directory_urls(page, from_page, expected):
    assert address(P(page), P(from_page) if from_page else None) == expected


def test_the_pages_that_wrote_links_by_hand_ask_kb_addresses():
    """The network drawing's links, the downloads' and the search index's page
    addresses, Cite this page's address, the kinds' index links: each as `href` or
    `address` makes it."""
    linked = linked_tree(MINI)
    pages = render(linked, Site(name="Riverton watch", url="https://example.org/kb/"))
    assert url(P("people/index.md"), "group", EntryId("river-party")) == \
        "../groups/river-party/"
    downloads = pages[P("downloads/knowledge-base.json")]
    assert '"page":"people/ada-example/"' in downloads
    assert '"page":"sources/daily-2024-01-07/"' in downloads
    results = [json.loads(text) for path, text in pages.items()
               if path.startswith("kb-search/pages/")]
    assert {"u": "people/ada-example/", "t": "Ada Example"} in [
        {"u": result["u"], "t": result["t"]} for result in results]
    person = pages[P("people/ada-example.md")]
    assert "<https://example.org/kb/people/ada-example/>" in person
    assert "[All people](index.md)" in person
    assert "[All sources](index.md)" in pages[P("sources/daily-2024-01-07.md")]
    assert "recount\\* \\[1\\]</bdi>”](daily-2024-01-07.md)</td>" in \
        pages[P("sources/index.md")]


def test_entries_come_typed_by_their_model():
    linked = linked_tree(ROOT)
    event = linked.entry(EntryId("us-strike-kills-abu-taqwa"), Event)
    assert isinstance(event, Event) and event.date.edtf == "2024-01-04"
    assert linked.entity(EntryId("abu-taqwa")).name == "Abu Taqwa"
    sources = linked.kb.of_kind(Source)
    assert sources and all(isinstance(s, Source) for s in sources)
    assert [s.id for s in sources] == [s.id for s in linked.kb.of_kind("source")]
    assert [p.id for p in linked.kb.of_kind(Person)] == [
        i for i, k in linked.kb.kinds.items() if k == "person"]


def test_an_entry_asked_for_as_another_model_is_a_fault_that_names_it():
    linked = linked_tree(ROOT)
    with pytest.raises(TypeError, match="'abu-taqwa' is a Person, not a Event"):
        linked.entry(EntryId("abu-taqwa"), Event)
    with pytest.raises(TypeError, match="'vox-2024-01-07' is a Source, not an entity"):
        linked.entity(EntryId("vox-2024-01-07"))
    with pytest.raises(KeyError):
        linked.entry(EntryId("nobody"))


def test_make_test_type_checks_the_kb_package_and_the_hook_strictly():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/mypy" in recipe
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert config["files"] == ["scripts/kb", "scripts/mkdocs_hook.py"]
    assert any(line.startswith("mypy==") for line in
               (ROOT / "requirements.txt").read_text("utf-8").splitlines())


_IGNORE = re.compile(r"#\s*type:\s*ignore")


def test_every_type_ignore_says_why():
    """A `# type: ignore` with a reason beside it: a comment after it on its line, or
    a comment on the line before."""
    bare = []
    for path in [*sorted((ROOT / "scripts" / "kb").rglob("*.py")),
                 ROOT / "scripts" / "mkdocs_hook.py"]:
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            found = _IGNORE.search(line)
            if not found:
                continue
            after = line[found.end():].split("#", 1)
            reason_after = len(after) > 1 and after[1].strip()
            reason_before = number > 0 and lines[number - 1].strip().startswith("#")
            if not (reason_after or reason_before):
                bare.append(f"{path.relative_to(ROOT)}:{number + 1}")
    assert bare == []
