"""The live preview's session: after any edit (a file changed, added, removed, renamed,
broken and mended, a draft begun), a build that reuses what the last one read, checked
and rendered gives exactly the pages and problems of a build from nothing, and it does
reuse most of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import kb.pipeline.render as render_module
from kb.pipeline.build import build
from kb.pipeline.render import Site, indexes, latest, periods, render
from kb.pipeline.render.memo import RenderMemo
from kb.pipeline.session import Session
from tests.conftest import MINI, ROOT, linked_tree

NEW_MEMBER = """\
# yaml-language-server: $schema=../../schema/person.schema.json
name: Zaid Example
summary:
  text: A member, added by the test.
  cite: [{source}]
relations:
  - type: member_of
    target: harakat-al-nujaba
    cite: [{source}]
"""
NEW_SOURCE = """\
title: A report added by the test
type: article
outlet: reuters
date: 2024-01-06
"""
NEW_EVENT = """\
name: A meeting added by the test
type: meeting
date: 2024-01-06
places: [baghdad]
participants:
  - {entity: zaid-example, role: attended}
  - {entity: harakat-al-nujaba}
summary:
  text: "[[zaid-example]] met others in [[baghdad]]."
  cite: [zz-added-report]
"""
NEW_CHAPTER = """\
title: A chapter added by the test
sentences:
  - text: "[[zaid-example]] joined [[harakat-al-nujaba]]."
    cite: [zz-added-report]
"""
DRAFT = """\
name: A draft person
summary:
  text: TODO
  cite: [TODO]
