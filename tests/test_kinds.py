"""A kind is declared once (issue 16, item 4): its folder, labels, index introduction,
schema.org type, page order and search rank are fields of kb.model.Kind, and every
page, the search index and the synthetic data read them there. Each test changes one
field in the declaration and finds the change where the field is shown."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kb.addresses import EntryId, PagePath
from kb.bench.synthetic import write_tree
from kb.model import KINDS
from kb.pipeline.render import render
from kb.pipeline.render.entity import json_ld
from kb.pipeline.render.search import folding_rules
from kb.pipeline.render.text import index_path, page_path
from tests.conftest import MINI, linked_tree


@pytest.fixture
def kinds(monkeypatch):
    """Change one field of one kind for the length of a test."""
    def change(kind: str, **fields: object) -> None:
        monkeypatch.setitem(KINDS, kind, replace(KINDS[kind], **fields))
    return change


def test_every_kind_with_pages_declares_what_its_pages_need():
    for kind in KINDS.values():
        assert kind.label and kind.plural and kind.folder, kind.name
        if kind.indexed:
            assert kind.intro, kind.name
    assert sorted(k.order for k in KINDS.values()) == list(range(len(KINDS)))
    assert {k.name: k.schema_org for k in KINDS.values()} == {
        "person": "Person", "group": "Organization", "place": "Place", "event": "Event",
        "source": None, "chapter": None}


def test_an_index_page_opens_with_its_kinds_introduction(kinds):
    kinds("place", intro="Where things happened.", plural="Locations")
    page = render(linked_tree(MINI))[PagePath("places/index.md")]
    assert page.startswith('---\ntitle: "Locations"')
    assert "# Locations\n\nWhere things happened.\n" in page


def test_an_entity_page_declares_its_kinds_schema_org_type(kinds):
    kinds("person", schema_org="Thing", label="Someone", plural="Everyone")
    linked = linked_tree(MINI)
    entity = linked.entity(EntryId("ada-example"))
    assert json.loads(json_ld(linked, entity, "person"))["@type"] == "Thing"
    page = render(linked)[PagePath("people/ada-example.md")]
    assert '<span class="kb-kind">Someone</span> · [All everyone](index.md)' in page
    kinds("place", schema_org="City")
    vote = linked.entity(EntryId("vote"))
    assert json.loads(json_ld(linked, vote, "event"))["location"][0]["@type"] == "City"


def test_what_links_here_lists_kinds_in_their_declared_order(kinds):
    linked = linked_tree(MINI)

    def linking_kinds() -> list[str]:
        page = render(linked)[PagePath("people/ada-example.md")]
        section = page.split("## What links here\n\n", 1)[1].split("\n\n", 1)[0]
        return [line.rsplit("(", 1)[1].split(")", 1)[0] for line in section.splitlines()]

    before = linking_kinds()
    assert before.index("event") < before.index("story chapter")
    kinds("chapter", order=-1)
    after = linking_kinds()
    assert after.index("story chapter") < after.index("event")


def test_search_ranks_kinds_as_declared(kinds):
    kinds("event", search_rank=2.5)
    ranks = json.loads(folding_rules())["ranks"]
    assert ranks["Event"] == 2.5 and ranks["Person"] == 0.6 and ranks["Page"] == 0.2
    assert "Story chapter" not in ranks  # chapters have no page of their own


def test_pages_and_data_live_in_the_kinds_folder(kinds, tmp_path):
    kinds("person", folder="persons")
    assert page_path("person", EntryId("ada")) == "persons/ada.md"
    assert index_path("person") == "persons/index.md"
    data = write_tree(tmp_path, 8)
    assert sorted(p.name for p in (data / "persons").iterdir())[:1] == ["person-0.yaml"]
    assert not (data / "people").exists()
