"""Shared fixtures: small data trees written inline, and the project's paths."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from kb.pipeline.link import Linked, link
from kb.pipeline.load import load
from kb.pipeline.validate import validate

pytest_plugins = ["tests.needs", "tests.browser"]

# No test asserts a timing (make bench measures speed): property tests have no deadline,
# which on a loaded machine failed tests that were right.
settings.register_profile("kb", deadline=None)
settings.load_profile("kb")

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

SOURCE = """\
title: A report
type: article
outlet: outlet
date: 2024-01-07
"""
OUTLET = """\
name: Outlet
type: news outlet
summary:
  text: A newspaper.
  cite: [report]
"""

DataTree = Callable[[dict[str, str]], Path]

_ISOLATION = re.compile('</?bdi>|[\u2068\u2069]|<span class="kb-anchor" id="[^"]*"></span>')


def reading(text: str) -> str:
    """A page as tests of its wording read it: without the isolation of data text
    (<bdi> in Markdown and HTML, U+2068 and U+2069 in plain text:
    kb.pipeline.render.text.isolate), which tests/test_render.py checks on its own, nor the
    anchors of statements (kb.pipeline.render.anchors), which tests/test_search_index.py checks."""
    return _ISOLATION.sub("", text)


def read_pages(pages: dict[str, str]) -> dict[str, str]:
    """`reading` of every page."""
    return {path: reading(text) for path, text in pages.items()}


_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>")
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>")


def table_rows(page: str) -> list[tuple[str, ...]]:
    """Every row of every table on a generated page (kb.pipeline.render.table writes each row on
    one line), as the Markdown of its cells: header rows too, and a details row as
    (label, value)."""
    return [tuple(_CELL.findall(row)) for row in _ROW.findall(page)]


def linked_tree(root: Path) -> Linked:
    """A project's data, loaded, validated (it must be valid) and linked."""
    kb, problems = validate(load(root / "data", root=root))
    assert problems == []
    return link(kb)


@pytest.fixture
def data_tree(tmp_path: Path) -> DataTree:
    """Write `{relative path: YAML}` under tmp/data, beside a valid source and outlet."""

    def make(files: dict[str, str], *, with_source: bool = True) -> Path:
        base = {"sources/report.yaml": SOURCE, "groups/outlet.yaml": OUTLET} if with_source else {}
        for relative, text in {**base, **files}.items():
            path = tmp_path / "data" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make
