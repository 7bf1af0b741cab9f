"""Long indexes cut into a page per section (kb.pipeline.render.indexes): people by the
first letter of their name, groups and places by type, events and sources by year or
month; the real data's indexes, all under the limit, stay one page each."""

from __future__ import annotations

import posixpath
import re

import pytest

from kb.model import KINDS
from kb.pipeline.link import Linked
from kb.pipeline.render import indexes, render
from kb.pipeline.render.indexes import INDEX_LIMIT, kind_index
from kb.pipeline.render.text import index_path
from tests.conftest import ROOT, linked_tree, read_pages, table_rows

INDEXED = [kind for kind in KINDS if KINDS[kind].indexed]


@pytest.fixture(scope="module")
def linked() -> Linked:
    return linked_tree(ROOT)


def data_rows(page: str) -> list[tuple[str, ...]]:
    """The rows of a page's tables, header rows left out."""
    return [row for row in table_rows(page) if row[0] not in ("Name", "Date")]


@pytest.mark.parametrize("kind", INDEXED)
def test_an_index_under_the_limit_is_one_page(linked: Linked, kind: str):
    count = sum(1 for k in linked.kb.kinds.values() if k == kind)
    assert count <= INDEX_LIMIT  # the real data: the site stays as it was
    assert list(kind_index(linked, kind)) == [index_path(kind)]


def test_a_long_index_of_people_has_a_page_per_initial(linked: Linked):
    pages = read_pages(kind_index(linked, "person", limit=20))
    people = sorted(((linked.entry(i).name, i) for i, k in linked.kb.kinds.items()
                     if k == "person"), key=lambda person: person[0].casefold())
    initials = sorted({name[0] for name, _ in people})
    assert set(pages) == {"people/index.md", *(f"people/index/{i.lower()}.md" for i in initials)}
    index = pages["people/index.md"]
    assert (f"There are {len(people)} people, too many for one page: each first letter of "
            "a name has its own.") in index
    with_a = [i for name, i in people if name.startswith("A")]
    assert f"- [A: {len(with_a)} people](index/a.md)\n" in index
    a = pages["people/index/a.md"]
    assert 'title: "People: A"' in a
    assert "[All people](../index.md) · [B →](b.md)" in a
    assert [re.fullmatch(r"\[.+\]\(\.\./(.+)\.md\)", row[0])[1]
            for row in data_rows(a)] == with_a  # by name, linked from the letter's folder
    assert "<table" not in index  # the rows are on the letters' pages only


def test_every_entry_is_on_exactly_one_page_of_a_cut_index(linked: Linked):
    for kind in INDEXED:
        pages = kind_index(linked, kind, limit=10)
        assert len(pages) > 2, kind  # the real data has more than 10 of each kind
        column = {"event": 1, "source": 2}.get(kind, 0)  # the entry's own link
        shown = [re.search(r"\]\(\.\./([^)#/]+)\.md\)", row[column])[1]
                 for page in pages.values() for row in data_rows(page)]
        assert sorted(shown) == sorted(i for i, k in linked.kb.kinds.items() if k == kind), kind
        assert data_rows(pages[index_path(kind)]) == [], kind


def test_groups_are_cut_by_type_and_sources_by_period(linked: Linked):
    groups = read_pages(kind_index(linked, "group", limit=20))
    types = {linked.entity(i).type for i, k in linked.kb.kinds.items() if k == "group"}
    assert set(groups) - {"groups/index.md"} == {
        f"groups/index/{re.sub(r'[^a-z0-9]+', '-', t.casefold())}.md" for t in types}
    assert "each type has its own." in groups["groups/index.md"]
    assert re.search(r"^- \[News agency: \d+ groups\]\(index/news-agency\.md\)$",
                     groups["groups/index.md"], re.MULTILINE)
    sources = read_pages(kind_index(linked, "source", limit=20))
    index = sources["sources/index.md"]
    assert ("There are 87 sources, too many for one page: each year has its own, and a "
            "crowded year one per month.") in index
    assert "[January](index/2024-01.md) (23)" in index  # a crowded year, cut by month
    assert "- [Undated](index/undated.md): 16 sources" in index
    january = sources["sources/index/2024-01.md"]
    assert 'title: "Sources: January 2024"' in january
    assert ("[← February 2024](2024-02.md) · [All sources](../index.md) · [2023 →](2023.md)"
            in january)
    assert '<nav class="kb-periods" aria-label="Sources" markdown>' in january
    assert all("January 2024" in row[0] or row[0] == "Date"
               for row in table_rows(january))


def test_every_link_on_a_cut_index_leads_to_a_generated_page(linked: Linked, monkeypatch):
    monkeypatch.setattr(indexes, "INDEX_LIMIT", 10)
    pages = render(linked)
    cut = [path for path in pages if "/index/" in path]
    assert cut
    for path in cut + [index_path(kind) for kind in INDEXED]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", pages[path]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages, (path, target)
