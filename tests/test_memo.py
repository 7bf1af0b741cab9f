"""The live preview's page memo: after any edit, a build that reuses pages gives exactly
the pages of a build from nothing, and it does reuse most of them."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from kb.build import build
from kb.render import Site
from kb.render.memo import PageMemo
from tests.conftest import ROOT

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


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text("utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    path.write_text(changed, "utf-8")


def first_source(data: Path) -> str:
    return sorted(data.glob("sources/*.yaml"))[0].stem


SITE = Site(name="The KB", url="https://example.org/kb/")  # pages cite their dates of change
EDITS = {
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
    "a member added": lambda data: (data / "people/zaid-example.yaml").write_text(
        NEW_MEMBER.format(source=first_source(data)), "utf-8"),
    "the member removed": lambda data: (data / "people/zaid-example.yaml").unlink(),
    "an event's summary reworded": lambda data: edit(
        data / "events/us-strike-kills-abu-taqwa.yaml", r"^(  text: >-\n    )", r"\1Reworded, "),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("memo")
    shutil.copytree(ROOT / "data", root / "data")
    long_ago = dt.datetime(2024, 2, 1).timestamp()  # so that each edit dates its file anew
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (long_ago, long_ago))
    return root


def test_reused_pages_equal_pages_built_from_nothing_after_every_edit(project: Path):
    data = project / "data"
    memo = PageMemo()
    first = build(data, root=project, site=SITE, memo=memo)
    assert first.ok and first.pages == build(data, root=project, site=SITE).pages
    for name, apply in EDITS.items():
        apply(data)
        reused = build(data, root=project, site=SITE, memo=memo)
        fresh = build(data, root=project, site=SITE)
        assert reused.ok, (name, reused.problems[:3])
        different = [p for p in fresh.pages if reused.pages.get(p) != fresh.pages[p]]
        assert not different and set(reused.pages) == set(fresh.pages), (name, different)
        assert 0 < memo.reused < memo.pages, name  # some pages were rendered again


def test_an_unchanged_build_renders_no_entry_page_again(project: Path):
    memo = PageMemo()
    build(project / "data", root=project, memo=memo)
    build(project / "data", root=project, memo=memo)
    assert memo.reused == memo.pages > 100
