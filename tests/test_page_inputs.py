"""What each entry page shows: kb.pipeline.link's `page_inputs`, the one map that dates "Cite this
page" and lets the live preview reuse pages. It must hold every entry a page reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kb.pipeline.link import ENTRY_INDEXES, Linked, link
from kb.pipeline.load import load
from kb.pipeline.render import ENTRY_PAGES, SHARED, Site
from kb.pipeline.render.memo import EntryPage
from kb.pipeline.render.site import page_changed
from kb.pipeline.validate import validate
from kb.problems import errors
from tests.conftest import MINI, ROOT, DataTree


@dataclasses.dataclass(frozen=True)
class Reads:
    """What rendering one page read."""

    entries: set[str]
    """Ids of the entries whose content or kind it read (all of them, if it walked
    every entry)."""
    attributes: set[str]
    """Attributes of the linked knowledge base it read, besides `kb`: reverse indexes
    (read by key) and values of the whole ('reporting_span', 'timeline')."""


def page_reads(linked: Linked, entry_id: str, site: Site, emit: EntryPage) -> Reads:
    """Render one page from a copy of `linked` that notes what it reads: the check that
    `linked.page_inputs` and the memo's `shared` values miss nothing a page shows.

    The copy is a `Linked` holding the very same indexes, so a page reads exactly what
    it reads from the real one (an index read at a missing key gives [] as ever); only
    the entries and kinds are dicts that note each key read."""
    reads = Reads(set(), set())
    kb = dataclasses.replace(linked.kb, entries=_Noting(linked.kb.entries, reads.entries),
                             kinds=_Noting(linked.kb.kinds, reads.entries))
    values = {f.name: getattr(linked, f.name) for f in dataclasses.fields(linked)}
    noting = _NotingLinked(**{**values, "kb": kb})
    object.__setattr__(noting, "_attributes", reads.attributes)
    emit(noting, entry_id, site)
    return reads


class _NotingLinked(Linked):
    """A Linked that notes each of its attributes read, besides `kb` and methods."""

    def __getattribute__(self, name: str) -> Any:
        if name in _NOTED:
            object.__getattribute__(self, "_attributes").add(name)
        return super().__getattribute__(name)


_NOTED = frozenset(f.name for f in dataclasses.fields(Linked)) - {"kb"}


class _Noting(dict):
    """A dict that notes each key read, and every key when read whole."""

    def __init__(self, data: dict, reads: set[str]) -> None:
        super().__init__(data)
        self._reads = reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add(key)  # type: ignore[arg-type]
        return super().__contains__(key)

    def _whole(self) -> None:
        self._reads.update(super().keys())

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return super().__iter__()

    def keys(self) -> Any:
        self._whole()
        return super().keys()

    def values(self) -> Any:
        self._whole()
        return super().values()

    def items(self) -> Any:
        self._whole()
        return super().items()

# One page of each kind of link: Ada's page shows most of them.
FILES = {
    "groups/wire-service.yaml": """\
        name: Wire service
        type: news agency
        summary: {text: An agency., cite: [report]}
        """,
    "sources/wire.yaml": "title: Wire copy\ntype: article\noutlet: wire-service\n"
                         "date: 2024-01-06\n",
    "sources/late-report.yaml": "title: A later report\ntype: article\ndate: 2024-02-01\n",
    "sources/event-report.yaml": "title: On the vote\ntype: article\ndate: 2024-01-08\n",
    "groups/party.yaml": """\
        name: Party
        type: political bloc
        summary: {text: A party., cite: [report]}
        """,
    "places/town.yaml": """\
        name: Town
        type: city
        summary: {text: A town., cite: [report]}
        """,
    "people/ada.yaml": """\
        name: Ada
        summary: {text: "Leads [[party]].", cite: [report]}
        facts:
          - text: She spoke.
            cite:
              - source: report
                citing: wire
                quote: {text: the words, speaker: bo}
        relations:
          - {type: member_of, target: party, cite: [report]}
        """,
    "people/bo.yaml": """\
        name: Bo
        summary: {text: A person., cite: [report]}
        relations:
          - {type: allied_with, target: ada, cite: [late-report]}
        """,
    "events/vote.yaml": """\
        name: Vote
        type: call
        date: 2024-01-04
        places: [town]
        participants:
          - {entity: ada, role: lost}
        summary: {text: A vote., cite: [event-report]}
        """,
    "people/cy.yaml": """\
        name: Cy
        summary: {text: "Knows [[ada]].", cite: [report]}
        """,
}


def linked_of(root: Path) -> Linked:
    kb, problems = validate(load(root / "data", root=root))
    assert not errors(problems), problems
    return link(kb)


@pytest.fixture
def tree(data_tree: DataTree) -> Linked:
    return linked_of(data_tree(FILES))


@pytest.mark.parametrize(("page", "shown", "because"), [
    ("ada", "ada", "its own file"),
    ("ada", "party", "a [[link]] in its summary, and its relation's target"),
    ("ada", "report", "a footnote's source"),
    ("ada", "outlet", "a footnote names the source's outlet"),
    ("ada", "wire", "a footnote's relayed source"),
    ("ada", "wire-service", "a footnote names the relayed source's outlet"),
    ("ada", "bo", "a quote's speaker, and the other end of a relation"),
    ("ada", "late-report", "the date marking when the incoming relation was reported"),
    ("ada", "vote", "an event it took part in"),
    ("ada", "event-report", "the date marking when that event was reported"),
    ("ada", "cy", "what links here"),
    ("bo", "ada", "where its quote is reported"),
    ("bo", "wire-service", "the footnote of its quote"),
    ("outlet", "report", "a source it published"),
    ("report", "outlet", "its outlet"),
    ("report", "ada", "a statement citing it"),
    ("report", "party", "what a statement citing it names"),
    ("report", "wire", "the source that statement relays"),
    ("wire", "ada", "a statement relaying it"),
    ("vote", "town", "its place"),
    ("town", "vote", "an event there"),
])
def test_a_page_shows_each_kind_of_linked_entry(tree: Linked, page, shown, because):
    assert shown in tree.page_inputs[page], because


def test_a_page_does_not_show_what_only_its_neighbours_show(tree: Linked):
    assert "town" not in tree.page_inputs["ada"]  # the vote's place, on the vote's page
    assert "wire-service" not in tree.page_inputs["party"]


@pytest.mark.parametrize("later", ["party", "report", "outlet", "wire", "wire-service",
                                   "late-report", "event-report", "bo", "vote", "cy"])
def test_a_page_is_dated_by_a_later_change_to_anything_it_shows(tree: Linked, later):
    # The hand-kept list this replaced had only the entry, what links to it, incoming
    # relations, its events and the statements citing it: each case here but the last
    # three left the page dated 5 January.
    changed = {path: dt.date(2024, 1, 5) for path in tree.kb.paths.values()}
    changed[tree.kb.paths[later]] = dt.date(2024, 3, 9)
    assert page_changed(tree, Site(changed=changed), "ada") == dt.date(2024, 3, 9)
    changed[tree.kb.paths["town"]] = dt.date(2025, 1, 1)  # not on Ada's page
    assert page_changed(tree, Site(changed=changed), "ada") == dt.date(2024, 3, 9)


@pytest.mark.parametrize("root", [ROOT, MINI], ids=["real data", "mini fixture"])
def test_every_entry_a_page_reads_is_in_its_inputs(root: Path):
    linked = linked_of(root)
    site = Site(name="The KB")  # with a citation, which reads the map itself
    missed, unshared = {}, {}
    for entry_id, kind in linked.kb.kinds.items():
        if kind not in ENTRY_PAGES:
            continue
        reads = page_reads(linked, entry_id, site, ENTRY_PAGES[kind])
        assert entry_id in reads.entries
        if reads.entries - linked.page_inputs[entry_id]:
            missed[entry_id] = reads.entries - linked.page_inputs[entry_id]
        if reads.attributes - set(ENTRY_INDEXES) - set(SHARED[kind]):
            unshared[entry_id] = reads.attributes - set(ENTRY_INDEXES) - set(SHARED[kind])
    assert missed == {}
    assert unshared == {}
    assert len(linked.page_inputs) == sum(k in ENTRY_PAGES for k in linked.kb.kinds.values())


def test_the_check_sees_what_a_page_reads(tree: Linked):
    """The view behind the check above notes reads of entries, of kinds and of
    whole-knowledge-base values, and treats walking every entry as reading each."""

    def emit(linked, entry_id, site):
        linked.kind("party")
        _ = "town" in linked.kb.entries
        _ = linked.timeline
        return "x.md", linked.entry(entry_id).name

    reads = page_reads(tree, "ada", Site(), emit)
    assert reads.entries == {"ada", "party", "town"} and reads.attributes == {"timeline"}
    walked = page_reads(tree, "ada", Site(), lambda linked, i, s: ("x.md", str(
        [e for e in linked.kb.entries.values()])))
    assert walked.entries == set(tree.kb.entries)


@pytest.mark.parametrize(("capped", "expected"), [
    ({}, dt.date(2024, 3, 9)),
    ({"party": dt.date(2024, 2, 1)}, dt.date(2024, 3, 9)),  # changed no later than 1 Feb
    ({"party": dt.date(2024, 3, 9)}, dt.date(2024, 3, 9)),
    ({"party": dt.date(2024, 4, 1)}, None),  # its change may be later than 9 March: unknown
    ({"party": dt.date(2024, 1, 1), "report": dt.date(2024, 4, 1)}, None),
], ids=["whole history", "cut off earlier", "cut off the same day", "cut off later",
        "one of two cut off later"])
def test_a_shallow_clone_dates_a_page_only_when_no_hidden_change_can_be_later(
        tree: Linked, capped, expected):
    changed = {tree.kb.paths["ada"]: dt.date(2024, 3, 9)}
    changed |= {tree.kb.paths[entry]: date for entry, date in capped.items()}
    site = Site(changed=changed, cut_off=frozenset(tree.kb.paths[e] for e in capped))
    assert page_changed(tree, site, "ada") == expected
    every_file_cut_off = Site(changed=changed, cut_off=frozenset(changed))  # --depth 1
    assert page_changed(tree, every_file_cut_off, "ada") is None


def test_the_check_renders_from_a_linked_that_answers_as_the_real_one(tree: Linked):
    """Pages are typed to read a `Linked`: the check hands them one, whose indexes give
    [] at a key they do not hold, as the real ones do, rather than a stand-in that
    raises KeyError there (and would fail a page only under the check)."""
    seen: dict[str, Any] = {}

    def emit(linked: Linked, entry_id: str, site: Site) -> tuple[str, str]:
        seen["a Linked"] = isinstance(linked, Linked)
        seen["missing"] = [getattr(linked, index)["nobody"] for index in
                           ("incoming", "events_of", "quotes_by", "backing", "relayed",
                            "published", "mentions", "edges_of")]
        return "x.md", linked.entry(entry_id).name

    reads = page_reads(tree, "ada", Site(), emit)
    assert seen == {"a Linked": True, "missing": [[]] * 8}
    assert reads.entries == {"ada"}
    assert reads.attributes == {"incoming", "events_of", "quotes_by", "backing", "relayed",
                                "published", "mentions", "edges_of"}
