"""Unicode on the built site, in headless Chromium: right-to-left data text keeps its
order among English (issue 15, item 6), and search folds apostrophes as the index does
(item 5). The real site, with two additions: a group whose name has an apostrophe, and
an Arabic quote ending in a full stop on Abu Taqwa's page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from kb.link import link
from kb.load import load
from kb.render import render
from kb.render.text import esc
from kb.validate import validate
from tests.browser import serving
from tests.site import copy_project, mkdocs_build

pytestmark = pytest.mark.browser

ARABIC = "نص تجريبي للاختبار."
"""'A sentence for the test.', ending in a full stop: a test's words, no one's quote."""
GROUP = """\
name: Asa’ib Ahl al-Haq
type: armed group
summary:
  text: An armed group, here to be searched for.
  cite: [vox-2024-01-07]
"""
FACT = f"""\
  - text: A statement carrying a quote in Arabic, for this test.
    cite:
      - source: vox-2024-01-07
        quote:
          text: {ARABIC}
          speaker: harakat-al-nujaba
"""


def augment(project: Path) -> None:
    (project / "data" / "groups" / "asaib-ahl-al-haq.yaml").write_text(GROUP, "utf-8")
    person = project / "data" / "people" / "abu-taqwa.yaml"
    text = person.read_text("utf-8")
    person.write_text(text.replace("\nrelations:\n", "\n" + FACT + "relations:\n", 1), "utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("augmented"))
    augment(root)
    return root


@pytest.fixture(scope="module")
def site_url(project: Path, tmp_path_factory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("augmented-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with serving(site) as (_, address):
        yield address


def test_the_arabic_quote_is_isolated_in_the_markdown(project: Path):
    kb, problems = validate(load(project / "data", root=project))
    assert [p for p in problems if p.severity == "error"] == []
    page = render(link(kb))["people/abu-taqwa.md"]
    assert f"> “<bdi>{ARABIC}</bdi>” — [{esc('Harakat al-Nujaba')}]" in page


def test_an_arabic_quote_keeps_its_full_stop_at_its_end(page: Page, site_url: str):
    """Right to left, the stop ends the sentence at its left, not beside its first word
    at the right (where it stood, unisolated, in an English paragraph)."""
    page.goto(site_url + "/people/abu-taqwa/")
    edges = page.evaluate("""arabic => {
        const walker = document.createTreeWalker(document.querySelector("article"),
                                                 NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode()) && !node.data.includes(arabic)) {}
        const start = node.data.indexOf(arabic);
        const box = at => { const range = document.createRange();
            range.setStart(node, start + at); range.setEnd(node, start + at + 1);
            return range.getBoundingClientRect(); };
        const first = box(0), stop = box(arabic.length - 1);
        return {first: [first.left, first.right], stop: [stop.left, stop.right],
                top: [first.top, stop.top]};
    }""", ARABIC)
    assert abs(edges["top"][0] - edges["top"][1]) < 2  # one line: positions compare
    assert edges["stop"][1] <= edges["first"][0], edges  # the stop left of the first letter


def test_a_name_with_an_apostrophe_is_found_without_it(page: Page, site_url: str):
    # The case of the issue: "Asaib" finds "Asa’ib Ahl al-Haq".
    for query in ("Asaib", "asa'ib ahl al haq", "Asaʼib"):
        page.goto(site_url + "/")
        page.locator(".md-search__input").click()
        page.keyboard.type(query, delay=40)
        first = page.locator(".md-search-result__item h1").first
        first.wait_for(state="visible", timeout=10_000)
        assert first.inner_text() == "Asa’ib Ahl al-Haq", query