"""


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text("utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    path.write_text(changed, "utf-8")


def first_source(data: Path) -> str:
    return sorted(data.glob("sources/*.yaml"))[0].stem


def write(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")


SITE = Site(name="The KB", url="https://example.org/kb/")  # pages cite their dates of change
MEMBER = "people/zaid-example.yaml"
EDITS: dict[str, Callable[[Path], object]] = {
    "a person renamed": lambda data: edit(
        data / "people/abu-taqwa.yaml", r"^name: (.+)$", r"name: \1 Renamed"),
    "a source's date moved": lambda data: edit(
        data / f"sources/{first_source(data)}.yaml", r"^date: 2024-01-04$", "date: 2024-01-05"),
    "the latest source dated later": lambda data: edit(  # the date pickers' range moves
        data / "sources/rudaw-2025-08-26-coalition-to-relocate-to-erbil.yaml",
        r"^date: 2025-08-26$", "date: 2025-09-02"),
    "a source retitled": lambda data: edit(
        data / f"sources/{first_source(data)}.yaml", r'^title: "(.+)"$',
        r'title: "\1, retitled"'),
    "an outlet renamed": lambda data: edit(
        data / "groups/reuters.yaml", r"^name: (.+)$", r"name: \1 News"),
    "a source moved to another outlet": lambda data: edit(  # both outlets' lists change
        data / "sources/reuters-2024-01-05-committee.yaml", r"^outlet: reuters$",
        "outlet: associated-press"),
    "an event's summary reworded": lambda data: edit(
        data / "events/us-strike-kills-abu-taqwa.yaml", r"^(  text: >-\n    )", r"\1Reworded, "),
    "a group's type changed": lambda data: edit(  # its index row moves to another section
        data / "groups/reuters.yaml", r"^type: news agency$", "type: news outlet"),
    "a version of a disagreement reworded": lambda data: edit(  # checks of what states it
        data / "groups/global-coalition-to-defeat-isis.yaml",
        r"^      - value: about 900 US-led", "      - value: about 950 US-led"),
    "the version as it was": lambda data: edit(
        data / "groups/global-coalition-to-defeat-isis.yaml",
        r"^      - value: about 950 US-led", "      - value: about 900 US-led"),
    "a name given to two entities": lambda data: edit(  # a check across files fails
        data / "people/abu-taqwa.yaml", r"^name: (.+)$", "name: Harakat al-Nujaba"),
    "the name given back": lambda data: edit(
        data / "people/abu-taqwa.yaml", r"^name: Harakat al-Nujaba$", "name: Abu Taqwa Renamed"),
    "a member added": lambda data: write(data / MEMBER, NEW_MEMBER.format(
        source=first_source(data))),
    "a source added": lambda data: write(data / "sources/zz-added-report.yaml", NEW_SOURCE),
    "the member cites it": lambda data: edit(
        data / MEMBER, r"^  cite: \[(.+)\]$", r"  cite: [\1, zz-added-report]"),
    "an event added": lambda data: write(data / "events/zz-added-meeting.yaml", NEW_EVENT),
    "a relation added": lambda data: edit(
        data / MEMBER, r"\Z", "  - type: allied_with\n    target: abu-taqwa\n"
                              "    cite: [zz-added-report]\n"),
    "a story chapter added": lambda data: write(data / "story/07-added.yaml", NEW_CHAPTER),
    "a file broken": lambda data: edit(data / MEMBER, r"^name: ", "nmae: "),
    "the file mended": lambda data: edit(data / MEMBER, r"^nmae: ", "name: "),
    "a draft begun": lambda data: write(data / "people/zz-draft.yaml", DRAFT),
    "the draft given up": lambda data: (data / "people/zz-draft.yaml").unlink(),
    "the chapter removed": lambda data: (data / "story/07-added.yaml").unlink(),
    "the event removed": lambda data: (data / "events/zz-added-meeting.yaml").unlink(),
    "the relation removed": lambda data: edit(
        data / MEMBER, r"  - type: allied_with\n    target: abu-taqwa\n"
                       r"    cite: \[zz-added-report\]\n", ""),
    "the citation removed": lambda data: edit(
        data / MEMBER, r"^  cite: \[(.+), zz-added-report\]$", r"  cite: [\1]"),
    "the source removed": lambda data: (data / "sources/zz-added-report.yaml").unlink(),
    "the member's file renamed": lambda data: (data / MEMBER).rename(
        data / "people/zaid-example-renamed.yaml"),
    "the member removed": lambda data: (data / "people/zaid-example-renamed.yaml").unlink(),
}
BROKEN = {"a file broken", "a name given to two entities"}
"""Edits after which the data has errors: both builds must report the same problems."""
UNSEEN = {"the file mended", "the name given back", "a draft begun", "the draft given up"}
"""Edits that no entry page shows: one bringing back the data of the last good build,
and a draft, which is listed nowhere but on its own page. Every entry page is reused."""


def copied_data(root: Path) -> Path:
    shutil.copytree(ROOT / "data", root / "data")
    long_ago = dt.datetime(2024, 2, 1).timestamp()  # so that each edit dates its file anew
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (long_ago, long_ago))
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copied_data(tmp_path_factory.mktemp("memo"))


def test_a_session_builds_what_a_build_from_nothing_does_after_every_edit(project: Path):
    session_matches_a_build_from_nothing(project)


def test_so_it_does_with_every_index_cut_into_pages(tmp_path: Path, monkeypatch):
    """Index rows are kept per page (their links are relative to it): a rename moves a
    person to another letter's page, a group's new type to another type's page, a
    source's new date to another period's page."""
    monkeypatch.setattr(indexes, "INDEX_LIMIT", 12)
    project = copied_data(tmp_path)
    pages = build(project / "data", root=project, site=SITE).pages
    assert {"people/index/a.md", "groups/index/news-agency.md",
            "sources/index/2024-01.md", "events/index/2024-01.md"} <= set(pages)
    session = session_matches_a_build_from_nothing(project)
    # Every index one page again, as when entries removed bring it under the limit:
    # rows whose entries did not change move to another page, and their links with them.
    monkeypatch.setattr(indexes, "INDEX_LIMIT", 1000)
    data = project / "data"
    reused = build(data, root=project, site=SITE, session=session, drafts=True).pages
    assert "people/index/a.md" not in reused
    assert reused == build(data, root=project, site=SITE, drafts=True).pages


def test_so_it_does_with_the_timeline_quotes_and_latest_cut_into_months(tmp_path: Path,
                                                                          monkeypatch):
    """Pages of the timeline, the quotes and Latest are kept per period (`ListMemo`):
    after every edit each is the page a build from nothing makes, and those whose
    entries show nothing new are reused."""
    for name in ("timeline_pages", "quotes_pages", "latest_pages"):
        monkeypatch.setattr(render_module, name,
                            functools.partial(getattr(render_module, name), limit=12))
    monkeypatch.setattr(latest, "MONTH_LIMIT", 1000)  # months, not halves (below)
    project = copied_data(tmp_path)
    pages = build(project / "data", root=project, site=SITE).pages
    assert {"timeline/2024-01.md", "quotes/2024-01.md", "quotes/undated.md",
            "latest/2024-01.md"} <= set(pages)
    session_matches_a_build_from_nothing(project)


def test_so_it_does_with_crowded_months_cut_in_halves(tmp_path: Path, monkeypatch):
    """The same with every list (and the indexes of events and sources) cut by month
    and a month of more than 3 entries in halves (`periods.MONTH_LIMIT`), as at 1,000
    entries: an edit moves an entry from one half to the other, or a half back into
    its month."""
    for name in ("timeline_pages", "quotes_pages", "latest_pages"):
        monkeypatch.setattr(render_module, name,
                            functools.partial(getattr(render_module, name), limit=12))
    monkeypatch.setattr(indexes, "INDEX_LIMIT", 12)
    monkeypatch.setattr(periods, "MONTH_LIMIT", 3)
    monkeypatch.setattr(latest, "MONTH_LIMIT", 3)
    project = copied_data(tmp_path)
    pages = build(project / "data", root=project, site=SITE).pages
    assert {"timeline/2024-01-01.md", "timeline/2024-01-16.md", "quotes/2024-01-01.md",
            "latest/2024-01-01.md", "events/index/2024-01-01.md",
            "sources/index/2024-01-16.md"} <= set(pages)
    session_matches_a_build_from_nothing(project)


def test_a_period_s_page_is_made_again_only_when_an_entry_it_lists_changes(
        tmp_path: Path):
    project = copied_data(tmp_path)
    data, session = project / "data", Session()
    build(data, root=project, site=SITE, session=session)
    lists = session.render.lists
    assert lists.reused == 0
    before = build(data, root=project, site=SITE, session=session).pages
    made = lists.reused
    assert made >= 6  # every period of the quotes, the timeline's one page, Latest's
    # Abu Taqwa renamed: the timeline and the quotes of no known date name him, and
    # change; the quotes of 2024 list quotes on entries whose pages name him, so are
    # made again (the same text); those of 2023, 2025 and 2026 are reused.
    EDITS["a person renamed"](data)
    again = build(data, root=project, site=SITE, session=session)
    changed = [path for path in again.pages if path.startswith(("timeline", "quotes/"))
               and again.pages[path] != before[path]]
    assert sorted(changed) == ["quotes/undated.md", "timeline.md"]
    assert again.pages["latest.md"] != before["latest.md"]  # one page: made again
    assert lists.reused == made - 4
    assert again.pages == build(data, root=project, site=SITE).pages


def session_matches_a_build_from_nothing(project: Path) -> Session:
    """After each of `EDITS`, a build with a session has the pages and problems of a
    build from nothing, and reuses some pages but not all; the session, for more."""
    data = project / "data"
    session = Session()
    memo = session.render.pages
    first = build(data, root=project, site=SITE, session=session, drafts=True)
    assert first.ok and first.pages == build(data, root=project, site=SITE).pages
    for name, apply in EDITS.items():
        apply(data)
        reused = build(data, root=project, site=SITE, session=session, drafts=True)
        fresh = build(data, root=project, site=SITE, drafts=True)
        assert reused.problems == fresh.problems, name
        assert [d.path for d in reused.drafts] == [d.path for d in fresh.drafts], name
        if name in BROKEN:
            assert not reused.ok, name
            continue
        assert reused.ok, (name, reused.problems[:3])
        different = [p for p in fresh.pages if reused.pages.get(p) != fresh.pages[p]]
        assert not different and set(reused.pages) == set(fresh.pages), (name, different)
        if name in UNSEEN:
            assert memo.reused == memo.pages, name
        else:
            assert 0 < memo.reused < memo.pages, name  # some pages were rendered again
        assert session.render.parts.reused > 0, name  # the downloads' parts, too
        if name in UNSEEN:  # and every period of the lists
            assert session.render.lists.reused == len(session.render.lists._pages), name
    return session


def test_an_unchanged_build_reads_checks_and_renders_nothing_again(project: Path):
    session = Session()
    build(project / "data", root=project, session=session)
    records = {path: known.record for path, known in session.checked.checked.items()}
    build(project / "data", root=project, session=session)
    memo = session.render.pages
    assert memo.reused == memo.pages > 100
    assert all(known.record is records[path]
               for path, known in session.checked.checked.items())


def test_a_session_forgets_the_files_that_are_gone(project: Path):
    session = Session()
    extra = project / "data" / "sources" / "zz-gone.yaml"
    write(extra, NEW_SOURCE)
    try:
        build(project / "data", root=project, session=session)
        assert any("zz-gone" in key for key in session.files.readings)
        assert any("zz-gone" in path for path in session.checked.checked)
    finally:
        extra.unlink()
    build(project / "data", root=project, session=session)
    assert not any("zz-gone" in key for key in session.files.readings)
    assert not any("zz-gone" in path for path in session.checked.checked)


def _another(site: Site, field: dataclasses.Field) -> object:
    """A value of one of `Site`'s settings other than `site`'s."""
    value = getattr(site, field.name)
    if isinstance(value, str):
        return value + "/other"
    if isinstance(value, bool):
        return not value
    raise AssertionError(f"teach this test another value for Site.{field.name}, and check "
                         "that the preview renders every page again when it changes")


DATES_OF_CHANGE = {"changed", "cut_off"}
"""The settings of `Site` compared page by page, through the files each page shows."""


@pytest.mark.parametrize("setting", [f for f in dataclasses.fields(Site)
                                     if f.name not in DATES_OF_CHANGE], ids=lambda f: f.name)
def test_any_other_setting_of_the_site_renders_every_page_again(setting):
    """A setting pages show (the site's name, its address, or any field `Site` gains)
    must reach every page of the preview, not only those rendered again for another
    reason: the memo compares the whole site but for its dates of change."""
    session = Session()
    site = Site(name="The KB", url="https://example.org/kb/")
    build(MINI / "data", root=MINI, site=site, session=session)
    other = dataclasses.replace(site, **{setting.name: _another(site, setting)})
    again = build(MINI / "data", root=MINI, site=other, session=session)
    assert session.render.pages.reused == 0
    assert again.pages == build(MINI / "data", root=MINI, site=other).pages


_GrownSite = dataclasses.make_dataclass("_GrownSite", [("motto", str, "Sourced")],
                                        bases=(Site,), frozen=True)
"""`Site` with a field it may gain one day."""


def test_a_field_the_site_gains_renders_every_page_again():
    session = Session()
    build(MINI / "data", root=MINI, site=_GrownSite(name="The KB"), session=session)
    build(MINI / "data", root=MINI, site=_GrownSite(name="The KB", motto="Other"),
          session=session)
    assert session.render.pages.reused == 0


def test_a_later_change_to_one_file_renders_again_only_the_pages_showing_it():
    linked = linked_tree(MINI)
    memo = RenderMemo()
    dated = {path: dt.date(2024, 1, 5) for path in linked.kb.paths.values()}
    render(linked, Site(name="The KB", changed=dated), memo)
    ada = linked.kb.paths["ada-example"]
    later = Site(name="The KB", changed={**dated, ada: dt.date(2024, 3, 9)})
    pages = render(linked, later, memo)
    showing = {i for i, shown in linked.page_inputs.items() if "ada-example" in shown}
    assert memo.pages.reused == memo.pages.pages - len(showing) > 0
    assert pages == render(linked, later)


def test_the_network_s_labels_are_placed_again_only_when_what_they_show_changes(
        monkeypatch):
    from kb.pipeline.render import graph

    placed = []
    real = graph.place_labels
    monkeypatch.setattr(graph, "place_labels", lambda *a: placed.append(a) or real(*a))
    linked, layouts, labels = linked_tree(ROOT), {}, graph.Labels()
    first = graph.network_page(linked, layouts, labels)
    assert graph.network_page(linked, layouts, labels) == first and len(placed) == 1
    drawn = next(i for i in linked.kb.kinds if linked.edges_of.get(i))
    entity = linked.kb.entries[drawn]
    linked.kb.entries[drawn] = entity.model_copy(update={"name": entity.name + " Renamed"})
    renamed = graph.network_page(linked, layouts, labels)
    assert len(placed) == 2 and renamed == graph.network_page(linked) != first
